/**
 * Cost of `decide` per command at two workspace sizes: 1,000 conversations / 100 agents and
 * 1,000,000 conversations / 10,000 agents. Teams have 20 members at both sizes (routing
 * looks at one team's members), so the ratio shows what the number of conversations costs.
 * "fetch record" is the floor any design pays: one Map.get of the command's conversation
 * among 1,000 or 1,000,000 records (cache and TLB misses on the large heap); the second
 * ratio is what decide costs beyond it.
 *
 *   pnpm bench:decide          (prints a table; with --json prints the figures as JSON)
 * Run with --expose-gc (the script does) so a full collection happens before each measurement.
 */
import { performance } from 'node:perf_hooks';
import { createState, decide, type Command } from '@baton/sdk';
import { benchWorkspace, TEAM_SIZE } from './workspace.js';

type Kind = 'takeover' | 'transfer' | 'team transfer';

function commandFor(kind: Kind, i: number, conversations: number, agents: number): Command {
  // spread over the whole workspace so the large one is not measured on a warm corner
  const c = (i * 7919) % conversations;
  const holder = c % agents;
  const other = (holder + 1) % agents;
  const conversationId = `c${c}`;
  if (kind === 'takeover')
    return { type: 'takeover', actor: { type: 'user', id: `u${other}` }, conversationId, messageId: `bench-${i}`, body: 'Taking over' };
  if (kind === 'transfer')
    return { type: 'transfer', actor: { type: 'user', id: `u${holder}` }, conversationId, targetUserId: `u${other}` };
  const teams = agents / TEAM_SIZE;
  return { type: 'transfer-to-team', actor: { type: 'user', id: `u${holder}` }, conversationId, teamId: `t${(Math.floor(holder / TEAM_SIZE) + 1) % teams}` };
}

interface Workload {
  conversations: number;
  agents: number;
  state: ReturnType<typeof createState>;
  buildMs: number;
  nsPerCommand: Record<string, number>;
  /** Median ns to fetch one conversation record (Map.get + reading its assignee), same ids. */
  fetchNs?: number;
}

function workload(conversations: number, agents: number): Workload {
  const started = performance.now();
  const state = createState(benchWorkspace({ agents, conversations }));
  return { conversations, agents, state, buildMs: performance.now() - started, nsPerCommand: {} };
}

function round(w: Workload, kind: Kind, index: number, n: number): number {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const result = decide(w.state, commandFor(kind, index * n + i, w.conversations, w.agents), { now: w.conversations + 1 });
    if (!result.ok) throw new Error(`${kind} refused: ${result.code} ${result.message}`);
  }
  return ((performance.now() - t0) * 1e6) / n;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

let sink = 0;
/** The floor: only fetching the command's conversation record from the state, same ids. */
function fetchRound(w: Workload, index: number, n: number): number {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const command = commandFor('takeover', index * n + i, w.conversations, w.agents) as { conversationId: string };
    sink += w.state.conversations.get(command.conversationId)!.assignee!.id.length;
  }
  return ((performance.now() - t0) * 1e6) / n;
}

const small = workload(1_000, 100);
const large = workload(1_000_000, 10_000);
for (const kind of ['takeover', 'transfer', 'team transfer'] as Kind[]) {
  // Collect the garbage of building the states now, so that its full collection is not
  // counted as the cost of the commands measured next.
  globalThis.gc?.();
  // Rounds alternate between the two workspaces, so whatever else the machine is doing
  // weighs on both alike.
  const samples: Record<'small' | 'large', number[]> = { small: [], large: [] };
  for (let r = 0; r < 30; r++) {
    samples.small.push(round(small, kind, r, 2000));
    samples.large.push(round(large, kind, r, 2000));
  }
  small.nsPerCommand[kind] = median(samples.small);
  large.nsPerCommand[kind] = median(samples.large);
}
{
  const samples: Record<'small' | 'large', number[]> = { small: [], large: [] };
  for (let r = 0; r < 30; r++) {
    samples.small.push(fetchRound(small, r, 2000));
    samples.large.push(fetchRound(large, r, 2000));
  }
  small.fetchNs = median(samples.small);
  large.fetchNs = median(samples.large);
  if (sink === 0) throw new Error('unreachable');
}
const kinds = Object.keys(small.nsPerCommand);
const ratios = Object.fromEntries(kinds.map((k) => [k, large.nsPerCommand[k] / small.nsPerCommand[k]]));
const decideRatio = Math.max(...Object.values(ratios));
// What decide costs beyond fetching the one conversation record a command is about.
const beyondFetch = Object.fromEntries(
  kinds.map((k) => [k, (large.nsPerCommand[k] - large.fetchNs!) / (small.nsPerCommand[k] - small.fetchNs!)]),
);
const decideRatioBeyondFetch = Math.max(...Object.values(beyondFetch));
const figures = (w: Workload) => ({ conversations: w.conversations, agents: w.agents, buildMs: w.buildMs, nsPerCommand: w.nsPerCommand, fetchNs: w.fetchNs });

if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ small: figures(small), large: figures(large), ratios, decideRatio, beyondFetch, decideRatioBeyondFetch }));
} else {
  console.log(`decide, median ns per command (30 rounds of 2,000 per size, alternating), Node ${process.version}`);
  console.log('command        | 1k conv / 100 agents | 1M conv / 10k agents | ratio');
  for (const k of kinds)
    console.log(`${k.padEnd(14)} | ${small.nsPerCommand[k].toFixed(0).padStart(20)} | ${large.nsPerCommand[k].toFixed(0).padStart(20)} | ${ratios[k].toFixed(2)}`);
  console.log(`${'fetch record'.padEnd(14)} | ${small.fetchNs!.toFixed(0).padStart(20)} | ${large.fetchNs!.toFixed(0).padStart(20)} | ${(large.fetchNs! / small.fetchNs!).toFixed(2)}`);
  console.log(`worst ratio: ${decideRatio.toFixed(2)} (state built in ${small.buildMs.toFixed(0)} ms and ${large.buildMs.toFixed(0)} ms)`);
  console.log(`worst ratio of what decide costs beyond fetching the conversation record: ${decideRatioBeyondFetch.toFixed(2)}`);
}
