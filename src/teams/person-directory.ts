/**
 * The PersonDirectory port (src/app/nudges/people.ts) on the conversation references Teams
 * stored (src/teams/references.ts): people's stored conversation references live in their
 * tenant's partition. One query per tenant per run (cached), so a digest run over many schools
 * of one tenant does not read each person separately.
 */
import type { PersonDirectory, PersonInfo } from '../app/nudges/people';
import type { Store } from '../store/store';
import { tenantPartitionFor } from './ids';

export function storePersonDirectory(store: Store): PersonDirectory {
  const byTenant = new Map<string, Promise<Map<string, PersonInfo>>>();
  const load = async (tenantId: string) => {
    const refs = await store.query(tenantPartitionFor(tenantId), { type: 'personReference' });
    return new Map(
      refs.map((r) => [
        r.userId,
        {
          userId: r.userId,
          name: r.name,
          ...(r.locale ? { locale: r.locale } : {}),
          reachable: r.reachable,
        } satisfies PersonInfo,
      ]),
    );
  };
  return {
    async people(tenantId, userIds) {
      let all = byTenant.get(tenantId);
      if (!all) {
        all = load(tenantId);
        byTenant.set(tenantId, all);
        all.catch(() => byTenant.delete(tenantId));
      }
      const known = await all;
      const wanted = new Set(userIds);
      return new Map([...known].filter(([id]) => wanted.has(id)));
    },
  };
}
