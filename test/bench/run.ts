/**
 * `pnpm bench`: every benchmark in turn, then test/bench/results.json and a Markdown table of
 * the figures for the README. Timings are for reading, never asserted (machines are noisy);
 * the size budgets are enforced by `pnpm test` (test/bench/size.mjs --check).
 *
 *   pnpm bench [--only=size,decide,picker,takeover,live] [--readme]
 * --readme also rewrites the figures between the bench markers of the root README.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { benchDir, round } from './browser.js';
import { runLive } from './live.bench.js';
import { runPicker } from './picker.bench.js';
// @ts-expect-error plain ES module without types
import { BUDGETS, measureAll } from './size.mjs';
import { runTakeover } from './takeover.bench.js';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromiumPath)) {
  // As scripts/test.mjs does: Chromium comes from Debian's packages on this kind of machine.
  if (process.getuid?.() !== 0) {
    console.error(`Chromium is missing at ${chromiumPath}. Install it with: sudo apt-get install -y chromium`);
    process.exit(1);
  }
  const install = spawnSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null'], { stdio: 'inherit' });
  if (install.status !== 0) process.exit(install.status ?? 1);
}

const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7).split(',');
const wanted = (name: string) => !only || only.includes(name);
const started = performance.now();
const load = [loadavg()[0]];
const results: Record<string, unknown> = {};
const step = async (name: string, run: () => Promise<Record<string, unknown>> | Record<string, unknown>) => {
  if (!wanted(name)) return;
  const t0 = performance.now();
  process.stdout.write(`${name}… `);
  Object.assign(results, await run());
  load.push(loadavg()[0]);
  console.log(`${((performance.now() - t0) / 1000).toFixed(0)} s`);
};

await step('size', async () => {
  const sizes = await measureAll();
  const figures: Record<string, unknown> = {};
  for (const [name, s] of Object.entries(sizes as Record<string, { minBytes: number; gzipBytes: number; brotliBytes: number; heaviest: unknown }>)) {
    figures[`${name}MinBytes`] = s.minBytes;
    figures[`${name}GzipBytes`] = s.gzipBytes;
    figures[`${name}BrotliBytes`] = s.brotliBytes;
    figures[`${name}Heaviest`] = s.heaviest;
  }
  figures.embedGzipBudget = BUDGETS.embed;
  figures.coreGzipBudget = BUDGETS.core;
  figures.embedToShoelace = round((figures.embedGzipBytes as number) / (figures.shoelaceGzipBytes as number));
  return figures;
});

await step('decide', () => {
  const run = spawnSync(process.execPath, ['--expose-gc', '--conditions=source', '--import', 'tsx', join(benchDir, 'decide.bench.ts'), '--json'], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (run.status !== 0) throw new Error(`decide.bench.ts failed: ${run.stderr}`);
  const decide = JSON.parse(run.stdout.trim().split('\n').at(-1)!);
  return {
    decideRatio: round(decide.decideRatio),
    decideRatioSame: round(decide.decideRatioSame),
    decideRatioSpread: round(decide.decideRatioSpread),
    decideRatioSameBeyondFetch: round(decide.decideRatioSameBeyondFetch),
    decideRatioSpreadBeyondFetch: round(decide.decideRatioSpreadBeyondFetch),
    decideSmallNs: decide.small.nsPerCommand,
    decideLargeNs: decide.large.nsPerCommand,
    candidatesOnlineMs: round(decide.candidatesMs.online),
    candidatesAwayMs: round(decide.candidatesMs.away),
    fetchRecordNs: {
      same: { small: Math.round(decide.small.fetchNs.same), large: Math.round(decide.large.fetchNs.same) },
      spread: { small: Math.round(decide.small.fetchNs.spread), large: Math.round(decide.large.fetchNs.spread) },
    },
  };
});

await step('picker', runPicker);
await step('takeover', () => runTakeover({ passes: 10 }));
await step('live', () => runLive({ commands: 100 }));

results.machine = {
  cpu: cpus()[0]?.model.trim(),
  cores: cpus().length,
  memoryGb: round(totalmem() / 1e9, 1),
  os: `${platform()} ${release()}`,
  node: process.version,
  chromium: results.chromium ?? null,
  loadAverage1m: load.map((l) => round(l)),
};
delete results.chromium;
results.ranAt = new Date().toISOString();
results.totalSeconds = Math.round((performance.now() - started) / 1000);
results.command = 'pnpm bench';

const file = join(benchDir, only ? 'results.partial.json' : 'results.json');
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nWrote ${file} in ${results.totalSeconds} s.\n`);
const figures = `${table(results)}\n\n${machineLine(results)}`;
console.log(figures);
if (process.argv.includes('--readme')) {
  if (only) throw new Error('--readme needs a full run (no --only)');
  const readme = join(benchDir, '..', '..', 'README.md');
  const text = readFileSync(readme, 'utf8');
  const block = /(<!-- bench:figures -->\n)[^]*?(\n<!-- \/bench:figures -->)/;
  if (!block.test(text)) throw new Error('README.md has no <!-- bench:figures --> block');
  writeFileSync(readme, text.replace(block, (_, start, end) => `${start}${figures}${end}`));
  console.log('\nUpdated the figures in README.md.');
}

function machineLine(r: Record<string, any>): string {
  const m = r.machine;
  return (
    `Measured ${r.ranAt.slice(0, 16).replace('T', ' ')} UTC by \`pnpm bench\` in ${r.totalSeconds} s on ${m.cpu}, ${m.cores} cores, ` +
    `${m.memoryGb} GB, ${m.os}, Node ${m.node}, Chromium ${m.chromium}. 1-minute load average at the start and after each step ` +
    `(size, decide, picker, takeover, live): ${m.loadAverage1m.join(' → ')}; the machine is shared with other work, and the load counts every process on it, the benchmark's own included.`
  );
}

function table(r: Record<string, any>): string {
  const kb = (bytes: number) => (bytes === undefined ? '–' : `${(bytes / 1000).toFixed(1)} KB`);
  const us = (n: number) => (n === undefined || n === null ? '–' : `${Math.round(n)} µs`);
  const ms = (n: number) => (n === undefined || n === null ? '–' : `${n >= 100 ? Math.round(n).toLocaleString('en') : n.toFixed(1)} ms`);
  const rows: Array<[string, string, string]> = [
    ['embed (Lit, nanostores, ky, SDK, both elements), gzip / brotli', `${kb(r.embedGzipBytes)} / ${kb(r.embedBrotliBytes)}`, '≤ 30 KB gzip (enforced)'],
    ['rules core (`decide`, `can`), gzip / brotli', `${kb(r.coreGzipBytes)} / ${kb(r.coreBrotliBytes)}`, `≤ 5 KB gzip (target; ${kb(BUDGETS.core)} enforced)`],
    ['Shoelace 2.20.1 composer parts + theme, gzip / brotli', `${kb(r.shoelaceGzipBytes)} / ${kb(r.shoelaceBrotliBytes)}`, '–'],
    ['embed ÷ Shoelace (gzip)', `${r.embedToShoelace ?? '–'}`, '≤ 0.5'],
    ['`decide` cost, 1M conv / 10k agents ÷ 1k / 100 (worst command)', `${r.decideRatio ?? '–'}`, '≤ 1.5'],
    ['the same, commands on the same 1,000 conversations at both sizes; beyond fetching the record', `${r.decideRatioSame ?? '–'}; ${r.decideRatioSameBeyondFetch ?? '–'}`, '–'],
    ['the same, commands spread over the workspace; beyond fetching the record', `${r.decideRatioSpread ?? '–'}; ${r.decideRatioSpreadBeyondFetch ?? '–'}`, '–'],
    [
      'fetching one conversation record, 1k / 1M conversations: same; spread',
      r.fetchRecordNs?.same
        ? `${r.fetchRecordNs.same.small} / ${r.fetchRecordNs.same.large} ns; ${r.fetchRecordNs.spread.small} / ${r.fetchRecordNs.spread.large} ns`
        : '–',
      '–',
    ],
    ['transfer candidates (`can` for each of 10,000 agents): all allowed / all refused, median', `${ms(r.candidatesOnlineMs)} / ${ms(r.candidatesAwayMs)}`, '–'],
    ['open the transfer dialog, 10,000 agents (median of 5; first)', `${ms(r.pickerOpenMs)} (${ms(r.pickerOpenFirstMs)})`, '–'],
    ['picker keystroke → painted frame, p50 / p95', `${ms(r.pickerKeystrokeP50Ms)} / ${ms(r.pickerKeystrokeP95Ms)}`, 'p50 ≤ 16 ms'],
    ['sl-select open, same 10,000 options (median of 5; first)', `${ms(r.slSelectOpenMs)} (${ms(r.slSelectOpenFirstMs)})`, '–'],
    ['sl-select keystroke → painted frame, p50 / p95', `${ms(r.slSelectKeystrokeP50Ms)} / ${ms(r.slSelectKeystrokeP95Ms)}`, 'Baton ahead'],
    ['takeover rounds with exactly one winner (warm-up pass included)', `${r.takeoverRoundsWithOneWinner ?? '–'} of ${r.takeoverRounds ?? '–'}`, 'all'],
    [
      'takeovers: requests/s, p50 / p99 (200 clients); server CPU per request',
      `${r.takeoverRequestsPerSecond ?? '–'} req/s, ${ms(r.takeoverP50Ms)} / ${ms(r.takeoverP99Ms)}; ${us(r.takeoverServerCpuUsPerRequest)}`,
      'p99 ≤ 50 ms',
    ],
    [
      'the same load against a server that only parses the body and replies with a refusal (the floor)',
      `${r.takeoverFloorRequestsPerSecond ?? '–'} req/s, ${ms(r.takeoverFloorP50Ms)} / ${ms(r.takeoverFloorP99Ms)}; ${us(r.takeoverFloorServerCpuUsPerRequest)}`,
      '–',
    ],
    ['takeovers in the warm-up pass (not counted above), p99', ms(r.takeoverWarmupP99Ms), '–'],
    ['live: the command\'s own reply, p50 / p99', `${ms(r.liveCommandP50Ms)} / ${ms(r.liveCommandP99Ms)}`, '–'],
    ['live event at each of 500 streams, p50 / p99', `${ms(r.liveEventP50Ms)} / ${ms(r.liveEventP99Ms)}`, 'p99 ≤ 100 ms'],
    ["live change in a second agent's editor DOM, p50 / p99", `${ms(r.liveDomP50Ms)} / ${ms(r.liveDomP99Ms)}`, '–'],
    ['live: the slowest of the warm-up commands (not counted above), at its last stream', ms(r.liveWarmupLastStreamMaxMs), '–'],
  ];
  return ['| figure | measured | target |', '|---|---|---|', ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}
