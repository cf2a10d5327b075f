/**
 * The export in readable form (issue 13 item 3): the same documents as the JSON file, every field,
 * with labels and dates in the person's language — for the readable page at the download link
 * (GET /api/export/<token>/page) — and the person's own texts for the export card, within the
 * card's size budget. Pure: the page is rendered (escaped) in src/http, the card in src/teams.
 *
 * Decisions:
 *   - The page is complete: every document of the JSON file with every field (store-internal
 *     `version` left out, as in the file). Field names without a label show as they are.
 *   - The card shows the person's own texts (what they wrote: observations, reflections,
 *     agreements, and the lesson, focus and goal of visits they planned) up to CARD_TEXT_BYTES;
 *     the rest is on the page. Texts of a programme that keeps teachers' texts out of the chat
 *     (domain/texts-in-tab.ts) are never on the card, only on the page.
 */
import type { DebriefNote, Locale, Observation, Reflection, Visit } from '../../domain/entities';
import { writersOf } from '../../domain/texts';
import { formatMoment, type DateReader } from '../../i18n/dates';
import { lookup, stringTable, t } from '../../i18n/translate';
import type { PersonExport } from './export';
import { choiceText } from '../../i18n/choices';

/** What the card may spend on texts (the whole card stays well under Teams' ~28 KB). */
export const CARD_TEXT_BYTES = 14_000;

export interface ReadableField {
  readonly label: string;
  readonly value: string;
}

export interface ReadableDocument {
  readonly heading: string;
  readonly fields: readonly ReadableField[];
}

export interface ReadableSection {
  readonly title: string;
  readonly documents: readonly ReadableDocument[];
}

export interface ReadableExport {
  readonly title: string;
  readonly intro: string;
  readonly exportedAt: string;
  readonly parts: readonly { readonly title: string; readonly sections: readonly ReadableSection[] }[];
}

const encoder = new TextEncoder();
const bytes = (text: string): number => encoder.encode(text).length;

const ISO_MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function label(locale: Locale, key: string): string {
  const found = lookup(stringTable(locale), `myDataFields.${key}`);
  return typeof found === 'string' ? found : key;
}

function typeTitle(locale: Locale, type: string): string {
  const found = lookup(stringTable(locale), `cards.my-data-export.types.${type}`);
  return typeof found === 'string' ? found : type;
}

function shown(value: unknown, reader: DateReader): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return ISO_MOMENT.test(value) ? `${formatMoment(value, reader)} (${value})` : value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return t(reader.locale, value ? 'common.yes' : 'common.no');
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null))
    return value.map((v) => shown(v, reader)).join(', ');
  return JSON.stringify(value, null, 1);
}

/** Fields that hold a choice from a list (a key, shown in the reader's language) or free text. */
const CHOICE_FIELDS = new Set(['theme', 'focus']);

function documentOf(doc: Record<string, unknown>, reader: DateReader): ReadableDocument {
  const fields = Object.entries(doc)
    .filter(([key]) => key !== 'type' && key !== 'version')
    .map(([key, value]) => ({
      label: label(reader.locale, key),
      value:
        CHOICE_FIELDS.has(key) && typeof value === 'string' ? choiceText(reader.locale, value) : shown(value, reader),
    }));
  return { heading: typeof doc['id'] === 'string' ? doc['id'] : '', fields };
}

