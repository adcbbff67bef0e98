export * from './core.js';
export { listConversations, transferCandidates, matchesFilter, directoryOf } from './queries/queries.js';
export type {
  ConversationFilter,
  Candidates,
  CandidateUser,
  CandidateTeam,
  CandidateAi,
} from './queries/queries.js';
export { BatonError, isBatonError } from './backends/backend.js';
export type { Backend, CommandResult, EventListener } from './backends/backend.js';
export { createMemoryBackend } from './backends/memory.js';
export type { MemoryBackend, MemoryBackendOptions } from './backends/memory.js';
export { createHttpBackend, type HttpBackend, type HttpBackendOptions } from './backends/http.js';
export { createClient, CLIENT_ACTIONS } from './client/client.js';
export type {
  BatonClient,
  ClientOptions,
  ClientAction,
  ActionPermissions,
  ConversationStores,
  ListStore,
  ActionOptions,
} from './client/client.js';
export { demoSnapshot, createDemoSnapshot, DEMO_EPOCH } from './demo-snapshot.js';
