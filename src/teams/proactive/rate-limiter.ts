/**
 * Pacing of proactive sends within Teams' limits (DESIGN.md §6), as sliding windows: a send may
 * start at time t only if, for every limit {max, windowMs}, fewer than `max` sends of the same key
 * started in (t - windowMs, t]. Two keys per send: the conversation (7/1 s, 8/2 s, 60/30 s,
 * 1,800/h) and the tenant (config.proactive.tenantPerSecond per second, under Teams' ~50).
 *
 * How a send passes (`acquire`):
 *  1. sends to one conversation queue behind each other (FIFO), so a busy conversation never
 *     holds up other people;
 *  2. the conversation's windows are checked against the times its earlier sends actually
 *     started, and the send sleeps until its conversation slot;
 *  3. it then takes the next tenant slot (FIFO over the whole tenant) and sleeps until it;
 *  4. the moment it is released is recorded for its conversation.
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

/** Teams answers about 50 requests per second per app per tenant; we stay under it. */
export const tenantLimits = (perSecond: number): readonly WindowLimit[] => [{ max: perSecond, windowMs: 1_000 }];

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

interface ConversationState {
  readonly windows: SlidingWindows;
  /** The last send queued for this conversation: the next one waits for it to be released. */
  tail: Promise<void>;
  waiting: number;
}

export class RateLimiter {
  private readonly conversations = new Map<string, ConversationState>();
  private readonly tenants = new Map<string, SlidingWindows>();
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
   */
  async acquire(tenantKey: string, conversationKey: string): Promise<void> {
    const conversation = this.conversationState(conversationKey);
    const previous = conversation.tail;
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    conversation.tail = mine;
    conversation.waiting++;
    try {
      await previous;
      const { clock, sleep } = this.options;
      const conversationAt = conversation.windows.earliest(clock());
      if (conversationAt > clock()) await sleep(conversationAt - clock());
      const tenant = this.tenantWindows(tenantKey);
      const tenantAt = tenant.earliest(clock());
      tenant.record(tenantAt); // reserve the tenant slot before sleeping, so slots go out in order
      if (tenantAt > clock()) await sleep(tenantAt - clock());
      conversation.windows.record(clock());
    } finally {
      conversation.waiting--;
      release();
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
    for (const [key, state] of this.conversations) {
      if (state.windows.prune(now) && state.waiting === 0) this.conversations.delete(key);
    }
    for (const [key, windows] of this.tenants) {
      if (windows.prune(now)) this.tenants.delete(key);
    }
  }

  private conversationState(key: string): ConversationState {
    let state = this.conversations.get(key);
    if (!state) {
      state = { windows: new SlidingWindows(this.conversationLimits, this.options.conversationMarginMs ?? 100), tail: Promise.resolve(), waiting: 0 };
      this.conversations.set(key, state);
    }
    return state;
  }

  private tenantWindows(key: string): SlidingWindows {
    let windows = this.tenants.get(key);
    if (!windows) {
      windows = new SlidingWindows(this.options.tenantLimits, this.options.tenantMarginMs ?? 0);
      this.tenants.set(key, windows);
    }
    return windows;
  }
}