/** Every document of the export, readable (the page). */
export function readableExport(data: PersonExport, reader: DateReader): ReadableExport {
  const { locale } = reader;
  const tenant: ReadableSection[] = [];
  if (data.tenant.membership)
    tenant.push({
      title: typeTitle(locale, 'membership'),
      documents: [documentOf(data.tenant.membership as Record<string, unknown>, reader)],
    });
  if (data.tenant.conversationReference)
    tenant.push({
      title: label(locale, 'conversationReference'),
      documents: [documentOf(data.tenant.conversationReference as Record<string, unknown>, reader)],
    });
  return {
    title: t(locale, 'readableExport.title'),
    intro: t(locale, 'readableExport.intro'),
    exportedAt: formatMoment(data.exportedAt, reader),
    parts: [
      ...(tenant.length > 0 ? [{ title: t(locale, 'readableExport.tenant'), sections: tenant }] : []),
      ...data.schools.map((school) => ({
        title: school.name,
        sections: Object.entries(school.documents).map(([type, docs]) => ({
          title: typeTitle(locale, type),
          documents: docs.map((doc) => documentOf(doc as Record<string, unknown>, reader)),
        })),
      })),
    ],
  };
}

export interface OwnText {
  readonly title: string;
  readonly text: string;
}

export interface CardTexts {
  readonly texts: readonly OwnText[];
  /** Own texts not on the card (budget, or a programme that keeps texts in the tab). */
  readonly elsewhere: number;
  /** Some texts are left off because their programme keeps texts out of the chat. */
  readonly inTabOnly: boolean;
}

/**
 * The person's own texts for the card: what they wrote, newest visit first, until the budget is
 * spent. `tabOnlyPairIds`: pairs whose programme keeps teachers' texts out of the chat.
 */
export function ownTextsForCard(
  data: PersonExport,
  userId: string,
  tabOnlyPairIds: ReadonlySet<string>,
  reader: DateReader,
  budget = CARD_TEXT_BYTES,
): CardTexts {
  const { locale } = reader;
  const all: { text: OwnText; pairId: string | undefined }[] = [];
  for (const school of data.schools) {
    const visits = new Map(((school.documents['visit'] ?? []) as Visit[]).map((v) => [v.id, v]));
    const about = (visitId: string) => {
      const visit = visits.get(visitId);
      return visit
        ? t(locale, 'readableExport.ofVisit', { sequence: visit.sequence, when: formatMoment(visit.startsAt, reader) })
        : '';
    };
    const push = (kind: string, visitId: string, text: string, pairId: string | undefined) => {
      if (text.trim() === '') return;
      all.push({ text: { title: `${label(locale, kind)} · ${about(visitId)}`, text }, pairId });
    };
    for (const visit of visits.values()) {
      if ((visit.plannedBy ?? visit.proposedBy) !== userId) continue;
      push('lesson', visit.id, visit.lesson, visit.pairId);
      push('focus', visit.id, choiceText(locale, visit.focus), visit.pairId);
      push('discussionGoal', visit.id, visit.discussionGoal, visit.pairId);
    }
    for (const o of (school.documents['observation'] ?? []) as Observation[]) {
      if (o.authorId !== userId) continue;
      push('facts', o.visitId, o.facts, o.pairId);
      push('questions', o.visitId, o.questions, o.pairId);
    }
    for (const r of (school.documents['reflection'] ?? []) as Reflection[])
      if (r.authorId === userId) push('text', r.visitId, r.text, r.pairId);
    for (const d of (school.documents['debriefNote'] ?? []) as DebriefNote[]) {
      if (!writersOf(d).includes(userId)) continue;
      push('agreements', d.visitId, d.agreements, d.pairId);
      push('nextStep', d.visitId, d.nextStep, d.pairId);
    }
  }
  const texts: OwnText[] = [];
  let spent = 0;
  let elsewhere = 0;
  let inTabOnly = false;
  for (const { text, pairId } of all) {
    if (pairId && tabOnlyPairIds.has(pairId)) {
      inTabOnly = true;
      elsewhere++;
      continue;
    }
    // The text's bytes, a margin for escaping, and the card's JSON around it.
    const cost = bytes(text.title) + bytes(text.text) * 1.2 + 120;
    if (spent + cost > budget) {
      elsewhere++;
      continue;
    }
    spent += cost;
    texts.push(text);
  }
  return { texts, elsewhere, inTabOnly };
}
