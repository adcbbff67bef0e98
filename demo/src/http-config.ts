/**
 * What the page and the in-process server agree on in HTTP mode. The sandbox is a local
 * playground, so the system token (the control panel's credentials) is not a secret.
 */
export const SYSTEM_TOKEN = 'sandbox-system-token';
/** Sandbox-only routes of the dev server (reset), outside Baton's `/v1`. */
export const SANDBOX_ROUTE = '/__sandbox';
/** Each demo agent's bearer token, as the demo workspace defines it. */
export const tokenOf = (userId: string): string => `token-${userId}`;
