/**
 * Labels capitalised one way (issue 11 item 6): card titles and headings, button titles, input
 * labels, choice titles and the facts on cards are in sentence case in both languages — a capital
 * at the start, none inside except names ("Plan een lesbezoek", "Plan a visit", not "Plan A
 * Visit"; "Klas of les" beside "Wanneer", not "klas of les").
 *
 * The labels are found where they are placed: the `${t.key}` bindings of the card templates at
 * those positions, the keys the code puts in a card's facts and buttons, and the tab's labels.
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import { templateNames, templatePath } from '../../src/cards/render';
import type { Locale } from '../../src/domain/entities';
import { LOCALES, lookup, stringTable, type StringTable } from '../../src/i18n/translate';
import { NOTES_STRINGS } from '../../src/tab/client/notes-strings';
import { STRINGS } from '../../src/tab/client/strings';
import { literalWords } from './user-texts';

/** Words that keep their capital inside a label: names, the product, abbreviations, English days and months. */
const NAMES = new Set([
  ...['Tweetal', 'Teams', 'Microsoft', 'JSON', 'ICT', 'IT', 'ICALT', 'Koos', 'I'],
  ...['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  ...['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September'],
  ...['October', 'November', 'December'],
]);

/** What is wrong with a label's capitals, or undefined when it is in sentence case. */
function sentenceCaseProblem(label: string): string | undefined {
  const words = label.replace(/\{[^}]*\}/g, ' ').match(/[\p{L}\p{M}'’.-]+|[.?!:;]/gu) ?? [];
  const first = label.trim().startsWith('{') ? undefined : words.find((w) => /\p{L}/u.test(w));
  if (first && /^\p{Ll}/u.test(first) && !/^(?:bijv|e\.g)/u.test(first)) return `starts with lower case "${first}"`;
  let sentenceStart = true;
  for (const word of words) {
    if (/^[.?!]$/.test(word)) {
      sentenceStart = true;
      continue;
    }
    if (/^[:;]$/.test(word)) continue;
    const bare = word.replace(/[.'’-]+$/u, '');
    if (!sentenceStart && /^\p{Lu}/u.test(bare) && !NAMES.has(bare) && !/^\p{Lu}{2,}$/u.test(bare))
      return `capital inside: "${bare}"`;
    if (/\p{L}/u.test(word)) sentenceStart = false;
  }
  return undefined;
}

const LABEL_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  action: ['title'],
  input: ['label'],
  choice: ['title'],
  heading: ['text'],
  fact: ['title'],
};

/** The keys a template places as a title, heading, button, label, choice or fact title. */
function templateLabelKeys(name: string): string[] {
  const keys = new Set<string>();
  const bound = (value: unknown): string[] =>
    typeof value === 'string' ? [...value.matchAll(/(?:\$root\.)?t\.(\w+)/g)].map((m) => m[1]) : [];
  const walk = (node: unknown, role: string | undefined): void => {
    if (Array.isArray(node)) return node.forEach((item) => walk(item, role));
    if (typeof node !== 'object' || node === null) return;
    const element = node as Record<string, unknown>;
    const type = typeof element.type === 'string' ? element.type : '';
    const own = type.startsWith('Action.')
      ? 'action'
      : type.startsWith('Input.')
        ? 'input'
        : type === 'TextBlock' &&
            (element.weight === 'Bolder' || ['Large', 'ExtraLarge'].includes(String(element.size)))
          ? 'heading'
          : role;
    for (const property of LABEL_PROPERTIES[own ?? ''] ?? []) for (const key of bound(element[property])) keys.add(key);
    for (const [property, value] of Object.entries(element)) {
      if (property === 'choices') walk(value, 'choice');
      else if (property === 'facts') walk(value, 'fact');
      else if (typeof value === 'object') walk(value, undefined);
    }
  };
  walk(JSON.parse(fs.readFileSync(templatePath(name), 'utf8')) as unknown, undefined);
  return [...keys].sort();
}

/** Keys the code places as fact titles and button titles (visit card, nudge card, status card, digest). */
const CODE_LABEL_GROUPS = [
  'visitFields',
  'messages.nudge.actions',
  'cards.status.next',
  'pairProgress',
  'messages.digest.facts',
  'feedbackPreferences',
  'theme',
  'icalt',
  'fieldNames',
];
/** In those groups, the entries that are sentences or names rather than labels. */
const NOT_LABELS = new Set(['visitFields.title', 'visitFields.colleague', 'visitFields.meetingSubject']);

function leaves(table: StringTable | string | undefined, prefix: string): [string, string][] {
  if (table === undefined) return [];
  if (typeof table === 'string') return [[prefix, table]];
  return Object.entries(table).flatMap(([key, value]) => leaves(value, `${prefix}.${key}`));
}

interface Label {
  readonly where: string;
  readonly text: string;
}

function labels(locale: Locale): Label[] {
  const table = stringTable(locale);
  const found = new Map<string, string>();
  for (const name of templateNames())
    for (const key of templateLabelKeys(name)) {
      const own = lookup(table, `cards.${name}.${key}`);
      const full = typeof own === 'string' ? `cards.${name}.${key}` : `common.${key}`;
      const text = lookup(table, full);
      if (typeof text === 'string') found.set(full, text);
    }
  for (const group of CODE_LABEL_GROUPS)
    for (const [key, text] of leaves(lookup(table, group), group)) if (!NOT_LABELS.has(key)) found.set(key, text);
  const tab = STRINGS[locale];
  const tabLabels: [string, string][] = [
    ...Object.entries(tab.tabs).map(([k, v]): [string, string] => [`tabs.${k}`, v]),
    ...Object.entries(tab.milestones).map(([k, v]): [string, string] => [`milestones.${k}`, v]),
    ...Object.entries(tab.stepAction).map(([k, v]): [string, string] => [`stepAction.${k}`, v]),
    ...Object.entries(tab.charts)
      .filter(([k]) => k !== 'growthPrivacy')
      .map(([k, v]): [string, string] => [`charts.${k}`, v]),
    ...(
      ['title', 'leaderTitle', 'partner', 'partners', 'myCycle', 'lesson', 'focus', 'whatNext', 'openChat'] as const
    ).map((k): [string, string] => [k, tab[k]]),
    ...(['completion', 'visitsDone', 'debriefsHeld', 'pair', 'step', 'status'] as const).map((k): [string, string] => [
      k,
      tab[k],
    ]),
  ];
  const notes = NOTES_STRINGS[locale];
  for (const key of ['openNotes', 'close', 'plan', 'lesson', 'focus', 'discussionGoal', 'observation'] as const)
    tabLabels.push([`notes.${key}`, notes[key]]);
  for (const key of ['facts', 'questions', 'reflection', 'agreements', 'nextStep', 'save', 'keep'] as const)
    tabLabels.push([`notes.${key}`, notes[key]]);
  return [
    ...[...found].map(([key, text]) => ({ where: `${locale} strings ${key}`, text: literalWords(text, locale) })),
    ...tabLabels.map(([key, text]) => ({ where: `${locale} tab ${key}`, text })),
  ];
}

describe('i18n: labels in sentence case', () => {
  it('should capitalise every card title, heading, button, input label, choice and fact title one way in nl and en', () => {
    const problems = LOCALES.flatMap((locale) =>
      labels(locale).flatMap((label) => {
        const problem = sentenceCaseProblem(label.text);
        return problem ? [`${label.where}: ${problem} in "${label.text}"`] : [];
      }),
    );
    assert.deepEqual(problems, []);
  });

  it('should find the labels of the visit card, the plan card and the tab (the collector reads what it should)', () => {
    const where = labels('nl').map((label) => label.where);
    for (const key of [
      'nl strings cards.visit-plan.lesson',
      'nl strings cards.visit-plan.submit',
      'nl strings visitFields.lesson',
      'nl strings cards.help.title',
      'nl tab stepAction.planVisit',
      'nl tab notes.lesson',
      'nl strings theme.effectiveInstruction',
      'nl strings icalt.activatingTeaching',
    ])
      assert.ok(where.includes(key), key);
  });

  it('should tell sentence case from title case and lower case (self-check)', () => {
    for (const good of [
      'Plan a visit',
      'Plan een lesbezoek',
      'Klas of les',
      'Debrief: agreements and next step',
      'Tweetal: coachen in tweetallen',
      '{name} kijkt bij mij',
      'Download as JSON',
      'Weekly digest on Monday',
      'Wat zag je? Schrijf het op.',
    ])
      assert.equal(sentenceCaseProblem(good), undefined, good);
    assert.match(sentenceCaseProblem('Plan A Visit') ?? '', /capital inside: "A"/);
    assert.match(sentenceCaseProblem('klas of les') ?? '', /lower case "klas"/);
    assert.match(sentenceCaseProblem('Record The Debrief') ?? '', /"The"/);
  });
});
