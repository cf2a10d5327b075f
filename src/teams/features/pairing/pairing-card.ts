/**
 * The pairing card (tweetallen) for leaders: the programme's running pairs (read-only, numbered
 * 1 … P), open switch requests (reason category only), and suggested groups for everyone without
 * a pair, each with its explaining line and an editable group number per person. Late joiners
 * are placed at any time: the number of a running pair adds them to it (it becomes a trio), a
 * new number pairs them with another newcomer. A lone newcomer is suggested the pair of two
 * they fit best. Leaders take part only with a group number they give themselves.
 */
import { currentProgramme, previousProgramme } from '../../../app/programme/current-programme';
import { activePairs } from '../../../app/pairing/confirm-pairs';
import { groupFieldFor } from '../../../app/pairing/groups-input';
import { pairingTeachers, previousGroups, unpaired } from '../../../app/pairing/pairing-input';
import { openSwitchRequests } from '../../../app/switch/request-switch';
import { renderCard } from '../../../cards/render';
import type { Locale, Pair, Programme, School } from '../../../domain/entities';
import { DomainError } from '../../../domain/errors';
import { describeReasons, suggestJoin, suggestPairs, type PairingReason } from '../../../domain/pairing';
import { userText, type UserText } from '../../../domain/typed-text';
import { t } from '../../../i18n/translate';
import type { Store, Stored } from '../../../store/store';
import type { HandlerContext } from '../../context';
import { nameBook } from '../../names';
import type { RosterMember } from '../../roster';
import { shownChoice } from '../../../i18n/choices';

export interface PairingView {
  readonly programmeId: string;
  readonly version: string;
  readonly theme: UserText;
  readonly notice: string;
  readonly error: string;
  /** The running pairs' ids in the card's numbering (1 … P), comma-separated. */
  readonly pairIds: string;
  readonly pairs: readonly { line: string }[];
  readonly hasPairs: boolean;
  /** A running pair has room for a third member and someone has no pair. */
  readonly canJoin: boolean;
  readonly requests: readonly { requestId: string; line: string }[];
  readonly hasRequests: boolean;
  readonly groups: readonly {
    heading: string;
    explanation: string;
    members: readonly { name: string; field: string; value: number; note: string }[];
  }[];
  readonly hasGroups: boolean;
  readonly others: readonly { name: string; field: string; value: number; note: string }[];
  readonly hasOthers: boolean;
}

declare module '../../../cards/render' {
  interface CardViewModels {
    'pairing-compose': PairingView;
  }
}

/** The subjects teachers typed in their profiles, escaped for the explaining line (a TextBlock). */
const subjectsShown = (reason: PairingReason): PairingReason =>
  'subjects' in reason ? { ...reason, subjects: reason.subjects.map((s) => userText(s).toString()) } : reason;

export async function loadProgramme(store: Store, school: Stored<School>): Promise<Stored<Programme>> {
  const programme = await currentProgramme(store, school.id);
  if (!programme) throw new DomainError('NO_PROGRAMME');
  return programme;
}

export async function previousPairsOf(
  store: Store,
  schoolId: string,
  programme: Stored<Programme>,
): Promise<Stored<Pair>[]> {
  const previous = await previousProgramme(store, schoolId, programme.id);
  return previous ? store.query(schoolId, { type: 'pair', where: { programmeId: previous.id } }) : [];
}

type PeopleContext = Pick<HandlerContext, 'services' | 'tenantId'>;

