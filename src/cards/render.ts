/**
 * The card pipeline: one template per card in cards/templates/<name>.json (Adaptive Cards 1.5,
 * editable in the Adaptive Cards Designer), expanded with a typed view model and the card's
 * strings in the reader's language — by compiled code that gives what adaptivecards-templating
 * gives (template-expander.ts; the library expands a template that uses more of the language).
 * The view model is computed by a pure function with dates already formatted; the template only
 * places it.
 *
 * Features add their view models to `CardViewModels` by module augmentation:
 *   declare module '../../cards/render' { interface CardViewModels { myCard: MyView } }
 *
 * Text is text: a view model holds someone's words as a `UserText` (`userText(…)`, see
 * src/domain/typed-text.ts), and the renderer turns every one into escaped markdown before the
 * template places it — a template cannot show a colleague's words as a link, bold or a list.
 * Hidden bidi and zero-width controls are dropped from every string of the view model.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as ACData from 'adaptivecards-templating';
import type { Locale } from '../domain/entities';
import { isUserText, withoutHiddenControls } from '../domain/typed-text';
import { projectRoot } from '../project-root';
import { formatMessage, lookup, stringTable, type StringTable } from '../i18n/translate';
import { unchangingValue } from '../domain/json-text';
import { setOwn } from './own-property';
import { compileTemplate } from './template-expander';

// Filled by declaration merging: each card module adds its view model.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CardViewModels {}

export type CardName = Extract<keyof CardViewModels, string>;

export interface AdaptiveCard {
  readonly type: 'AdaptiveCard';
  readonly version: string;
  readonly body: readonly unknown[];
  readonly [key: string]: unknown;
}

/** Expands a template with its root data: compiled (template-expander.ts), or by the library when it is not. */
type Expander = (root: object) => unknown;

const templates = new Map<string, Expander>();

export function templatePath(name: string): string {
  return path.join(projectRoot(), 'cards', 'templates', `${name}.json`);
}

export function templateNames(): string[] {
  return fs
    .readdirSync(path.join(projectRoot(), 'cards', 'templates'))
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.replace(/\.json$/, ''))
    .sort();
}

function template(name: string): Expander {
  let loaded = templates.get(name);
  if (!loaded) {
    const payload: unknown = JSON.parse(fs.readFileSync(templatePath(name), 'utf8'));
    const compiled = compileTemplate(payload);
    if (compiled) loaded = compiled;
    else {
      const library = new ACData.Template(payload);
      loaded = (root) => library.expand({ $root: root });
    }
    templates.set(name, loaded);
  }
  return loaded;
}

const cardTables = new Map<string, StringTable>();

/** Strings for a card: the shared `common` table overlaid with the card's own table (computed once per card and language). */
export function cardStrings(name: string, locale: Locale): StringTable {
  const cacheKey = `${locale}:${name}`;
  let strings = cardTables.get(cacheKey);
  if (!strings) {
    const table = stringTable(locale);
    const common = lookup(table, 'common');
    const own = lookup(table, `cards.${name}`);
    strings = formatted(
      { ...(typeof common === 'object' ? common : {}), ...(typeof own === 'object' ? own : {}) },
      locale,
    );
    cardTables.set(cacheKey, strings);
  }
  return strings;
}

/**
 * The texts a template places as they are: each ICU message without values formatted (so a
 * "'{'" escape reads right); a message with values stays as written, for its view model to fill with t().
 */
function formatted(table: StringTable, locale: Locale): StringTable {
  return Object.fromEntries(
    Object.entries(table).map(([key, value]) => [
      key,
      typeof value === 'string' ? formatMessage(locale, value) : formatted(value, locale),
    ]),
  );
}

/** The view model as the template sees it: each `UserText` escaped, hidden controls gone from every string. */
export function shownView(value: unknown): unknown {
  if (isUserText(value)) return value.toString();
  if (typeof value === 'string') return withoutHiddenControls(value);
  if (Array.isArray(value)) return value.map(shownView);
  if (value !== null && typeof value === 'object') {
    const shown: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) setOwn(shown, key, shownView(inner));
    return shown;
  }
  return value;
}

/**
 * Expanded cards by template, language and the view model as shown (JSON). Expansion is a pure
 * function of the three (the templates use no clock or random functions). The cards in
 * REMEMBERED are expanded again and again unchanged — above all the visit card, which Teams
 * refreshes each time a partner views it, and the status and help cards — so their expansions
 * are remembered, frozen: a hit is the card expanded before, shared (whoever changes a card makes
 * a copy: src/teams/card-data.ts withSchoolId; JSON.parse of a copy per hit was most of the
 * status card's expansion time, issue 12). Cards made once per person and week (nudges, digests)
 * are not remembered, and are the caller's own: remembering them would only fill the heap.
 */
const REMEMBERED: ReadonlySet<string> = new Set(['visit-details', 'status', 'help']);
const expansions = new Map<string, AdaptiveCard>();
const MAX_EXPANSIONS = 1000;

/** Expand a template without compile-time typing (the card test uses it with sample data). */
export function expandTemplate(name: string, view: object, locale: Locale): AdaptiveCard {
  const shown = shownView(view) as object;
  const expand = () => template(name)({ ...shown, t: cardStrings(name, locale), locale }) as AdaptiveCard;
  if (!REMEMBERED.has(name)) return expand();
  const key = `${name}\u0000${locale}\u0000${JSON.stringify(shown)}`;
  const remembered = expansions.get(key);
  if (remembered !== undefined) return remembered;
  const expanded = unchangingValue(expand());
  if (expansions.size >= MAX_EXPANSIONS) expansions.delete(expansions.keys().next().value!);
  expansions.set(key, expanded);
  return expanded;
}

export function renderCard<K extends CardName>(name: K, view: CardViewModels[K], locale: Locale): AdaptiveCard {
  return expandTemplate(name, view as object, locale);
}
