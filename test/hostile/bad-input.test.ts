/**
 * R3: bad input. fast-check builds requests that can never succeed — wrong types, missing and
 * extra fields, `__proto__` and `constructor` keys, huge and odd Unicode, invalid JSON, wrong
 * content types, oversized bodies, unknown ids, forged versions and actors, bad tokens, wrong
 * routes — each starting from a request that would be accepted and carrying at least one fault.
 * Every answer must be a 4xx problem detail with a refusal code (never a 5xx), and the
 * workspace's digest must not move.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { createDemoSnapshot, REFUSAL_CODES } from '@baton/sdk';
import { REFUSAL_STATUS, startServer, type RunningServer } from '@baton/server';
import { digest, size, steppingClock } from './support.js';

const REQUESTS = size(1_000, 10_000);
const SYSTEM_TOKEN = 'bad-input-system-token';
const BODY_LIMIT = 64 * 1024;

interface Template {
  name: string;
  method: 'POST' | 'PUT';
  token: string;
  path: string;
  body: Record<string, unknown>;
  /** Fields the route requires (a request without one is malformed). */
  required: string[];
  /** The route takes a request with no body at all (claim and close: every field is optional). */
  optionalBody?: boolean;
  /** Field → values of the wrong type or out of range for it. */
  wrong: Record<string, fc.Arbitrary<unknown>>;
}

const conversationPath = (id: string, route: string) => `/v1/conversations/${encodeURIComponent(id)}/${route}`;
const notAString = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }));
const badId = fc.oneof(notAString, fc.constant(''), fc.string({ minLength: 201, maxLength: 400 }));
const badVersion = fc.oneof(
  fc.constantFrom('1', 1.5, -1, 2 ** 53, Number.MAX_VALUE, null, true, [1], {}, '0x1'),
  fc.double({ noInteger: true }),
  fc.integer({ max: -1 }),
);
const badTarget = fc.oneof(
  notAString,
  fc.constantFrom({}, { type: 'robot' }, { type: 'user' }, { type: 'user', userId: 5 }, { type: 'team', teamId: '' }, { type: 'ai', aiAgentId: null }, { type: 'user', userId: 'bob', teamId: 'x' }),
);

/** Requests the demo workspace accepts as they are (alice holds c-refund; c-invoice waits in Billing's queue). */
const TEMPLATES: Template[] = [
  {
    name: 'send',
    method: 'POST',
    token: 'token-alice',
    path: conversationPath('c-refund', 'messages'),
    body: { messageId: 'fresh-1', body: 'Hello', expectedVersion: 1 },
    required: ['messageId', 'body'],
    wrong: { messageId: badId, body: fc.oneof(notAString, fc.string({ minLength: 20_001, maxLength: 20_100 })), expectedVersion: badVersion },
  },
  {
    name: 'transfer',
    method: 'POST',
    token: 'token-alice',
    path: conversationPath('c-refund', 'transfer'),
    body: { target: { type: 'user', userId: 'bob' }, note: 'Over to you', expectedVersion: 1 },
    required: ['target'],
    wrong: { target: badTarget, note: fc.oneof(notAString, fc.string({ minLength: 2_001, maxLength: 2_100 })), expectedVersion: badVersion },
  },
  {
    name: 'takeover',
    method: 'POST',
    token: 'token-carol',
    path: conversationPath('c-refund', 'takeover'),
    body: { messageId: 'fresh-2', body: 'Carol here', expectedVersion: 1 },
    required: ['messageId', 'body'],
    wrong: { messageId: badId, body: notAString, expectedVersion: badVersion },
  },
  {
    name: 'claim',
    method: 'POST',
    token: 'token-dave',
    path: conversationPath('c-invoice', 'claim'),
    body: { messageId: 'fresh-3', body: 'Dave here', expectedVersion: 1 },
    required: [],
    optionalBody: true,
    wrong: { messageId: badId, body: notAString, expectedVersion: badVersion },
  },
  {
    name: 'close',
    method: 'POST',
    token: 'token-alice',
    path: conversationPath('c-refund', 'close'),
    body: { expectedVersion: 1 },
    required: [],
    optionalBody: true,
    wrong: { expectedVersion: badVersion },
  },
  {
    name: 'handoff',
    method: 'POST',
    token: SYSTEM_TOKEN,
    path: conversationPath('c-shipping', 'handoff'),
    body: { target: { type: 'team', teamId: 'team-support' }, actor: { type: 'ai', id: 'ai-ava' } },
    required: ['target'],
    wrong: { target: badTarget, actor: fc.constantFrom({ type: 'robot' }, { type: 'ai' }, { type: 'ai', id: '' }, 'ai-ava', { type: 'system', id: 'x' }) },
  },
  {
    name: 'availability',
    method: 'PUT',
    token: 'token-grace',
    path: '/v1/users/grace/availability',
    body: { availability: 'away' },
    required: ['availability'],
    wrong: { availability: fc.oneof(notAString, fc.constantFrom('busy', 'ONLINE', '')) },
  },
  {
    name: 'plan',
    method: 'PUT',
    token: 'token-frank',
    path: '/v1/workspace/plan',
    body: { plan: 'lite' },
    required: ['plan'],
    wrong: { plan: fc.oneof(notAString, fc.constantFrom('platinum', 'Lite', '')) },
  },
];

