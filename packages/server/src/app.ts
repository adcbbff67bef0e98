import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { OpenAPIHono, createRoute, z, type RouteConfig } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import {
  canView,
  directoryOf,
  eventVisibleTo,
  listConversations,
  transferCandidates,
  type Actor,
  type Command,
  type CommandResult,
  type Conversation,
  type ConversationFilter,
} from '@baton/sdk';
import { REFUSAL_STATUS, problemOf, problemResponse, refusalProblem, type Problem } from './problems.js';
import * as S from './schemas.js';
import type { WorkspaceService } from './service.js';
import { STREAM_HEADERS, eventStream, nodeEventStream } from './stream.js';

/** Who a request comes from: an agent, or the system (an AI agent runtime, the demo's controls). */
export type Identity = { type: 'user'; id: string } | { type: 'system' };

/**
 * Resolves a request to the agent it acts for, or `null` when its credentials are not valid.
 * It runs before the body is read: it may look at the request's headers, not at its body.
 */
export type Authenticate = (request: Request) => string | null | Promise<string | null>;

export interface AppOptions {
  /** Defaults to bearer tokens from the workspace snapshot (`users[].token`). */
  authenticate?: Authenticate;
  /** Bearer token of the system: handoffs, customer messages, settings. None: system routes are closed. */
  systemToken?: string;
  /** Largest request body in bytes (default 64 KiB). */
  bodyLimit?: number;
  /** Heartbeat interval of the event stream (default 15 s). */
  heartbeatMs?: number;
  /** Events an event-stream client that does not read may fall behind by before it is cut off (default 5 000); it resumes with Last-Event-ID. */
  streamBacklog?: number;
}

class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }
}

const bearerOf = (request: Request) => {
  const header = request.headers.get('authorization') ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : null;
};

const sameSecret = (a: string, b: string) => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

/** The default `authenticate`: the bearer token of an agent in the workspace. */
export function snapshotTokens(service: WorkspaceService): Authenticate {
  // Tokens are not changed by commands, so the index is built once.
  const tokens = new Map<string, string>();
  for (const user of service.state.users.values()) if (user.token) tokens.set(user.token, user.id);
  return (request) => {
    const token = bearerOf(request);
    return token ? (tokens.get(token) ?? null) : null;
  };
}

const problemJson = { 'application/problem+json': { schema: S.Problem } };
const errorResponses = (...statuses: number[]) =>
  Object.fromEntries(
    [401, 422, 500, ...statuses].map((status) => [status, { description: DESCRIPTIONS[status], content: problemJson }]),
  );
const DESCRIPTIONS: Record<number, string> = {
  401: 'Missing or invalid credentials.',
  403: 'Refused by the rules: permission, plan, assignee (`plan-required`, `missing-permission`, `not-assignee`, `target-not-permitted`).',
  404: 'No such conversation, or not one the caller may see.',
  409: 'The conversation changed or is in the wrong state (`version-conflict`, `conversation-closed`, `already-assignee`, `not-pending`, `target-unavailable`); carries the current conversation.',
  413: 'The request body is too large.',
  415: 'The request body is not JSON, or declares a charset other than UTF-8.',
  422: 'The request is malformed (including a body that is not valid UTF-8) or can never succeed as written (`invalid-input`, `empty-message`, `team-not-linked`, `no-origin-ai`).',
  500: 'The server failed (never for bad input).',
};
const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
const jsonBody = (schema: z.ZodType, required = true) => ({ body: { required, content: { 'application/json': { schema } } } });

