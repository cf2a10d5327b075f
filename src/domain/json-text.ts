/**
 * The JSON text of a value that never changes, made once and kept with it: a remembered card
 * is frozen, shared and answered to every refresh of it (issue 12: writing the visit card as
 * JSON again for each refresh took 7 % of the refresh path). Pure: no I/O; the texts go when
 * their values do (a WeakMap).
 */
import { deepFreeze } from './deep-freeze';

const unchanging = new WeakSet<object>();
const texts = new WeakMap<object, string>();

/** Deep-freezes `value` and lets `jsonText` keep its JSON text. */
export function unchangingValue<T extends object>(value: T): T {
  deepFreeze(value);
  unchanging.add(value);
  return value;
}

function keptText(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || !unchanging.has(value)) return undefined;
  let text = texts.get(value);
  if (text === undefined) {
    text = JSON.stringify(value);
    texts.set(value, text);
  }
  return text;
}

/**
 * What JSON.stringify(value) gives, with the kept text of an unchanging value: the value itself,
 * or one of its own properties (the card of an invoke response, `{ statusCode, type, value }`).
 */
export function jsonText(value: unknown): string {
  const own = keptText(value);
  if (own !== undefined) return own;
  if (value === null || typeof value !== 'object' || Array.isArray(value) || 'toJSON' in value)
    return JSON.stringify(value);
  const entries = Object.entries(value);
  if (!entries.some(([, inner]) => unchanging.has(inner as object))) return JSON.stringify(value);
  const parts: string[] = [];
  for (const [key, inner] of entries) {
    // As JSON.stringify: a property whose value has no JSON (undefined, a function) is left out.
    const text = keptText(inner) ?? (JSON.stringify(inner) as string | undefined);
    if (text !== undefined) parts.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${parts.join(',')}}`;
}