/** Strings people and attackers paste: markup, bidi overrides, NUL, lone surrogates, emoji, combining marks. */
const oddString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('<script>alert(1)</script>', 'javascript:alert(1)', '\u202Eevil\u202C', '\u0000', '\ud800', '\udfff\ud800', '👩🏽‍💻'.repeat(50), 'e\u0301'.repeat(100), '\uFEFF', '%00', '../../etc/passwd', '__proto__', 'constructor'),
);
const hugeString = fc.oneof(fc.constant('x'.repeat(70_000)), fc.constant('😀'.repeat(20_000)), fc.constant('\u202E'.repeat(30_000)));
const extraKey = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'at', 'actorId', 'version'), oddString.filter((key) => key.length > 0));

/** One fault that makes the request fail whatever else it carries. */
type Fault =
  | { kind: 'wrong-type'; field: string; value: unknown }
  | { kind: 'missing'; field: string }
  | { kind: 'extra'; key: string; value: unknown; nested: boolean }
  | { kind: 'invalid-json'; text: string }
  | { kind: 'content-type'; type: string | null }
  | { kind: 'oversized'; chunked: boolean }
  | { kind: 'unknown-conversation'; id: string }
  | { kind: 'unknown-target'; id: string }
  | { kind: 'forged-version'; version: number }
  | { kind: 'forged-actor'; actor: unknown }
  | { kind: 'token'; value: string | null }
  | { kind: 'route'; method: string; suffix: string };

