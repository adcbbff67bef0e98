import { defineElement } from '../shared/define.js';
import { BatonMessageEditor } from './baton-message-editor.js';

defineElement('baton-message-editor', BatonMessageEditor);

declare global {
  interface HTMLElementTagNameMap {
    'baton-message-editor': BatonMessageEditor;
  }
}
