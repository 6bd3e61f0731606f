/**
 * A value that React can read through `useSyncExternalStore`: `subscribe` and `getSnapshot` are
 * bound once, so they can be passed straight to the hook. Subclasses change the value with `set`.
 */
export class Observable<T> {
  #value: T;
  readonly #listeners = new Set<() => void>();

  constructor(initial: T) {
    this.#value = initial;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  };

  readonly getSnapshot = (): T => this.#value;

  /** Replaces the value and tells every listener. A listener that throws cannot stop the others. */
  protected set(value: T): void {
    if (Object.is(value, this.#value)) return;
    this.#value = value;
    for (const listener of [...this.#listeners]) {
      try {
        listener();
      } catch (err) {
        console.error('[confab-web] a listener threw:', err);
      }
    }
  }
}
