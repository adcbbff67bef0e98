import ky, { HTTPError, type KyInstance, type Options } from 'ky';
import { REFUSAL_CODES, type BatonEvent, type Command, type Refusal } from '../domain/commands.js';
import type { AssignmentEntry, Conversation, Directory, Message, PublicUser } from '../domain/types.js';
import type { Candidates, ConversationFilter } from '../queries/queries.js';
import { BatonError, type Backend, type CommandResult, type EventListener } from './backend.js';

export interface HttpBackendOptions {
  /** Where the server is, e.g. `http://127.0.0.1:4010` (the `/v1` prefix is added). */
  baseUrl: string;
  /** Bearer token: an agent's, or the system token for handoffs, customer messages and settings. */
  token: string;
  /** Injected for tests and other platforms; defaults to the global `fetch`. */
  fetch?: typeof fetch;
  /** Per request, in ms (default 10 000). */
  timeout?: number;
  /** Retries of requests that are safe to repeat (reads, commands with a message id) on network errors and 5xx (default 2). */
  retry?: number;
  /** Delay before reconnecting the event stream, doubling up to `max` (ms; default 500 to 10 000). */
  reconnect?: { min?: number; max?: number };
  /** Reconnect when the stream has been silent this long, heartbeats included (ms; default 45 000). */
  idleTimeout?: number;
  /** Told when the event stream fails (it reconnects unless the credentials were refused) or a listener throws. */
  onStreamError?: (error: unknown) => void;
}

export interface HttpBackend extends Backend {
  /** Resolves once the event stream is connected: events from then on reach subscribers. */
  streaming(): Promise<void>;
  /** Ends the event stream for good. */
  close(): void;
}

const CODES = new Set<string>(REFUSAL_CODES);
const RETRY_STATUSES = [500, 502, 503, 504];

/** Turns a problem details response into the `BatonError` the memory backend would throw. */
async function refusalOf(error: unknown): Promise<unknown> {
  if (!(error instanceof HTTPError)) return error;
  let problem: Record<string, unknown>;
  try {
    problem = await error.response.json();
  } catch {
    return error;
  }
  if (typeof problem?.code !== 'string' || !CODES.has(problem.code)) return error;
  const refusal: Refusal = {
    code: problem.code as Refusal['code'],
    message: typeof problem.detail === 'string' ? problem.detail : error.message,
    ...(typeof problem.reason === 'string' ? { reason: problem.reason } : {}),
    ...(problem.params && typeof problem.params === 'object' ? { params: problem.params as Refusal['params'] } : {}),
    ...(problem.conversation && typeof problem.conversation === 'object' ? { conversation: problem.conversation as Conversation } : {}),
  };
  return new BatonError(refusal, error.response.status);
}

const conversationPath = (id: string, rest = '') => `conversations/${encodeURIComponent(id)}${rest}`;

