/**
 * Everything the behind-rules and the digest need of one school, in a handful of
 * single-partition queries (no observation, reflection or debrief text is ever read).
 */
import { currentCycle } from '../../domain/cycle';
import type { Cycle, Pair, Profile, Programme, School, Visit } from '../../domain/entities';
import type { Store, Stored } from '../../store/store';

export interface SchoolCoaching {
  readonly school: Stored<School>;
  readonly programmes: readonly Stored<Programme>[];
  readonly pairs: readonly Stored<Pair>[];
  readonly cycles: readonly Stored<Cycle>[];
  readonly visits: readonly Stored<Visit>[];
  readonly profiles: readonly Stored<Profile>[];
}

/** The schools a job run visits, in id order: the given ones (when still installed), else every installed school. */
export async function installedSchools(store: Store, schoolIds?: readonly string[]): Promise<Stored<School>[]> {
  const schools = schoolIds
    ? (await Promise.all(schoolIds.map((id) => store.read(id, 'school', id)))).filter((s): s is Stored<School> =>
        Boolean(s?.installed),
      )
    : await store.queryAllSchools({ type: 'school', where: { installed: true } });
  return [...schools].sort((a, b) => (a.id < b.id ? -1 : 1));
}

export async function activeProgrammes(store: Store, schoolId: string): Promise<Stored<Programme>[]> {
  return store.query(schoolId, { type: 'programme', where: { status: 'active' } });
}

export async function loadSchoolCoaching(
  store: Store,
  school: Stored<School>,
  programmes: readonly Stored<Programme>[],
): Promise<SchoolCoaching> {
  const [pairs, cycles, visits, profiles] = await Promise.all([
    store.query(school.schoolId, { type: 'pair', where: { status: 'active' } }),
    store.query(school.schoolId, { type: 'cycle' }),
    store.query(school.schoolId, { type: 'visit' }),
    store.query(school.schoolId, { type: 'profile' }),
  ]);
  return { school, programmes, pairs, cycles, visits, profiles };
}

/** The pair's current cycle in its own programme (see currentCycle). */
export function currentCycleOf(pair: Pair, cycles: readonly Cycle[]): Cycle | undefined {
  return currentCycle(cycles.filter((c) => c.pairId === pair.id && c.programmeId === pair.programmeId));
}

/** Names for display: the profile's name, else the name Teams gave, else a neutral placeholder. */
export function nameOf(
  userId: string,
  profiles: readonly Profile[],
  fallback: ReadonlyMap<string, { name: string }>,
): string {
  return profiles.find((p) => p.userId === userId)?.name || fallback.get(userId)?.name || '?';
}
