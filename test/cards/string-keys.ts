/** Helpers for the card string checks: which `t.` keys a template uses, and a table's keys. */
import type { StringTable } from '../../src/i18n/translate';

/**
 * The string keys a template reads from `t` inside its `${…}` expressions: `${t.title}`,
 * `${$root.t.title}`, `${if(done, t.doneLabel, t.openLabel)}`, `${t.heading}` in `$when` …
 * (a key under `$data` scopes is still found when written as `$root.t.key`).
 */
export function templateStringKeys(templateText: string): string[] {
  const keys = new Set<string>();
  for (const expression of templateText.matchAll(/\$\{([^}]*)\}/g)) {
    for (const key of expression[1].matchAll(/(?:\$root\.|(?<![\w.$]))t\.(\w+)/g)) keys.add(key[1]);
  }
  return [...keys].sort();
}

/** Every leaf key of a string table, dotted, sorted. */
export function flattenKeys(table: StringTable, prefix = ''): string[] {
  return Object.entries(table)
    .flatMap(([key, value]) =>
      typeof value === 'string' ? [`${prefix}${key}`] : flattenKeys(value, `${prefix}${key}.`),
    )
    .sort();
}

/** The `{name}` placeholders of a text, sorted and unique. */
export function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
}
