/**
 * Shared by the visit, observation, debrief and status features: parsing untrusted card data,
 * friendly field names in errors, people's display names and dates in the reader's zone.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Locale, PersonReference, School } from '../../../domain/entities';
import { DomainError } from '../../../domain/errors';
import { lookup, stringTable, t } from '../../../i18n/translate';
import type { Stored } from '../../../store/store';
import type { ActionContext, HandlerContext } from '../../context';
import { findPersonReference } from '../../references';
import { resolveSchool } from '../../school-context';
import type { CommandHandler, VerbHandler } from '../../router';
import { errorResult } from '../../results';

export const Id = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[^/\\?#\s]+$/);
export const Revision = z.coerce.number().int().min(0).max(1_000_000);
export const VisitRef = z.object({ visitId: Id });
export const VisitRevision = z.object({ visitId: Id, revision: Revision });

export { parseData } from '../../card-data';

/** A field name shown to people: its label in their language when there is one. */
export function fieldLabel(locale: Locale, field: string): string {
  const label = lookup(stringTable(locale), `visitFields.${field}`);
  return typeof label === 'string' ? label : field;
}

export function formatDate(isoDate: string, locale: Locale): string {
  const day = DateTime.fromISO(isoDate, { zone: 'utc' });
  return day.isValid ? day.setLocale(locale).toFormat('d LLLL yyyy') : isoDate;
}

/** Errors with readable field names and dates, in the user's language. */
export function friendlyError(error: DomainError, locale: Locale): DomainError {
  const detail: Record<string, string | number> = { ...error.detail };
  if (typeof detail.field === 'string') detail.field = fieldLabel(locale, detail.field);
  if (typeof detail.start === 'string') detail.start = formatDate(detail.start, locale);
  if (typeof detail.end === 'string') detail.end = formatDate(detail.end, locale);
  return new DomainError(error.code, detail);
}

/** Wrap a verb handler so its typed errors read well. */
export function guarded(handler: VerbHandler): VerbHandler {
  return async (ctx) => {
    try {
      return await handler(ctx);
    } catch (error) {
      if (error instanceof DomainError) throw friendlyError(error, ctx.locale);
      throw error;
    }
  };
}

/** Commands answer typed errors as a friendly message instead of failing the turn. */
export function guardedCommand(handler: CommandHandler): CommandHandler {
  return async (ctx) => {
    try {
      return await handler(ctx);
    } catch (error) {
      if (error instanceof DomainError) return errorResult(friendlyError(error, ctx.locale));
      throw error;
    }
  };
}

export function schoolOf(
  ctx: Pick<HandlerContext, 'services' | 'tenantId' | 'teamId' | 'userId'>,
): Promise<Stored<School>> {
  return resolveSchool(ctx);
}

/** A moment as the reader sees it: "dinsdag 10 maart 2026, 09:00" in the school's zone. */
export function formatMoment(iso: string, zone: string, locale: Locale): string {
  return DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone).setLocale(locale).toFormat('cccc d LLLL yyyy, HH:mm');
}

type PeopleContext = Pick<HandlerContext, 'services' | 'tenantId'>;

async function profileName(
  ctx: PeopleContext,
  school: Pick<School, 'schoolId'>,
  id: string,
): Promise<string | undefined> {
  const profiles = await ctx.services.store.query(school.schoolId, { type: 'profile', personId: id });
  return profiles.find((p) => p.userId === id && p.name)?.name;
}

const referenceName = (reference: PersonReference | undefined, locale: Locale): string =>
  reference?.name || t(locale, 'visitFields.colleague');

/** People's display names: their profile name, else the name Teams gave us, else a neutral word. */
export async function namesOf(
  ctx: PeopleContext,
  school: Pick<School, 'schoolId'>,
  ids: readonly string[],
  locale: Locale,
): Promise<Record<string, string>> {
  const names: Record<string, string> = {};
  for (const id of ids) {
    names[id] =
      (await profileName(ctx, school, id)) ??
      referenceName(await findPersonReference(ctx.services.store, ctx.tenantId, id), locale);
  }
  return names;
}

/**
 * Display names (as namesOf) and the Teams user MRIs for a card's refresh.userIds (the 29: id we
 * saw, else the orgid form), reading each person's conversation reference once.
 */
export async function namesAndTeamsUserIds(
  ctx: PeopleContext,
  school: Pick<School, 'schoolId'>,
  ids: readonly string[],
  locale: Locale,
): Promise<{ names: Record<string, string>; userIds: string[] }> {
  const names: Record<string, string> = {};
  const userIds: string[] = [];
  for (const id of ids) {
    const [name, reference] = await Promise.all([
      profileName(ctx, school, id),
      findPersonReference(ctx.services.store, ctx.tenantId, id),
    ]);
    names[id] = name ?? referenceName(reference, locale);
    const seen = (reference?.reference as { user?: { id?: string } } | undefined)?.user?.id;
    userIds.push(seen || `8:orgid:${id}`);
  }
  return { names, userIds };
}

export type { ActionContext };
