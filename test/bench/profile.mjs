#!/usr/bin/env node
/**
 * Where a V8 CPU profile spends its time: self time grouped by package (or, for our own code,
 * by source file), and the heaviest functions.
 *
 *   BATON_BENCH_CPU_PROF=/tmp/prof pnpm bench:takeover --passes=3 && node test/bench/profile.mjs /tmp/prof/*.cpuprofile
 */
import { readFileSync } from 'node:fs';

for (const file of process.argv.slice(2)) {
  const { nodes, samples, timeDeltas } = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const self = new Map();
  samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const groups = new Map();
  const functions = new Map();
  for (const [id, us] of self) {
    const { callFrame } = byId.get(id);
    const url = callFrame.url || `(${callFrame.functionName || 'native'})`;
    const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url);
    const group = pkg ? pkg[1] : url.replace(/^file:\/\/.*?\/(packages|test)\//, '$1/').replace(/^node:/, 'node:');
    groups.set(group, (groups.get(group) ?? 0) + us);
    const fn = `${callFrame.functionName || '(anonymous)'} ${group}:${callFrame.lineNumber + 1}`;
    functions.set(fn, (functions.get(fn) ?? 0) + us);
  }
  const top = (map, n) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, us]) => `  ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`);
  console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled\nby package or file:\n${top(groups, 15).join('\n')}\nby function:\n${top(functions, 20).join('\n')}`);
}
