/**
 * DESIGN — one tenant budget across instances (issue 10 item 4, issue 12 item 4).
 *
 * Teams counts proactive requests per app and tenant (about 50 per second) over every instance
 * of the bot. Each instance's RateLimiter sees only its own sends, so two instances fanning out
 * to one tenant each send the configured rate and together twice it (the bench measured 122
 * 429s). The per-tenant budget therefore lives in the store, shared by all instances.
 *
 * Why a shared budget, not one fan-out holder per tenant (a lease): sends to a tenant do not
 * come from one place — the nudge run, the digest run, a leader's "encourage", pairing and visit
 * messages of any instance. With a holder lease, every other sender would have to wait for the
 * lease or hand its sends to the holder, and a holder that died would silence the tenant for a
 * lease time. With a budget every instance sends its own messages, and a dead instance leaves
 * behind at most the places of one slot.
 *
 * How (time-slot reservation): time is cut into slots of `slotMs` (100 ms at 40/s), each with
 * `perSlot` places (4 at 40/s; perSlot × 1000 / slotMs = the configured rate). One document per
 * tenant (type 'tenantBudget', in the tenant's partition) holds the latest slot anyone reserved
 * in and how many of its places are taken. Reserving k places: read the document; the slot is the
 * later of its slot and the current one (the next when it is full); write `used + k` back with
 * the version read — the store's optimistic concurrency (ETag on Cosmos DB, the version counter
 * on SQLite): a conflict means another instance reserved meanwhile, so read again. Reservations
 * only move forward, so this one small document is the whole budget.
 *
 * An instance sends a slot's places only while that slot lasts by its wall clock; places it could
 * not use in time (a slow store, a stalled event loop) are lost, never carried into a later slot.
 * So over all instances at most `perSlot` sends of a tenant start in any slot, and in any second
 * (a sliding window, as Teams counts) at most (⌊999 / slotMs⌋ + 2) × perSlot: `burstPerSecond`,
 * 44 at 40/s. Teams allows about 50, so the configuration refuses rates whose burst exceeds it
 * (MAX_TENANT_PER_SECOND in src/config.ts: 44; 45/s would burst to 55).
 * An instance reserves only for the sends waiting at that moment, at most one slot at a time per
 * tenant, so it never holds places for more than the slot ahead.
 *
 * Slots are by wall clock (Date.now): instances' clocks agree to milliseconds (NTP); a skew of d ms
 * lets two instances' slots overlap by d ms. When the store cannot be reached, an instance falls
 * back to its own pace (one slot's places per slot), as before the shared budget: the messages go
 * (a 429 from Teams is retried by the sender) rather than wait for the store.
 *
 * Cost: one conditional write per slot and sending instance while a tenant's fan-out runs (10–20
 * per second at 40/s), plus a read and a write again on each conflict.
 */
import type { TenantBudget as BudgetDocument } from '../../domain/entities';
import type { Logger } from '../../logging/logger';
import { isStoreError, type Store } from '../../store/store';
import { tenantPartitionFor } from '../ids';

/** A tenant's share of Teams' per-tenant rate, over all instances. */
export interface TenantBudget {
  /** Resolves when one send of `tenantKey` may start now (it then counts against the budget). */
  take(tenantKey: string): Promise<void>;
}

export const TENANT_BUDGET_ID = 'tenant-budget';

/** Slots of ~100 ms with an even share of the rate: 40/s → 4 places per 100 ms. */
export function budgetSlots(perSecond: number): { perSlot: number; slotMs: number } {
  if (!(Number.isInteger(perSecond) && perSecond > 0)) throw new RangeError(`invalid rate ${perSecond}`);
  const perSlot = Math.ceil(perSecond / 10);
  return { perSlot, slotMs: Math.round((1000 * perSlot) / perSecond) };
}

/** The most sends of one tenant that can start in any 1,000 ms (sliding) at `perSecond`, over all instances. */
export function burstPerSecond(perSecond: number): number {
  const { perSlot, slotMs } = budgetSlots(perSecond);
  return (Math.floor(999 / slotMs) + 2) * perSlot;
}

export interface StoreTenantBudgetOptions {
  readonly store: Store;
  /** config.proactive.tenantPerSecond: the tenant's rate over all instances. */
  readonly perSecond: number;
  /** Wall clock in ms since the epoch (default Date.now): the slots of all instances align on it. */
  readonly clock?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly logger?: Pick<Logger, 'warn'>;
}

/** A reservation: `count` places in the slot starting at `start`. */
interface Grant {
  readonly start: number;
  readonly count: number;
}

interface TenantQueue {
  readonly waiters: (() => void)[];
  pumping: boolean;
}

/** A document whose slot lies further ahead than this is from a wrong clock: start again from now. */
const STALE_AHEAD_MS = 10_000;

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

