/**
 * A bounded map of promised values by key, the least recently used let go first: the one cache
 * shape of the service (connector clients, rendered visit cards, a job run's people by tenant).
 * A value is made once per key while kept; a promise that fails is not kept, so the next caller
 * tries again. Pure: no clock, no I/O of its own.
 */
export class LeastRecentlyUsed<T> {
  private readonly kept = new Map<string, Promise<T>>();

  constructor(private readonly max: number) {}

  get size(): number {
    return this.kept.size;
  }

  /** The value kept for `key` (now the most recently used), else undefined. */
  find(key: string): Promise<T> | undefined {
    const kept = this.kept.get(key);
    if (kept) {
      this.kept.delete(key);
      this.kept.set(key, kept);
    }
    return kept;
  }

  /** Keeps `value` for `key` in place of what was kept (a promise that fails is let go). */
  set(key: string, value: Promise<T>): void {
    this.kept.delete(key);
    this.keep(key, value);
  }

  /** The value kept for `key` (now the most recently used), else the one `make` makes (then kept). */
  get(key: string, make: () => Promise<T>): Promise<T> {
    const kept = this.kept.get(key);
    if (kept) {
      this.kept.delete(key);
      this.kept.set(key, kept);
      return kept;
    }
    const made = make();
    this.keep(key, made);
    return made;
  }

  private keep(key: string, value: Promise<T>): void {
    this.kept.set(key, value);
    if (this.kept.size > this.max) this.kept.delete(this.kept.keys().next().value!);
    value.catch(() => {
      if (this.kept.get(key) === value) this.kept.delete(key);
    });
  }
}
