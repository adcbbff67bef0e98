import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ReadableAtom } from 'nanostores';

/**
 * Subscribes a Lit host to nanostores atoms while connected and re-renders on change. The
 * atoms can be swapped (a new client or conversation) with `watch`.
 */
export class StoreController implements ReactiveController {
  private atoms: ReadableAtom<unknown>[] = [];
  private unsubscribes: (() => void)[] = [];
  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onChange?: () => void,
  ) {
    host.addController(this);
  }

  watch(atoms: ReadableAtom<unknown>[]): void {
    if (atoms.length === this.atoms.length && atoms.every((a, i) => a === this.atoms[i])) return;
    this.stop();
    this.atoms = atoms;
    if (this.connected) this.start();
  }

  hostConnected(): void {
    this.connected = true;
    this.start();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.stop();
  }

  private start() {
    this.unsubscribes = this.atoms.map((atom) =>
      atom.listen(() => {
        this.onChange?.();
        this.host.requestUpdate();
      }),
    );
    // `listen` does not call back for the current value; mounting may have loaded it already.
    this.host.requestUpdate();
  }

  private stop() {
    for (const unsubscribe of this.unsubscribes) unsubscribe();
    this.unsubscribes = [];
  }
}
