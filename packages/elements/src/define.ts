/** Registers every Baton element (each warns instead of throwing when its tag is taken). */
import './provider/baton-provider.define.js';
import './message-editor/baton-message-editor.define.js';
