import { ContextConsumer } from '@lit/context';
import {
  isBatonError,
  type ActionPermissions,
  type AssignmentEntry,
  type BatonClient,
  type BatonError,
  type CandidateUser,
  type CommandResult,
  type Conversation,
  type ConversationStores,
  type Decision,
  type Directory,
  type PublicUser,
} from '@baton/sdk';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { clientContext } from '../shared/context.js';
import { defaultDraftStorage, loadDraft, saveDraft, type Draft, type DraftStorage } from '../shared/draft-store.js';
import {
  BatonActionEvent,
  BatonErrorEvent,
  BatonRequestEvent,
  type ActionPayloads,
  type EditorAction,
} from '../shared/events.js';
import { catalogueFor, loadCatalogue, relativeTime, resolveLocale, type Catalogue } from '../shared/localize.js';
import { StoreController } from '../shared/store-controller.js';
import { styles } from './baton-message-editor.styles.js';

/** Height of one candidate row; the list renders only the rows in view. */
const ROW_HEIGHT = 52;
/** Rows rendered above and below the visible ones, so fast scrolling shows no gaps. */
const OVERSCAN = 6;

type Primary = { action: 'send' | 'takeover' | 'claim'; decision: Decision };
type MenuItem = { id: 'transfer' | 'team' | 'ai' | 'close'; label: string; decision: Decision; run: () => void };
type Notice = { text: string; tone: 'info' | 'error' };
type DialogKind = 'transfer' | 'team';

const newMessageId = (): string =>
  typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

const isUser = (assignee: Conversation['assignee'], id: string) => assignee?.type === 'user' && assignee.id === id;

/**
 * The composer of an agent inbox: a message box whose send button follows what the viewer
 * may do (Send, Takeover & Send, Claim & Send), and a menu to transfer the conversation to an
 * agent, a team or its AI agent, or to close it. What the viewer may not do is shown disabled
 * with the reason. It takes its client from `<baton-provider>` (or its `client` property).
 *
 * @tagname baton-message-editor
 * @summary Message composer with the transfer and takeover menu.
 *
 * @csspart base - The composer's frame.
 * @csspart textarea - The message text area.
 * @csspart reason - Why the primary action is not available.
 * @csspart toolbar - The row holding the menu button and the send button.
 * @csspart send-button - The primary button (Send, Takeover & Send, Claim, Claim & Send).
 * @csspart menu-button - The button that opens the actions menu.
 * @csspart menu - The actions menu.
 * @csspart menu-item - Each item of the actions menu.
 * @csspart notice - The polite live region with outcomes, changes and errors.
 * @csspart dialog - Both dialogs (transfer to an agent, transfer to a team).
 * @csspart combobox - The agent search field.
 * @csspart listbox - The list of agents.
 * @csspart option - Each agent in the list.
 * @csspart team-option - Each team in the team dialog.
 * @csspart confirm-button - The confirm button of a dialog.
 *
 * @cssproperty [--baton-font=system-ui] - Font family.
 * @cssproperty [--baton-font-size=0.9375rem] - Base font size.
 * @cssproperty [--baton-radius=8px] - Corner radius.
 * @cssproperty [--baton-space=0.5rem] - Base spacing unit.
 * @cssproperty [--baton-surface=#ffffff] - Background (dark default `#1b1f25`).
 * @cssproperty [--baton-surface-raised=#ffffff] - Background of buttons and the menu.
 * @cssproperty [--baton-hover=#eef1f6] - Background of hovered and active items.
 * @cssproperty [--baton-text=#1b1f24] - Text color.
 * @cssproperty [--baton-muted=#545d6a] - Secondary text color.
 * @cssproperty [--baton-border=#8a93a0] - Border color.
 * @cssproperty [--baton-accent=#2f4fd0] - Primary button and selection color.
 * @cssproperty [--baton-accent-text=#ffffff] - Text on the accent color.
 * @cssproperty [--baton-danger=#b42318] - Error text color.
 * @cssproperty [--baton-online=#1a7f37] - Online availability dot.
 * @cssproperty [--baton-focus-ring=#2f4fd0] - Focus outline color.
 * @cssproperty [--baton-backdrop=rgb(15 20 30 / 0.45)] - Dialog backdrop.
 * @cssproperty [--baton-editor-max-height=12rem] - Height the text area grows to before it scrolls.
 *
 * @event {BatonRequestEvent} baton-send-request - Before sending; cancelable. `payload`: `{ body, messageId }`.
 * @event {BatonActionEvent} baton-send - A message was accepted. `outcome`: version, status, assignee, team, duplicate.
 * @event {BatonRequestEvent} baton-takeover-request - Before Takeover & Send; cancelable.
 * @event {BatonActionEvent} baton-takeover - The viewer took over and the message was sent.
 * @event {BatonRequestEvent} baton-claim-request - Before Claim (or Claim & Send); cancelable.
 * @event {BatonActionEvent} baton-claim - The viewer claimed the conversation from its queue.
 * @event {BatonRequestEvent} baton-transfer-request - Before a transfer to an agent; cancelable. `payload`: `{ targetUserId, note? }`.
 * @event {BatonActionEvent} baton-transfer - The conversation was transferred to an agent.
 * @event {BatonRequestEvent} baton-transfer-to-team-request - Before a transfer to a team; cancelable. `payload`: `{ teamId, note? }`.
 * @event {BatonActionEvent} baton-transfer-to-team - The conversation went to a team (assigned or queued).
 * @event {BatonRequestEvent} baton-transfer-to-ai-request - Before handing back to the AI agent; cancelable.
 * @event {BatonActionEvent} baton-transfer-to-ai - The AI agent holds the conversation again.
 * @event {BatonRequestEvent} baton-close-request - Before closing; cancelable.
 * @event {BatonActionEvent} baton-close - The conversation was closed.
 * @event {BatonErrorEvent} baton-error - An action was refused or failed; `code` is the refusal code.
 */
