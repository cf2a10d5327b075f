/**
 * A school with many pairs that are all behind (no visit planned 8 days after pairing), and a
 * stored conversation reference for every member and the leader (someone without one cannot be
 * nudged: they are counted unreachable). Tests of the real sender point them at the stand-in.
 */
import { DateTime } from 'luxon';
import type { Store } from '../../src/store/store';
import { buildCycle, buildPair, buildProgramme, buildSchool, SCHOOL_ID } from '../domain/builders';
import { seed } from './fakes';
import { addReachablePeople } from './people';

/** Tuesday 10 February 2026, 10:00 in Amsterdam: school hours, 8 days after pairing. */
export const NUDGE_TIME = DateTime.fromISO('2026-02-10T10:00', { zone: 'Europe/Amsterdam' });
/** Monday 16 March 2026, 08:05 in Amsterdam: after the digest moment (Monday 08:00). */
export const DIGEST_TIME = DateTime.fromISO('2026-03-16T08:05', { zone: 'Europe/Amsterdam' });

export function members(pairs: number): string[] {
  return Array.from({ length: pairs }, (_, n) => [`p${n}-a`, `p${n}-b`]).flat();
}

export async function seedBehindPairs(
  store: Store,
  pairs: number,
  schoolOverrides: Parameters<typeof buildSchool>[0] = {},
): Promise<void> {
  const docs: object[] = [buildSchool(schoolOverrides), buildProgramme()];
  for (let n = 0; n < pairs; n++) {
    docs.push(
      buildPair({ id: `pair-${n}`, memberIds: [`p${n}-a`, `p${n}-b`] }),
      buildCycle({ id: `cycle-${n}`, pairId: `pair-${n}` }),
    );
  }
  await seed(store, docs);
  const tenantId = schoolOverrides.tenantId ?? buildSchool().tenantId;
  const leaders = schoolOverrides.leaderIds ?? buildSchool().leaderIds;
  await addReachablePeople(store, tenantId, [...members(pairs), ...leaders], 'https://smba.trafficmanager.net/emea/');
}

export { SCHOOL_ID };
