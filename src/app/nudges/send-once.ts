/**
 * Send a nudge or digest at most once: the record (deterministic id) is written `pending` and
 * claimed by this runner BEFORE the message goes out, then marked with the outcome.
 *   - exists and is neither pending nor waiting for a retry → settled already: 'done', nothing sent;
 *   - waiting for a retry ('retry') whose `retryAt` has not come → 'retry', nothing sent now;
 *   - pending and claimed by another run whose claim has not expired → 'busy', nothing sent
 *     (every run has its own id, so this holds for two runs of one process too);
 *   - pending with an expired claim (a crashed run) or this run's own claim → taken over and sent.
 * Claims are taken with the store's optimistic concurrency, so two runners never both win.
 * Failed is not final: a failure the messenger calls retryable (throttled after its retries, 5xx,
 * timeout, refused connection) is stored as 'retry' with a growing wait, for a later run of the
 * period; after MAX_DELIVERY_TRIES runs it is 'failed' for good (src/domain/delivery-retry.ts).
 * If the messenger throws (not an outcome: a crash or shutdown), the record stays pending and
 * the error propagates; the claim expires and the next run sends it. The one window no store
 * can close is a crash after Teams accepted the message and before the outcome is written.
 */
import type { DateTime } from 'luxon';
import { deliveryRetryWaitMinutes, mayTryAgain } from '../../domain/delivery-retry';
import type { Digest, Nudge, SchoolDocument } from '../../domain/entities';
import { isStoreError, type CreateOutcome, type Store, type Stored } from '../../store/store';
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

/** 'retry': not delivered this time for a passing reason; a later run of the period tries again. */
export type SendOnceResult = SendStatus | 'done' | 'busy' | 'retry';

/** Whether a record still has to be sent by some run now or later (pending, or waiting to be retried). */
export const isOpenRecord = (record: Pick<SendRecord, 'status'>): boolean =>
  record.status === 'pending' || record.status === 'retry';

/** This run's claim on a record, from now for `claimMs`. */
const claimOf = (ctx: SendOnceContext) => ({
  claimedBy: ctx.holder,
  claimedUntil: ctx.wallNow().plus({ milliseconds: ctx.claimMs }).toUTC().toISO()!,
});

/**
 * Write the records `pending` with this run's claim — and `alongside` (say the week's snapshot,
 * whose outcome is not returned) — in one `createEach` (one commit on SQLite), before any of them
 * is sent; per record whether it was created or exists already. Hand each outcome to `sendOnce`.
 */
export async function claimAll(
  ctx: SendOnceContext,
  records: readonly SendRecord[],
  alongside: readonly SchoolDocument[] = [],
): Promise<CreateOutcome<SendRecord>[]> {
  if (records.length === 0 && alongside.length === 0) return [];
  const claim = claimOf(ctx);
  const outcomes = await ctx.store.createEach<SchoolDocument>([
    ...records.map((record) => ({ ...record, status: 'pending', ...claim }) as SendRecord),
    ...alongside,
  ]);
  return outcomes.slice(0, records.length) as CreateOutcome<SendRecord>[];
}

/**
 * Send the record's message at most once (see the file comment). `claimed`: what `claimAll`
 * answered for this record; without it the record is claimed here with its own `create`.
 */
export async function sendOnce<R extends SendRecord>(
  ctx: SendOnceContext,
  record: R,
  tenantId: string,
  message: () => OutgoingMessage,
  claimed?: CreateOutcome<SendRecord>,
): Promise<SendOnceResult> {
  const nowIso = () => ctx.wallNow().toUTC().toISO()!;
  const claim = () => claimOf(ctx);
  const written = claimed ?? (await createOrExists(ctx.store, { ...record, status: 'pending', ...claim() }));
  let mine: Stored<SendRecord>;
  if ('created' in written) mine = written.created;
  else {
    const existing = (await ctx.store.read(record.schoolId, record.type, record.id)) as Stored<SendRecord> | undefined;
    if (!existing) return 'busy';
    if (!isOpenRecord(existing)) return 'done';
    if (existing.status === 'retry' && existing.retryAt !== undefined && existing.retryAt > nowIso()) return 'retry';
    const claimValid = existing.claimedUntil !== undefined && existing.claimedUntil > nowIso();
    if (existing.claimedBy !== ctx.holder && claimValid) return 'busy';
    try {
      const { retryAt: _at, ...rest } = existing;
      mine = await ctx.store.replace({ ...rest, status: 'pending', ...claim() } as Stored<SendRecord>);
    } catch (replaceError) {
      if (isStoreError(replaceError, 'conflict') || isStoreError(replaceError, 'not_found')) return 'busy';
      throw replaceError;
    }
  }

  const outcome = await ctx.messenger.sendToPerson(tenantId, record.recipientId, message());
  const { claimedBy: _by, claimedUntil: _until, ...rest } = mine;
  const tries = (mine.tries ?? 0) + (outcome.status === 'failed' ? 1 : 0);
  const retry = outcome.status === 'failed' && outcome.retryable === true && mayTryAgain(tries);
  const finished = {
    ...rest,
    status: retry ? 'retry' : outcome.status,
    attempts: outcome.attempts,
    ...(tries > 0 ? { tries } : {}),
    ...(retry
      ? {
          retryAt: ctx
            .wallNow()
            .plus({ minutes: deliveryRetryWaitMinutes(tries) })
            .toUTC()
            .toISO()!,
        }
      : {}),
    ...(outcome.status === 'sent' ? { sentAt: nowIso() } : {}),
    ...(outcome.reason ? { reason: outcome.reason.slice(0, 80) } : {}),
  } as Stored<SendRecord>;
  await writeOutcome(ctx.store, finished);
  return retry ? 'retry' : outcome.status;
}

async function createOrExists(store: Store, doc: SendRecord): Promise<CreateOutcome<SendRecord>> {
  try {
    return { created: await store.create(doc) };
  } catch (error) {
    if (!isStoreError(error, 'exists')) throw error;
    return { exists: true };
  }
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
