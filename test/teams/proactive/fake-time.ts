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

  /** Advances to each next timer in turn until `done` resolves; bounded. */
  async runUntil<T>(done: Promise<T>, maxSteps = 100_000): Promise<T> {
    let finished = false;
    const result = done.then((value) => {
      finished = true;
      return value;
    });
    for (let step = 0; step < maxSteps; step++) {
      await FakeTime.settle();
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
