/**
 * Delete a person's data (flow 10, "my data"): the person leaves the programme.
 *   - Removed: their profile, conversation reference, switch requests, open export download links
 *     and every text they wrote — observations, reflections, debrief notes, and the lesson, focus
 *     and discussion goal of the visits they planned (blanked on the visit; on older visits that
 *     do not record who planned them, on every visit they took part in); the note of their pair's
 *     requests to the school (either member may have written it) and a leader's own line to a pair.
 *   - Anonymised: in pairs, cycles, visits, nudges, digests and programmes their id is replaced by
 *     an anonymous token, so the school's anonymous counts (visits done, debriefs held) stay.
 *   - Closed: their active pairs and those pairs' active cycles (history kept), so the leader can
 *     pair the partner again.
 *   - Kept: their membership, with ids only and `leftAt`, so Tweetal can tell them what happened
 *     and let them start again with "profiel".
 * Other people's texts are kept. The result names the visits whose cards the partners must see
 * updated and the partners to tell. Idempotent: a second run finds nothing left.
 */
import type { DateTime } from 'luxon';
import { isAnonymous } from '../../domain/anonymous';
import { currentCycle } from '../../domain/cycle';
import type { Cycle, DocumentType, Pair, SchoolDocument, Visit } from '../../domain/entities';
import { withoutPlanTexts, writersOf } from '../../domain/texts';
import { readModifyWrite, type DocOf, type Store, type Stored } from '../../store/store';
import { markLeft } from '../membership';
import { documentsAbout } from './collect';
import { deleteExportLinks } from './download-link';

export interface DeleteSummary {
  readonly deleted: number;
  readonly anonymised: number;
  /** Visits whose shown content changed, with the partners' sent cards to update in place. */
  readonly visits: readonly { readonly schoolId: string; readonly visitId: string }[];
  /** The colleagues of the pairs the person left, to be told in one sentence. */
  readonly partners: readonly {
    readonly schoolId: string;
    readonly userId: string;
    readonly pairId: string;
    readonly cycleClosed: boolean;
  }[];
}

export interface DeleteRequest {
  readonly tenantPartition: string;
  readonly tenantId: string;
  readonly referenceId: string;
  readonly schoolIds: readonly string[];
  readonly userId: string;
  /** The anonymous token that replaces the id (see domain/anonymous). */
  readonly token: string;
  readonly now: DateTime;
}

/** Texts and personal documents that go entirely when their author / owner is deleted. */
function removesEntirely(doc: SchoolDocument, userId: string): boolean {
  switch (doc.type) {
    case 'profile':
      return doc.userId === userId;
    case 'observation':
    case 'reflection':
      return doc.authorId === userId;
    case 'debriefNote':
      return writersOf(doc).includes(userId);
    case 'switchRequest':
      return doc.requesterId === userId;
    default:
      return false;
  }
}

/** Every string equal to `userId` replaced by `token`, anywhere in the document (keys included). */
export function anonymise<T>(value: T, userId: string, token: string): T {
  if (value === userId) return token as T;
  if (Array.isArray(value)) return (value as unknown[]).map((v) => anonymise(v, userId, token)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k === userId ? token : k,
        k === 'version' ? v : anonymise(v, userId, token),
      ]),
    ) as T;
  }
  return value;
}

/** The person wrote the visit's plan texts: they planned it (or, on older visits, took part). */
const wrotePlan = (visit: Visit, userId: string): boolean =>
  visit.plannedBy !== undefined
    ? visit.plannedBy === userId
    : visit.observerId === userId || visit.observedId === userId;

/** The document as it stays after the person left: ids anonymised, their plan texts and card refs gone. */
function remaining(
  doc: SchoolDocument,
  userId: string,
  token: string,
  now: string,
  leftPairIds: readonly string[],
): SchoolDocument {
  let next = doc;
  if (next.type === 'visit') {
    if (wrotePlan(next, userId)) next = withoutPlanTexts(next) ?? next;
    if (next.cardRefs?.[userId]) {
      const { [userId]: _theirs, ...others } = next.cardRefs;
      next = { ...next, cardRefs: others };
    }
  }
  if (next.type === 'pairNeed') {
    // The pair's note may be theirs (the last to press wrote it), the leader's line is the answerer's.
    const { pairNote, leaderLine, ...rest } = next;
    next = {
      ...rest,
      ...(pairNote !== undefined && !next.personIds.includes(userId) ? { pairNote } : {}),
      ...(leaderLine !== undefined && next.answeredBy !== userId ? { leaderLine } : {}),
    };
  }
  if (next.type === 'pair' && next.status === 'active' && leftPairIds.includes(next.id))
    next = { ...next, status: 'closed', closedAt: now };
  if (next.type === 'cycle' && next.status === 'active' && leftPairIds.includes(next.pairId))
    next = { ...next, status: 'closed', closedAt: now };
  return anonymise(next, userId, token);
}

