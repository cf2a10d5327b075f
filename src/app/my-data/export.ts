/**
 * Export of a person's data: a plain JSON document (for the file) and counts (for the card).
 * Store-internal fields (version) are left out; nothing of other pairs is included.
 */
import type { DateTime } from 'luxon';
import type { Membership, PersonReference, School, SchoolDocument } from '../../domain/entities';
import type { Store, Stored } from '../../store/store';
import { membershipId } from '../membership';
import { documentsAbout } from './collect';

export interface PersonExport {
  readonly exportedAt: string;
  readonly userId: string;
  readonly tenant: { readonly membership?: unknown; readonly conversationReference?: unknown };
  readonly schools: readonly {
    readonly schoolId: string;
    readonly name: string;
    readonly isLeader: boolean;
    readonly documents: Readonly<Record<string, readonly unknown[]>>;
  }[];
}

const plain = (doc: object): Record<string, unknown> => {
  const { version: _version, ...rest } = doc as { version?: string };
  return rest;
};

export async function exportPersonData(
  store: Store,
  tenantPartition: string,
  referenceId: string,
  schoolIds: readonly string[],
  userId: string,
  now: DateTime,
): Promise<PersonExport> {
  const membership: Stored<Membership> | undefined = await store.read(
    tenantPartition,
    'membership',
    membershipId(userId),
  );
  const reference: Stored<PersonReference> | undefined = await store.read(
    tenantPartition,
    'personReference',
    referenceId,
  );
  const schools: PersonExport['schools'][number][] = [];
  for (const schoolId of schoolIds) {
    const school: Stored<School> | undefined = await store.read(schoolId, 'school', schoolId);
    if (!school) continue;
    const documents: Record<string, unknown[]> = {};
    for (const doc of await documentsAbout(store, schoolId, userId))
      (documents[(doc as SchoolDocument).type] ??= []).push(plain(doc));
    schools.push({ schoolId, name: school.name, isLeader: school.leaderIds.includes(userId), documents });
  }
  return {
    exportedAt: now.toUTC().toISO()!,
    userId,
    tenant: {
      ...(membership ? { membership: plain(membership) } : {}),
      ...(reference ? { conversationReference: plain(reference) } : {}),
    },
    schools,
  };
}

/** How many documents of each type, over all schools and the tenant (for the readable card). */
export function exportCounts(data: PersonExport): Record<string, number> {
  const counts: Record<string, number> = data.tenant.membership ? { membership: 1 } : {};
  for (const school of data.schools)
    for (const [type, docs] of Object.entries(school.documents)) counts[type] = (counts[type] ?? 0) + docs.length;
  return counts;
}
