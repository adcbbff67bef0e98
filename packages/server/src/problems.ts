import type { Conversation, Refusal, RefusalCode } from '@baton/sdk';

/**
 * The HTTP status of every refusal code. 403: who you are or your plan does not allow it;
 * 409: the conversation's current state conflicts with the request (retrying after a reload
 * may succeed); 422: the request can never succeed as written; 404: nothing to act on.
 */
export const REFUSAL_STATUS: Record<RefusalCode, 403 | 404 | 409 | 422> = {
  'plan-required': 403,
  'missing-permission': 403,
  'not-assignee': 403,
  'target-not-permitted': 403,
  'not-found': 404,
  'version-conflict': 409,
  'conversation-closed': 409,
  'already-assignee': 409,
  'not-pending': 409,
  'target-unavailable': 409,
  'invalid-input': 422,
  'empty-message': 422,
  'team-not-linked': 422,
  'no-origin-ai': 422,
};

export const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
};

/** An RFC 9457 problem details body, with Baton's refusal fields. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code?: RefusalCode;
  reason?: string;
  params?: Record<string, string | number>;
  conversation?: Conversation;
}

export const problemType = (code: string) => `urn:baton:problem:${code}`;

export function problemOf(status: number, code: RefusalCode | undefined, detail: string, extra: Partial<Problem> = {}): Problem {
  return {
    type: code ? problemType(code) : 'about:blank',
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    ...(code ? { code } : {}),
    ...extra,
  };
}

export function refusalProblem(refusal: Refusal, status = REFUSAL_STATUS[refusal.code]): Problem {
  return problemOf(status, refusal.code, refusal.message, {
    ...(refusal.reason !== undefined ? { reason: refusal.reason } : {}),
    ...(refusal.params !== undefined ? { params: refusal.params } : {}),
    ...(refusal.conversation !== undefined ? { conversation: refusal.conversation } : {}),
  });
}

export function problemResponse(problem: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });
}
