/**
 * The team roster from Teams (paged member listing), and the memberships it implies.
 */
import { TeamsInfo, type ChannelAccount, type TurnContext } from 'botbuilder';
import type { Logger } from '../logging/logger';
import type { HandlerContext } from './context';
import type { DateTime } from 'luxon';
import { addMembership } from '../app/membership';
import type { Store } from '../store/store';
import { schoolIdFor, tenantPartitionFor } from './ids';

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

/**
 * Members added to the team (conversationUpdate membersAdded): each belongs to the school, with
 * the roster's name — from the event when it carries one, else asked of Teams (a failure keeps
 * the membership without a name; the roster is read again when pairs are composed).
 */
export async function rememberAddedMembers(
  ctx: HandlerContext,
  added: readonly ChannelAccount[],
  logger: Pick<Logger, 'warn'>,
): Promise<void> {
  if (!ctx.teamId) return;
  const schoolId = schoolIdFor(ctx.tenantId, ctx.teamId);
  const partition = tenantPartitionFor(ctx.tenantId);
  for (const account of added) {
    let name = account.name ?? '';
    let userId = account.aadObjectId || account.id;
    if (!name || !account.aadObjectId) {
      try {
        const member = await TeamsInfo.getMember(ctx.turn, account.id);
        name ||= member.name ?? '';
        userId = member.aadObjectId || userId;
      } catch (error) {
        logger.warn(
          { activityId: ctx.turn.activity.id, err: { name: (error as Error).name } },
          'could not read an added team member',
        );
      }
    }
    await addMembership(ctx.services.store, partition, ctx.tenantId, userId, schoolId, ctx.now, name);
  }
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
