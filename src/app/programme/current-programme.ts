/**
 * Which programme of a school is current: the active one with the latest start date (a new
 * programme archives the earlier active ones, so normally there is one). The previous programme
 * is the most recent other one; pairing avoids repeating its pairs.
 */
import type { Programme } from '../../domain/entities';
import type { Store, Stored } from '../../store/store';

const byStartDesc = (a: Programme, b: Programme) =>
  a.startDate < b.startDate ? 1 : a.startDate > b.startDate ? -1 : a.createdAt < b.createdAt ? 1 : -1;

export async function currentProgramme(store: Store, schoolId: string): Promise<Stored<Programme> | undefined> {
  const active = await store.query(schoolId, { type: 'programme', where: { status: 'active' } });
  return active.sort(byStartDesc)[0];
}

/** The most recent programme other than `programmeId` (archived or not). */
export async function previousProgramme(
  store: Store,
  schoolId: string,
  programmeId: string,
): Promise<Stored<Programme> | undefined> {
  const all = await store.query(schoolId, { type: 'programme' });
  return all.filter((p) => p.id !== programmeId).sort(byStartDesc)[0];
}
