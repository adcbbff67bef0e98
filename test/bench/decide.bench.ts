/**
 * Cost of `decide` per command at two workspace sizes: 1,000 conversations / 100 agents and
 * 1,000,000 conversations / 10,000 agents. Teams have 20 members at both sizes (routing
 * looks at one team's members). Two access patterns:
 *
 * - same commands: at both sizes the commands go to the same 1,000 conversations, held by
 *   the same 100 agents in the same 5 teams; the large workspace holds 999,000 more
 *   conversations and 9,900 more agents besides. The ratio is what the size of the workspace
 *   adds to a command when its records are as warm as at 1k: a scan over conversations or
 *   agents anywhere in a command would multiply it by hundreds.
 * - spread: every command goes to another conversation, spread over the whole workspace
 *   (stride 7919), so at 1M nearly every record a command reads is cold in the CPU caches.
 * "fetch record" is the floor any design pays: building the command and one Map.get of its
 * conversation among 1,000 or 1,000,000 records, with the same ids; "beyond" ratios are what
 * decide costs beyond it.
 * `decideRatio` is the worst command of both patterns. Also: the transfer dialog's candidate
 * list at 10,000 agents, all allowed and all refused.
 *
 *   pnpm bench:decide          (prints a table; with --json prints the figures as JSON)
 * Run with --expose-gc (the script does) so a full collection happens before each measurement.
 */
import { performance } from 'node:perf_hooks';
import { createState, decide, transferCandidates, type Command } from '@baton/sdk';
import { benchWorkspace, TEAM_SIZE } from './workspace.js';

type Kind = 'takeover' | 'transfer' | 'team transfer';
type Pattern = 'same' | 'spread';
const KINDS: Kind[] = ['takeover', 'transfer', 'team transfer'];

/** The working set of the `same` pattern: 1,000 conversations of 100 agents (5 teams). */
const HOT_AGENTS = 100;
const HOT_CONVERSATIONS = 1_000;

/** The conversation of the i-th command; conversation `c{n}` is held by agent `u{n % agents}`. */
function conversationFor(pattern: Pattern, i: number, conversations: number, agents: number): number {
  if (pattern === 'spread') return (i * 7919) % conversations;
  // The k-th hot conversation: holder k % 100, and the (k / 100)-th conversation that holder has.
  const k = (i * 7919) % HOT_CONVERSATIONS;
  return (k % HOT_AGENTS) + agents * Math.floor(k / HOT_AGENTS);
}

function commandFor(kind: Kind, pattern: Pattern, i: number, conversations: number, agents: number): Command {
  const c = conversationFor(pattern, i, conversations, agents);
  const holder = c % agents;
  // Someone in the working set: the next agent (of the hot 100 in the `same` pattern).
  const pool = pattern === 'same' ? HOT_AGENTS : agents;
  const other = (holder + 1) % pool;
  const conversationId = `c${c}`;
  if (kind === 'takeover')
    return { type: 'takeover', actor: { type: 'user', id: `u${other}` }, conversationId, messageId: `bench-${i}`, body: 'Taking over' };
  if (kind === 'transfer')
    return { type: 'transfer', actor: { type: 'user', id: `u${holder}` }, conversationId, targetUserId: `u${other}` };
  const teams = pool / TEAM_SIZE;
  return { type: 'transfer-to-team', actor: { type: 'user', id: `u${holder}` }, conversationId, teamId: `t${(Math.floor(holder / TEAM_SIZE) + 1) % teams}` };
}

interface Workload {
  conversations: number;
  agents: number;
  state: ReturnType<typeof createState>;
  buildMs: number;
  nsPerCommand: Record<Pattern, Record<string, number>>;
  /** Median ns to build a command and fetch its conversation record (Map.get + its assignee), per pattern. */
  fetchNs: Partial<Record<Pattern, number>>;
}

function workload(conversations: number, agents: number): Workload {
  const started = performance.now();
  const state = createState(benchWorkspace({ agents, conversations }));
  return { conversations, agents, state, buildMs: performance.now() - started, nsPerCommand: { same: {}, spread: {} }, fetchNs: {} };
}

function round(w: Workload, kind: Kind, pattern: Pattern, index: number, n: number): number {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const result = decide(w.state, commandFor(kind, pattern, index * n + i, w.conversations, w.agents), { now: w.conversations + 1 });
    if (!result.ok) throw new Error(`${kind} refused: ${result.code} ${result.message}`);
  }
  return ((performance.now() - t0) * 1e6) / n;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

let sink = 0;
/** The floor of a pattern: only building the command and fetching its conversation record from the state. */
function fetchRound(w: Workload, pattern: Pattern, index: number, n: number): number {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const command = commandFor('takeover', pattern, index * n + i, w.conversations, w.agents) as { conversationId: string };
    sink += w.state.conversations.get(command.conversationId)!.assignee!.id.length;
  }
  return ((performance.now() - t0) * 1e6) / n;
}

/** Rounds alternate between the two workspaces, so whatever else the machine does weighs on both alike. */
function alternate(measure: (w: Workload, r: number) => number, small: Workload, large: Workload) {
  // Collect the garbage of what ran before now, so that its collection is not counted here.
  globalThis.gc?.();
  const samples = { small: [] as number[], large: [] as number[] };
  for (let r = 0; r < 30; r++) {
    samples.small.push(measure(small, r));
    samples.large.push(measure(large, r));
  }
  return { small: median(samples.small), large: median(samples.large) };
}

