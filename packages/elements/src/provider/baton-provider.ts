import { provide } from '@lit/context';
import { createClient, type Backend, type BatonClient } from '@baton/sdk';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
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

  /** The client to provide. Takes precedence over `backend` + `userId`. */
  @provide({ context: clientContext })
  @property({ attribute: false })
  client: BatonClient | undefined;

  /** A backend (memory or HTTP) to build a client from, together with `user-id`. */
  @property({ attribute: false })
  backend: Backend | undefined;

  /** The agent the built client acts as. */
  @property({ attribute: 'user-id', reflect: true })
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
