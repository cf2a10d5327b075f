/**
 * User-facing text in Dutch and English. The string tables live in cards/strings/<locale>/*.json
 * (one file per feature, deep-merged; shared with the card templates); a key is a dotted path,
 * `{name}` placeholders are filled from params.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Locale } from '../domain/entities';
import { projectRoot } from '../project-root';

export const LOCALES: readonly Locale[] = ['nl', 'en'];

export type StringTable = { [key: string]: string | StringTable };

const tables = new Map<Locale, StringTable>();

export function stringTable(locale: Locale): StringTable {
  let table = tables.get(locale);
  if (!table) {
    const dir = path.join(projectRoot(), 'cards', 'strings', locale);
    table = {};
    for (const file of fs
      .readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .sort()) {
      table = deepMerge(
        table,
        JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as StringTable,
        `${locale}/${file}`,
      );
    }
    tables.set(locale, table);
  }
  return table;
}

function deepMerge(into: StringTable, from: StringTable, source: string, prefix = ''): StringTable {
  const merged: StringTable = { ...into };
  for (const [key, value] of Object.entries(from)) {
    const existing = merged[key];
    if (existing === undefined) merged[key] = value;
    else if (typeof existing === 'object' && typeof value === 'object')
      merged[key] = deepMerge(existing, value, source, `${prefix}${key}.`);
    else throw new Error(`string key ${prefix}${key} is defined twice (again in cards/strings/${source})`);
  }
  return merged;
}

export function lookup(table: StringTable, key: string): string | StringTable | undefined {
  let node: string | StringTable | undefined = table;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[part];
  }
  return node;
}

/** The text for `key` in `locale`; a missing key shows the key itself (and a test fails on it). */
export function t(locale: Locale, key: string, params: Readonly<Record<string, string | number>> = {}): string {
  const found = lookup(stringTable(locale), key);
  const text = typeof found === 'string' ? found : key;
  return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

/** Pick the user's language: the activity's locale when nl or en, else the default. */
export function resolveLocale(activityLocale: string | undefined, fallback: Locale): Locale {
  const language = (activityLocale ?? '').toLowerCase().split(/[-_]/)[0];
  return language === 'nl' || language === 'en' ? language : fallback;
}
