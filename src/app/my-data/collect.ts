/**
 * Everything stored about a person and everything they wrote (flow 10, "my data"): found by the
 * indexed `personIds` of every document type and, for texts, by author. Used by export and delete.
 *
 * Decision: the export holds the person's own documents AND the pair texts of visits they took
 * part in (observations, reflections, debrief notes of their pair), because they could already
 * read those in Teams and they are about their lessons; texts of other pairs never. In a trio
 * only the texts of visits the person was in (observer or observed), as only they may read
 * them (domain/visit-rules.ts).
 */
import type { DocumentType, SchoolDocument, Visit } from '../../domain/entities';
import { isParticipant } from '../../domain/visit-rules';
import type { Store, Stored } from '../../store/store';

/** Document types in a school's partition that can concern a person. */
export const PERSONAL_TYPES = [
  'profile',
  'programme',
  'pair',
  'cycle',
  'visit',
  'observation',
  'reflection',
  'debriefNote',
  'switchRequest',
  'nudge',
  'digest',
  'coachTally',
  'pairNeed',
] as const satisfies readonly DocumentType[];

/** Fields that name the person on documents that might not list them in `personIds`. */
const PERSON_FIELDS: Partial<Record<DocumentType, readonly string[]>> = {
  profile: ['userId'],
  programme: ['createdBy'],
  observation: ['authorId'],
  reflection: ['authorId'],
  debriefNote: ['authorId'],
  switchRequest: ['requesterId'],
  nudge: ['recipientId'],
  digest: ['recipientId'],
  // The leader who answered a pair's need; the pair's note is not theirs (see below).
  pairNeed: ['requestedBy', 'answeredBy'],
};

/** Every document of `schoolId` that concerns `userId`, by id (no duplicates). */
export async function documentsAbout(
  store: Store,
  schoolId: string,
  userId: string,
): Promise<Stored<SchoolDocument>[]> {
  const found = new Map<string, Stored<SchoolDocument>>();
  for (const type of PERSONAL_TYPES) {
    for (const doc of await store.query(schoolId, { type, personId: userId }))
      found.set(`${type}/${doc.id}`, doc as Stored<SchoolDocument>);
    for (const field of PERSON_FIELDS[type] ?? []) {
      for (const doc of await store.query(schoolId, { type, where: { [field]: userId } }))
        found.set(`${type}/${doc.id}`, doc as Stored<SchoolDocument>);
    }
  }
  // Pair texts of the person's visits (see the decision above); none of a trio visit they were not in.
  const visits = new Map<string, Visit>();
  for (const doc of found.values()) if (doc.type === 'visit') visits.set(doc.id, doc);
  for (const [key, doc] of found) {
    if (doc.type !== 'observation' && doc.type !== 'reflection' && doc.type !== 'debriefNote') continue;
    const visit = visits.get(doc.visitId);
    if (doc.authorId !== userId && visit && !isParticipant(visit, userId)) found.delete(key);
  }
  const visitIds = [...visits.values()].filter((v) => isParticipant(v, userId)).map((v) => v.id);
  for (const visitId of visitIds) {
    for (const type of ['observation', 'reflection', 'debriefNote'] as const) {
      for (const doc of await store.query(schoolId, { type, where: { visitId } }))
        found.set(`${type}/${doc.id}`, doc as Stored<SchoolDocument>);
    }
  }
  // A pair's note (issue 15) stays with the pair: someone outside it (the leader who answered) does not get it.
  for (const [key, doc] of found) {
    if (doc.type === 'pairNeed' && doc.pairNote !== undefined && !doc.personIds.includes(userId)) {
      const { pairNote: _note, ...rest } = doc;
      found.set(key, rest as Stored<SchoolDocument>);
    }
  }
  return [...found.values()].sort((a, b) => (a.type === b.type ? (a.id < b.id ? -1 : 1) : a.type < b.type ? -1 : 1));
}
