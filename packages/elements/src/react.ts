import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import './define.js';
import { BatonMessageEditor } from './message-editor/baton-message-editor.js';
import { BatonProvider } from './provider/baton-provider.js';
import type { BatonEventMap } from './shared/events.js';

const event = <K extends keyof BatonEventMap>(name: K) => name as EventName<BatonEventMap[K]>;

/** `<baton-provider>` for React: pass `client`, or `backend` and `userId`. */
export const BatonProviderReact = createComponent({
  react: React,
  tagName: 'baton-provider',
  elementClass: BatonProvider,
  displayName: 'BatonProvider',
});

/** `<baton-message-editor>` for React, with an `on…` prop per Baton event. */
export const BatonMessageEditorReact = createComponent({
  react: React,
  tagName: 'baton-message-editor',
  elementClass: BatonMessageEditor,
  displayName: 'BatonMessageEditor',
  events: {
    onBatonSendRequest: event('baton-send-request'),
    onBatonSend: event('baton-send'),
    onBatonTakeoverRequest: event('baton-takeover-request'),
    onBatonTakeover: event('baton-takeover'),
    onBatonClaimRequest: event('baton-claim-request'),
    onBatonClaim: event('baton-claim'),
    onBatonTransferRequest: event('baton-transfer-request'),
    onBatonTransfer: event('baton-transfer'),
    onBatonTransferToTeamRequest: event('baton-transfer-to-team-request'),
    onBatonTransferToTeam: event('baton-transfer-to-team'),
    onBatonTransferToAiRequest: event('baton-transfer-to-ai-request'),
    onBatonTransferToAi: event('baton-transfer-to-ai'),
    onBatonCloseRequest: event('baton-close-request'),
    onBatonClose: event('baton-close'),
    onBatonError: event('baton-error'),
  },
});

export { BatonProviderReact as BatonProvider, BatonMessageEditorReact as BatonMessageEditor };
