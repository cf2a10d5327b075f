/**
 * Untrusted card data (Action.Execute `data`): parsed with a schema, anything else is
 * INVALID_INPUT naming the first bad field (the handler then reloads and checks authorization).
 */
import type { z } from 'zod';
import { DomainError } from '../domain/errors';

export function parseData<T>(schema: z.ZodType<T>, data: unknown): T {
  const result = schema.safeParse(data);
  if (!result.success)
    throw new DomainError('INVALID_INPUT', { field: String(result.error.issues[0]?.path[0] ?? 'data') });
  return result.data;
}
