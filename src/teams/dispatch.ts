/**
 * Runs a command or a card verb: finds its handler, resolves the school (src/teams/school-context.ts),
 * parses the card data with the verb's schema, calls the handler and turns what it returns — or
 * the refusal it throws — into the answer (src/teams/error-answers.ts). Every card answered for a
 * school carries that school's id in its actions' data. Anything other than a DomainError is a
 * bug: it is not caught here.
 */
import type { Activity, InvokeResponse } from 'botbuilder';
import { DomainError, type DomainErrorCode } from '../domain/errors';
import { parseData, schoolIdInData, withSchoolId } from './card-data';
import type { HandlerContext } from './context';
import { cardErrorAnswer, commandErrorAnswer } from './error-answers';
import { toInvokeResponse, type AdaptiveCardInvokeBody, type HandlerResult } from './results';
import type { Router, SchoolVerbContext, VerbContext } from './router';
import { schoolChoiceCard } from './school-choice';
import { schoolForCommand, schoolOfCard } from './school-context';
import type { School } from '../domain/entities';
import { isDocumentId, type Stored } from '../store/store';
import { TurnStore } from '../store/turn-store';

const list = (results: HandlerResult | HandlerResult[]): HandlerResult[] =>
  Array.isArray(results) ? results : [results];

/** Every card of a result carries the school's id in its actions. */
export function forSchool(result: HandlerResult, school: Pick<School, 'schoolId'>): HandlerResult {
  return result.kind === 'card' ? { kind: 'card', card: withSchoolId(result.card, school.schoolId) } : result;
}

/** A refusal with the person's role in the school, so its text can address a leader differently. */
function withRole(error: DomainError, school: Pick<School, 'leaderIds'> | undefined, userId: string): DomainError {
  if (!school || 'role' in error.detail) return error;
  const role = school.leaderIds.includes(userId) ? 'leader' : 'teacher';
  return new DomainError(error.code, { ...error.detail, role });
}

/** The answers to a typed text (one or more messages). */
export async function runCommand(router: Router, ctx: HandlerContext, text: string): Promise<HandlerResult[]> {
  const { spec, command, args } = router.matchCommand(text);
  const commandCtx = { ...ctx, command, args, text };
  let school: Stored<School> | undefined;
  try {
    if (!spec) {
      const fallback = router.fallbackHandler();
      return fallback ? list(await fallback(commandCtx)) : [];
    }
    if (spec.school === 'none') return list(await spec.handler(commandCtx));
    const choice = await schoolForCommand(ctx);
    if (choice.kind === 'ask') return [schoolChoiceCard(choice.schools, spec.name, ctx.locale)];
    const chosen = choice.school;
    school = chosen;
    return list(await spec.handler({ ...commandCtx, school: chosen })).map((r) => forSchool(r, chosen));
  } catch (error) {
    if (error instanceof DomainError) return [commandErrorAnswer(withRole(error, school, ctx.userId), ctx)];
    throw error;
  }
}

/** The school of a card action: the one its data names, else (an older card) as for a command. */
async function schoolOfAction(ctx: HandlerContext, raw: Readonly<Record<string, unknown>>): Promise<Stored<School>> {
  const named = schoolIdInData(raw);
  if (named) return schoolOfCard(ctx, named);
  const choice = await schoolForCommand(ctx);
  if (choice.kind === 'school') return choice.school;
  const [mostRecent] = choice.schools;
  if (!mostRecent) throw new DomainError('NO_SCHOOL');
  return mostRecent;
}

/**
 * The card's school and the visit its data names (checked by the verb's schema), in one read of
 * the school's partition: the school check reads the one and the handler the other — with the
 * pair, cycle and programme a visit card's refresh names (what loading the visit reads next).
 * Those ids are only a guess to read ahead: the handler reads what the visit itself names, so a
 * forged id costs one look-up more and shows nothing. Nothing is shown before the handler's own
 * checks (the person's membership, the visit's pair).
 */
async function prefetchCardDocuments(
  ctx: HandlerContext,
  raw: Readonly<Record<string, unknown>>,
  data: unknown,
): Promise<void> {
  const { store } = ctx.services;
  const schoolId = schoolIdInData(raw);
  if (!(store instanceof TurnStore) || !schoolId) return;
  const visitId = (data as { visitId?: unknown } | null | undefined)?.visitId;
  const named = (type: 'pair' | 'cycle' | 'programme', field: string) => {
    const id = raw[field];
    return typeof id === 'string' && isDocumentId(id) ? [{ type, id }] : [];
  };
  await store.prefetch(schoolId, [
    { type: 'school', id: schoolId },
    ...(typeof visitId === 'string'
      ? [
          { type: 'visit' as const, id: visitId },
          ...named('pair', 'pairId'),
          ...named('cycle', 'cycleId'),
          ...named('programme', 'programmeId'),
        ]
      : []),
  ]);
}

/**
 * Refusals no person causes through the card itself — forged or malformed data, ids they may not
 * see — get the typed error response, never a card: nothing about the named thing is shown.
 */
const NOT_FOR_THE_CARD: ReadonlySet<DomainErrorCode> = new Set(['INVALID_INPUT', 'NOT_FOUND', 'NOT_A_PAIR_MEMBER']);

/** The invoke response to an `adaptiveCard/action`. */
export async function runVerb(
  router: Router,
  ctx: HandlerContext,
  activity: Partial<Activity>,
): Promise<InvokeResponse<AdaptiveCardInvokeBody>> {
  const value = (activity.value ?? {}) as { action?: { verb?: unknown; data?: unknown } };
  const verb = value.action?.verb;
  const rawData = value.action?.data;
  const inputs =
    rawData && typeof rawData === 'object' && !Array.isArray(rawData) ? (rawData as Record<string, unknown>) : {};
  let answered: { ctx: VerbContext<unknown> | SchoolVerbContext<unknown>; school?: Stored<School> } | undefined;
  const spec = typeof verb === 'string' && verb !== '' ? router.findVerb(verb) : undefined;
  try {
    if (typeof verb !== 'string' || verb === '') throw new DomainError('INVALID_INPUT', { field: 'verb' });
    if (!spec) throw new DomainError('UNKNOWN_VERB');
    const data: unknown = parseData(spec.data, inputs);
    if (spec.school === 'none') {
      const verbCtx = { ...ctx, verb, inputs, data };
      answered = { ctx: verbCtx };
      return toInvokeResponse(await spec.handler(verbCtx), ctx.locale);
    }
    await prefetchCardDocuments(ctx, inputs, data);
    const school = await schoolOfAction(ctx, inputs);
    const verbCtx = { ...ctx, verb, inputs, data, school };
    answered = { ctx: verbCtx, school };
    return toInvokeResponse(forSchool(await spec.handler(verbCtx), school), ctx.locale);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const canShow = answered && spec?.card && !NOT_FOR_THE_CARD.has(error.code);
    const rebuilt = canShow ? await rebuild(() => spec.card!(answered!.ctx as never)) : undefined;
    const card = rebuilt && answered?.school ? withSchoolId(rebuilt, answered.school.schoolId) : rebuilt;
    return cardErrorAnswer(withRole(error, answered?.school, ctx.userId), ctx, card, inputs);
  }
}

/** The pressed card rebuilt for showing a refusal on it; when even that is refused, none. */
async function rebuild<T>(make: () => Promise<T | undefined>): Promise<T | undefined> {
  try {
    return await make();
  } catch (error) {
    if (error instanceof DomainError) return undefined;
    throw error;
  }
}
