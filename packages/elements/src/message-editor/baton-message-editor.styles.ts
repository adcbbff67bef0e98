import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    --_font: var(--baton-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_font-size: var(--baton-font-size, 0.9375rem);
    --_radius: var(--baton-radius, 8px);
    --_space: var(--baton-space, 0.5rem);
    --_surface: var(--baton-surface, #ffffff);
    --_raised: var(--baton-surface-raised, #ffffff);
    --_hover: var(--baton-hover, #eef1f6);
    --_text: var(--baton-text, #1b1f24);
    --_muted: var(--baton-muted, #545d6a);
    --_border: var(--baton-border, #8a93a0);
    --_accent: var(--baton-accent, #2f4fd0);
    --_accent-text: var(--baton-accent-text, #ffffff);
    --_danger: var(--baton-danger, #b42318);
    --_online: var(--baton-online, #1a7f37);
    --_focus: var(--baton-focus-ring, #2f4fd0);
    --_backdrop: var(--baton-backdrop, rgb(15 20 30 / 0.45));
    --_max-height: var(--baton-editor-max-height, 12rem);
    --_duration: 120ms;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_surface: var(--baton-surface, #1b1f25);
      --_raised: var(--baton-surface-raised, #252a32);
      --_hover: var(--baton-hover, #323844);
      --_text: var(--baton-text, #e9ecf1);
      --_muted: var(--baton-muted, #aab3c0);
      --_border: var(--baton-border, #6c7583);
      --_accent: var(--baton-accent, #9db0ff);
      --_accent-text: var(--baton-accent-text, #0f1320);
      --_danger: var(--baton-danger, #ff9a8f);
      --_online: var(--baton-online, #6fdd8b);
      --_focus: var(--baton-focus-ring, #9db0ff);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    :host {
      --_duration: 0ms;
    }
  }
  :host([hidden]) {
    display: none;
  }

  /* Inherited properties are the only way a host page's CSS reaches in: reset them. */
  .base,
  dialog {
    all: initial;
    display: block;
    box-sizing: border-box;
    font-family: var(--_font);
    font-size: var(--_font-size);
    line-height: 1.45;
    color: var(--_text);
  }
  .base *,
  dialog *,
  dialog *::before,
  dialog *::after {
    box-sizing: border-box;
  }
  .base {
    position: relative;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
  }
  button,
  input,
  textarea {
    font: inherit;
    color: inherit;
    letter-spacing: inherit;
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }

  textarea {
    display: block;
    width: 100%;
    min-height: 2.75rem;
    max-height: var(--_max-height);
    resize: none;
    overflow-y: auto;
    margin: 0;
    padding: calc(var(--_space) * 0.75);
    background: transparent;
    border: 1px solid transparent;
    border-radius: calc(var(--_radius) - 2px);
    text-align: start;
  }
  textarea::placeholder {
    color: var(--_muted);
    opacity: 1;
  }

  .reason,
  .notice {
    margin: calc(var(--_space) / 2) 0 0;
    font-size: 0.875em;
    color: var(--_muted);
  }
  .notice:empty {
    display: none;
  }
  .notice[data-tone='error'] {
    color: var(--_danger);
  }
  .notice-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
  }

  .toolbar {
    display: flex;
    justify-content: flex-end;
    align-items: center;
    gap: var(--_space);
    margin-top: calc(var(--_space) / 2);
  }
  .button {
    display: inline-flex;
    align-items: center;
    gap: 0.35em;
    min-height: 2.25rem;
    padding: 0 0.9rem;
    border-radius: calc(var(--_radius) - 2px);
    border: 1px solid var(--_border);
    background: var(--_raised);
    cursor: pointer;
    white-space: nowrap;
    transition: background-color var(--_duration) ease;
  }
  .button:hover:not([aria-disabled='true']):not(:disabled) {
    background: var(--_hover);
  }
  .button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_accent-text);
    font-weight: 600;
  }
  .button.primary:hover:not([aria-disabled='true']):not(:disabled) {
    filter: brightness(1.08);
    background: var(--_accent);
  }
  .button[aria-disabled='true'],
  .button:disabled {
    cursor: not-allowed;
    opacity: 0.55;
  }
  .icon {
    width: 1.1em;
    height: 1.1em;
    fill: currentColor;
    flex: none;
  }

  .menu-anchor {
    position: relative;
  }
  .menu {
    position: absolute;
    inset-block-end: calc(100% + 4px);
    inset-inline-end: 0;
    z-index: 1;
    min-width: 16rem;
    max-width: min(22rem, 90vw);
    margin: 0;
    padding: 4px;
    background: var(--_raised);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: 0 8px 24px rgb(0 0 0 / 0.18);
    opacity: 1;
    transform: none;
    transition:
      opacity var(--_duration) ease,
      transform var(--_duration) ease;
  }
  .menu[data-below] {
    inset-block-end: auto;
    inset-block-start: calc(100% + 4px);
  }
  .menu[hidden] {
    display: none;
  }
  @starting-style {
    .menu {
      opacity: 0;
      transform: translateY(4px);
    }
  }
  .menu-item {
    display: block;
    padding: 0.45rem 0.6rem;
    border-radius: calc(var(--_radius) - 3px);
    cursor: pointer;
    text-align: start;
  }
  .menu-item:hover:not([aria-disabled='true']),
  .menu-item:focus {
    background: var(--_hover);
  }
  .menu-item:focus {
    outline: 2px solid var(--_focus);
    outline-offset: -2px;
  }
  .menu-item[aria-disabled='true'] {
    cursor: not-allowed;
  }
  .menu-item[aria-disabled='true'] .label {
    color: var(--_muted);
  }
  .menu-item .item-reason {
    display: block;
    font-size: 0.8125em;
    color: var(--_muted);
  }

  dialog {
    width: min(34rem, calc(100vw - 2rem));
    max-height: calc(100vh - 2rem);
    overflow: auto;
    padding: calc(var(--_space) * 2);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: 0 18px 48px rgb(0 0 0 / 0.3);
    position: fixed;
    inset: 0;
    margin: auto;
    height: fit-content;
  }
  dialog:not([open]) {
    display: none;
  }
  dialog::backdrop {
    background: var(--_backdrop);
  }
  h2 {
    margin: 0 0 calc(var(--_space) / 2);
    font-size: 1.15em;
    font-weight: 650;
  }
  .intro {
    margin: 0 0 var(--_space);
    color: var(--_muted);
  }
  .field-label {
    display: block;
    margin: var(--_space) 0 calc(var(--_space) / 2);
    font-weight: 600;
  }
  .text-input {
    display: block;
    width: 100%;
    padding: 0.45rem 0.6rem;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 2px);
  }
  textarea.text-input {
    min-height: 3.5rem;
    resize: vertical;
  }
  .listbox {
    position: relative;
    height: 18.5rem;
    overflow-y: auto;
    margin-top: calc(var(--_space) / 2);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 2px);
    contain: strict;
  }
  .listbox-space {
    position: relative;
  }
  .option {
    position: absolute;
    inset-inline: 0;
    height: 52px;
    padding: 0.35rem 0.6rem;
    overflow: hidden;
    cursor: pointer;
    border-block-end: 1px solid var(--_hover);
  }
  .option[data-active] {
    background: var(--_hover);
    outline: 2px solid var(--_focus);
    outline-offset: -2px;
  }
  .option[aria-selected='true'] .name::after {
    content: ' ✓';
  }
  .option[aria-disabled='true'] {
    cursor: not-allowed;
  }
  .option[aria-disabled='true'] .name {
    color: var(--_muted);
  }
  .option-line {
    display: flex;
    gap: 0.6rem;
    align-items: baseline;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .name {
    flex: 1;
    overflow: hidden;
    text-overflow: ellipsis;
    font-weight: 600;
  }
  .meta {
    font-size: 0.8125em;
    color: var(--_muted);
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .availability::before {
    content: '';
    display: inline-block;
    width: 0.55em;
    height: 0.55em;
    margin-inline-end: 0.3em;
    border-radius: 50%;
    border: 1px solid var(--_muted);
  }
  .availability[data-online]::before {
    background: var(--_online);
    border-color: var(--_online);
  }
  .empty,
  .selected {
    margin: calc(var(--_space) / 2) 0 0;
    color: var(--_muted);
  }
  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
  }
  legend {
    padding: 0;
    font-weight: 600;
    margin-bottom: calc(var(--_space) / 2);
  }
  .team-option {
    display: grid;
    grid-template-columns: auto 1fr;
    column-gap: 0.6rem;
    padding: 0.45rem 0.6rem;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 2px);
    margin-bottom: calc(var(--_space) / 2);
    cursor: pointer;
  }
  .team-option:has(input:checked) {
    border-color: var(--_accent);
    box-shadow: inset 0 0 0 1px var(--_accent);
  }
  .team-option:has(input:disabled) {
    cursor: not-allowed;
  }
  .team-option input {
    grid-row: span 3;
    margin: 0.25rem 0 0;
  }
  .dialog-actions {
    display: flex;
    justify-content: flex-end;
    gap: var(--_space);
    margin-top: calc(var(--_space) * 1.5);
  }
  .dialog-error {
    margin: var(--_space) 0 0;
    color: var(--_danger);
  }
  .dialog-error:empty {
    display: none;
  }
`;