/** The Hono app serving one workspace under `/v1`; `app.fetch` is a standard fetch handler. */
export function createApp(service: WorkspaceService, options: AppOptions = {}) {
  const authenticate = options.authenticate ?? snapshotTokens(service);
  const maxBody = options.bodyLimit ?? 64 * 1024;

  const app = new OpenAPIHono<{ Variables: { identity: Identity } }>({
    defaultHook: (result) => {
      if (!result.success) {
        const issue = result.error.issues[0];
        const unknownKey = issue && 'keys' in issue && Array.isArray(issue.keys) ? String(issue.keys[0]) : undefined;
        const field = [...(issue?.path.map(String) ?? []), ...(unknownKey ? [unknownKey] : [])].join('.') || result.target;
        throw new ProblemError(
          problemOf(422, 'invalid-input', `The ${result.target} is invalid: ${field}: ${issue?.message ?? 'invalid'}.`, {
            params: { field },
          }),
        );
      }
    },
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });

  app.onError((error) => {
    if (error instanceof ProblemError) return problemResponse(error.problem);
    if (error instanceof HTTPException) {
      if (error.status === 413) return problemResponse(problemOf(413, 'invalid-input', `The request body is larger than ${maxBody} bytes.`));
      if (error.status === 415) return problemResponse(problemOf(415, 'invalid-input', 'The request body must be application/json.'));
      if (error.status === 401) return unauthorized();
      // Hono's validator throws 400 for a body that is not valid JSON.
      if (error.status < 500) return problemResponse(problemOf(422, 'invalid-input', `The request is malformed: ${error.message}.`));
    }
    console.error(error);
    return problemResponse(problemOf(500, undefined, 'The server failed to handle this request.'));
  });
  // The methods each route path answers, for a 405's Allow: one entry per path, built on first use.
  let routePaths: { pattern: RegExp; allow: string }[] | undefined;
  const allowedMethods = (path: string) => {
    if (!routePaths) {
      const byPath = new Map<string, string[]>();
      for (const { method, path: routePath } of app.routes) if (method !== 'ALL') byPath.set(routePath, [...new Set([...(byPath.get(routePath) ?? []), method])]);
      routePaths = [...byPath].map(([routePath, methods]) => ({
        pattern: new RegExp(`^${routePath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:\w+/g, '[^/]+')}$`),
        allow: (methods.includes('GET') ? [...methods, 'HEAD'] : methods).join(', '),
      }));
    }
    return routePaths.find((r) => r.pattern.test(path))?.allow;
  };
  app.notFound((c) => {
    const allow = allowedMethods(c.req.path);
    const { pathname } = new URL(c.req.url);
    if (allow) return problemResponse(problemOf(405, 'invalid-input', `${pathname} does not answer ${c.req.method}; it answers ${allow}.`), { allow });
    return problemResponse(problemOf(404, 'not-found', `There is no ${c.req.method} ${pathname}.`));
  });

  const tooLarge = () => problemResponse(problemOf(413, 'invalid-input', `The request body is larger than ${maxBody} bytes.`));
  const limit = bodyLimit({ maxSize: maxBody, onError: tooLarge });
  // JSON is UTF-8 (RFC 8259): a JSON body in another charset, or with bytes that are not UTF-8, is refused, never guessed at.
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const lenient = new TextDecoder();
  const isJson = (type: string) => /^application\/([\w.-]+\+)?json\s*(;|$)/i.test(type);
  /** Hands a body's text to Hono's body cache, where its validators read (its type says the value is a promise). */
  const cacheText = (c: Context, type: string, bytes: Uint8Array) => {
    let text: string;
    try {
      text = (isJson(type) ? utf8 : lenient).decode(bytes);
    } catch {
      throw new ProblemError(problemOf(422, 'invalid-input', 'The request body is not valid UTF-8.'));
    }
    (c.req.bodyCache as { text?: Promise<string> }).text = Promise.resolve(text);
  };
  // Credentials first: a request without them is answered 401 before its body is read.
  app.use('/v1/*', async (c, next) => {
    if (c.req.path === '/v1/openapi.json') return next();
    const token = bearerOf(c.req.raw);
    if (options.systemToken && token && sameSecret(token, options.systemToken)) c.set('identity', { type: 'system' });
    else {
      const userId = await authenticate(c.req.raw);
      if (!userId || !service.state.users.has(userId)) return unauthorized();
      c.set('identity', { type: 'user', id: userId });
    }
    return next();
  });

  // Served by @hono/node-server, the body is read straight from Node's stream: reading it
  // through the web Request would first build that Request, its stream and abort signal,
  // which cost more than the rules and the storage of a command together. Decoded as UTF-8
  // (a BOM dropped), and handed to Hono's body cache, where its validators read.
  app.use('/v1/*', async (c, next) => {
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const type = c.req.header('content-type');
    // Without a content type the route's media type gate looks at the web Request's body itself.
    if (!type) return limit(c, next);
    const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(type)?.[1];
    if (charset !== undefined && !/^utf-?8$/i.test(charset))
      throw new ProblemError(problemOf(415, 'invalid-input', `The request body must be UTF-8, not charset=${charset}.`, { params: { charset } }));
    if (!incoming)
      return limit(c, async () => {
        let bytes: ArrayBuffer;
        try {
          bytes = await c.req.arrayBuffer();
        } catch {
          throw new HTTPException(400, { message: 'the request body was cut off' });
        }
        cacheText(c, type, new Uint8Array(bytes));
        await next();
      });
    if (Number(incoming.headers['content-length']) > maxBody) return tooLarge();
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of incoming as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > maxBody) return tooLarge();
        chunks.push(chunk);
      }
    } catch {
      // The client went away mid-body: answered as a malformed request, as the web Request's read is.
      throw new HTTPException(400, { message: 'the request body was cut off' });
    }
    cacheText(c, type, chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
    return next();
  });
  const route = <R extends RouteConfig>(config: R, handler: (c: Context<{ Variables: { identity: Identity } }>) => Response | Promise<Response>) =>
    app.openapi(createRoute({ security: [{ bearer: [] }], ...config }), handler as never);

  /** The agent behind a request; the system has no inbox of its own. */
  const viewerOf = (c: Context<{ Variables: { identity: Identity } }>): string => {
    const identity = c.get('identity');
    if (identity.type !== 'user')
      throw new ProblemError(problemOf(403, 'missing-permission', 'This needs the credentials of an agent.', { reason: 'agent-only' }));
    return identity.id;
  };
  const visibleConversation = (viewerId: string, id: string): Conversation => {
    const conversation = service.state.conversations.get(id);
    if (!conversation || !canView(service.state, viewerId, conversation))
      throw new ProblemError(problemOf(404, 'not-found', 'This conversation does not exist.', { reason: 'conversation', params: { id } }));
    return conversation;
  };

  /** The actor of a command is the credential's identity; a body may only repeat it. */
  const actorFor = (c: Context<{ Variables: { identity: Identity } }>, claimed: Actor | undefined, agentOnly: boolean): Actor => {
    const identity = c.get('identity');
    if (identity.type === 'user') {
      const actor: Actor = { type: 'user', id: identity.id };
      if (claimed && !(claimed.type === 'user' && claimed.id === identity.id))
        throw new ProblemError(problemOf(403, 'missing-permission', 'You can only act as yourself.', { reason: 'impersonation' }));
      return actor;
    }
    if (agentOnly) viewerOf(c);
    if (claimed && claimed.type === 'user')
      throw new ProblemError(problemOf(403, 'missing-permission', 'The system acts as itself or as an AI agent.', { reason: 'impersonation' }));
    return claimed ?? { type: 'system' };
  };

  /** Runs a command and answers with what the caller may see of its result. */
  const run = (c: Context<{ Variables: { identity: Identity } }>, command: Command): Response => {
    const outcome = service.execute(command);
    const identity = c.get('identity');
    const viewerId = identity.type === 'user' ? identity.id : null;
    if (!outcome.ok) {
      const { refusal } = outcome;
      const current = 'conversationId' in command ? service.state.conversations.get(command.conversationId) : undefined;
      const attach =
        REFUSAL_STATUS[refusal.code] === 409 && !refusal.conversation && current && (viewerId === null || canView(service.state, viewerId, current));
      return problemResponse(refusalProblem(attach ? { ...refusal, conversation: current } : refusal));
    }
    return c.json(visibleResult(outcome.result, viewerId), 200);
  };
  const visibleResult = (result: CommandResult, viewerId: string | null): CommandResult => {
    if (viewerId === null) return result;
    const { state } = service;
    const conversation = result.conversation && canView(state, viewerId, result.conversation) ? result.conversation : null;
    // The previous assignee may still see the conversation as it left them.
    const kept = result.conversation && !conversation && result.events.some((e) => e.type === 'conversation' && eventVisibleTo(state, viewerId, e));
    return {
      events: result.events.filter((event) => eventVisibleTo(state, viewerId, event)),
      conversation: kept ? result.conversation : conversation,
      duplicate: result.duplicate,
    };
  };

  const id = (c: Context) => c.req.param('id') as string;
  const body = <T extends z.ZodType>(c: Context, _schema: T) => (c.req as unknown as { valid(target: 'json'): z.infer<T> }).valid('json');

  // Reads

  route(
    { method: 'get', path: '/v1/me', summary: 'The agent behind the credentials', responses: { 200: json(S.PublicUser, 'The agent.'), ...errorResponses(403) } },
    (c) => {
      const { token: _token, ...user } = service.state.users.get(viewerOf(c))!;
      return c.json(user);
    },
  );
  route(
    { method: 'get', path: '/v1/directory', summary: 'Workspace, teamspaces, teams, agents and AI agents', responses: { 200: json(S.Directory, 'The directory.'), ...errorResponses(403) } },
    (c) => {
      viewerOf(c);
      return c.json(directoryOf(service.state));
    },
  );
  route(
    {
      method: 'get',
      path: '/v1/conversations',
      summary: 'Conversations the agent may see, filtered; most recent activity first',
      request: { query: S.ConversationQuery },
      responses: { 200: json(z.array(S.Conversation), 'The conversations.'), ...errorResponses(403) },
    },
    (c) => {
      const query = (c.req as unknown as { valid(target: 'query'): ConversationFilter }).valid('query');
      return c.json(listConversations(service.state, viewerOf(c), query));
    },
  );
  const conversationRoute = (path: string, summary: string, schema: z.ZodType, read: (viewerId: string, conversation: Conversation) => unknown) =>
    route(
      {
        method: 'get',
        path: `/v1/conversations/{id}${path}`,
        summary,
        request: { params: S.ConversationParams },
        responses: { 200: { ...json(schema, 'Found.'), headers: { ETag: { schema: { type: 'string' }, description: 'The conversation version, quoted.' } } }, 304: { description: 'Not modified since the given ETag.' }, ...errorResponses(403, 404) },
      },
      (c) => {
        const viewerId = viewerOf(c);
        const conversation = visibleConversation(viewerId, id(c));
        const etag = `"${conversation.version}"`;
        if (path === '' && noneMatch(c.req.header('if-none-match'), etag)) return c.body(null, 304, { ETag: etag });
        return c.json(read(viewerId, conversation), 200, path === '' ? { ETag: etag } : {});
      },
    );
  conversationRoute('', 'A conversation (its version also as ETag)', S.Conversation, (_v, conversation) => conversation);
  conversationRoute('/messages', 'Its messages, oldest first', z.array(S.Message), (_v, conversation) => service.state.messages.get(conversation.id) ?? []);
  conversationRoute('/log', 'Its assignment log, oldest first', z.array(S.AssignmentEntry), (_v, conversation) => service.state.log.get(conversation.id) ?? []);
  conversationRoute('/candidates', 'Where it may be transferred, and why not', S.Candidates, (viewerId, conversation) =>
    transferCandidates(service.state, viewerId, conversation.id),
  );

  // Agent commands

  const commandRoute = (path: string, summary: string, schema: z.ZodType, required: boolean, toCommand: (c: Context<{ Variables: { identity: Identity } }>, input: never) => Command) =>
    route(
      {
        method: 'post',
        path: `/v1/conversations/{id}/${path}`,
        summary,
        request: { params: S.ConversationParams, ...jsonBody(schema, required) },
        responses: { 200: json(S.CommandResult, 'Accepted (or a repeated message id: the first result).'), ...errorResponses(403, 404, 409, 413, 415) },
      },
      (c) => run(c, toCommand(c, body(c, schema) as never)),
    );
  const common = (c: Context<{ Variables: { identity: Identity } }>, input: { actor?: Actor; expectedVersion?: number }, agentOnly = true) => ({
    actor: actorFor(c, input.actor, agentOnly),
    conversationId: id(c),
    ...(input.expectedVersion !== undefined ? { expectedVersion: input.expectedVersion } : {}),
  });

  commandRoute('messages', 'Send a message (the assignee); a repeated message id is stored once', S.SendBody, true, (c, input: z.infer<typeof S.SendBody>) => ({
    ...common(c, input),
    type: 'send',
    messageId: input.messageId,
    body: input.body,
  }));
  commandRoute('transfer', 'Transfer to a user, a team or an AI agent, with an optional note', S.TransferBody, true, (c, input: z.infer<typeof S.TransferBody>) => {
    const base = { ...common(c, input), ...(input.note !== undefined ? { note: input.note } : {}) };
    const { target } = input;
    if (target.type === 'user') return { ...base, type: 'transfer', targetUserId: target.userId };
    if (target.type === 'team') return { ...base, type: 'transfer-to-team', teamId: target.teamId };
    return { ...base, type: 'transfer-to-ai', ...(target.aiAgentId !== undefined ? { aiAgentId: target.aiAgentId } : {}) };
  });
  commandRoute('takeover', 'Take over and send, in one step', S.TakeoverBody, true, (c, input: z.infer<typeof S.TakeoverBody>) => ({
    ...common(c, input),
    type: 'takeover',
    messageId: input.messageId,
    body: input.body,
  }));
  commandRoute('claim', 'Claim a pending conversation, optionally with a message', S.ClaimBody, false, (c, input: z.infer<typeof S.ClaimBody>) => ({
    ...common(c, input),
    type: 'claim',
    ...(input.messageId !== undefined ? { messageId: input.messageId } : {}),
    ...(input.body !== undefined ? { body: input.body } : {}),
  }));
  commandRoute('close', 'Close (a livechat goes back to its AI agent)', S.CloseBody, false, (c, input: z.infer<typeof S.CloseBody>) => ({
    ...common(c, input),
    type: 'close',
  }));

  // System commands: an AI agent runtime or the demo's controls, with the system token
  // (admins may also change settings and availability with their own).

  commandRoute('handoff', 'Hand off from the AI agent to people (system token)', S.HandoffBody, true, (c, input: z.infer<typeof S.HandoffBody>) => ({
    ...common(c, input, false),
    type: 'handoff',
    target: input.target.type === 'user' ? { type: 'user', userId: input.target.userId } : input.target.type === 'team' ? { type: 'team', teamId: input.target.teamId } : { type: 'teamspace' },
    ...(input.note !== undefined ? { note: input.note } : {}),
  }));
  commandRoute('inbound', 'A customer message (system token)', S.InboundBody, true, (c, input: z.infer<typeof S.InboundBody>) => ({
    ...common(c, input, false),
    type: 'inbound-message',
    messageId: input.messageId,
    body: input.body,
    ...(input.customer !== undefined ? { customer: input.customer } : {}),
  }));

  const settingsRoute = (method: 'put' | 'patch', path: string, summary: string, schema: z.ZodType, params: z.ZodObject | undefined, toCommand: (c: Context<{ Variables: { identity: Identity } }>, input: never) => Command) =>
    route(
      {
        method,
        path,
        summary,
        request: { ...(params ? { params } : {}), ...jsonBody(schema) },
        responses: { 200: json(S.CommandResult, 'Accepted.'), ...errorResponses(403, 404, 413, 415) },
      },
      (c) => run(c, toCommand(c, body(c, schema) as never)),
    );
  const UserParams = z.strictObject({ id: S.Id.openapi({ param: { name: 'id', in: 'path' } }) });
  settingsRoute('put', '/v1/users/{id}/availability', "Set an agent's availability (themselves, an admin or the system)", S.AvailabilityBody, UserParams, (c, input: z.infer<typeof S.AvailabilityBody>) => ({
    actor: actorFor(c, input.actor, false),
    type: 'set-availability',
    userId: id(c),
    availability: input.availability,
    ...(input.redistribute !== undefined ? { redistribute: input.redistribute } : {}),
  }));
  settingsRoute('patch', '/v1/users/{id}', "Change an agent's role, permissions or active state (admin or system)", S.UserUpdateBody, UserParams, (c, input: z.infer<typeof S.UserUpdateBody>) => ({
    actor: actorFor(c, input.actor, false),
    type: 'update-user',
    userId: id(c),
    ...(input.role !== undefined ? { role: input.role } : {}),
    ...(input.permissions !== undefined ? { permissions: input.permissions } : {}),
    ...(input.active !== undefined ? { active: input.active } : {}),
  }));
  settingsRoute('patch', '/v1/teamspaces/{id}', "Change a teamspace's chat-assignment settings (admin or system)", S.TeamspaceSettingsBody, UserParams, (c, input: z.infer<typeof S.TeamspaceSettingsBody>) => {
    const { actor, ...settings } = input;
    return { actor: actorFor(c, actor, false), type: 'configure-teamspace', teamspaceId: id(c), settings };
  });
  settingsRoute('put', '/v1/workspace/plan', "Change the workspace's plan (admin or system)", S.PlanBody, undefined, (c, input: z.infer<typeof S.PlanBody>) => ({
    actor: actorFor(c, input.actor, false),
    type: 'set-plan',
    plan: input.plan,
  }));

  // Live events

  route(
    {
      method: 'get',
      path: '/v1/events',
      summary: 'Server-sent events the agent may see (the system sees all); resumable with Last-Event-ID',
      request: {
        headers: z.looseObject({
          'last-event-id': z.string().regex(/^\d{1,16}$/).optional().openapi({ description: 'The id of the last event received: the stream resumes after it (0: from the first event). An id of another history gets a `reset` event.' }),
        }),
      },
      responses: {
        200: { description: 'A text/event-stream of `event: baton` messages whose data is an Event, plus heartbeat comments.', content: { 'text/event-stream': { schema: z.string() } } },
        ...errorResponses(),
      },
    },
    (c) => {
      // Hono answers HEAD through the GET route; a stream written to Node's response would race its answer.
      if (c.req.method === 'HEAD') return c.body(null, 200, STREAM_HEADERS);
      const identity = c.get('identity');
      const header = c.req.header('last-event-id');
      const stream = {
        viewerId: identity.type === 'user' ? identity.id : null,
        after: header === undefined ? null : Number(header),
        heartbeatMs: options.heartbeatMs ?? 15_000,
        backlog: options.streamBacklog ?? 5_000,
      };
      const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
      return outgoing ? nodeEventStream(service, stream, outgoing) : eventStream(service, { ...stream, signal: c.req.raw.signal });
    },
  );

  route(
    {
      method: 'get',
      path: '/v1/openapi.json',
      summary: 'This document (no credentials needed)',
      security: [],
      responses: { 200: json(z.looseObject({ openapi: z.string() }), 'The OpenAPI 3.1 document.') },
    },
    (c) =>
    c.json(
      app.getOpenAPI31Document({
        openapi: '3.1.0',
        info: { title: 'Baton', version: '1.0.0', description: 'Conversation transfers and takeovers: the rules of @baton/sdk over HTTP. A method a path does not answer gets 405 with `Allow`, as problem details.' },
      }),
    ),
  );

  return app;
}

/** RFC 9110 §13.1.2: `*` matches any current representation, a list matches when one of its tags does, weakly. */
function noneMatch(header: string | undefined, etag: string) {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  for (const [, tag] of header.matchAll(/(?:W\/)?("[^"]*")/g)) if (tag === etag) return true;
  return false;
}

function unauthorized() {
  return problemResponse(problemOf(401, 'missing-permission', 'Sign in: send a valid bearer token.', { reason: 'unauthenticated' }), {
    'www-authenticate': 'Bearer',
  });
}

export type BatonApp = ReturnType<typeof createApp>;
