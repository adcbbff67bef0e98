import { createContext } from '@lit/context';
import type { BatonClient } from '@baton/sdk';

/** The Baton client that `<baton-provider>` gives its descendants. */
export const clientContext = createContext<BatonClient | undefined>(Symbol.for('baton.client'));
