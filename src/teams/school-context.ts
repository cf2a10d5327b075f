/**
 * Which school a turn is about: the team of a channel conversation, or — in a 1:1 chat — the
 * school the person was most recently seen in (memberships).
 */
import { schoolsOf } from '../app/membership';
import type { School } from '../domain/entities';
import { DomainError } from '../domain/errors';
import type { Stored } from '../store/store';
import type { HandlerContext } from './context';
import { schoolIdFor, tenantPartitionFor } from './ids';

export async function resolveSchool(
  ctx: Pick<HandlerContext, 'services' | 'tenantId' | 'teamId' | 'userId'>,
): Promise<Stored<School>> {
  const { store } = ctx.services;
  const candidates = ctx.teamId
    ? [schoolIdFor(ctx.tenantId, ctx.teamId)]
    : await schoolsOf(store, tenantPartitionFor(ctx.tenantId), ctx.userId);
  for (const schoolId of candidates) {
    const school = await store.read(schoolId, 'school', schoolId);
    if (school && school.installed && school.tenantId === ctx.tenantId) return school;
  }
  throw new DomainError('NO_SCHOOL');
}

export const isLeader = (school: Pick<School, 'leaderIds'>, userId: string): boolean =>
  school.leaderIds.includes(userId);
