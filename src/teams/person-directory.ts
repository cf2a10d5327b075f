/**
 * The PersonDirectory port (src/app/nudges/people.ts) on what Teams told us about people, in
 * their tenant's partition: the stored conversation references (src/teams/references.ts) and
 * the memberships with the roster's names (src/app/membership.ts). One partition read per
 * tenant per run (cached), so a digest run over many schools of one tenant does not read each
 * person separately. The cache keeps the MAX_TENANTS tenants used last, not every tenant of the
 * run: a run over thousands of schools holds the people of a bounded window of tenants, not all
 * of them until it ends. Names follow the one rule of src/app/people/names.ts (roster first).
 */
import type { PersonDirectory, PersonInfo } from '../app/nudges/people';
import { LeastRecentlyUsed } from '../domain/least-recently-used';
import type { Store } from '../store/store';
import { tenantPartitionFor } from './ids';

/** Tenants whose people a directory keeps (a school board is one tenant with many schools). */
export const MAX_TENANTS = 64;

export function storePersonDirectory(store: Store): PersonDirectory {
  const byTenant = new LeastRecentlyUsed<Map<string, PersonInfo>>(MAX_TENANTS);
  const load = async (tenantId: string) => {
    const { personReference: refs, membership: memberships } = await store.readPartition(tenantPartitionFor(tenantId), [
      { type: 'personReference' },
      { type: 'membership' },
    ]);
    const people = new Map<string, PersonInfo>();
    for (const r of refs) {
      people.set(r.userId, {
        userId: r.userId,
        name: r.name,
        ...(r.locale ? { locale: r.locale } : {}),
        reachable: r.reachable,
      });
    }
    for (const m of memberships) {
      if (!m.name) continue;
      const known = people.get(m.userId);
      people.set(m.userId, { ...(known ?? { userId: m.userId, name: '', reachable: false }), rosterName: m.name });
    }
    return people;
  };
  return {
    async people(tenantId, userIds) {
      const known = await byTenant.get(tenantId, () => load(tenantId));
      const found = new Map<string, PersonInfo>();
      for (const id of userIds) {
        const person = known.get(id);
        if (person) found.set(id, person);
      }
      return found;
    },
  };
}
