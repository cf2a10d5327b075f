/**
 * Shared by the visit, observation, debrief and status features: the schemas of card data ids,
 * people's display names and dates in the reader's zone.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Locale, PersonReference, School } from '../../../domain/entities';
import { t } from '../../../i18n/translate';
import type { HandlerContext } from '../../context';
import { findPersonReference } from '../../references';

export const Id = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[^/\\?#\s]+$/);
export const Revision = z.coerce.number().int().min(0).max(1_000_000);
export const VisitRef = z.object({ visitId: Id });
export const VisitRevision = z.object({ visitId: Id, revision: Revision });

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