/** The route and body of each command; the server takes the actor from the token and checks it. */
function requestOf(command: Command): { method: 'post' | 'put' | 'patch'; path: string; body: Record<string, unknown>; safe: boolean } {
  const { actor } = command;
  const on = (rest: string, fields: Record<string, unknown>) => {
    const c = command as Extract<Command, { conversationId: string }>;
    const body = { actor, ...(c.expectedVersion !== undefined ? { expectedVersion: c.expectedVersion } : {}), ...fields };
    return { method: 'post' as const, path: conversationPath(c.conversationId, rest), body, safe: typeof fields.messageId === 'string' };
  };
  const note = (value: string | undefined) => (value !== undefined ? { note: value } : {});
  switch (command.type) {
    case 'send':
      return on('/messages', { messageId: command.messageId, body: command.body });
    case 'transfer':
      return on('/transfer', { target: { type: 'user', userId: command.targetUserId }, ...note(command.note) });
    case 'transfer-to-team':
      return on('/transfer', { target: { type: 'team', teamId: command.teamId }, ...note(command.note) });
    case 'transfer-to-ai':
      return on('/transfer', { target: { type: 'ai', ...(command.aiAgentId !== undefined ? { aiAgentId: command.aiAgentId } : {}) }, ...note(command.note) });
    case 'takeover':
      return on('/takeover', { messageId: command.messageId, body: command.body });
    case 'claim':
      return on('/claim', { messageId: command.messageId, body: command.body });
    case 'close':
      return on('/close', {});
    case 'handoff':
      return on('/handoff', { target: command.target, ...note(command.note) });
    case 'inbound-message':
      return on('/inbound', { messageId: command.messageId, body: command.body, customer: command.customer });
    case 'set-availability':
      return {
        method: 'put',
        path: `users/${encodeURIComponent(command.userId)}/availability`,
        body: { actor, availability: command.availability, redistribute: command.redistribute },
        safe: false,
      };
    case 'update-user':
      return {
        method: 'patch',
        path: `users/${encodeURIComponent(command.userId)}`,
        body: { actor, role: command.role, permissions: command.permissions, active: command.active },
        safe: false,
      };
    case 'configure-teamspace':
      return { method: 'patch', path: `teamspaces/${encodeURIComponent(command.teamspaceId)}`, body: { actor, ...command.settings }, safe: false };
    case 'set-plan':
      return { method: 'put', path: 'workspace/plan', body: { actor, plan: command.plan }, safe: false };
    default:
      throw new BatonError({ code: 'invalid-input', message: 'This is not a known command.' });
  }
}

/**
 * The backend interface over HTTP (ky), for the agent (or system) the token belongs to:
 * the server answers every query for that identity, so `viewerId` arguments are not sent.
 * Live events come over server-sent events, reconnecting and resuming with `Last-Event-ID`.
 */
export function createHttpBackend(options: HttpBackendOptions): HttpBackend {
  const base = options.baseUrl.replace(/\/+$/, '');
  const fetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const retries = options.retry ?? 2;
  const api: KyInstance = ky.create({
    prefixUrl: `${base}/v1`,
    headers: { authorization: `Bearer ${options.token}` },
    timeout: options.timeout ?? 10_000,
    fetch: fetchFn,
    retry: 0,
  });
  const retrying = (methods: string[]): Options['retry'] => ({
    limit: retries,
    methods,
    statusCodes: RETRY_STATUSES,
    afterStatusCodes: [503],
    retryOnTimeout: true,
    backoffLimit: 2_000,
  });

  async function get<T>(path: string, searchParams?: Record<string, string>): Promise<T> {
    try {
      return await api.get(path, { searchParams, retry: retrying(['get']) }).json<T>();
    } catch (error) {
      throw await refusalOf(error);
    }
  }

  const stream = createEventStream(`${base}/v1/events`, options, fetchFn);

  return {
    me: () => get<PublicUser>('me'),
    directory: () => get<Directory>('directory'),
    conversations(_viewerId, filter: ConversationFilter = {}) {
      const params: Record<string, string> = {};
      for (const [key, value] of Object.entries(filter)) if (value !== undefined) params[key] = String(value);
      return get<Conversation[]>('conversations', params);
    },
    conversation: (_viewerId, id) => get<Conversation>(conversationPath(id)),
    messages: (_viewerId, id) => get<Message[]>(conversationPath(id, '/messages')),
    log: (_viewerId, id) => get<AssignmentEntry[]>(conversationPath(id, '/log')),
    candidates: (_viewerId, id) => get<Candidates>(conversationPath(id, '/candidates')),
    async execute(command) {
      const request = requestOf(command);
      try {
        // A message id makes a command safe to repeat: the server stores it once.
        return await api(request.path, {
          method: request.method,
          json: request.body,
          retry: request.safe ? retrying([request.method]) : 0,
        }).json<CommandResult>();
      } catch (error) {
        throw await refusalOf(error);
      }
    },
    subscribe: (_viewerId, listener) => stream.add(listener),
    streaming: () => stream.opened,
    close: () => stream.close(),
  };
}

