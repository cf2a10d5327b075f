/** Helpers for the card string checks: which `t.` keys a template uses, and a table's keys. */
import { IntlMessageFormat } from 'intl-messageformat';
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

type MessageFormatElement = ReturnType<IntlMessageFormat['getAst']>[number];
type LiteralElement = Extract<MessageFormatElement, { type: 0 }>;
/** The parser's TYPE.literal (0): plain text, not a value. */
const isLiteral = (element: MessageFormatElement): element is LiteralElement => (element.type as number) === 0;

/** The values an ICU message fills in (`{name}`, `{count, plural, …}`, also inside plural branches), sorted and unique. */
export function placeholders(text: string): string[] {
  const names = new Set<string>();
  const visit = (elements: readonly MessageFormatElement[]): void => {
    for (const element of elements) {
      if ('value' in element && typeof element.value === 'string' && !isLiteral(element)) names.add(element.value);
      if ('options' in element)
        for (const option of Object.values(element.options) as { value: MessageFormatElement[] }[]) visit(option.value);
    }
  };
  visit(new IntlMessageFormat(text, 'en', undefined, { ignoreTag: true }).getAst());
  return [...names].sort();
}
