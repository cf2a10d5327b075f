/**
 * "Er zit iets in de weg" (issue 15 item 1): a pair member says what stands in the way of a step.
 * One open need per pair and step: the first press creates `need:<pairId>:<step>:<n>` (n one
 * more than the pair's earlier needs of that step), a later press while it is open updates its
 * categories, date and note instead of making a second one. Two presses at once: one create wins,
 * the other finds it open and updates it (deterministic id, create-if-absent, readModifyWrite).
 */
import type { DateTime } from 'luxon';
import type { NudgeKind, PairNeed } from '../../domain/entities';
import { DomainError } from '../../domain/errors';
import { needId, needNumber, openNeedFor, type NeedInput } from '../../domain/pair-needs';
import { isStoreError, readModifyWrite, type Store, type Stored } from '../../store/store';

export interface NeedRequest {
  readonly schoolId: string;
  readonly pairId: string;
  readonly step: NudgeKind;
  readonly visitId?: string;
  /** Checked by checkNeedInput (src/domain/pair-needs.ts). */
  readonly input: NeedInput;
  readonly userId: string;
  readonly now: DateTime;
}

export interface NeedRequested {
  readonly need: Stored<PairNeed>;
  /** false: the pair's open need of the step was there already. */
  readonly created: boolean;
  /** The open need was changed by this press (false for a Teams retry of the same press). */
  readonly updated: boolean;
}

const ATTEMPTS = 5;

export async function requestNeed(store: Store, request: NeedRequest): Promise<NeedRequested> {
  const { schoolId, pairId, step, userId, input } = request;
  const pair = await store.read(schoolId, 'pair', pairId);
  if (!pair) throw new DomainError('NOT_FOUND');
  if (!pair.memberIds.includes(userId)) throw new DomainError('NOT_A_PAIR_MEMBER');
  if (pair.status !== 'active') throw new DomainError('CYCLE_CLOSED');
  const changes = {
    categories: [...input.categories],
    ...(input.neededBy ? { neededBy: input.neededBy } : {}),
    ...(input.pairNote ? { pairNote: input.pairNote } : {}),
  };
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const needs = await store.query(schoolId, { type: 'pairNeed', pairId });
    const open = openNeedFor(needs, pairId, step);
    if (open) {
      let stillOpen = false;
      let updated = false;
      const result = await readModifyWrite(store, schoolId, 'pairNeed', open.id, (current) => {
        stillOpen = false;
        updated = false;
        if (!current || current.status !== 'open') return undefined; // answered meanwhile: a new one
        const { neededBy: _date, pairNote: _note, ...rest } = current;
        const next: PairNeed = {
          ...rest,
          ...(request.visitId ? { visitId: request.visitId } : {}),
          ...changes,
        };
        stillOpen = true;
        const same = (['categories', 'neededBy', 'pairNote', 'visitId'] as const).every(
          (key) => JSON.stringify(next[key]) === JSON.stringify(current[key]),
        );
        updated = !same;
        return same ? undefined : next; // a Teams retry of the same press writes nothing
      });
      if (stillOpen && result) return { need: result, created: false, updated };
      continue;
    }
    const n = Math.max(0, ...needs.filter((d) => d.step === step).map((d) => needNumber(d.id))) + 1;
    const doc: PairNeed = {
      type: 'pairNeed',
      id: needId(pairId, step, n),
      schoolId,
      programmeId: pair.programmeId,
      pairId,
      personIds: [...pair.memberIds],
      step,
      ...(request.visitId ? { visitId: request.visitId } : {}),
      ...changes,
      requestedBy: userId,
      requestedAt: request.now.toUTC().toISO()!,
      status: 'open',
    };
    try {
      return { need: await store.create(doc), created: true, updated: false };
    } catch (error) {
      if (!isStoreError(error, 'exists')) throw error; // someone else's press won: update that one
    }
  }
  throw new DomainError('STALE_VERSION');
}
