import type { Disposer } from '../../shared/contract';

/** A typed push channel: `on` returns its own disposer, as every `onX` of the contract does. */
export class Emitter<T> {
  private readonly listeners = new Set<(value: T) => void>();

  on(listener: (value: T) => void): Disposer {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        // One faulty subscriber (a closed window, a dropped socket) must not stop the others.
        console.error('roundlog: a subscriber failed', error);
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }
}
