import { ContextProvider } from '@lit/context';
import { createClient, type Backend, type BatonClient } from '@baton/sdk';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { clientContext } from '../shared/context.js';

/**
 * Gives every Baton element inside it the client of one agent, through `@lit/context`.
 * Set `client`, or set `backend` and `user-id` and the provider creates (and later
 * destroys) a client itself.
 *
 * @tagname baton-provider
 * @summary Provides the Baton client to descendant elements.
 * @slot - Content that uses the client, such as `<baton-message-editor>`.
 * @csspart base - The wrapper around the slotted content (`display: contents`).
 */
export class BatonProvider extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
    [part='base'] {
      display: contents;
    }
  `;

  // Declared here rather than with decorators: smaller once bundled.
  static override properties = {
    client: { attribute: false },
    backend: { attribute: false },
    userId: { attribute: 'user-id', reflect: true },
  };

  private readonly provider = new ContextProvider(this, { context: clientContext });

  /** The client to provide. Takes precedence over `backend` + `userId`. */
  get client(): BatonClient | undefined {
    return this.provider.value;
  }
  set client(client: BatonClient | undefined) {
    // Lit wraps this accessor: setting it also schedules an update.
    this.provider.setValue(client);
  }

  /** A backend (memory or HTTP) to build a client from, together with `user-id`. */
  backend: Backend | undefined;

  /** The agent the built client acts as. */
  userId: string | undefined;

  private ownClient: BatonClient | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.ensureClient();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('backend') || changed.has('userId')) {
      this.dropOwnClient();
      this.ensureClient();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Stops its live events; reconnecting builds a fresh client.
    this.dropOwnClient();
  }

  private ensureClient() {
    if (!this.isConnected || this.ownClient || this.client || !this.backend || !this.userId) return;
    this.ownClient = createClient({ backend: this.backend, userId: this.userId });
    this.client = this.ownClient;
  }

  private dropOwnClient() {
    if (!this.ownClient) return;
    this.ownClient.destroy();
    if (this.client === this.ownClient) this.client = undefined;
    this.ownClient = undefined;
  }

  protected override render() {
    return html`<div part="base"><slot></slot></div>`;
  }
}
