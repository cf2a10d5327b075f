/**
 * Who leads a school (schoolleiders): whoever sets up the first programme, plus the leaders they
 * add; a team owner may take over (join the leaders). Every change goes through readModifyWrite
 * on the school, so two simultaneous first set-ups cannot both win.
 */
import type { School } from '../../domain/entities';
import { DomainError } from '../../domain/errors';
import { readModifyWrite, type Store, type Stored } from '../../store/store';

export type LeaderClaim = 'leader' | 'first' | 'owner';

/**
 * How `userId` may act as leader: already a leader, the first one (no leaders yet), or a team
 * owner taking over. Undefined: not allowed.
 */
export function leaderClaim(
  school: Pick<School, 'leaderIds'>,
  userId: string,
  isTeamOwner: boolean,
): LeaderClaim | undefined {
  if (school.leaderIds.includes(userId)) return 'leader';
  if (school.leaderIds.length === 0) return 'first';
  if (isTeamOwner) return 'owner';
  return undefined;
}

/**
 * Make `userId` a leader if their claim still holds on the current document; throws NOT_A_LEADER
 * when someone else became the first leader in the meantime (and the user is no owner).
 */
export async function claimLeadership(
  store: Store,
  schoolId: string,
  userId: string,
  isTeamOwner: boolean,
): Promise<Stored<School>> {
  const school = await readModifyWrite(store, schoolId, 'school', schoolId, (current) => {
    if (!current) throw new DomainError('NO_SCHOOL');
    const claim = leaderClaim(current, userId, isTeamOwner);
    if (!claim) throw new DomainError('NOT_A_LEADER');
    if (claim === 'leader') return undefined;
    return { ...current, leaderIds: [...current.leaderIds, userId] };
  });
  return school!;
}

/** Add leaders (ids already checked against the roster by the caller); idempotent. */
export async function addLeaders(
  store: Store,
  schoolId: string,
  actorId: string,
  newLeaderIds: readonly string[],
): Promise<Stored<School>> {
  const school = await readModifyWrite(store, schoolId, 'school', schoolId, (current) => {
    if (!current) throw new DomainError('NO_SCHOOL');
    if (!current.leaderIds.includes(actorId)) throw new DomainError('NOT_A_LEADER');
    const added = newLeaderIds.filter((id) => !current.leaderIds.includes(id));
    if (added.length === 0) return undefined;
    return { ...current, leaderIds: [...current.leaderIds, ...added] };
  });
  return school!;
}
