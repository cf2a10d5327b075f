/**
 * A fake clock with a sleep that only returns when the test advances time: deterministic tests of
 * pacing, without timers and without timed assertions.
 */
export class FakeTime {
  now = 0;
  private timers: { at: number; resolve: () => void }[] = [];
  readonly sleeps: number[] = [];

  readonly clock = (): number => this.now;

  readonly sleep = (ms: number): Promise<void> => {
    this.sleeps.push(ms);
    return new Promise<void>((resolve) => this.timers.push({ at: this.now + Math.max(0, ms), resolve }));
  };

  /** Lets every pending promise run (microtasks and the continuations they schedule). */
  static async settle(): Promise<void> {
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
  }

  /**
   * Advances to each next timer in turn until `done` resolves; bounded. With `idle`, time moves only
   * once `idle()` holds on two settles in a row: real I/O (HTTP to the stand-in on 127.0.0.1, a
   * store) then finishes at the same virtual moment it started, as if it took no time.
   */
  async runUntil<T>(done: Promise<T>, maxSteps = 100_000, idle?: () => boolean): Promise<T> {
    let finished = false;
    const result = done.then((value) => {
      finished = true;
      return value;
    });
    for (let step = 0; step < maxSteps; step++) {
      await FakeTime.settle();
      if (idle) {
        for (let round = 0, calm = 0; calm < 2 && !finished; round++) {
          if (round > 1_000_000) throw new Error('fake time: never idle');
          calm = idle() ? calm + 1 : 0;
          await FakeTime.settle();
        }
      }
      if (finished) return result;
      if (this.timers.length === 0) throw new Error('fake time: nothing scheduled but not finished (deadlock)');
      const next = Math.min(...this.timers.map((t) => t.at));
      this.now = Math.max(this.now, next);
      const due = this.timers.filter((t) => t.at <= this.now);
      this.timers = this.timers.filter((t) => t.at > this.now);
      for (const timer of due) timer.resolve();
    }
    throw new Error(`fake time: not finished after ${maxSteps} steps`);
  }
}
