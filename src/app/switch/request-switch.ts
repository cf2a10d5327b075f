/**
 * A private request to switch partner (flow 7): a reason category only, no free text; one per
 * person per pair (deterministic id), visible to leaders only.
 */
import { createHash } from 'node:crypto';
import type { DateTime } from 'luxon';
import type { Pair, SwitchReason, SwitchRequest } from '../../domain/entities';
import { DomainError } from '../../domain/errors';
import { isStoreError, type Store, type Stored } from '../../store/store';

export const SWITCH_REASONS: readonly SwitchReason[] = ['noClick', 'tooAlike', 'timetable', 'other'];

export const switchRequestIdFor = (pairId: string, userId: string): string =>
  `switch-${createHash('sha256').update(`${pairId}|${userId}`).digest('hex').slice(0, 24)}`;

export function parseReason(value: unknown): SwitchReason {
  if (typeof value !== 'string' || value === '') throw new DomainError('FIELD_REQUIRED', { field: 'reason' });
  if (!(SWITCH_REASONS as readonly string[]).includes(value))
    throw new DomainError('INVALID_INPUT', { field: 'reason' });
  return value as SwitchReason;
}

export async function requestSwitch(
  store: Store,
  pair: Stored<Pair>,
  requesterId: string,
  reason: SwitchReason,
  now: DateTime,
): Promise<{ request: Stored<SwitchRequest>; created: boolean }> {
  if (!pair.memberIds.includes(requesterId)) throw new DomainError('NOT_A_PAIR_MEMBER');
  if (pair.status !== 'active') throw new DomainError('CYCLE_CLOSED');
  const doc: SwitchRequest = {
    type: 'switchRequest',
    id: switchRequestIdFor(pair.id, requesterId),
    schoolId: pair.schoolId,
    pairId: pair.id,
    personIds: [requesterId],
    requesterId,
    reason,
    status: 'open',
    createdAt: now.toUTC().toISO()!,
  };
  try {
    return { request: await store.create(doc), created: true };
  } catch (error) {
    if (!isStoreError(error, 'exists')) throw error;
    const existing = await store.read(pair.schoolId, 'switchRequest', doc.id);
    if (!existing) throw error;
    return { request: existing, created: false }; // asked before: one request, not two
  }
}

export async function openSwitchRequests(store: Store, schoolId: string): Promise<Stored<SwitchRequest>[]> {
  const open = await store.query(schoolId, { type: 'switchRequest', where: { status: 'open' } });
  return open.sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
}
