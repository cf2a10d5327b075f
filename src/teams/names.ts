/**
 * People's names on cards and messages: the one lookup of src/app/people/names.ts (roster first,
 * then the profile, then the name Teams sent, then "your colleague" in the reader's language),
 * with the team's stored memberships and conversation references. Names shown as text (a
 * TextBlock, a FactSet, a message) go through the card text escaping (`escapeMarkdown`, src/domain/typed-text.ts), so a
 * display name such as "Jan (ICT)" or "Anne_Marie" shows as written; names in input choices
 * (not markdown) are asked for with `{ markdown: false }`.
 */
import { knownPeople, type KnownPerson } from '../app/people/names';
import { escapeMarkdown } from '../domain/typed-text';
import type { Locale, School } from '../domain/entities';
import { t } from '../i18n/translate';
import type { Services } from './context';
import { personReferenceId, tenantPartitionFor } from './ids';
import type { RosterMember } from './roster';

export interface NameOptions {
  /** A roster the handler has just listed (its names win over the stored ones). */
  readonly roster?: readonly RosterMember[];
  /** false for names in input choices (plain text); default true (markdown text, escaped). */
  readonly markdown?: boolean;
  /** The last resort; default "your colleague" in the reader's language. */
  readonly unknown?: string;
}

interface Where {
  readonly services: Pick<Services, 'store'>;
  readonly tenantId: string;
}

function lookUp(
  where: Where,
  school: Pick<School, 'schoolId'> | undefined,
  ids: readonly string[],
  roster: readonly RosterMember[] | undefined,
): Promise<Map<string, KnownPerson>> {
  return knownPeople(
    where.services.store,
    {
      ...(school ? { schoolId: school.schoolId } : {}),
      tenantPartition: tenantPartitionFor(where.tenantId),
      referenceIdOf: personReferenceId,
      ...(roster ? { roster: new Map(roster.filter((m) => m.name).map((m) => [m.userId, m.name])) } : {}),
    },
    ids,
  );
}

const shown = (name: string | undefined, locale: Locale, options: NameOptions): string => {
  if (!name) return options.unknown ?? t(locale, 'visitFields.colleague');
  return options.markdown === false ? name : escapeMarkdown(name);
};

/** People's display names (see the file comment). */
export async function namesOf(
  where: Where,
  school: Pick<School, 'schoolId'> | undefined,
  ids: readonly string[],
  locale: Locale,
  options: NameOptions = {},
): Promise<Record<string, string>> {
  return (await namesAndTeamsUserIds(where, school, ids, locale, options)).names;
}

/** A name function over `ids` (as namesOf); anyone else is looked up as unknown. */
export async function nameBook(
  where: Where,
  school: Pick<School, 'schoolId'> | undefined,
  ids: readonly string[],
  locale: Locale,
  options: NameOptions = {},
): Promise<(userId: string) => string> {
  const names = await namesOf(where, school, ids, locale, options);
  return (userId) => names[userId] ?? shown(undefined, locale, options);
}

/**
 * Display names (as namesOf; `plain`: unescaped, for a link's or an input's text) and the Teams user MRIs for a card's refresh.userIds (the 29: id we
 * saw, else the orgid form), reading each person's documents once.
 */
export async function namesAndTeamsUserIds(
  where: Where,
  school: Pick<School, 'schoolId'> | undefined,
  ids: readonly string[],
  locale: Locale,
  options: NameOptions = {},
): Promise<{ names: Record<string, string>; plain: Record<string, string>; userIds: string[] }> {
  const people = await lookUp(where, school, ids, options.roster);
  const names: Record<string, string> = {};
  const plain: Record<string, string> = {};
  const userIds: string[] = [];
  for (const id of ids) {
    const known = people.get(id);
    names[id] = shown(known?.name, locale, options);
    plain[id] = shown(known?.name, locale, { ...options, markdown: false });
    const seen = (known?.reference?.reference as { user?: { id?: string } } | undefined)?.user?.id;
    userIds.push(seen || `8:orgid:${id}`);
  }
  return { names, plain, userIds };
}