export async function deletePersonData(store: Store, request: DeleteRequest): Promise<DeleteSummary> {
  const { userId, token } = request;
  const at = request.now.toUTC().toISO()!;
  let deleted = 0;
  let anonymised = 0;
  const visits: { schoolId: string; visitId: string }[] = [];
  const partners: DeleteSummary['partners'][number][] = [];
  for (const schoolId of request.schoolIds) {
    const about = await documentsAbout(store, schoolId, userId);
    // Cycles are found through their pair too (older cycles may not list the people).
    const leftPairs = about.filter(
      (d): d is Stored<Pair> => d.type === 'pair' && d.status === 'active' && d.memberIds.includes(userId),
    );
    for (const pair of leftPairs) {
      for (const cycle of await store.query(schoolId, { type: 'cycle', pairId: pair.id })) {
        if (!about.some((d) => d.type === 'cycle' && d.id === cycle.id)) about.push(cycle);
      }
    }
    // A pair whose cycle is complete has nothing open: it stays as it is (anonymised), so the
    // leader's counts of a finished cycle stay too. Any other pair of the person is closed.
    const leftPairIds = leftPairs
      .filter(
        (pair) =>
          currentCycle(about.filter((d): d is Stored<Cycle> => d.type === 'cycle' && d.pairId === pair.id))?.status !==
          'complete',
      )
      .map((p) => p.id);
    for (const doc of about) {
      if (removesEntirely(doc, userId)) {
        await store.delete(schoolId, doc.id);
        deleted++;
        continue;
      }
      const changed = await readModifyWrite(store, schoolId, doc.type as DocumentType, doc.id, (current) => {
        if (!current) return undefined;
        const next = remaining(current as SchoolDocument, userId, token, at, leftPairIds);
        return JSON.stringify(next) === JSON.stringify(current) ? undefined : (next as DocOf<DocumentType>);
      });
      if (changed && changed.version !== doc.version) anonymised++;
      if (doc.type === 'visit' && Object.keys(doc.cardRefs ?? {}).some((id) => id !== userId && !isAnonymous(id)))
        visits.push({ schoolId, visitId: doc.id });
    }
    for (const pair of leftPairs) {
      const cycles = about.filter((d) => d.type === 'cycle' && d.pairId === pair.id);
      const cycleClosed = cycles.some((c) => c.type === 'cycle' && c.status === 'active');
      for (const member of pair.memberIds) {
        if (member !== userId && !isAnonymous(member))
          partners.push({ schoolId, userId: member, pairId: pair.id, cycleClosed });
      }
    }
    // Colleagues' wishes to learn from this person, and the school's list of leaders.
    for (const profile of await store.query(schoolId, { type: 'profile' })) {
      if (!profile.wouldLikeToLearnFrom.includes(userId)) continue;
      await readModifyWrite(store, schoolId, 'profile', profile.id, (current) =>
        current && current.wouldLikeToLearnFrom.includes(userId)
          ? { ...current, wouldLikeToLearnFrom: current.wouldLikeToLearnFrom.filter((id) => id !== userId) }
          : undefined,
      );
      anonymised++;
    }
    await readModifyWrite(store, schoolId, 'school', schoolId, (current) =>
      current && current.leaderIds.includes(userId)
        ? { ...current, leaderIds: current.leaderIds.filter((id) => id !== userId) }
        : undefined,
    );
  }
  const reference = await store.read(request.tenantPartition, 'personReference', request.referenceId);
  await store.delete(request.tenantPartition, request.referenceId);
  if (reference) deleted++;
  // The membership stays with ids only, marked: "you left the programme" (see the header).
  await markLeft(store, request.tenantPartition, request.tenantId, userId, request.schoolIds, request.now);
  // Open download links of the export name the person: they go too (a later GET gives 404).
  deleted += await deleteExportLinks(store, userId);
  return { deleted, anonymised, visits, partners };
}