/** One shared event-stream connection: opened with the first listener, closed with the last. */
function createEventStream(url: string, options: HttpBackendOptions, fetchFn: typeof fetch) {
  const listeners = new Set<EventListener>();
  const minDelay = options.reconnect?.min ?? 500;
  const maxDelay = options.reconnect?.max ?? 10_000;
  const idleTimeout = options.idleTimeout ?? 45_000;
  const report = options.onStreamError ?? ((error: unknown) => console.error('baton: event stream', error));
  let lastEventId: string | undefined;
  let closed = false;
  /** The running connection loop, if any; each loop stops only itself. */
  let current: { active: boolean; abort?: AbortController; wake?: () => void } | undefined;
  let markOpen: () => void = () => {};
  const opened = new Promise<void>((resolve) => (markOpen = resolve));

  const dispatch = (type: string, data: string, id: string | undefined) => {
    if (type !== 'baton') return;
    let event: BatonEvent;
    try {
      event = JSON.parse(data);
    } catch (error) {
      return report(error);
    }
    const position = Number(id ?? lastEventId ?? 0);
    for (const listener of [...listeners]) {
      try {
        listener(event, position);
      } catch (error) {
        report(error);
      }
    }
  };

  /** Reads one connection to its end; returns false when it must not reconnect. */
  async function connect(signal: AbortSignal, onOpen: () => void): Promise<boolean> {
    const headers: Record<string, string> = { authorization: `Bearer ${options.token}`, accept: 'text/event-stream' };
    if (lastEventId !== undefined) headers['last-event-id'] = lastEventId;
    const response = await fetchFn(url, { headers, signal });
    if (!response.ok || !response.body) {
      const error = (await refusalOf(new HTTPError(response, new Request(url), {} as never))) as Error;
      report(error);
      // Refused credentials will not get better by retrying.
      return !(response.status === 401 || response.status === 403);
    }
    onOpen();
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    let type = '';
    let data: string[] = [];
    let id: string | undefined;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return true;
      onOpen();
      buffer += value;
      const lines = buffer.split(/\r\n|\r|\n/);
      // A chunk may end inside a line (or between \r and \n): keep the tail for later.
      buffer = lines.pop() ?? '';
      if (buffer === '' && value.endsWith('\r')) buffer = '\r';
      for (const raw of lines) {
        if (raw === '') {
          if (id !== undefined) lastEventId = id;
          if (data.length) dispatch(type || 'message', data.join('\n'), id);
          type = '';
          data = [];
          id = undefined;
          continue;
        }
        if (raw.startsWith(':')) continue;
        const colon = raw.indexOf(':');
        const field = colon < 0 ? raw : raw.slice(0, colon);
        let text = colon < 0 ? '' : raw.slice(colon + 1);
        if (text.startsWith(' ')) text = text.slice(1);
        if (field === 'event') type = text;
        else if (field === 'data') data.push(text);
        else if (field === 'id' && !text.includes('\0')) id = text;
      }
    }
  }

  async function run(loop: NonNullable<typeof current>) {
    let delay = minDelay;
    while (loop.active) {
      const controller = (loop.abort = new AbortController());
      let idle: ReturnType<typeof setTimeout> | undefined;
      const onOpen = () => {
        markOpen();
        delay = minDelay;
        clearTimeout(idle);
        idle = setTimeout(() => controller.abort(), idleTimeout);
      };
      let again = true;
      try {
        again = await connect(controller.signal, onOpen);
      } catch (error) {
        if (loop.active && !controller.signal.aborted) report(error);
      } finally {
        clearTimeout(idle);
      }
      if (!again) loop.active = false;
      if (!loop.active) break;
      const wait = delay / 2 + (Math.random() * delay) / 2;
      delay = Math.min(delay * 2, maxDelay);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        loop.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    if (current === loop) current = undefined;
  }

  const stop = () => {
    if (!current) return;
    current.active = false;
    current.abort?.abort();
    current.wake?.();
    current = undefined;
  };

  return {
    add(listener: EventListener) {
      listeners.add(listener);
      if (!current && !closed) {
        current = { active: true };
        void run(current);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) stop();
      };
    },
    close() {
      closed = true;
      listeners.clear();
      stop();
    },
    opened,
  };
}
