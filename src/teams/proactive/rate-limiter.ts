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

import type { TenantBudget } from './tenant-budget';

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
 * Teams answers about 50 requests per second per app per tenant; we stay under it (at most
 * `perSecond` in any second), and spread the sends over the second in small groups (4 per 90 ms at
 * 40/s) rather than one burst: a burst reaches the server spread out by however long its first
 * requests took, and can then share a window with the next second's sends. The groups' window is
 * a little shorter than an even share of the second (90 %), so late timers do not add up to a
 * slower pace; the one-second window still holds the rate.
 */
export const tenantLimits = (perSecond: number): readonly WindowLimit[] => {
  const group = Math.max(1, Math.ceil(perSecond / 10));
  return [
    { max: perSecond, windowMs: 1_000 },
    { max: group, windowMs: Math.floor((0.9 * group * 1_000) / perSecond) },
  ];
};

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
  /** Sends of one tenant being prepared at once (default: the tenant's per-second maximum, at least 8). */
  readonly admissionPerTenant?: number;
  /**
   * The tenant's budget shared by all instances (src/teams/proactive/tenant-budget.ts): when given,
   * it paces the tenant instead of this instance's own tenant windows, which only see this
   * instance's sends. The conversation windows stay local (one conversation's sends come from one
   * run).
   */
  readonly tenantBudget?: TenantBudget;
}

/** The start times of one key's recent sends, oldest first, and the windows that apply. */
export class SlidingWindows {
  private readonly times: number[] = [];
  private readonly longest: number;

  constructor(
    private readonly limits: readonly WindowLimit[],
    private readonly marginMs = 0,
  ) {
    for (const limit of limits) {
      if (!(Number.isInteger(limit.max) && limit.max > 0 && limit.windowMs > 0))
        throw new RangeError(`invalid limit ${JSON.stringify(limit)}`);
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

/** At most `capacity` holders at once, the rest wait in order (FIFO). */
class Admission {
  private active = 0;
  private readonly queue: (() => void)[] = [];

  constructor(private readonly capacity: number) {}

  async enter(): Promise<() => void> {
    if (this.active < this.capacity) this.active++;
    else await new Promise<void>((resolve) => this.queue.push(resolve));
    let left = false;
    return () => {
      if (left) return;
      left = true;
      const next = this.queue.shift();
      if (next)
        next(); // the place passes on; `active` stays the same
      else this.active--;
    };
  }

  get idle(): boolean {
    return this.active === 0 && this.queue.length === 0;
  }
}

interface TenantState {
  readonly gate: Gate;
  readonly admission: Admission;
}

/**
 * A send on its way (see RateLimiter.begin): `go()` right before the request leaves, `end()` when
 * the attempt is over (always; also when `go` was never reached).
 */
export interface SendTicket {
  go(): Promise<void>;
  end(): void;
}

export class RateLimiter {
  private readonly conversations = new Map<string, Gate>();
  private readonly tenants = new Map<string, TenantState>();
  private readonly conversationLimits: readonly WindowLimit[];
  private readonly admissionCapacity: number;
  private acquired = 0;
  private going = 0;

  constructor(private readonly options: RateLimiterOptions) {
    this.conversationLimits = options.conversationLimits ?? TEAMS_CONVERSATION_LIMITS;
    // Validate both sets of limits up front.
    new SlidingWindows(this.conversationLimits);
    new SlidingWindows(options.tenantLimits);
    this.admissionCapacity = options.admissionPerTenant ?? Math.max(8, ...options.tenantLimits.map((l) => l.max));
  }

  /**
   * Resolves when one send to `conversationKey` in `tenantKey` may start now, and counts it as
   * started. Call it once per HTTP attempt (retries count against the limits too).
   */
  async acquire(tenantKey: string, conversationKey: string): Promise<void> {
    const ticket = await this.begin(tenantKey, conversationKey);
    try {
      await ticket.go();
    } finally {
      ticket.end();
    }
  }

  /**
   * The first half of a send, before the expensive preparation (connector client, token): waits
   * for the conversation's turn (FIFO) and windows, then for one of the tenant's admission places
   * (at most `admissionPerTenant` sends of a tenant are being prepared or waiting for the tenant's
   * windows at once, so a fan-out of thousands does not prepare thousands of requests up front).
   * A conversation waiting for its windows holds no admission place, so it holds up nobody else.
   *
   * `go()` then waits for the tenant's turn (FIFO) and windows and counts the send as started, in
   * both windows, at the moment it is let go. Both windows count the moments sends were actually
   * let go, not planned ones: if the process stalls (GC, a busy event loop), the sends that waited
   * go at the tenant's pace afterwards rather than all at once.
   */
  async begin(tenantKey: string, conversationKey: string): Promise<SendTicket> {
    const conversation = this.conversationGate(conversationKey);
    const leaveConversation = await conversation.enter();
    let leaveAdmission: (() => void) | undefined;
    try {
      await this.waitFor(conversation.windows);
      leaveAdmission = await this.tenantState(tenantKey).admission.enter();
    } catch (error) {
      leaveConversation();
      throw error;
    }
    let went = false;
    let ended = false;
    let counted = false;
    return {
      go: async () => {
        if (went || ended) return;
        went = true;
        // Nothing else of this conversation went meanwhile (its gate is ours), so this only
        // matters when a caller takes long between begin and go; it costs nothing otherwise.
        await this.waitFor(conversation.windows);
        const budget = this.options.tenantBudget;
        if (budget) {
          await budget.take(tenantKey);
          conversation.windows.record(this.options.clock());
          if (!ended) {
            this.going++;
            counted = true;
          }
          return;
        }
        const tenant = this.tenantState(tenantKey).gate;
        const leaveTenant = await tenant.enter();
        try {
          await this.waitFor(tenant.windows);
          const now = this.options.clock();
          tenant.windows.record(now);
          conversation.windows.record(now);
          if (!ended) {
            this.going++;
            counted = true;
          }
        } finally {
          leaveTenant();
        }
      },
      end: () => {
        if (ended) return;
        ended = true;
        if (counted) this.going--;
        leaveAdmission?.();
        leaveConversation();
        if (++this.acquired % 256 === 0) this.prune();
      },
    };
  }

  /** Sends let go whose attempt has not ended yet: requests on their way (tests move a fake clock only at 0). */
  get inFlight(): number {
    return this.going;
  }

  /** How many conversations and tenants are being tracked (for tests of the pruning). */
  tracked(): { conversations: number; tenants: number } {
    return { conversations: this.conversations.size, tenants: this.tenants.size };
  }

  /** Forgets keys whose windows are empty and that nobody waits on. */
  prune(): void {
    const now = this.options.clock();
    for (const [key, gate] of this.conversations) {
      if (gate.windows.prune(now) && gate.waiting === 0) this.conversations.delete(key);
    }
    for (const [key, state] of this.tenants) {
      if (state.gate.windows.prune(now) && state.gate.waiting === 0 && state.admission.idle) this.tenants.delete(key);
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

  private conversationGate(key: string): Gate {
    let gate = this.conversations.get(key);
    if (!gate) {
      gate = new Gate(new SlidingWindows(this.conversationLimits, this.options.conversationMarginMs ?? 100));
      this.conversations.set(key, gate);
    }
    return gate;
  }

  private tenantState(key: string): TenantState {
    let state = this.tenants.get(key);
    if (!state) {
      state = {
        gate: new Gate(new SlidingWindows(this.options.tenantLimits, this.options.tenantMarginMs ?? 0)),
        admission: new Admission(this.admissionCapacity),
      };
      this.tenants.set(key, state);
    }
    return state;
  }
}
