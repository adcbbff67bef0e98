import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's Chromium, headless. As root it needs --no-sandbox; the background-networking
 * flags keep it from calling out of a machine that has no network but the package registries.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}
