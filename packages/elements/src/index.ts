export { BatonProvider } from './provider/baton-provider.js';
export { BatonMessageEditor } from './message-editor/baton-message-editor.js';
export { clientContext } from './shared/context.js';
export { defineElement } from './shared/define.js';
export { BatonActionEvent, BatonErrorEvent, BatonRequestEvent } from './shared/events.js';
export type { ActionOutcome, ActionPayloads, BatonEventMap, EditorAction } from './shared/events.js';
export { catalogueFor, loadCatalogue, resolveLocale } from './shared/localize.js';
export type { Catalogue } from './shared/localize.js';
export type { Draft, DraftStorage } from './shared/draft-store.js';
