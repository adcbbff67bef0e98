import { defineElement } from '../shared/define.js';
import { BatonProvider } from './baton-provider.js';

defineElement('baton-provider', BatonProvider);

declare global {
  interface HTMLElementTagNameMap {
    'baton-provider': BatonProvider;
  }
}
