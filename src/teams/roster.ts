/**
 * The team roster from Teams (paged member listing), and the memberships it implies.
 */
import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { DateTime } from 'luxon';
import { addMembership } from '../app/membership';
import type { Store } from '../store/store';
import { tenantPartitionFor } from './ids';

export interface RosterMember {
  readonly userId: string; // Entra object id
  readonly teamsId: string; // 29:… channel account id
  readonly name: string;
}

const MAX_PAGES = 200; // 200 × 500 members: far beyond any school team

/** Every member of a team, page by page. Works from any turn of the same tenant. */
export async function listTeamMembers(turn: TurnContext, teamId: string): Promise<RosterMember[]> {
  const members: RosterMember[] = [];
  let continuationToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await TeamsInfo.getPagedTeamMembers(turn, teamId, 500, continuationToken);
    for (const member of result.members ?? []) {
      members.push({ userId: member.aadObjectId || member.id, teamsId: member.id, name: member.name ?? '' });
    }
    continuationToken = result.continuationToken;
    if (!continuationToken) break;
  }
  return members;
}

/** Record that every roster member belongs to this school. */
export async function rememberRoster(
  store: Store,
  tenantId: string,
  schoolId: string,
  members: readonly RosterMember[],
  now: DateTime,
): Promise<void> {
  const partition = tenantPartitionFor(tenantId);
  for (const member of members)
    await addMembership(store, partition, tenantId, member.userId, schoolId, now, member.name);
}
