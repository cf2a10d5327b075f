/**
 * Which school a turn acts on.
 * - A card action: the school its card data names, if the person belongs to it (the team of this
 *   conversation, a membership, or a leader of it); a card without a school id (sent before cards
 *   carried one) is treated as a command.
 * - A command: the team of a channel conversation; in a 1:1 chat the person's only school, or of
 *   several the one with their running programme (an active pair, or a school they lead with a
 *   programme running); when that does not decide it, the person is asked which one.
 */
import { schoolsOf } from '../app/membership';
import { currentProgramme } from '../app/programme/current-programme';
import { findActivePair } from '../app/visits/pair-context';
import type { School } from '../domain/entities';
import { DomainError } from '../domain/errors';
import type { Stored } from '../store/store';
import type { HandlerContext } from './context';
import { schoolIdFor, tenantPartitionFor } from './ids';

type SchoolTurn = Pick<HandlerContext, 'services' | 'tenantId' | 'teamId' | 'userId'>;

export type SchoolChoice =
  | { readonly kind: 'school'; readonly school: Stored<School> }
  /** Several schools and nothing tells which one is meant: ask (installed schools, most recent first). */
  | { readonly kind: 'ask'; readonly schools: readonly Stored<School>[] };

async function installedSchool(ctx: SchoolTurn, schoolId: string): Promise<Stored<School> | undefined> {
  const school = await ctx.services.store.read(schoolId, 'school', schoolId);
  return school && school.installed && school.tenantId === ctx.tenantId ? school : undefined;
}

/** The school a card names, for a person who belongs to it; NOT_FOUND otherwise (nothing is revealed). */
export async function schoolOfCard(ctx: SchoolTurn, schoolId: string): Promise<Stored<School>> {
  const school = await installedSchool(ctx, schoolId);
  if (!school) throw new DomainError('NOT_FOUND');
  if (ctx.teamId && schoolIdFor(ctx.tenantId, ctx.teamId) === school.schoolId) return school;
  if (school.leaderIds.includes(ctx.userId)) return school;
  const memberships = await schoolsOf(ctx.services.store, tenantPartitionFor(ctx.tenantId), ctx.userId);
  if (memberships.includes(school.schoolId)) return school;
  throw new DomainError('NOT_FOUND');
}

/** Is a programme of this school running for the person: their active pair, or one they lead? */
async function runsForPerson(ctx: SchoolTurn, school: Stored<School>): Promise<boolean> {
  if (await findActivePair(ctx.services.store, school.schoolId, ctx.userId)) return true;
  return (
    school.leaderIds.includes(ctx.userId) && (await currentProgramme(ctx.services.store, school.schoolId)) !== undefined
  );
}

/** The school of a command (see the file comment); NO_SCHOOL when the person belongs to none. */
export async function schoolForCommand(ctx: SchoolTurn): Promise<SchoolChoice> {
  if (ctx.teamId) {
    const school = await installedSchool(ctx, schoolIdFor(ctx.tenantId, ctx.teamId));
    if (!school) throw new DomainError('NO_SCHOOL');
    return { kind: 'school', school };
  }
  const schools: Stored<School>[] = [];
  for (const id of await schoolsOf(ctx.services.store, tenantPartitionFor(ctx.tenantId), ctx.userId)) {
    const school = await installedSchool(ctx, id);
    if (school) schools.push(school);
  }
  const [only] = schools;
  if (!only) throw new DomainError('NO_SCHOOL');
  if (schools.length === 1) return { kind: 'school', school: only };
  const running: Stored<School>[] = [];
  for (const school of schools) if (await runsForPerson(ctx, school)) running.push(school);
  const [theOne] = running;
  if (theOne && running.length === 1) return { kind: 'school', school: theOne };
  return { kind: 'ask', schools: running.length > 1 ? running : schools };
}

export const isLeader = (school: Pick<School, 'leaderIds'>, userId: string): boolean =>
  school.leaderIds.includes(userId);
