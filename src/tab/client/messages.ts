/**
 * The tab's texts are ICU MessageFormat messages, formatted with intl-messageformat as the bot's
 * string tables are (src/i18n/translate.ts): `{name}` fills in a value,
 * `{count, plural, one {# lesbezoek} other {# lesbezoeken}}` picks the language's plural form,
 * `{given, select, yes {…} other {…}}` picks by a key. Never "bezoek(en)" or "visit(s)".
 *
 * A strings module writes one message table per language (`Messages<T>`: every text and every
 * function of its interface is one message) and builds the interface from it with
 * `formatStatic` (the texts without values) plus one line per function that fills the values.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { LANGUAGE_TAG } from '../../i18n/language-tag';

export type TabLocale = 'nl' | 'en';

type TextFunction = (...args: never[]) => string;

/** The message table for a strings interface: each text and each function is one ICU message. */
export type Messages<T> = {
  readonly [K in keyof T]: T[K] extends string | TextFunction ? string : Messages<T[K]>;
};

/** The part of a strings interface that is plain text: everything but its (top-level) functions. */
export type StaticTexts<T> = { readonly [K in keyof T as T[K] extends TextFunction ? never : K]: T[K] };

type Element = ReturnType<IntlMessageFormat['getAst']>[number];

const compiled = new Map<string, IntlMessageFormat>();

function message(locale: TabLocale, text: string): IntlMessageFormat {
  const key = `${locale}\u0000${text}`;
  let found = compiled.get(key);
  if (!found) {
    found = new IntlMessageFormat(text, LANGUAGE_TAG[locale], undefined, { ignoreTag: true });
    compiled.set(key, found);
  }
  return found;
}

/** Format one message of the tab with its values. */
export function formatTabMessage(
  locale: TabLocale,
  text: string,
  values: Record<string, string | number> = {},
): string {
  return String(message(locale, text).format(values));
}

/** Does the message fill in values (so the interface has a function for it)? */
const hasValues = (locale: TabLocale, text: string): boolean =>
  message(locale, text)
    .getAst()
    .some((element: Element) => (element.type as number) !== 0);

/**
 * The table's texts without values, formatted (a quoted "'{'" reads right). The functions (the
 * messages with values) are left out, for the strings module to add; a message with values
 * anywhere else would stay as written, and a test fails on it.
 */
export function formatStatic<T>(locale: TabLocale, table: Messages<T>): StaticTexts<T> {
  const walk = (node: Record<string, unknown>): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(node).map(([key, value]) => [
        key,
        typeof value === 'string'
          ? hasValues(locale, value)
            ? value
            : formatTabMessage(locale, value)
          : walk(value as Record<string, unknown>),
      ]),
    );
  return walk(table as Record<string, unknown>) as StaticTexts<T>;
}
