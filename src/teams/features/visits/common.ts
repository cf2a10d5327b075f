/**
 * Shared by the visit, observation, debrief and status features: the schemas of card data ids,
 * people's display names and dates in the reader's zone.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Locale } from '../../../domain/entities';

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

// People's names: one lookup for the whole product (src/teams/names.ts).
export { namesAndTeamsUserIds, namesOf } from '../../names';
