/**
 * Card data ids. Untrusted card data (Action.Execute `data`) is parsed with the verb's schema:
 * anything else is INVALID_INPUT naming the first bad field (the handler then reloads and checks
 * authorization). Every card the bot sends for a school carries that school's id in each action's
 * data, so a button acts on the school its card belongs to — also when the person is in several.
 */
import type { z } from 'zod';
import type { AdaptiveCard } from '../cards/render';
import { DomainError } from '../domain/errors';

export function parseData<T>(schema: z.ZodType<T>, data: unknown): T {
  const result = schema.safeParse(data);
  if (!result.success)
    throw new DomainError('INVALID_INPUT', { field: String(result.error.issues[0]?.path[0] ?? 'data') });
  return result.data;
}

/** The school id a card's data names, when it names a well-formed one. */
export function schoolIdInData(data: Readonly<Record<string, unknown>>): string | undefined {
  const id = data['schoolId'];
  return typeof id === 'string' && /^[A-Za-z0-9-]{1,100}$/.test(id) ? id : undefined;
}

/** Cards this module stamped, with the school id they carry: stamping one again for that school is a no-op. */
const stamped = new WeakMap<object, string>();

/** The card with `schoolId` in the data of every Action.Execute (also its refresh action). */
export function withSchoolId(card: AdaptiveCard, schoolId: string): AdaptiveCard {
  if (stamped.get(card) === schoolId) return card;
  const stamp = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(stamp);
    if (!node || typeof node !== 'object') return node;
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(node)) {
      const value = (node as Record<string, unknown>)[key];
      copy[key] = value !== null && typeof value === 'object' ? stamp(value) : value;
    }
    if (copy['type'] === 'Action.Execute') {
      const data = copy['data'];
      const own = data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
      copy['data'] = { ...own, schoolId: own['schoolId'] ?? schoolId };
    }
    return copy;
  };
  const result = stamp(card) as AdaptiveCard;
  stamped.set(result, schoolId);
  return result;
}