function faultsFor(template: Template): fc.Arbitrary<Fault> {
  const faults: fc.Arbitrary<Fault>[] = [
    fc.constantFrom(...Object.keys(template.wrong)).chain((field) => template.wrong[field].map((value): Fault => ({ kind: 'wrong-type', field, value }))),
    fc.record({ key: extraKey, value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), oddString), nested: fc.boolean() }).map((f): Fault => ({ kind: 'extra', ...f })),
    fc
      .oneof(
        fc.constantFrom('', '{', '{"messageId":', "{'a':1}", '{"a":1}}', 'NaN', '[]', '"text"', '1', 'null', 'true', '{"body":"\\x"}', '\uFEFF{"a":', '{"a":1,}', '[' .repeat(5_000) + ']'.repeat(5_000), '{"a":'.repeat(3_000)),
        // A byte-order mark before valid JSON may be ignored (RFC 8259 §8.1), so it does not count as a fault.
        oddString.filter((text) => !isJsonObject(text.replace(/^\uFEFF/, ''))),
      )
      .map((text): Fault => ({ kind: 'invalid-json', text })),
    fc
      .constantFrom(null, 'text/plain', 'text/html', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/octet-stream', 'application/jsonp', 'json', 'application/json-seq')
      .map((type): Fault => ({ kind: 'content-type', type })),
    fc.boolean().map((chunked): Fault => ({ kind: 'oversized', chunked })),
    fc.oneof(oddString, hugeString.map((s) => s.slice(0, 150)), fc.constantFrom('__proto__', 'constructor', 'c-nope', '..', 'c-refund/../c-vat'))
      .filter((id) => id.length > 0 && !['c-refund', 'c-invoice', 'c-shipping'].includes(id))
      .map((id): Fault => ({ kind: 'unknown-conversation', id })),
    fc.oneof(fc.integer({ min: 2, max: 1_000 }), fc.constant(0), fc.constant(Number.MAX_SAFE_INTEGER)).map((version): Fault => ({ kind: 'forged-version', version })),
    // Someone other than the credentials: the system may act as itself or an AI agent, never a person.
    fc
      .constantFrom(
        ...(template.token === SYSTEM_TOKEN
          ? [{ type: 'user', id: 'frank' }, { type: 'user', id: 'alice' }, { type: 'ai', id: 'ai-penny' }, { type: 'ai', id: 'ai-nobody' }]
          : [{ type: 'user', id: 'nobody' }, { type: 'system' }, { type: 'ai', id: 'ai-ava' }, { type: 'user', id: '__proto__' }, { type: 'user', id: template.token === 'token-frank' ? 'alice' : 'frank' }]),
      )
      .map((actor): Fault => ({ kind: 'forged-actor', actor })),
    fc.oneof(fc.constantFrom(null, '', 'Bearer', 'Bearer ', 'Bearer token-nobody', 'Basic dG9rZW4tYWxpY2U=', 'Bearer token-alice token-bob', 'bearer\ttoken-nobody'), fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 60 }).map((s) => `Bearer x${s}`))
      .map((value): Fault => ({ kind: 'token', value })),
    fc.record({ method: fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH', 'POST'), suffix: fc.constantFrom('/nope', '/%00', '/..%2f..%2fetc', 'x', '/__proto__') }).map((f): Fault => ({ kind: 'route', ...f })),
  ];
  if (template.required.length) faults.push(fc.constantFrom(...template.required).map((field): Fault => ({ kind: 'missing', field })));
  if (template.name === 'transfer')
    faults.push(
      fc.oneof(oddString, fc.constantFrom('nobody', '__proto__', 'constructor', 'toString')).filter((id) => id.length > 0 && id.length <= 200 && !['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'henry'].includes(id))
        .map((id): Fault => ({ kind: 'unknown-target', id })),
    );
  return fc.oneof(...faults);
}

function isJsonObject(text: string) {
  try {
    const value = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

interface HostileRequest {
  template: string;
  faults: Fault[];
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | Uint8Array | ReadableStream<Uint8Array> | undefined;
}

/** A JSON text with `__proto__` and friends as own keys (JSON.stringify would drop a real prototype). */
function withKey(json: string, key: string, value: unknown): string {
  const inner = json.slice(1, -1);
  const pair = `${JSON.stringify(key)}:${JSON.stringify(value) ?? 'null'}`;
  return `{${inner ? `${inner},` : ''}${pair}}`;
}

function build(template: Template, faults: Fault[]): HostileRequest {
  let method: string = template.method;
  let path = template.path;
  const body: Record<string, unknown> = structuredClone(template.body);
  const extras: { key: string; value: unknown; nested: boolean }[] = [];
  let text: string | null = null;
  let contentType: string | null = 'application/json';
  let authorization: string | null = `Bearer ${template.token}`;
  let oversized: { chunked: boolean } | null = null;
  for (const fault of faults) {
    switch (fault.kind) {
      case 'wrong-type':
        body[fault.field] = fault.value;
        break;
      case 'missing':
        delete body[fault.field];
        break;
      case 'extra':
        extras.push(fault);
        break;
      case 'invalid-json':
        text = fault.text;
        break;
      case 'content-type':
        contentType = fault.type;
        break;
      case 'oversized':
        oversized = fault;
        break;
      case 'unknown-conversation':
        path = path.replace(/\/conversations\/[^/]+\//, `/conversations/${segment(fault.id)}/`).replace(/\/users\/[^/]+\//, `/users/${segment(fault.id)}/`);
        if (!path.includes(segment(fault.id))) path = `/v1/conversations/${segment(fault.id)}/close`;
        break;
      case 'unknown-target':
        body.target = { type: 'user', userId: fault.id };
        break;
      case 'forged-version':
        body.expectedVersion = fault.version;
        break;
      case 'forged-actor':
        body.actor = fault.actor;
        break;
      case 'token':
        authorization = fault.value;
        break;
      case 'route':
        method = fault.method;
        path = `${path}${fault.suffix}`;
        break;
    }
  }
  let json = JSON.stringify(body);
  for (const extra of extras) {
    if (extra.nested && body.target && typeof body.target === 'object' && !Array.isArray(body.target)) {
      const target = withKey(JSON.stringify(body.target), extra.key, extra.value);
      json = json.replace(JSON.stringify(body.target), target);
    } else json = withKey(json, extra.key, extra.value);
  }
  let payload: HostileRequest['body'] = text ?? json;
  if (oversized) {
    const big = withKey(json, 'padding', 'x'.repeat(BODY_LIMIT + 10));
    payload = oversized.chunked ? chunks(big) : big;
  }
  const headers: Record<string, string> = {};
  if (authorization !== null) headers.authorization = authorization;
  if (contentType !== null) headers['content-type'] = contentType;
  // A string body without a content type would be sent as text/plain: send bytes instead.
  else if (typeof payload === 'string') payload = new TextEncoder().encode(payload);
  if (method === 'GET' || method === 'HEAD') payload = undefined;
  return { template: template.name, faults, method, path, headers, body: payload };
}

/** A path segment for any string, lone surrogates included (as the bytes a sloppy client would send). */
function segment(text: string): string {
  return Array.from(text, (ch) => {
    const unit = ch.charCodeAt(0);
    if (ch.length === 1 && unit >= 0xd800 && unit <= 0xdfff)
      return [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    return encodeURIComponent(ch);
  }).join('');
}

function chunks(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, (offset += 8_192)));
    },
  });
}

/** Faults that live in the body or its type: an empty body without a content type leaves none of them. */
const BODY_FAULTS = new Set<Fault['kind']>(['wrong-type', 'missing', 'extra', 'invalid-json', 'content-type', 'forged-version', 'forged-actor', 'unknown-target']);

/**
 * No content type and an empty body is a request without a body, which claim and close take
 * (all their fields are optional): with no fault outside the body it is a valid request.
 */
function isValidBodiless(template: Template, request: HostileRequest) {
  const empty = request.body instanceof Uint8Array && request.body.length === 0;
  return !!template.optionalBody && !('content-type' in request.headers) && empty && request.faults.every((f) => BODY_FAULTS.has(f.kind));
}

const requestArb: fc.Arbitrary<HostileRequest> = fc
  .constantFrom(...TEMPLATES)
  .chain((template) =>
    fc
      .array(faultsFor(template), { minLength: 1, maxLength: 3 })
      .map((faults) => build(template, faults))
      .filter((request) => !isValidBodiless(template, request)),
  );

/** The status each refusal code must come with; 401, 413 and 415 have fixed codes of their own. */
function statusFits(status: number, code: string) {
  if (status === 401) return code === 'missing-permission';
  if (status === 405 || status === 413 || status === 415) return code === 'invalid-input';
  return REFUSAL_STATUS[code as keyof typeof REFUSAL_STATUS] === status;
}

describe('bad input over HTTP', () => {
  let server: RunningServer;
  before(async () => {
    server = await startServer({ seed: createDemoSnapshot(), systemToken: SYSTEM_TOKEN, now: steppingClock(), port: 0 });
  });
  after(() => server?.close());

  it(`${REQUESTS} generated hostile requests: each a 4xx problem detail with a code, the workspace unchanged`, async () => {
    const start = digest(server.service.snapshot());
    const statuses = new Map<number, number>();
    const codes = new Map<string, number>();
    const sent = { count: 0 };
    const firstEventId = server.service.lastEventId;
    await fc.assert(
      fc.asyncProperty(requestArb, async (request) => {
        const response = await fetch(`${server.url}${request.path}`, {
          method: request.method,
          headers: request.headers,
          body: request.body,
          ...(request.body instanceof ReadableStream ? { duplex: 'half' } : {}),
        } as RequestInit);
        sent.count++;
        const text = await response.text();
        const what = `${request.template} with ${request.faults.map((f) => f.kind).join(', ')} → ${response.status} ${text.slice(0, 300)}`;
        assert.ok(response.status >= 400 && response.status < 500, `a 4xx: ${what}`);
        assert.equal(response.headers.get('content-type'), 'application/problem+json', what);
        const problem = JSON.parse(text);
        assert.ok(REFUSAL_CODES.includes(problem.code), `a refusal code: ${what}`);
        assert.equal(problem.status, response.status, what);
        assert.equal(problem.type, `urn:baton:problem:${problem.code}`, what);
        assert.equal(typeof problem.detail, 'string', what);
        assert.ok(statusFits(response.status, problem.code), `status fits the code: ${what}`);
        assert.equal(server.service.lastEventId, firstEventId, `no event: ${what}`);
        assert.equal(digest(server.service.snapshot()), start, `the workspace is unchanged: ${what}`);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        codes.set(problem.code, (codes.get(problem.code) ?? 0) + 1);
      }),
      { numRuns: REQUESTS, endOnFailure: true },
    );
    console.log(`bad input: ${sent.count} requests; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}; codes ${JSON.stringify(Object.fromEntries(codes))}`);
    // The generator reaches every kind of answer a bad request can get.
    for (const status of [401, 403, 404, 409, 413, 415, 422]) assert.ok((statuses.get(status) ?? 0) > 0, `some requests answered ${status}`);
  });

  it('each template alone is accepted (so every refusal above comes from its faults)', async () => {
    for (const template of TEMPLATES) {
      const probe = await startServer({ seed: createDemoSnapshot(), systemToken: SYSTEM_TOKEN, now: steppingClock(), port: 0 });
      try {
        const request = build(template, []);
        const response = await fetch(`${probe.url}${request.path}`, { method: template.method, headers: request.headers, body: request.body as string });
        assert.equal(response.status, 200, `${template.name}: ${await response.text()}`);
      } finally {
        await probe.close();
      }
    }
  });

  it('claim and close without a body are accepted (the bodiless requests the generator leaves out)', async () => {
    for (const template of TEMPLATES.filter((t) => t.optionalBody)) {
      const probe = await startServer({ seed: createDemoSnapshot(), systemToken: SYSTEM_TOKEN, now: steppingClock(), port: 0 });
      try {
        const request = build(template, [{ kind: 'content-type', type: null }, { kind: 'invalid-json', text: '' }]);
        assert.ok(isValidBodiless(template, request), template.name);
        const response = await fetch(`${probe.url}${request.path}`, { method: template.method, headers: request.headers, body: request.body as RequestInit['body'] });
        assert.equal(response.status, 200, `${template.name}: ${await response.text()}`);
        assert.ok(probe.service.lastEventId > 0, `${template.name} changed the workspace`);
      } finally {
        await probe.close();
      }
    }
  });
});