export class BatonMessageEditor extends LitElement {
  static override styles = styles;
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  /** Takes part in forms: its value is the draft. */
  static formAssociated = true;
  // Declared here rather than with decorators: smaller once bundled.
  static override properties = {
    conversationId: { attribute: 'conversation-id', reflect: true },
    name: { reflect: true },
    client: { attribute: false },
    storage: { attribute: false },
    now: { attribute: false },
    headingLevel: { attribute: 'heading-level', type: Number },
    draft: { state: true, attribute: false },
    busy: { state: true, attribute: false },
    menuOpen: { state: true, attribute: false },
    menuIndex: { state: true, attribute: false },
    menuBelow: { state: true, attribute: false },
    dialog: { state: true, attribute: false },
    search: { state: true, attribute: false },
    activeIndex: { state: true, attribute: false },
    selectedUserId: { state: true, attribute: false },
    selectedTeamId: { state: true, attribute: false },
    note: { state: true, attribute: false },
    dialogError: { state: true, attribute: false },
    selectionNote: { state: true, attribute: false },
    notice: { state: true, attribute: false },
    listScrollTop: { state: true, attribute: false },
    formDisabled: { state: true, attribute: false },
  };

  /** The conversation this composer writes to. */
  conversationId = '';

  /** The form field name of the draft, when inside a `<form>`. */
  name = '';

  /** The Baton client; provided by `<baton-provider>` unless set directly. */
  client: BatonClient | undefined;

  /** Where drafts persist, per conversation and user; `localStorage` by default. */
  storage: DraftStorage | undefined = defaultDraftStorage();

  /** The clock for "2 seconds ago"; injectable for tests. */
  now: () => number = () => Date.now();

  /**
   * The heading level (1–6) of the dialogs' titles. A dialog is rendered inside the editor, so
   * its title takes part in the page's outline: set the level that follows the heading the
   * editor sits under (4 under an `h3`). Numbers outside 1–6 are clamped; anything else gives 2.
   */
  headingLevel = 2;

  private draft: Draft = { body: '', messageId: newMessageId() };
  private busy = false;
  private menuOpen = false;
  private menuIndex = 0;
  /** The menu opens upwards (a composer sits at the bottom) unless there is no room above. */
  private menuBelow = false;
  private dialog: DialogKind | null = null;
  private search = '';
  private activeIndex = -1;
  private selectedUserId: string | null = null;
  private selectedTeamId: string | null = null;
  private note = '';
  private dialogError = '';
  /** Why the picked agent or team was unselected: it may no longer receive the conversation. */
  private selectionNote = '';
  private notice: Notice | null = null;
  private listScrollTop = 0;
  private formDisabled = false;

  private get textarea() {
    return this.renderRoot?.querySelector<HTMLTextAreaElement>('textarea.message');
  }
  private get menuButton() {
    return this.renderRoot?.querySelector<HTMLButtonElement>('.menu-button');
  }
  private get dialogElement() {
    return this.renderRoot?.querySelector('dialog');
  }
  private get listbox() {
    return this.renderRoot?.querySelector<HTMLElement>('.listbox');
  }

  private readonly internals: ElementInternals;
  private stores: ConversationStores | undefined;
  private readonly storesController = new StoreController(this, () => this.followChanges());
  private readonly candidatesController = new StoreController(this);
  private readonly directoryController = new StoreController(this);
  /** Log versions up to this one were seen (or caused by the viewer): not announced. */
  private seenVersion: number | undefined;
  private draftOwner = '';
  /** A dialog just opened and its first field has not had focus yet. */
  private focusPending = false;
  private localeObserver: MutationObserver | undefined;
  /** The catalogue of the resolved language, while it loads (English renders meanwhile). */
  private localeLoad: Promise<unknown> | undefined;
  private filtered: { source: CandidateUser[] | undefined; search: string; users: CandidateUser[] } | undefined;
  private readonly closeMenuOnOutsideClick = (event: Event) => {
    if (!event.composedPath().includes(this)) this.menuOpen = false;
  };

  constructor() {
    super();
    this.internals = this.attachInternals();
    // The client from the nearest <baton-provider>, kept current.
    new ContextConsumer(this, { context: clientContext, subscribe: true, callback: (client) => (this.client = client) });
  }

  /** The draft text. Setting it replaces the draft (and persists it). */
  get value(): string {
    return this.draft.body;
  }
  set value(body: string) {
    this.updateDraft(body);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // lang/dir may change on any ancestor; re-render to pick them up.
    this.localeObserver = new MutationObserver(() => this.requestUpdate());
    this.localeObserver.observe(document.documentElement, { attributes: true, subtree: true, attributeFilter: ['lang', 'dir'] });
    document.addEventListener('click', this.closeMenuOnOutsideClick);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.localeObserver?.disconnect();
    document.removeEventListener('click', this.closeMenuOnOutsideClick);
  }

