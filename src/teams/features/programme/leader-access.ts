/**
 * Who may act as school leader in this turn. Leaders are stored on the school; when there are
 * none yet, whoever sets up the first programme becomes one; a team owner may take over.
 *
 * Team owners: Teams' member API (TeamsInfo.getTeamMember → GET /v3/conversations/{teamId}/
 * members/{userId}) returns a `userRole`; we treat `userRole === 'owner'` as owner. If Teams
 * returns only 'user'/'guest' for a tenant, owners cannot take over through the bot and an
 * existing leader adds them instead (the check fails closed).
 */
import { TeamsInfo } from 'botbuilder';
import { claimLeadership, leaderClaim, type LeaderClaim } from '../../../app/programme/leaders';
import type { School } from '../../../domain/entities';
import { DomainError } from '../../../domain/errors';
import type { Stored } from '../../../store/store';
import type { HandlerContext } from '../../context';
import type { SchoolTurnContext } from '../../router';

export async function isTeamOwner(ctx: HandlerContext, school: Pick<School, 'teamId'>): Promise<boolean> {
  try {
    const member = await TeamsInfo.getTeamMember(ctx.turn, school.teamId, ctx.userId);
    return (member as { userRole?: string }).userRole === 'owner';
  } catch {
    return false;
  }
}

export interface LeaderAccess {
  readonly school: Stored<School>;
  readonly claim: LeaderClaim;
  readonly isOwner: boolean;
}

/** The school and how the person may lead it; NOT_A_LEADER otherwise. */
export async function requireLeaderAccess(ctx: SchoolTurnContext): Promise<LeaderAccess> {
  const { school } = ctx;
  const leader = school.leaderIds.includes(ctx.userId);
  const isOwner = !leader && school.leaderIds.length > 0 ? await isTeamOwner(ctx, school) : false;
  const claim = leaderClaim(school, ctx.userId, isOwner);
  if (!claim) throw new DomainError('NOT_A_LEADER');
  return { school, claim, isOwner };
}

/** Only someone who is a leader already (after any claim), for pairing and switch requests. */
export async function requireLeader(ctx: SchoolTurnContext): Promise<Stored<School>> {
  const { school } = ctx;
  if (school.leaderIds.includes(ctx.userId)) return school;
  if (school.leaderIds.length > 0 && (await isTeamOwner(ctx, school))) {
    return claimLeadership(ctx.services.store, school.id, ctx.userId, true);
  }
  throw new DomainError('NOT_A_LEADER');
}
