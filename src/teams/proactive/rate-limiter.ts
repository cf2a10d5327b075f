/**
 * Pacing of proactive sends within Teams' limits (DESIGN.md §6), as sliding windows: a send may
 * start at time t only if, for every limit {max, windowMs}, fewer than `max` sends of the same key
 * started in (t - windowMs, t]. Two keys per send: the conversation (7/1 s, 8/2 s, 60/30 s,
 * 1,800/h) and the tenant (config.proactive.tenantPerSecond per second, under Teams' ~50).
 *
 * How a send passes (`acquire`):
 *  1. sends to one conversation queue behind each other (FIFO) and wait for the conversation's
 *     windows — before joining the tenant's queue, so a busy conversation never holds up other
 *     people;
 *  2. then they queue in the tenant (FIFO) and wait for the tenant's windows;
 *  3. the moment the send is let go is recorded in both.
 * Windows are checked against the moments earlier sends were actually let go.
 * `marginMs` widens every window of a kind to absorb the delay between our clock and the
 * server's (network jitter, late timers): the server sees arrival times, we see start times.
 *
 * Pure: time comes from an injected clock and passes through an injected sleep, so the unit tests
 * drive it with a fake clock.
 */

export interface WindowLimit {
  readonly max: number;
  readonly windowMs: number;
}

/** Teams' per-bot, per-conversation limits for sending messages. */
export const TEAMS_CONVERSATION_LIMITS: readonly WindowLimit[] = Object.freeze([
  { max: 7, windowMs: 1_000 },
  { max: 8, windowMs: 2_000 },
  { max: 60, windowMs: 30_000 },
  { max: 1_800, windowMs: 3_600_000 },
]);

/**
 * Teams answers about 50 requests per second per app per tenant; we stay under it, and spread the
 * sends evenly over the second (one per 1000/perSecond ms) instead of sending them in one burst:
 * a burst reaches the server spread out by however long the first requests took, and can then
 * share a window with the next second's sends.
 */
export const tenantLimits = (perSecond: number): readonly WindowLimit[] => [
  { max: perSecond, windowMs: 1_000 },
  { max: 1, windowMs: 1_000 / perSecond },
];

export interface RateLimiterOptions {
  readonly conversationLimits?: readonly WindowLimit[];
  readonly tenantLimits: readonly WindowLimit[];
  /** Milliseconds, monotonic (performance.now() in production). */
  readonly clock: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  /** Added to every conversation window (default 100 ms). */
  readonly conversationMarginMs?: number;
  /** Added to every tenant window (default 0: the configured tenant rate is already under Teams'). */
  readonly tenantMarginMs?: number;
}

/** The start times of one key's recent sends, oldest first, and the windows that apply. */
export class SlidingWindows {
  private readonly times: number[] = [];
  private readonly longest: number;

  constructor(private readonly limits: readonly WindowLimit[], private readonly marginMs = 0) {
    for (const limit of limits) {
      if (!(Number.isInteger(limit.max) && limit.max > 0 && limit.windowMs > 0)) throw new RangeError(`invalid limit ${JSON.stringify(limit)}`);
    }
    this.longest = Math.max(0, ...limits.map((l) => l.windowMs + marginMs));
  }

  /** The earliest time ≥ `now` (and ≥ the last recorded time) at which one more send fits. */
  earliest(now: number): number {
    let at = Math.max(now, this.times.length > 0 ? this.times[this.times.length - 1] : now);
    for (const { max, windowMs } of this.limits) {
      if (this.times.length >= max) at = Math.max(at, this.times[this.times.length - max] + windowMs + this.marginMs);
    }
    return at;
  }

  /** Records a send at `at` (never earlier than the last one recorded). */
  record(at: number): void {
    const last = this.times.length > 0 ? this.times[this.times.length - 1] : at;
    this.times.push(Math.max(at, last));
  }

  /** Forgets sends that no window can see any more; true when nothing is left. */
  prune(now: number): boolean {
    let drop = 0;
    while (drop < this.times.length && this.times[drop] <= now - this.longest) drop++;
    if (drop > 0) this.times.splice(0, drop);
    return this.times.length === 0;
  }

  get size(): number {
    return this.times.length;
  }
}

/** One key's windows and its queue: sends of one key pass one after the other (FIFO). */
class Gate {
  /** Settles when the last queued send of this key has passed. */
  private tail: Promise<void> = Promise.resolve();
  waiting = 0;

  constructor(readonly windows: SlidingWindows) {}

  /** Waits for the sends queued before this one; call the returned function to let the next one in. */
  async enter(): Promise<() => void> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => (release = resolve));
    this.waiting++;
    await previous;
    return () => {
      this.waiting--;
      release();
    };
  }
}

export class RateLimiter {
  private readonly conversations = new Map<string, Gate>();
  private readonly tenants = new Map<string, Gate>();
  private readonly conversationLimits: readonly WindowLimit[];
  private acquired = 0;

  constructor(private readonly options: RateLimiterOptions) {
    this.conversationLimits = options.conversationLimits ?? TEAMS_CONVERSATION_LIMITS;
    // Validate both sets of limits up front.
    new SlidingWindows(this.conversationLimits);
    new SlidingWindows(options.tenantLimits);
  }

  /**
   * Resolves when one send to `conversationKey` in `tenantKey` may start now, and counts it as
   * started. Call it once per HTTP attempt (retries count against the limits too).
   *
   * Both windows count the moments sends were actually let go, not planned ones: if the process
   * stalls (GC, a busy event loop), the sends that waited go one by one at the tenant's spacing
   * afterwards rather than all at once.
   */
  async acquire(tenantKey: string, conversationKey: string): Promise<void> {
    const conversation = this.gate(this.conversations, conversationKey, this.conversationLimits, this.options.conversationMarginMs ?? 100);
    const leaveConversation = await conversation.enter();
    try {
      await this.waitFor(conversation.windows);
      const tenant = this.gate(this.tenants, tenantKey, this.options.tenantLimits, this.options.tenantMarginMs ?? 0);
      const leaveTenant = await tenant.enter();
      try {
        await this.waitFor(tenant.windows);
        const now = this.options.clock();
        tenant.windows.record(now);
        conversation.windows.record(now);
      } finally {
        leaveTenant();
      }
    } finally {
      leaveConversation();
      if (++this.acquired % 256 === 0) this.prune();
    }
  }

  /** How many conversations and tenants are being tracked (for tests of the pruning). */
  tracked(): { conversations: number; tenants: number } {
    return { conversations: this.conversations.size, tenants: this.tenants.size };
  }

  /** Forgets keys whose windows are empty and that nobody waits on. */
  prune(): void {
    const now = this.options.clock();
    for (const gates of [this.conversations, this.tenants]) {
      for (const [key, gate] of gates) {
        if (gate.windows.prune(now) && gate.waiting === 0) gates.delete(key);
      }
    }
  }

  /** Sleeps until one more send fits the windows (bounded: each pass moves to a later time). */
  private async waitFor(windows: SlidingWindows): Promise<void> {
    const { clock, sleep } = this.options;
    for (let pass = 0; pass < 100; pass++) {
      const at = windows.earliest(clock());
      if (at <= clock()) return;
      await sleep(at - clock());
    }
  }

  private gate(gates: Map<string, Gate>, key: string, limits: readonly WindowLimit[], marginMs: number): Gate {
    let gate = gates.get(key);
    if (!gate) {
      gate = new Gate(new SlidingWindows(limits, marginMs));
      gates.set(key, gate);
    }
    return gate;
  }
}
