/** The rules alone: domain types, `decide`, `can`, routing and the state they read. No I/O. */
export * from './domain/types.js';
export * from './domain/commands.js';
export { decide, can } from './rules/decide.js';
export type { Accepted, Rejected, DecideResult, DecideOptions, ActionName } from './rules/decide.js';
export { canView, eventFor, eventVisibleTo } from './rules/visibility.js';
export { effectiveMethod, METHOD_PLAN, planAtLeast } from './rules/permissions.js';
export { createState, applyEvent, applyEvents, toSnapshot, cloneState } from './state/state.js';
export type { WorkspaceState, Indexes } from './state/state.js';
export { LIMITS } from './rules/validate.js';