const small = workload(1_000, 100);
const large = workload(1_000_000, 10_000);
for (const pattern of ['same', 'spread'] as Pattern[])
  for (const kind of KINDS) {
    const ns = alternate((w, r) => round(w, kind, pattern, r, 2000), small, large);
    small.nsPerCommand[pattern][kind] = ns.small;
    large.nsPerCommand[pattern][kind] = ns.large;
  }
for (const pattern of ['same', 'spread'] as Pattern[]) {
  const ns = alternate((w, r) => fetchRound(w, pattern, r, 2000), small, large);
  small.fetchNs[pattern] = ns.small;
  large.fetchNs[pattern] = ns.large;
}
if (sink === 0) throw new Error('unreachable');
const ratiosOf = (pattern: Pattern) => Object.fromEntries(KINDS.map((k) => [k, large.nsPerCommand[pattern][k] / small.nsPerCommand[pattern][k]]));
// What decide costs beyond fetching the one conversation record a command is about.
const beyondOf = (pattern: Pattern) =>
  Object.fromEntries(
    KINDS.map((k) => [
      k,
      (large.nsPerCommand[pattern][k] - large.fetchNs[pattern]!) / (small.nsPerCommand[pattern][k] - small.fetchNs[pattern]!),
    ]),
  );
const worst = (byKind: Record<string, number>) => Math.max(...Object.values(byKind));
const ratios = { same: ratiosOf('same'), spread: ratiosOf('spread') };
const beyondFetch = { same: beyondOf('same'), spread: beyondOf('spread') };
const decideRatioSame = worst(ratios.same);
const decideRatioSpread = worst(ratios.spread);
// The figure the target is about: the worst command of either pattern.
const decideRatio = Math.max(decideRatioSame, decideRatioSpread);
const decideRatioSameBeyondFetch = worst(beyondFetch.same);
const decideRatioSpreadBeyondFetch = worst(beyondFetch.spread);
// The transfer dialog's candidate list (`transferCandidates`: `can` for every agent) at 10,000
// agents, all online (every candidate allowed) and all away in a teamspace that checks
// availability (every candidate refused): what a refusal costs beside an acceptance.
function candidatesMs(awayEvery: number): number {
  const state = createState(benchWorkspace({ agents: 10_000, conversations: 1_000, awayEvery }));
  const samples: number[] = [];
  for (let r = 0; r < 40; r++) {
    const t0 = performance.now();
    const { users } = transferCandidates(state, 'u0', 'c0');
    samples.push(performance.now() - t0);
    if (users.length !== 9_999 || users.some((u) => u.decision.allowed !== (awayEvery === 0))) throw new Error('unexpected candidates');
  }
  return median(samples.slice(10));
}
const candidates = { online: candidatesMs(0), away: candidatesMs(1) };
const figures = (w: Workload) => ({ conversations: w.conversations, agents: w.agents, buildMs: w.buildMs, nsPerCommand: w.nsPerCommand, fetchNs: w.fetchNs });

if (process.argv.includes('--json')) {
  console.log(
    JSON.stringify({
      small: figures(small),
      large: figures(large),
      ratios,
      beyondFetch,
      decideRatio,
      decideRatioSame,
      decideRatioSpread,
      decideRatioSameBeyondFetch,
      decideRatioSpreadBeyondFetch,
      candidatesMs: candidates,
    }),
  );
} else {
  const cell = (n: number) => n.toFixed(0).padStart(20);
  console.log(`decide, median ns per command (30 rounds of 2,000 per size, alternating), Node ${process.version}`);
  for (const pattern of ['same', 'spread'] as Pattern[]) {
    console.log(
      pattern === 'same'
        ? '\nsame commands (1,000 conversations of 100 agents at both sizes)'
        : '\nspread (each command on another conversation across the whole workspace)',
    );
    console.log('command        | 1k conv / 100 agents | 1M conv / 10k agents | ratio');
    for (const k of KINDS)
      console.log(`${k.padEnd(14)} | ${cell(small.nsPerCommand[pattern][k])} | ${cell(large.nsPerCommand[pattern][k])} | ${(large.nsPerCommand[pattern][k] / small.nsPerCommand[pattern][k]).toFixed(2)}`);
    const [f1, f2] = [small.fetchNs[pattern]!, large.fetchNs[pattern]!];
    console.log(`${'fetch record'.padEnd(14)} | ${cell(f1)} | ${cell(f2)} | ${(f2 / f1).toFixed(2)}`);
  }
  console.log(`\nworst ratio: ${decideRatio.toFixed(2)} (same commands ${decideRatioSame.toFixed(2)}, spread ${decideRatioSpread.toFixed(2)})`);
  console.log(
    `beyond fetching the conversation record: same commands ${decideRatioSameBeyondFetch.toFixed(2)}, spread ${decideRatioSpreadBeyondFetch.toFixed(2)}`,
  );
  console.log(`transfer candidates, 10,000 agents: all online ${candidates.online.toFixed(1)} ms, all away ${candidates.away.toFixed(1)} ms (median)`);
  console.log(`state built in ${small.buildMs.toFixed(0)} ms and ${large.buildMs.toFixed(0)} ms`);
}
