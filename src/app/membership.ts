/**
 * Memberships: which schools a person belongs to. Written when a person is seen in a team
 * (roster listing, a message in a team channel, a profile); read when a person talks 1:1.
 */
import type { DateTime } from 'luxon';
import type { Membership } from '../domain/entities';
import { readModifyWrite, type Store, type Stored } from '../store/store';

export const membershipId = (userId: string): string => `member-${userId.replace(/[^A-Za-z0-9-]/g, '_')}`;

/** Record that `userId` belongs to `schoolId` (most recent first); idempotent. */
export async function addMembership(
  store: Store,
  tenantPartition: string,
  tenantId: string,
  userId: string,
  schoolId: string,
  now: DateTime,
  /** The roster's name for the person, when the roster was read. */
  rosterName?: string,
): Promise<void> {
  await readModifyWrite(store, tenantPartition, 'membership', membershipId(userId), (current) => {
    const name = rosterName || current?.name;
    if (current && current.schoolIds[0] === schoolId && !current.leftAt && current.name === name) return undefined;
    const schoolIds = [schoolId, ...(current?.schoolIds ?? []).filter((id) => id !== schoolId)];
    const doc = membershipDoc(tenantPartition, tenantId, userId, schoolIds, now.toUTC().toISO()!);
    return name ? { ...doc, name } : doc;
  });
}

/**
 * The name Teams sent with the person's turn refreshes the stored roster name (a member renamed
 * in Teams), when the person has a membership; nothing is written when it is the same.
 */
export async function refreshName(
  store: Store,
  tenantPartition: string,
  userId: string,
  name: string | undefined,
): Promise<void> {
  const fresh = name?.trim();
  if (!fresh) return;
  const id = membershipId(userId);
  const current = await store.read(tenantPartition, 'membership', id);
  if (!current || current.leftAt || current.name === fresh) return;
  await readModifyWrite(store, tenantPartition, 'membership', id, (now) =>
    now && !now.leftAt && now.name !== fresh ? { ...now, name: fresh } : undefined,
  );
}

/** The one membership document of a person in their tenant's partition. */
function membershipDoc(
  tenantPartition: string,
  tenantId: string,
  userId: string,
  schoolIds: readonly string[],
  updatedAt: string,
): Membership {
  return {
    type: 'membership',
    id: membershipId(userId),
    schoolId: tenantPartition,
    personIds: [userId],
    userId,
    tenantId,
    schoolIds,
    updatedAt,
  };
}

export async function removeMembership(
  store: Store,
  tenantPartition: string,
  userId: string,
  schoolId: string,
  now: DateTime,
): Promise<void> {
  await readModifyWrite(store, tenantPartition, 'membership', membershipId(userId), (current) =>
    current && current.schoolIds.includes(schoolId)
      ? { ...current, schoolIds: current.schoolIds.filter((id) => id !== schoolId), updatedAt: now.toUTC().toISO()! }
      : undefined,
  );
}

/** Mark that the person deleted their data and left the programme (the membership keeps ids only). */
export async function markLeft(
  store: Store,
  tenantPartition: string,
  tenantId: string,
  userId: string,
  schoolIds: readonly string[],
  now: DateTime,
): Promise<void> {
  const at = now.toUTC().toISO()!;
  await readModifyWrite(store, tenantPartition, 'membership', membershipId(userId), (current) => {
    const known = current?.schoolIds ?? [];
    const all = [...known, ...schoolIds.filter((id) => !known.includes(id))];
    return { ...membershipDoc(tenantPartition, tenantId, userId, all, at), leftAt: at };
  });
}

/** When the person deleted their data and left, if they did and were not seen in a team since. */
export async function leftAt(store: Store, tenantPartition: string, userId: string): Promise<string | undefined> {
  return (await store.read(tenantPartition, 'membership', membershipId(userId)))?.leftAt;
}

/** The schools of a person, most recently seen first (empty when none is known). */
export async function schoolsOf(store: Store, tenantPartition: string, userId: string): Promise<readonly string[]> {
  const membership: Stored<Membership> | undefined = await store.read(
    tenantPartition,
    'membership',
    membershipId(userId),
  );
  return membership?.schoolIds ?? [];
}
