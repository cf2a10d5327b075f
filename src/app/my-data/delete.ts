/**
 * Delete a person's data (flow 10): their profile, conversation reference, membership, the texts
 * they wrote (observations, reflections, debrief notes) and their switch requests are removed;
 * so are their open export download links;
 * in pairs, cycles, visits, nudges and programmes their id is replaced by an anonymous token, so
 * the school's anonymous counts (visits done, debriefs held) stay. Other people's texts are kept.
 * Idempotent: a second run finds nothing left.
 */
import type { DocumentType, SchoolDocument } from '../../domain/entities';
import { readModifyWrite } from '../../store/read-modify-write';
import type { DocOf, Store } from '../../store/store';
import { membershipId } from '../membership';
import { documentsAbout } from './collect';
import { deleteExportLinks } from './download-link';

export interface DeleteSummary {
  readonly deleted: number;
  readonly anonymised: number;
}

/** Texts and personal documents that go entirely when their author / owner is deleted. */
function removesEntirely(doc: SchoolDocument, userId: string): boolean {
  switch (doc.type) {
    case 'profile':
      return doc.userId === userId;
    case 'observation':
    case 'reflection':
    case 'debriefNote':
      return doc.authorId === userId;
    case 'switchRequest':
      return doc.requesterId === userId;
    default:
      return false;
  }
}

/** Every string equal to `userId` replaced by `token`, anywhere in the document. */
export function anonymise<T>(value: T, userId: string, token: string): T {
  if (value === userId) return token as T;
  if (Array.isArray(value)) return (value as unknown[]).map((v) => anonymise(v, userId, token)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        k === 'version' ? v : anonymise(v, userId, token),
      ]),
    ) as T;
  }
  return value;
}

export async function deletePersonData(
  store: Store,
  tenantPartition: string,
  referenceId: string,
  schoolIds: readonly string[],
  userId: string,
  token: string,
): Promise<DeleteSummary> {
  let deleted = 0;
  let anonymised = 0;
  for (const schoolId of schoolIds) {
    for (const doc of await documentsAbout(store, schoolId, userId)) {
      if (removesEntirely(doc, userId)) {
        await store.delete(schoolId, doc.id);
        deleted++;
        continue;
      }
      const changed = await readModifyWrite(store, schoolId, doc.type as DocumentType, doc.id, (current) => {
        if (!current) return undefined;
        const next = anonymise(current, userId, token);
        return JSON.stringify(next) === JSON.stringify(current) ? undefined : (next as DocOf<DocumentType>);
      });
      if (changed) anonymised++;
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
  for (const id of [membershipId(userId), referenceId]) {
    const existed =
      (await store.read(tenantPartition, id.startsWith('member-') ? 'membership' : 'personReference', id)) !==
      undefined;
    await store.delete(tenantPartition, id);
    if (existed) deleted++;
  }
  // Open download links of the export name the person: they go too (a later GET gives 404).
  deleted += await deleteExportLinks(store, userId);
  return { deleted, anonymised };
}