export async function pairingView(
  ctx: PeopleContext,
  school: Stored<School>,
  programme: Stored<Programme>,
  roster: readonly RosterMember[],
  locale: Locale,
  notice = '',
  error = '',
): Promise<PairingView> {
  const { store } = ctx.services;
  const active = runningOrder(await activePairs(store, school.id, programme.id));
  const thisProgramme = await store.query(school.id, { type: 'pair', where: { programmeId: programme.id } });
  const profiles = await store.query(school.id, { type: 'profile' });
  const requests = (await openSwitchRequests(store, school.id)).filter((r) => active.some((p) => p.id === r.pairId));
  const withProfile = new Set(profiles.map((p) => p.userId));
  const free = unpaired(roster, active);
  const nameOf = await nameBook(
    ctx,
    school,
    [...roster.map((m) => m.userId), ...active.flatMap((p) => p.memberIds), ...requests.map((r) => r.requesterId)],
    locale,
    { roster },
  );
  // Leaders take part only when they give themselves a group number; the suggestion is for teachers.
  const teachers = free.filter((m) => !school.leaderIds.includes(m.userId));
  const previousPairs = previousGroups(await previousPairsOf(store, school.id, programme), thisProgramme);
  const suggestions = suggestPairs({ teachers: pairingTeachers(teachers, profiles), previousPairs });
  const note = (id: string) => (withProfile.has(id) ? '' : t(locale, 'cards.pairing-compose.noProfile'));
  const names = (ids: readonly string[]) => Object.fromEntries(ids.map((id) => [id, nameOf(id)]));
  // Numbers 1 … P are the running pairs (the card's data lists their ids in this order); new groups follow.
  const running = active.length;
  const lone = suggestions.length === 1 && suggestions[0]!.memberIds.length === 1 ? suggestions[0]! : undefined;
  const join = lone
    ? suggestJoin({
        newcomer: pairingTeachers(
          teachers.filter((m) => m.userId === lone.memberIds[0]),
          profiles,
        )[0]!,
        pairs: active.map((p) => ({
          id: p.id,
          members: pairingTeachers(
            p.memberIds.map((userId) => ({ userId, name: '' })),
            profiles,
          ),
        })),
        previousPairs,
      })
    : undefined;
  const groups = lone
    ? [
        join
          ? {
              heading: t(locale, 'cards.pairing-compose.joinHeading', {
                number: active.findIndex((p) => p.id === join.pairId) + 1,
              }),
              explanation: describeReasons(join.reasons.map(subjectsShown), locale, names(join.memberIds)),
              members: [lone.memberIds[0]!].map((id) => ({
                name: nameOf(id),
                field: groupFieldFor(id),
                value: active.findIndex((p) => p.id === join.pairId) + 1,
                note: note(id),
              })),
            }
          : {
              // Nobody to pair with and no pair with room: placed later (0), never alone.
              heading: t(locale, 'cards.pairing-compose.notYetHeading'),
              explanation: describeReasons(lone.reasons.map(subjectsShown), locale, names(lone.memberIds)),
              members: [lone.memberIds[0]!].map((id) => ({
                name: nameOf(id),
                field: groupFieldFor(id),
                value: 0,
                note: note(id),
              })),
            },
      ]
    : suggestions.map((s, i) => ({
        heading: t(locale, 'cards.pairing-compose.group', { number: running + i + 1 }),
        explanation: describeReasons(s.reasons.map(subjectsShown), locale, names(s.memberIds)),
        members: s.memberIds.map((id) => ({
          name: nameOf(id),
          field: groupFieldFor(id),
          value: running + i + 1,
          note: note(id),
        })),
      }));
  const others = free
    .filter((m) => school.leaderIds.includes(m.userId))
    .map((m) => ({
      name: nameOf(m.userId),
      field: groupFieldFor(m.userId),
      value: 0,
      note: t(locale, 'cards.pairing-compose.leaderNote'),
    }));
  return {
    programmeId: programme.id,
    version: programme.version,
    pairIds: active.map((p) => p.id).join(','),
    theme: shownChoice(locale, programme.theme),
    notice,
    error,
    pairs: active.map((p, i) => ({
      line: t(locale, 'cards.pairing-compose.pairLine', {
        number: i + 1,
        names: p.memberIds.map(nameOf).join(' & '),
        size: p.memberIds.length,
      }),
    })),
    hasPairs: active.length > 0,
    canJoin: active.some((p) => p.memberIds.length < 3) && free.length > 0,
    requests: requests.map((r) => ({
      requestId: r.id,
      line: t(locale, 'cards.pairing-compose.requestLine', {
        name: nameOf(r.requesterId),
        reason: t(locale, `switchReasons.${r.reason}`),
      }),
    })),
    hasRequests: requests.length > 0,
    groups,
    hasGroups: groups.length > 0,
    others,
    hasOthers: others.length > 0,
  };
}

/** The running pairs in the order the card numbers them: oldest first (ties by id), so numbers stay put. */
export function runningOrder<P extends Pick<Pair, 'id' | 'createdAt'>>(pairs: readonly P[]): P[] {
  return [...pairs].sort((a, b) =>
    a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
}

export const renderPairing = (view: PairingView, locale: Locale) => renderCard('pairing-compose', view, locale);
