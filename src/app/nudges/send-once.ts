/**
 * Send a nudge or digest at most once: the record (deterministic id) is written `pending` and
 * claimed by this runner BEFORE the message goes out, then marked with the outcome.
 *   - exists and is no longer pending → somebody sent it already: 'done', nothing sent;
 *   - pending and claimed by another run whose claim has not expired → 'busy', nothing sent
 *     (every run has its own id, so this holds for two runs of one process too);
 *   - pending with an expired claim (a crashed run) or this run's own claim → taken over and sent.
 * Claims are taken with the store's optimistic concurrency, so two runners never both win.
 * If the messenger throws (not an outcome: a crash or shutdown), the record stays pending and
 * the error propagates; the claim expires and the next run sends it. The one window no store
 * can close is a crash after Teams accepted the message and before the outcome is written.
 */
import type { DateTime } from 'luxon';
import type { Digest, Nudge } from '../../domain/entities';
import { isStoreError, type Store, type Stored } from '../../store/store';
import type { Messenger, OutgoingMessage, SendStatus } from '../messenger';

export type SendRecord = Nudge | Digest;

export interface SendOnceContext {
  readonly store: Store;
  readonly messenger: Messenger;
  /** The run's own id (never an instance id): only this run may resume its own live claims. */
  readonly holder: string;
  /** The real time, for claims (a job may run "as of" another time). */
  readonly wallNow: () => DateTime;
  /** How long a claim holds; should exceed the longest send with retries. */
  readonly claimMs: number;
}

export type SendOnceResult = SendStatus | 'done' | 'busy';

export async function sendOnce<R extends SendRecord>(
  ctx: SendOnceContext,
  record: R,
  tenantId: string,
  message: () => OutgoingMessage,
): Promise<SendOnceResult> {
  const claim = () => ({
    claimedBy: ctx.holder,
    claimedUntil: ctx.wallNow().plus({ milliseconds: ctx.claimMs }).toUTC().toISO()!,
  });
  let claimed: Stored<SendRecord>;
  try {
    claimed = await ctx.store.create({ ...record, status: 'pending', ...claim() } as SendRecord);
  } catch (error) {
    if (!isStoreError(error, 'exists')) throw error;
    const existing = (await ctx.store.read(record.schoolId, record.type, record.id)) as Stored<SendRecord> | undefined;
    if (!existing) return 'busy';
    if (existing.status !== 'pending') return 'done';
    const claimValid = existing.claimedUntil !== undefined && existing.claimedUntil > ctx.wallNow().toUTC().toISO()!;
    if (existing.claimedBy !== ctx.holder && claimValid) return 'busy';
    try {
      claimed = await ctx.store.replace({ ...existing, ...claim() } as Stored<SendRecord>);
    } catch (replaceError) {
      if (isStoreError(replaceError, 'conflict') || isStoreError(replaceError, 'not_found')) return 'busy';
      throw replaceError;
    }
  }

  const outcome = await ctx.messenger.sendToPerson(tenantId, record.recipientId, message());
  const { claimedBy: _by, claimedUntil: _until, ...rest } = claimed;
  const finished = {
    ...rest,
    status: outcome.status,
    attempts: outcome.attempts,
    ...(outcome.status === 'sent' ? { sentAt: ctx.wallNow().toUTC().toISO()! } : {}),
    ...(outcome.reason ? { reason: outcome.reason.slice(0, 80) } : {}),
  } as Stored<SendRecord>;
  await writeOutcome(ctx.store, finished);
  return outcome.status;
}

/** Write the outcome; if the record changed meanwhile (a renewed claim), retry on the fresh version while it is still pending. */
async function writeOutcome(store: Store, finished: Stored<SendRecord>): Promise<void> {
  let next = finished;
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      await store.replace(next);
      return;
    } catch (error) {
      if (!isStoreError(error, 'conflict')) throw error;
      const current = (await store.read(next.schoolId, next.type, next.id)) as Stored<SendRecord> | undefined;
      if (!current || current.status !== 'pending') return;
      next = { ...next, version: current.version };
    }
  }
}
