/**
 * User-facing text in Dutch and English. The string tables live in cards/strings/<locale>/*.json
 * (one file per feature, deep-merged; shared with the card templates); a key is a dotted path.
 *
 * Every text is an ICU MessageFormat message (intl-messageformat): `{name}` fills in a value,
 * `{count, plural, one {# tweetal} other {# tweetallen}}` picks the language's plural form
 * (`=0 {…}` for an exact number), `{role, select, leader {…} other {…}}` picks by a key.
 * A literal `{` or `}` is written `'{'`; a lone apostrophe ("z'n", "doesn't") stays as it is.
 * Never write a plural as "tweetal(len)" or "teacher(s)": a test scans the tables for that.
 */
import fs from 'node:fs';
import path from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import type { Locale } from '../domain/entities';
import { isUserText, type UserText } from '../domain/typed-text';
import { projectRoot } from '../project-root';
import { LANGUAGE_TAG } from './language-tag';

export const LOCALES: readonly Locale[] = ['nl', 'en'];

export type StringTable = { [key: string]: string | StringTable };

/** A value a message can fill in: text or a number (plural rules choose by the number). */
/** A message's values; someone's words come as a `UserText` and are placed escaped (text is text). */
export type MessageParams = Readonly<Record<string, string | number | UserText>>;

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

const compiled = new Map<string, IntlMessageFormat>();

/** The compiled message for a text (cached; a text that does not parse throws, and a test parses them all). */
export function message(locale: Locale, text: string): IntlMessageFormat {
  const cacheKey = `${locale}\u0000${text}`;
  let found = compiled.get(cacheKey);
  if (!found) {
    found = new IntlMessageFormat(text, LANGUAGE_TAG[locale], undefined, { ignoreTag: true });
    compiled.set(cacheKey, found);
  }
  return found;
}

/** Format an ICU message text; a missing value shows its `{name}` rather than failing the turn (a test checks the values). */
export function formatMessage(locale: Locale, text: string, given: MessageParams = {}): string {
  const params = Object.fromEntries(
    Object.entries(given).map(([key, value]) => [key, isUserText(value) ? value.toString() : value]),
  ) as Readonly<Record<string, string | number>>;
  try {
    return String(message(locale, text).format(params));
  } catch {
    return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
  }
}

/** The text of each key per language, looked up once (the tables do not change while running). */
const texts = new Map<string, string | undefined>();

/** The texts of keys asked without values, formatted once (a digest run asks the same labels for every school). */
const formattedTexts = new Map<string, string>();

/** The text for `key` in `locale`; a missing key shows the key itself (and a test fails on it). */
export function t(locale: Locale, key: string, params?: MessageParams): string {
  const cacheKey = `${locale}\u0000${key}`;
  const withoutValues = params === undefined || Object.keys(params).length === 0;
  if (withoutValues) {
    const formatted = formattedTexts.get(cacheKey);
    if (formatted !== undefined) return formatted;
  }
  let found = texts.get(cacheKey);
  if (found === undefined && !texts.has(cacheKey)) {
    const value = lookup(stringTable(locale), key);
    found = typeof value === 'string' ? value : undefined;
    if (texts.size >= 10_000) texts.clear(); // keys come from code; the bound only guards a runaway caller
    texts.set(cacheKey, found);
  }
  if (found === undefined) return key;
  const text = formatMessage(locale, found, params);
  if (withoutValues) {
    if (formattedTexts.size >= 10_000) formattedTexts.clear();
    formattedTexts.set(cacheKey, text);
  }
  return text;
}

const listFormats = new Map<Locale, Intl.ListFormat>();

/** Names or words joined the language's way: "Emma Clarke en Noah Wright", "Emma, Noah and Ali". */
export function listOf(locale: Locale, items: readonly string[]): string {
  if (items.length === 1) return items[0]!;
  const key = `${locale}${JSON.stringify(items)}`;
  let joined = joinedLists.get(key);
  if (joined === undefined) {
    let format = listFormats.get(locale);
    if (!format) {
      format = new Intl.ListFormat(LANGUAGE_TAG[locale], { style: 'long', type: 'conjunction' });
      listFormats.set(locale, format);
    }
    joined = format.format(items);
    // The same few lists (a pair's or trio's names) again and again: ICU's formatting is the cost.
    if (joinedLists.size >= MAX_JOINED_LISTS) joinedLists.clear();
    joinedLists.set(key, joined);
  }
  return joined;
}

const joinedLists = new Map<string, string>();
const MAX_JOINED_LISTS = 1000;

/** Pick the user's language: the activity's locale when nl or en, else the default. */
export function resolveLocale(activityLocale: string | undefined, fallback: Locale): Locale {
  const language = (activityLocale ?? '').toLowerCase().split(/[-_]/)[0];
  return language === 'nl' || language === 'en' ? language : fallback;
}
