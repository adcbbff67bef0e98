/** Starts a benchmark server (server-process.ts, or floor-server.ts) as a child process and waits for its URL. */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { benchDir } from './browser.js';
import type { FloorServerOptions } from './floor-server.js';
import type { ServerProcessOptions } from './server-process.js';

export interface ServerProcess {
  url: string;
  pid: number;
  /** CPU seconds the server has used so far (user and system), from /proc; undefined elsewhere. */
  cpuSeconds(): number | undefined;
  stop(): Promise<void>;
}

const ticksPerSecond = existsSync('/proc/self/stat') ? Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })) || 100 : 0;

function cpuSecondsOf(pid: number): number | undefined {
  if (!ticksPerSecond) return undefined;
  // Fields 14 and 15 of /proc/PID/stat, after the command name in parentheses.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

/**
 * `BATON_BENCH_CPU_PROF=DIR` writes a V8 CPU profile of the server to DIR (see profile.mjs).
 * `script` is another server of the benchmarks (floor-server.ts), with its own options.
 */
export async function spawnServer(options: ServerProcessOptions | FloorServerOptions, script = 'server-process.ts'): Promise<ServerProcess> {
  const prof = process.env.BATON_BENCH_CPU_PROF;
  const flags = ['--conditions=source', '--import', 'tsx', ...(prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : [])];
  const child = spawn(process.execPath, [...flags, join(benchDir, script), JSON.stringify(options)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`The benchmark server exited (${code}) before listening`)));
    createInterface({ input: child.stdout! }).once('line', (line) => resolve(JSON.parse(line).url));
  });
  return {
    url,
    pid: child.pid!,
    cpuSeconds: () => cpuSecondsOf(child.pid!),
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
