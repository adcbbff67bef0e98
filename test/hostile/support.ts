/**
 * What the hostile suites share: one switch between the small size (`pnpm test`) and the
 * soak size (`pnpm test:soak`, BATON_SOAK=1), workspace builders, and a digest of a state.
 */
import { createHash } from 'node:crypto';
import type { Conversation, Permissions, PermissionLevel, User, WorkspaceSnapshot } from '@baton/sdk';

export const SOAK = !!process.env.BATON_SOAK;

/** The small size, or the soak size when BATON_SOAK is set. */
export const size = (small: number, soak: number) => (SOAK ? soak : small);

export const T0 = Date.UTC(2025, 10, 24, 9, 0, 0);

/** A clock that moves one millisecond per reading (the server and memory backend take their time from it). */
export function steppingClock(start = T0) {
  let now = start;
  return () => ++now;
}

export const permissions = (receive: boolean, level: PermissionLevel | null): Permissions => ({
  livechats: { receive, transferTakeover: level },
  tickets: { receive, transferTakeover: level },
});

export function agent(id: string, fields: Partial<User> & { receive?: boolean; level?: PermissionLevel | null } = {}): User {
  const { receive = true, level = 'team', ...rest } = fields;
  return {
    id,
    name: `Agent ${id}`,
    availability: 'online',
    active: true,
    role: 'agent',
    permissions: permissions(receive, level),
    token: `token-${id}`,
    ...rest,
  };
}

export function chat(id: string, fields: Partial<Conversation> = {}): Conversation {
  return {
    id,
    kind: 'livechat',
    status: 'open',
    assignee: null,
    team: null,
    teamspace: 'ts-main',
    origin: 'ai-main',
    subject: `Subject ${id}`,
    customer: `Customer ${id}`,
    version: 1,
    createdAt: T0 - 60_000,
    pendingSince: null,
    lastMessageAt: null,
    ...fields,
  };
}

/** A stable digest of a workspace snapshot: equal digests, equal states. */
export function digest(snapshot: WorkspaceSnapshot): string {
  return createHash('sha256').update(stableJson(snapshot)).digest('hex');
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'undefined';
}

/** Runs `tasks` with at most `width` in flight. */
export async function inParallel<T>(items: readonly T[], width: number, task: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await task(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}

/** Waits (boundedly) until a condition holds. */
export async function eventually(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
