/**
 * Test doubles for the jobs' own ports (not Microsoft's cloud): a recording Messenger that can
 * "crash" after k sends, a map-backed PersonDirectory, and a seeded coaching world on a store.
 */
import type { DateTime } from 'luxon';
import type { Messenger, OutgoingMessage, SendOutcome } from '../../src/app/messenger';
import type { PersonDirectory, PersonInfo } from '../../src/app/nudges/people';
import type { Store } from '../../src/store/store';

export interface SentMessage {
  readonly tenantId: string;
  readonly userId: string;
  readonly message: OutgoingMessage;
}

export class CrashError extends Error {
  constructor() {
    super('simulated crash');
    this.name = 'CrashError';
  }
}

export class RecordingMessenger implements Messenger {
  readonly sent: SentMessage[] = [];
  /** Throw (like a process dying) instead of sending once this many messages went out. */
  crashAfter: number | undefined;
  outcome: (userId: string) => SendOutcome['status'] = () => 'sent';
  /**
   * Yield a turn of the event loop before each send, so concurrent runners interleave send by
   * send (a scheduling point, not a clock: nothing here waits for time to pass).
   */
  interleave = false;
  private gate: Promise<void> | undefined;
  private onHeld: (() => void) | undefined;

  /**
   * Holds every send until `release()` (an explicit signal, not a clock): `held` resolves once
   * the first send is waiting, so a test can start a second run while the first is mid-fan-out.
   */
  hold(): { held: Promise<void>; release: () => void } {
    let release!: () => void;
    this.gate = new Promise<void>((resolve) => {
      release = () => {
        this.gate = undefined;
        resolve();
      };
    });
    const held = new Promise<void>((resolve) => {
      this.onHeld = resolve;
    });
    return { held, release };
  }

  async sendToPerson(tenantId: string, userId: string, message: OutgoingMessage): Promise<SendOutcome> {
    if (this.gate) {
      this.onHeld?.();
      await this.gate;
    }
    if (this.interleave) await new Promise((resolve) => setImmediate(resolve));
    if (this.crashAfter !== undefined && this.sent.length >= this.crashAfter) throw new CrashError();
    const status = this.outcome(userId);
    if (status === 'sent') this.sent.push({ tenantId, userId, message });
    return { status, attempts: 1 };
  }

  to(userId: string): SentMessage[] {
    return this.sent.filter((m) => m.userId === userId);
  }
}

export function mapDirectory(people: readonly PersonInfo[]): PersonDirectory {
  return {
    async people(_tenantId, userIds) {
      return new Map(people.filter((p) => userIds.includes(p.userId)).map((p) => [p.userId, p]));
    },
  };
}

export const everyoneReachable = (ids: readonly string[], locale: 'nl' | 'en' = 'nl'): PersonDirectory =>
  mapDirectory(ids.map((userId) => ({ userId, name: `Name of ${userId}`, locale, reachable: true })));

export async function seed(store: Store, docs: readonly object[]): Promise<void> {
  for (const doc of docs) await store.create(doc as never);
}

/** A clock that can be moved. */
export class MovableClock {
  constructor(public current: DateTime) {}
  readonly now = (): DateTime => this.current;
  advance(ms: number): void {
    this.current = this.current.plus({ milliseconds: ms });
  }
}