export class StoreTenantBudget implements TenantBudget {
  readonly perSlot: number;
  readonly slotMs: number;
  /** Reservations being written now (tests wait for them before moving a fake clock). */
  reserving = 0;
  /** Places reserved but not used in their slot, and slots paced locally because the store failed. */
  readonly stats = { reservations: 0, conflicts: 0, lost: 0, local: 0 };
  private readonly tenants = new Map<string, TenantQueue>();
  private readonly clock: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private warnedAt = -Infinity;

  constructor(private readonly options: StoreTenantBudgetOptions) {
    ({ perSlot: this.perSlot, slotMs: this.slotMs } = budgetSlots(options.perSecond));
    this.clock = options.clock ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
  }

  take(tenantKey: string): Promise<void> {
    let queue = this.tenants.get(tenantKey);
    if (!queue) {
      queue = { waiters: [], pumping: false };
      this.tenants.set(tenantKey, queue);
    }
    const granted = new Promise<void>((resolve) => queue.waiters.push(resolve));
    if (!queue.pumping) void this.pump(tenantKey, queue);
    return granted;
  }

  /** One loop per tenant with waiting sends: reserve a slot's places, wait for the slot, let them go. */
  private async pump(tenantKey: string, queue: TenantQueue): Promise<void> {
    queue.pumping = true;
    try {
      await Promise.resolve(); // sends asking at the same moment share one reservation
      while (queue.waiters.length > 0) {
        const grant = await this.reserve(tenantKey, () => Math.min(queue.waiters.length, this.perSlot));
        const wait = grant.start - this.clock();
        if (wait > 0) await this.sleep(wait);
        if (this.clock() >= grant.start + this.slotMs) {
          this.stats.lost += grant.count; // the slot is over: its places are not carried on
          continue;
        }
        for (let i = 0; i < grant.count && queue.waiters.length > 0; i++) queue.waiters.shift()!();
      }
    } finally {
      queue.pumping = false;
      if (queue.waiters.length === 0) this.tenants.delete(tenantKey);
      else void this.pump(tenantKey, queue);
    }
  }

  /**
   * Up to `wanted()` places (the sends waiting once the document is read) in the earliest slot
   * with room, now or later, written with optimistic concurrency.
   */
  private async reserve(tenantKey: string, wanted: () => number): Promise<Grant> {
    const { store } = this.options;
    const schoolId = tenantPartitionFor(tenantKey);
    this.reserving++;
    try {
      for (let attempt = 0; attempt < 50; attempt++) {
        const current = await store.read(schoolId, 'tenantBudget', TENANT_BUDGET_ID);
        const { start, used } = this.nextRoom(current);
        const count = Math.max(1, Math.min(wanted(), this.perSlot - used));
        const next: BudgetDocument = {
          type: 'tenantBudget',
          id: TENANT_BUDGET_ID,
          schoolId,
          slotStart: start,
          slotMs: this.slotMs,
          used: used + count,
        };
        try {
          if (current) await store.replace({ ...next, version: current.version });
          else await store.create(next);
          this.stats.reservations++;
          return { start, count };
        } catch (error) {
          if (isStoreError(error, 'conflict') || isStoreError(error, 'exists') || isStoreError(error, 'not_found')) {
            this.stats.conflicts++;
            continue;
          }
          throw error;
        }
      }
      throw new Error('tenant budget kept changing');
    } catch (error) {
      return this.localGrant(tenantKey, wanted(), error);
    } finally {
      this.reserving--;
    }
  }

  /** The earliest slot with a free place given the stored document, and how many of it are taken. */
  private nextRoom(current: BudgetDocument | undefined): { start: number; used: number } {
    const now = this.clock();
    const S = this.slotMs;
    let start = Math.floor(now / S) * S;
    let used = 0;
    if (current && current.slotStart + current.slotMs > start && current.slotStart <= now + STALE_AHEAD_MS) {
      if (current.slotMs === S && current.slotStart % S === 0) {
        start = current.slotStart;
        used = current.used;
      } else {
        // Another instance slices time differently (another configured rate): start after its slot.
        start = Math.ceil((current.slotStart + current.slotMs) / S) * S;
      }
    }
    if (used >= this.perSlot) {
      start += S;
      used = 0;
    }
    return { start, used };
  }

  /** The store failed: this instance paces itself for this slot (the behaviour without a shared budget). */
  private localGrant(tenantKey: string, want: number, error: unknown): Grant {
    this.stats.local++;
    const now = this.clock();
    if (now - this.warnedAt > 60_000) {
      this.warnedAt = now;
      this.options.logger?.warn(
        {
          tenantKey: tenantPartitionFor(tenantKey),
          err: { name: (error as Error)?.name, code: (error as { code?: string })?.code },
        },
        'proactive: the shared tenant budget could not be read or written; pacing this instance alone',
      );
    }
    const slot = Math.floor(now / this.slotMs) * this.slotMs;
    // The next slot, so that a failing store never lets more than one slot's places go per slot.
    return { start: slot + this.slotMs, count: Math.min(want, this.perSlot) };
  }
}
