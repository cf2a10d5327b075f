/**
 * Every user-facing text of Tweetal, for the checks that read them all (placeholder plurals,
 * the judging-words check and the observation coach, the glossary, the quoted commands): the
 * string tables of cards/strings in both languages, the tab's own texts
 * (src/tab/client/strings.ts, notes-strings.ts), any literal words in the card templates (cards/templates, outside
 * their ${...} bindings), the command words the help card shows (src/teams/router.ts) and the
 * few literal messages in src (the tab API's messages). Each ICU
 * message is also given as its plain words: every literal piece of every plural and select
 * branch, values left out.
 */
import fs from 'node:fs';
import path from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { templateNames, templatePath } from '../../src/cards/render';
import { DOMAIN_REFUSALS, INTERNAL_MESSAGE, SSO_MESSAGES } from '../../src/http/tab-api';
import { LOCALES, stringTable, type StringTable } from '../../src/i18n/translate';
import type { Locale } from '../../src/domain/entities';
import { NOTES_MESSAGES } from '../../src/tab/client/notes-strings';
import { COMMAND_WORDS, type CommandName } from '../../src/teams/router';
import { TAB_MESSAGES } from '../../src/tab/client/strings';

export interface UserText {
  /**
   * Where it lives: "nl strings messages.pairing.confirmed", "en tab steps.complete",
   * "nl template help.json body[0].text", "en src http/tab-api SSO_MESSAGES.invalid_token".
   */
  readonly where: string;
  readonly locale: Locale;
  /** As written (ICU syntax included). */
  readonly text: string;
  /** The literal words of all branches, one space between pieces. */
  readonly words: string;
}

type MessageFormatElement = ReturnType<IntlMessageFormat['getAst']>[number];
type LiteralElement = Extract<MessageFormatElement, { type: 0 }>;
/** The parser's TYPE.literal (0): plain text, not a value. */
const isLiteral = (element: MessageFormatElement): element is LiteralElement => (element.type as number) === 0;

/** The literal text pieces of an ICU message, across every plural / select branch. */
export function literalWords(text: string, locale: Locale): string {
  const pieces: string[] = [];
  const visit = (elements: readonly MessageFormatElement[]): void => {
    for (const element of elements) {
      if (isLiteral(element)) pieces.push(element.value);
      else pieces.push(' ');
      if ('options' in element)
        for (const option of Object.values(element.options) as { value: MessageFormatElement[] }[]) {
          visit(option.value);
          pieces.push(' ');
        }
    }
  };
  visit(new IntlMessageFormat(text, locale, undefined, { ignoreTag: true }).getAst());
  return pieces.join('').replace(/\s+/g, ' ').trim();
}

function tableTexts(locale: Locale, table: StringTable, prefix = ''): UserText[] {
  return Object.entries(table).flatMap(([key, value]) =>
    typeof value === 'string'
      ? [{ where: `${locale} strings ${prefix}${key}`, locale, text: value, words: literalWords(value, locale) }]
      : tableTexts(locale, value, `${prefix}${key}.`),
  );
}

/** The tab's message tables (src/tab/client/strings.ts and notes-strings.ts), ICU like the string tables. */
function tabTexts(locale: Locale, node: unknown, prefix: string): UserText[] {
  if (typeof node === 'string')
    return [{ where: `${locale} tab ${prefix}`, locale, text: node, words: literalWords(node, locale) }];
  if (typeof node === 'object' && node !== null)
    return Object.entries(node).flatMap(([key, value]) => tabTexts(locale, value, prefix ? `${prefix}.${key}` : key));
  return [];
}

/** The properties of a card element that a reader sees (an input's `value` is a stored key, not shown). */
const SHOWN_PROPERTIES = new Set(['text', 'title', 'label', 'placeholder', 'errorMessage', 'altText', 'fallbackText']);

/** Literal words a template writes itself, outside its ${...} bindings (shown in both languages alike). */
function templateTexts(locale: Locale): UserText[] {
  const found: UserText[] = [];
  const walk = (node: unknown, where: string): void => {
    if (Array.isArray(node)) node.forEach((item, i) => walk(item, `${where}[${i}]`));
    else if (typeof node === 'object' && node !== null)
      for (const [key, value] of Object.entries(node)) {
        const at = where ? `${where}.${key}` : key;
        if (typeof value === 'string' && SHOWN_PROPERTIES.has(key)) {
          const literal = value.replace(/\$\{[^}]*\}/g, ' ').trim();
          if (/\p{L}/u.test(literal))
            found.push({ where: `${locale} template ${at}`, locale, text: value, words: literal });
        } else walk(value, at);
      }
  };
  for (const name of templateNames())
    walk(JSON.parse(fs.readFileSync(templatePath(name), 'utf8')) as unknown, path.basename(templatePath(name)));
  return found;
}

/**
 * The command words the help card teaches in a language, a line per command ("traject / opzet"),
 * read in that language (the other language's first word on the card is read in its own).
 */
function commandTexts(locale: Locale): UserText[] {
  return (Object.keys(COMMAND_WORDS) as CommandName[]).map((name) => {
    const text = COMMAND_WORDS[name][locale].join(' / ');
    return { where: `${locale} commands ${name}`, locale, text, words: text };
  });
}

/**
 * The Teams app manifest's own words (manifest/manifest.json in English, manifest/nl.json in
 * Dutch): the app's description, the tab's name and the command menu's titles and descriptions.
 */
function manifestTexts(): UserText[] {
  const dir = path.join(__dirname, '..', '..', 'manifest');
  const found: UserText[] = [];
  const walk = (node: unknown, where: string): void => {
    if (Array.isArray(node)) node.forEach((item, i) => walk(item, `${where}[${i}]`));
    else if (typeof node === 'object' && node !== null)
      for (const [key, value] of Object.entries(node)) {
        const at = where ? `${where}.${key}` : key;
        if (typeof value === 'string' && /^(?:short|full|description|title|name)$/.test(key) && /\p{L}/u.test(value))
          found.push({ where: `en manifest ${at}`, locale: 'en', text: value, words: value });
        else walk(value, at);
      }
  };
  walk(JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as unknown, '');
  const dutch = JSON.parse(fs.readFileSync(path.join(dir, 'nl.json'), 'utf8')) as Record<string, string>;
  for (const [key, value] of Object.entries(dutch))
    if (!key.startsWith('$')) found.push({ where: `nl manifest ${key}`, locale: 'nl', text: value, words: value });
  return found;
}

/** Literal messages in src that leave the system in English (the tab API's answers). */
function sourceTexts(): UserText[] {
  const messages: [string, string][] = [
    ...Object.entries(DOMAIN_REFUSALS).map(([code, refusal]): [string, string] => [
      `DOMAIN_REFUSALS.${code}`,
      refusal.message,
    ]),
    ...Object.entries(SSO_MESSAGES).map(([code, text]): [string, string] => [`SSO_MESSAGES.${code}`, text]),
    ['INTERNAL_MESSAGE', INTERNAL_MESSAGE],
  ];
  return messages.map(([key, text]) => ({ where: `en src http/tab-api ${key}`, locale: 'en', text, words: text }));
}

export function userTexts(): UserText[] {
  return [
    ...LOCALES.flatMap((locale) => [
      ...tableTexts(locale, stringTable(locale)),
      ...tabTexts(locale, TAB_MESSAGES[locale], ''),
      ...tabTexts(locale, NOTES_MESSAGES[locale], 'notes'),
      ...templateTexts(locale),
      ...commandTexts(locale),
    ]),
    ...sourceTexts(),
    ...manifestTexts(),
  ];
}
