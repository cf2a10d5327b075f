/**
 * Shared by the visit, observation, debrief and status features: the schemas of card data ids,
 * people's display names.
 */
import { z } from 'zod';

export const Id = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[^/\\?#\s]+$/);
export const Revision = z.coerce.number().int().min(0).max(1_000_000);
export const VisitRef = z.object({ visitId: Id });
export const VisitRevision = z.object({ visitId: Id, revision: Revision });

// People's names: one lookup for the whole product (src/teams/names.ts).
export { namesAndTeamsUserIds, namesOf } from '../../names';