  formResetCallback(): void {
    this.updateDraft('');
  }

  formDisabledCallback(disabled: boolean): void {
    this.formDisabled = disabled;
  }

  /**
   * Also waits for the catalogue of the element's language and the re-render in it: after
   * `await el.updateComplete`, a German page shows German.
   */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    const load = this.localeLoad;
    if (!load) return done;
    await load;
    return this.getUpdateComplete();
  }

  protected override willUpdate(changed: PropertyValues): void {
    const load = loadCatalogue(resolveLocale(this).lang);
    if (load && !this.localeLoad)
      this.localeLoad = load.then(() => {
        this.localeLoad = undefined;
        this.requestUpdate();
      });
    if (changed.has('client') || changed.has('conversationId')) {
      this.stores = this.client && this.conversationId ? this.client.conversation(this.conversationId) : undefined;
      this.seenVersion = undefined;
      this.notice = null;
      this.storesController.watch(
        this.stores ? [this.stores.$conversation, this.stores.$permissions, this.stores.$log, this.stores.$error] : [],
      );
      this.directoryController.watch(this.client ? [this.client.$directory] : []);
      this.candidatesController.watch(this.dialog && this.stores ? [this.stores.$candidates] : []);
      const owner = `${this.client?.userId}:${this.conversationId}`;
      if (owner !== this.draftOwner) {
        this.draftOwner = owner;
        const stored = this.client ? loadDraft(this.storage, this.client.userId, this.conversationId) : undefined;
        this.draft = stored ?? { body: '', messageId: newMessageId() };
      }
    }
    if (changed.has('dialog')) this.candidatesController.watch(this.dialog && this.stores ? [this.stores.$candidates] : []);
    this.dropUnavailableSelection();
    this.internals.setFormValue(this.draft.body);
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('draft')) this.fitTextarea();
    const dialog = this.dialogElement;
    if (!this.dialog || !dialog) return;
    // Only when it first renders: a dialog closed after its action succeeded stays closed.
    if (changed.has('dialog') && !dialog.open) dialog.showModal();
    // A radio that just became disabled would drop focus to the page: keep it in the dialog.
    if (this.shadowRoot?.activeElement?.matches(':disabled')) this.renderRoot.querySelector<HTMLElement>('dialog .confirm')?.focus();
    // Focus the first field once it exists (the team list renders when candidates arrive).
    const first = this.renderRoot.querySelector<HTMLElement>('dialog [autofocus]');
    if (this.focusPending && first) {
      this.focusPending = false;
      first.focus();
    }
  }

  // ---------------------------------------------------------------- state read from the client

  private get t(): Catalogue {
    return catalogueFor(resolveLocale(this).lang);
  }

  private get conversation(): Conversation | undefined {
    return this.stores?.$conversation.get();
  }

  private get permissions(): ActionPermissions | undefined {
    return this.stores?.$permissions.get();
  }

  private get directory(): Directory | undefined {
    return this.client?.$directory.get();
  }

  private get me(): PublicUser | undefined {
    return this.client?.$me.get();
  }

  private nameOf(who: { type: string; id?: string } | null | undefined): string {
    if (!who || !who.id) return this.t.someone;
    const directory = this.directory;
    const found =
      who.type === 'ai' ? directory?.aiAgents.find((a) => a.id === who.id) : directory?.users.find((u) => u.id === who.id);
    return found?.name ?? who.id;
  }

  private teamName(id: string | null): string {
    return (id && this.directory?.teams.find((t) => t.id === id)?.name) || id || '';
  }

  /** The refusal in the viewer's language. */
  private reasonText(decision: Decision | BatonError['refusal']): string {
    if ('allowed' in decision && decision.allowed) return '';
    return this.t.refusal(decision as BatonError['refusal']);
  }

  /** What the send button does now: Send, Claim (& Send) or Takeover & Send, and whether it may. */
  private get primary(): Primary | undefined {
    const permissions = this.permissions;
    const conversation = this.conversation;
    if (!permissions || !conversation) return undefined;
    if (permissions.send.allowed) return { action: 'send', decision: permissions.send };
    if (conversation.status === 'pending') return { action: 'claim', decision: permissions.claim };
    if (permissions.takeover.allowed) return { action: 'takeover', decision: permissions.takeover };
    if (conversation.status === 'closed') return { action: 'send', decision: permissions.send };
    return { action: 'takeover', decision: permissions.takeover };
  }

  private primaryLabel(primary: Primary): string {
    const t = this.t;
    if (primary.action === 'claim') return this.draft.body.trim() ? t.claimAndSend : t.claim;
    return primary.action === 'takeover' ? t.takeoverAndSend : t.send;
  }

  /** Whether the primary action may run with the draft as it is (a claim needs no message). */
  private primaryRunnable(primary: Primary | undefined): primary is Primary {
    return !!primary?.decision.allowed && (primary.action === 'claim' || this.draft.body.trim() !== '');
  }

  private primaryReady(primary: Primary | undefined): primary is Primary {
    return this.primaryRunnable(primary) && !this.busy && !this.formDisabled;
  }

  /** Announces changes someone else made (a takeover, a transfer to the viewer, a close). */
  private followChanges() {
    const conversation = this.conversation;
    if (!conversation) return;
    if (this.seenVersion === undefined) {
      this.seenVersion = conversation.version;
      return;
    }
    const fresh = (this.stores?.$log.get() ?? []).filter((e) => e.version > this.seenVersion!);
    if (!fresh.length) return;
    this.seenVersion = Math.max(...fresh.map((e) => e.version));
    const others = fresh.filter((e) => !(e.actor.type === 'user' && e.actor.id === this.client?.userId));
    const last = others.at(-1);
    // While the viewer's own action is on its way, its outcome is announced, and says this too.
    if (!last || this.busy) return;
    const actor = last.actor.type === 'system' ? this.t.someone : this.nameOf(last.actor);
    const to = last.to ? this.nameOf(last.to) : this.teamName(last.team);
    let text = this.t.changed[last.action](actor, to);
    if (!last.to && last.status === 'pending') text += ` ${this.t.queued}`;
    this.notice = { text, tone: 'info' };
  }

  // ---------------------------------------------------------------- draft

  private updateDraft(body: string) {
    this.draft = { ...this.draft, body };
    if (this.client) saveDraft(this.storage, this.client.userId, this.conversationId, this.draft);
  }

  /**
   * `sent` was accepted in `conversationId`: its draft keeps what was typed meanwhile (after the
   * sent text, or all of it if edited otherwise), with a new idempotency key.
   */
  private draftAccepted(conversationId: string, sent: string) {
    const client = this.client;
    if (!client) return;
    const here = conversationId === this.conversationId;
    const body = (here ? this.draft : loadDraft(this.storage, client.userId, conversationId))?.body ?? '';
    const draft = { body: body.startsWith(sent) ? body.slice(sent.length).trimStart() : body, messageId: newMessageId() };
    if (here) this.draft = draft;
    saveDraft(this.storage, client.userId, conversationId, draft);
  }

  private fitTextarea() {
    const textarea = this.textarea;
    if (!textarea) return;
    textarea.style.height = 'auto';
    textarea.style.height = `${textarea.scrollHeight + 2}px`;
  }

  // ---------------------------------------------------------------- actions

  /**
   * Runs one action: a cancelable request event first, then the client call, then the
   * success or error event. Resolves to whether the action was accepted.
   */
  private async perform<A extends EditorAction>(
    action: A,
    payload: ActionPayloads[A],
    run: (client: BatonClient) => Promise<CommandResult>,
    describe: (result: CommandResult) => string,
  ): Promise<boolean> {
    const client = this.client;
    const conversationId = this.conversationId;
    if (!client || this.busy) return false;
    if (!this.dispatchEvent(new BatonRequestEvent(action, conversationId, payload))) return false;
    this.busy = true;
    this.notice = null;
    this.dialogError = '';
    try {
      const result = await run(client);
      const conversation = result.conversation ?? this.conversation;
      if (conversation) this.seenVersion = Math.max(this.seenVersion ?? 0, conversation.version);
      this.notice = { text: describe(result), tone: 'info' };
      // A dialog's action is done: close it now, before candidates refresh under it.
      this.closeDialog();
      this.dispatchEvent(
        new BatonActionEvent(action, conversationId, payload, {
          version: conversation?.version ?? 0,
          status: conversation?.status ?? 'open',
          assignee: conversation?.assignee ?? null,
          team: conversation?.team ?? null,
          duplicate: result.duplicate,
        }),
      );
      return true;
    } catch (error) {
      await this.failed(action, conversationId, error);
      return false;
    } finally {
      this.busy = false;
    }
  }

  private async failed(action: EditorAction, conversationId: string, error: unknown) {
    if (!isBatonError(error)) {
      this.notice = { text: this.t.failed, tone: 'error' };
      this.dialogError = this.t.failed;
      return;
    }
    let text: string;
    if (error.code === 'version-conflict') {
      text = `${await this.describeRace(error)} ${this.t.draftKept}`;
    } else {
      text = this.reasonText(error.refusal);
    }
    this.dialogError = text;
    // After a lost race the primary button already offers what now makes sense: say so.
    const primary = this.primary;
    const retry = (error.code === 'version-conflict' || error.code === 'not-assignee') && this.primaryRunnable(primary);
    this.notice = { text: retry ? `${text} ${this.t.retryWith(this.primaryLabel(primary))}` : text, tone: 'error' };
    this.dispatchEvent(
      new BatonErrorEvent(action, conversationId, error.code, error.message, error.refusal.reason, error.refusal.params),
    );
  }

  /** "Bob Chen took over 2 seconds ago": who changed the conversation under the viewer, and when. */
  private async describeRace(error: BatonError): Promise<string> {
    const version = error.conversation?.version;
    const find = () =>
      (this.stores?.$log.get() ?? [])
        .filter((e: AssignmentEntry) => version === undefined || e.version <= version)
        .at(-1);
    let entry = find();
    if (!entry || (version !== undefined && entry.version < version)) {
      await this.stores?.refresh();
      entry = find() ?? entry;
    }
    if (!entry) return this.t.refusal(error.refusal);
    const actor = entry.actor.type === 'system' ? this.t.someone : this.nameOf(entry.actor);
    return this.t.raced[entry.action](actor, relativeTime(this.t, Math.max(0, this.now() - entry.at)));
  }

  private runPrimary() {
    const primary = this.primary;
    if (!this.primaryReady(primary)) return;
    const t = this.t;
    const body = this.draft.body;
    const messageId = this.draft.messageId;
    const id = this.conversationId;
    const sent = (result: CommandResult, text: string) => {
      this.draftAccepted(id, body);
      return result.duplicate ? t.sent : text;
    };
    if (primary.action === 'send')
      void this.perform('send', { body, messageId }, (c) => c.send(id, body, { messageId }), (r) => sent(r, t.sent));
    else if (primary.action === 'takeover')
      void this.perform('takeover', { body, messageId }, (c) => c.takeover(id, body, { messageId }), (r) => sent(r, t.tookOver));
    else if (body.trim())
      void this.perform('claim', { body, messageId }, (c) => c.claim(id, { body, messageId }), (r) => sent(r, t.claimed));
    else void this.perform('claim', {}, (c) => c.claim(id), () => t.claimed);
  }

  private transferToAi() {
    void this.perform(
      'transfer-to-ai',
      {},
      (c) => c.transferToAi(this.conversationId),
      (r) => this.t.transferredToAi(this.nameOf(r.conversation?.assignee)),
    );
  }

  private close() {
    void this.perform('close', {}, (c) => c.close(this.conversationId), () => this.t.closed);
  }

  private async confirmTransfer() {
    const targetUserId = this.selectedUserId;
    if (!targetUserId) return;
    const note = this.note.trim();
    const payload = note ? { targetUserId, note } : { targetUserId };
    await this.perform(
      'transfer',
      payload,
      (c) => c.transfer(this.conversationId, targetUserId, note ? { note } : {}),
      (r) => this.t.transferredTo(this.nameOf(r.conversation?.assignee)),
    );
  }

  private async confirmTeam() {
    const teamId = this.selectedTeamId;
    if (!teamId) return;
    const note = this.note.trim();
    const payload = note ? { teamId, note } : { teamId };
    await this.perform(
      'transfer-to-team',
      payload,
      (c) => c.transferToTeam(this.conversationId, teamId, note ? { note } : {}),
      (r) => {
        const team = this.teamName(teamId);
        const assignee = r.conversation?.assignee;
        return assignee?.type === 'user' && r.conversation?.status === 'open'
          ? this.t.assignedVia(this.nameOf(assignee), team)
          : this.t.waitingInQueue(team);
      },
    );
  }

  // ---------------------------------------------------------------- menu

  private get menuItems(): MenuItem[] {
    const t = this.t;
    const p = this.permissions;
    const pending: Decision = { allowed: false, code: 'not-found', message: t.loading };
    return [
      { id: 'transfer', label: t.transferItem, decision: p?.transfer ?? pending, run: () => this.openDialog('transfer') },
      { id: 'team', label: t.transferTeamsItem, decision: p?.transferToTeam ?? pending, run: () => this.openDialog('team') },
      { id: 'ai', label: t.transferAiItem, decision: p?.transferToAi ?? pending, run: () => this.transferToAi() },
      { id: 'close', label: t.closeItem, decision: p?.close ?? pending, run: () => this.close() },
    ];
  }

  private openMenu(index: number) {
    const button = this.menuButton?.getBoundingClientRect();
    const toolbar = this.renderRoot.querySelector('.toolbar')?.getBoundingClientRect();
    this.menuBelow = (button?.top ?? 0) < 240;
    if (button && toolbar) {
      const end = resolveLocale(this).dir === 'rtl' ? button.left - toolbar.left : toolbar.right - button.right;
      this.renderRoot.querySelector<HTMLElement>('.menu')?.style.setProperty('--_end', `${end}px`);
    }
    this.menuOpen = true;
    this.menuIndex = (index + 4) % 4;
    void this.updateComplete.then(() => this.focusMenuItem());
  }

  private closeMenu(returnFocus: boolean) {
    this.menuOpen = false;
    if (returnFocus) this.menuButton?.focus();
  }

  private focusMenuItem() {
    this.renderRoot.querySelector<HTMLElement>(`#menu-item-${this.menuIndex}`)?.focus();
  }

  private onMenuButtonClick(event: MouseEvent) {
    event.stopPropagation();
    if (this.menuOpen) this.closeMenu(false);
    else this.openMenu(0);
  }

  private onMenuButtonKeydown(event: KeyboardEvent) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      this.openMenu(event.key === 'ArrowDown' ? 0 : 3);
    }
  }

  private onMenuKeydown(event: KeyboardEvent) {
    const count = this.menuItems.length;
    const move = (index: number) => {
      event.preventDefault();
      this.menuIndex = (index + count) % count;
      void this.updateComplete.then(() => this.focusMenuItem());
    };
    switch (event.key) {
      case 'ArrowDown':
        return move(this.menuIndex + 1);
      case 'ArrowUp':
        return move(this.menuIndex - 1);
      case 'Home':
        return move(0);
      case 'End':
        return move(count - 1);
      case 'Escape':
        event.preventDefault();
        return this.closeMenu(true);
      case 'Tab':
        return this.closeMenu(false);
      case 'Enter':
      case ' ':
        event.preventDefault();
        return this.activate(this.menuItems[this.menuIndex]);
    }
  }

  private activate(item: MenuItem) {
    if (!item.decision.allowed) return;
    this.closeMenu(true);
    item.run();
  }

  // ---------------------------------------------------------------- dialogs

  private openDialog(kind: DialogKind) {
    this.dialog = kind;
    this.focusPending = true;
    this.search = '';
    this.note = '';
    this.dialogError = '';
    this.selectionNote = '';
    this.selectedUserId = null;
    this.selectedTeamId = null;
    this.activeIndex = -1;
    this.listScrollTop = 0;
  }

  private closeDialog() {
    this.dialogElement?.close();
  }

  private select(kind: DialogKind, id: string) {
    if (kind === 'transfer') this.selectedUserId = id;
    else this.selectedTeamId = id;
    this.selectionNote = '';
  }

  /**
   * Unselects the agent or team the conversation may no longer go to (gone away, plan
   * changed), with `can`'s reason, so a transfer certain to fail is not offered.
   */
  private dropUnavailableSelection() {
    const kind = this.dialog;
    const id = kind === 'transfer' ? this.selectedUserId : this.selectedTeamId;
    const candidates = this.stores?.$candidates.get();
    if (!kind || !id || !candidates || !this.client || this.busy || !this.dialogElement?.open) return;
    const list: { id: string; name: string; decision: Decision }[] = kind === 'transfer' ? candidates.users : candidates.teams;
    const pick = list.find((c) => c.id === id);
    const action = kind === 'transfer' ? 'transfer' : 'transferToTeam';
    // Candidates stop refreshing for a conversation out of sight: the viewer's own permission still does.
    const own = this.permissions?.[action];
    const decision = own && !own.allowed ? own : (pick?.decision ?? this.client.can(action, this.conversationId, id));
    if (pick && decision.allowed) return;
    this.selectedUserId = this.selectedTeamId = null;
    this.selectionNote = this.t.unselected(pick?.name ?? id, this.reasonText(decision));
  }

  private onDialogClose() {
    this.dialog = null;
    // Return focus once the dialog has left the top layer and the DOM.
    void this.updateComplete.then(() => requestAnimationFrame(() => this.menuButton?.focus()));
  }

  /** Keeps Tab inside the open dialog (the modal dialog pattern). */
  private onDialogKeydown(event: KeyboardEvent) {
    if (event.key !== 'Tab' || !this.dialogElement) return;
    const focusable = [
      ...this.dialogElement.querySelectorAll<HTMLElement>('input:not([disabled]), textarea, button:not([disabled])'),
    ].filter((el) => !(el instanceof HTMLInputElement && el.type === 'radio' && !el.checked && this.hasCheckedRadio()));
    if (!focusable.length) return;
    const active = this.shadowRoot?.activeElement;
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (event.shiftKey && active === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    }
  }

  private hasCheckedRadio() {
    return !!this.dialogElement?.querySelector('input[type=radio]:checked');
  }

  /** Candidates matching the search: enabled first, then by name; recomputed only when inputs change. */
  private get candidateMatches(): CandidateUser[] {
    const source = this.stores?.$candidates.get()?.users;
    const search = this.search.trim().toLowerCase();
    if (this.filtered && this.filtered.source === source && this.filtered.search === search) return this.filtered.users;
    const users = (source ?? [])
      .filter((u) => !search || u.name.toLowerCase().includes(search) || u.id.toLowerCase().includes(search))
      .sort((a, b) => Number(b.decision.allowed) - Number(a.decision.allowed) || a.name.localeCompare(b.name));
    this.filtered = { source, search, users };
    return users;
  }

  private onSearchInput(event: InputEvent) {
    this.search = (event.target as HTMLInputElement).value;
    this.filtered = undefined;
    this.activeIndex = this.candidateMatches.length ? 0 : -1;
    this.listScrollTop = 0;
    if (this.listbox) this.listbox.scrollTop = 0;
  }

  private onComboboxKeydown(event: KeyboardEvent) {
    const count = this.candidateMatches.length;
    if (!count) return;
    const page = Math.max(1, Math.floor((this.listbox?.clientHeight ?? ROW_HEIGHT * 6) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: this.activeIndex < 0 ? 0 : (this.activeIndex + 1) % count,
      ArrowUp: this.activeIndex <= 0 ? count - 1 : this.activeIndex - 1,
      PageDown: Math.min(count - 1, this.activeIndex + page),
      PageUp: Math.max(0, this.activeIndex - page),
    };
    if (event.key in moves) {
      event.preventDefault();
      this.setActive(moves[event.key]);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const user = this.candidateMatches[this.activeIndex];
      if (user?.decision.allowed) this.select('transfer', user.id);
    }
  }

  /** Moves the active option and scrolls it into the rendered window. */
  private setActive(index: number) {
    this.activeIndex = index;
    const listbox = this.listbox;
    if (!listbox) return;
    const top = index * ROW_HEIGHT;
    const height = listbox.clientHeight || ROW_HEIGHT * 6;
    if (top < listbox.scrollTop) listbox.scrollTop = top;
    else if (top + ROW_HEIGHT > listbox.scrollTop + height) listbox.scrollTop = top + ROW_HEIGHT - height;
    this.listScrollTop = listbox.scrollTop;
  }

  private onOptionClick(user: CandidateUser, index: number) {
    this.activeIndex = index;
    if (user.decision.allowed) this.select('transfer', user.id);
  }

  // ---------------------------------------------------------------- render

  protected override render(): TemplateResult {
    const { lang, dir } = resolveLocale(this);
    const t = catalogueFor(lang);
    const primary = this.primary;
    const reason = primary && !primary.decision.allowed ? this.reasonText(primary.decision) : '';
    const loadError = this.stores?.$error.get();
    const ready = this.primaryReady(primary);
    const notice: Notice | null =
      this.notice ??
      (!this.client
        ? { text: t.noClient, tone: 'error' }
        : loadError && !this.conversation
          ? { text: this.reasonText(loadError.refusal), tone: 'error' }
          : null);
    return html`
      <div part="base" class="base" lang=${lang} dir=${dir}>
        <label class="visually-hidden" for="message">${t.messageLabel}</label>
        <textarea
          id="message"
          class="message"
          part="textarea"
          rows="1"
          placeholder=${t.placeholder}
          aria-describedby=${reason ? 'reason' : nothing}
          .value=${this.draft.body}
          ?disabled=${this.formDisabled}
          @input=${(e: InputEvent) => this.updateDraft((e.target as HTMLTextAreaElement).value)}
          @keydown=${this.onTextareaKeydown}
        ></textarea>
        ${reason ? html`<p id="reason" class="reason" part="reason">${reason}</p>` : nothing}
        <div class="toolbar" part="toolbar">
          ${this.renderMenu(t)}
          <button
            class="button primary send-button"
            part="send-button"
            type="button"
            aria-disabled=${ready ? 'false' : 'true'}
            aria-describedby=${reason ? 'reason' : nothing}
            @click=${() => this.runPrimary()}
          >
            ${primary ? this.primaryLabel(primary) : t.send}
          </button>
        </div>
        <div class="notice-row">
          <p class="notice" part="notice" role="status" data-tone=${notice?.tone ?? 'info'}>${notice?.text ?? ''}</p>
        </div>
      </div>
      ${this.dialog === 'transfer' ? this.renderTransferDialog(t, dir) : nothing}
      ${this.dialog === 'team' ? this.renderTeamDialog(t, dir) : nothing}
    `;
  }

  private onTextareaKeydown(event: KeyboardEvent) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.runPrimary();
    }
  }

  private renderMenu(t: Catalogue) {
    const items = this.menuItems;
    return html`<div class="menu-anchor">
      <button
        class="button menu-button"
        part="menu-button"
        type="button"
        aria-haspopup="menu"
        aria-expanded=${this.menuOpen ? 'true' : 'false'}
        aria-controls="menu"
        ?disabled=${this.formDisabled}
        @click=${this.onMenuButtonClick}
        @keydown=${this.onMenuButtonKeydown}
      >
        <svg class="icon" viewBox="0 0 20 20" aria-hidden="true">
          <path d="M3 6h11l-3-3 1.4-1.4L18 7l-5.6 5.4L11 11l3-3H3zm14 8H6l3 3-1.4 1.4L2 13l5.6-5.4L9 9l-3 3h11z" />
        </svg>
        <span>${t.menuButton}</span>
      </button>
      <div
        id="menu"
        class="menu"
        part="menu"
        role="menu"
        aria-label=${t.menuButton}
        ?hidden=${!this.menuOpen}
        ?data-below=${this.menuBelow}
        @keydown=${this.onMenuKeydown}
        @focusout=${(e: FocusEvent) => {
          const next = e.relatedTarget as Node | null;
          if (next && !this.renderRoot.querySelector('.menu-anchor')?.contains(next)) this.menuOpen = false;
        }}
      >
        ${items.map((item, index) => {
          const reason = item.decision.allowed ? '' : this.reasonText(item.decision);
          return html`<div
            id="menu-item-${index}"
            class="menu-item"
            part="menu-item"
            role="menuitem"
            data-item=${item.id}
            tabindex=${index === this.menuIndex ? '0' : '-1'}
            aria-disabled=${item.decision.allowed ? 'false' : 'true'}
            @click=${(e: MouseEvent) => {
              e.stopPropagation();
              this.menuIndex = index;
              this.activate(item);
            }}
          >
            <span class="label">${item.label}</span>
            ${reason ? html`<span class="item-reason">${reason}</span>` : nothing}
          </div>`;
        })}
      </div>
    </div>`;
  }

  private renderTransferDialog(t: Catalogue, dir: string) {
    const candidates = this.stores?.$candidates.get();
    const matches = this.candidateMatches;
    const count = matches.length;
    const viewport = this.listbox?.clientHeight || ROW_HEIGHT * 6;
    const first = Math.max(0, Math.floor(this.listScrollTop / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(count, Math.ceil((this.listScrollTop + viewport) / ROW_HEIGHT) + OVERSCAN);
    const active = matches[this.activeIndex];
    const selected = this.selectedUserId ? candidates?.users.find((u) => u.id === this.selectedUserId) : undefined;
    const teamNames = (ids: string[]) => (ids.length ? ids.map((id) => this.teamName(id)).join(', ') : t.noTeams);
    return this.renderDialog(
      'transfer',
      t,
      dir,
      t.transferTitle,
      html`<p id="transfer-intro" class="intro">${t.transferIntro}</p>
        <label class="field-label" id="search-label" for="search">${t.searchLabel}</label>
        <input
          id="search"
          class="text-input"
          part="combobox"
          type="text"
          role="combobox"
          autocomplete="off"
          autofocus
          aria-autocomplete="list"
          aria-expanded=${count ? 'true' : 'false'}
          aria-controls=${count ? 'listbox' : nothing}
          aria-activedescendant=${active ? `option-${active.id}` : nothing}
          aria-describedby="result-count"
          .value=${this.search}
          @input=${this.onSearchInput}
          @keydown=${this.onComboboxKeydown}
        />
        <p id="result-count" class="empty">${candidates ? (count ? t.results(count) : t.noMatches) : t.loading}</p>
        ${count
          ? html`<div
              id="listbox"
              class="listbox"
              part="listbox"
              role="listbox"
              aria-labelledby="search-label"
              @scroll=${(e: Event) => (this.listScrollTop = (e.target as HTMLElement).scrollTop)}
            >
              <!-- .style goes through the CSSOM, which a strict CSP allows; a style attribute it blocks -->
              <div class="listbox-space" role="presentation" .style=${`height: ${count * ROW_HEIGHT}px`}>
                ${matches.slice(first, last).map((user, offset) => {
                  const index = first + offset;
                  const reason = user.decision.allowed ? '' : this.reasonText(user.decision);
                  const availability = !user.active ? t.deactivated : user.availability === 'online' ? t.online : t.away;
                  return html`<div
                    id="option-${user.id}"
                    class="option"
                    part="option"
                    role="option"
                    .style=${`top: ${index * ROW_HEIGHT}px`}
                    aria-selected=${user.id === this.selectedUserId ? 'true' : 'false'}
                    aria-disabled=${user.decision.allowed ? 'false' : 'true'}
                    aria-setsize=${count}
                    aria-posinset=${index + 1}
                    ?data-active=${index === this.activeIndex}
                    @mousedown=${(e: MouseEvent) => e.preventDefault()}
                    @click=${() => this.onOptionClick(user, index)}
                  >
                    <div class="option-line">
                      <span class="name">${user.name}</span>
                      <span class="meta availability" ?data-online=${user.active && user.availability === 'online'}
                        >${availability}</span
                      >
                      <span class="meta">${t.load(user.load, user.limit)}</span>
                    </div>
                    <div class="option-line meta">${reason || teamNames(user.teams)}</div>
                  </div>`;
                })}
              </div>
            </div>`
          : nothing}`,
      selected ? t.selected(selected.name) : this.selectionNote,
      t.confirmTransfer,
      !this.selectedUserId,
      this.confirmTransfer,
    );
  }

  private renderTeamDialog(t: Catalogue, dir: string) {
    const teams = this.stores?.$candidates.get()?.teams;
    return this.renderDialog(
      'team',
      t,
      dir,
      t.teamTitle,
      teams
        ? html`<fieldset>
            <legend>${t.teamLegend}</legend>
            ${teams.map((team, index) => {
              const reason = team.decision.allowed ? '' : this.reasonText(team.decision);
              return html`<label class="team-option" part="team-option" data-team=${team.id}>
                <input
                  type="radio"
                  name="team"
                  value=${team.id}
                  ?autofocus=${index === teams.findIndex((x) => x.decision.allowed)}
                  ?disabled=${!team.decision.allowed}
                  .checked=${team.id === this.selectedTeamId}
                  @change=${() => this.select('team', team.id)}
                />
                <span class="name">${team.name}</span>
                <span class="meta"
                  >${t.teamStats(team.onlineMembers, team.members, team.queueLength)} · ${t.method[team.method]}</span
                >
                ${reason ? html`<span class="meta">${reason}</span>` : nothing}
              </label>`;
            })}
          </fieldset>`
        : html`<p class="empty">${t.loading}</p>`,
      this.selectionNote,
      t.confirmTeam,
      !this.selectedTeamId,
      this.confirmTeam,
    );
  }

  /** `headingLevel` as a level: rounded and clamped to 1–6; 2 when it is not a number. */
  private get titleLevel(): number {
    return Math.min(6, Math.max(1, Math.round(this.headingLevel))) || 2;
  }

  /** The frame both dialogs share: title and fields, then the note, the error and the buttons. */
  private renderDialog(
    kind: DialogKind,
    t: Catalogue,
    dir: string,
    title: string,
    fields: unknown,
    status: string,
    confirmLabel: string,
    unconfirmable: boolean,
    confirm: () => void,
  ) {
    return html`<dialog
      tabindex="-1"
      part="dialog"
      class="${kind}-dialog"
      dir=${dir}
      lang=${t.lang}
      aria-labelledby="${kind}-title"
      aria-describedby=${kind === 'transfer' ? 'transfer-intro' : nothing}
      @close=${this.onDialogClose}
      @keydown=${this.onDialogKeydown}
    >
      <div class="title" role="heading" aria-level=${this.titleLevel} id="${kind}-title">${title}</div>
      ${fields}
      <p class="selected" id="${kind}-status" role="status">${status}</p>
      <label class="field-label" for="${kind}-note">${t.noteLabel}</label>
      <textarea
        id="${kind}-note"
        class="text-input"
        .value=${this.note}
        @input=${(e: InputEvent) => (this.note = (e.target as HTMLTextAreaElement).value)}
      ></textarea>
      <p class="dialog-error" role="alert">${this.dialogError}</p>
      <div class="dialog-actions">
        <button class="button" type="button" @click=${this.closeDialog}>${t.cancel}</button>
        <button
          class="button primary confirm"
          part="confirm-button"
          type="button"
          aria-disabled=${unconfirmable || this.busy ? 'true' : 'false'}
          aria-describedby=${unconfirmable && status ? `${kind}-status` : nothing}
          @click=${confirm}
        >
          ${confirmLabel}
        </button>
      </div>
    </dialog>`;
  }
}
