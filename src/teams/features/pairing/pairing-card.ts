/**
 * The pairing card (tweetallen) for leaders: the programme's current pairs, open switch requests
 * (reason category only), and suggested groups for everyone without a pair, each with its
 * explaining line and an editable group number per teacher.
 */
import { currentProgramme, previousProgramme } from '../../../app/programme/current-programme';
import { activePairs } from '../../../app/pairing/confirm-pairs';
import { groupFieldFor } from '../../../app/pairing/groups-input';
import { pairingTeachers, previousGroups, unpaired } from '../../../app/pairing/pairing-input';
import { openSwitchRequests } from '../../../app/switch/request-switch';
import { renderCard } from '../../../cards/render';
import type { Locale, Pair, Programme, School } from '../../../domain/entities';
import { DomainError } from '../../../domain/errors';
import { describeReasons, suggestPairs, type PairingReason } from '../../../domain/pairing';
import { userText, type UserText } from '../../../domain/typed-text';
import { t } from '../../../i18n/translate';
import type { Store, Stored } from '../../../store/store';
import { rosterNameOf } from '../../names';
import type { RosterMember } from '../../roster';

export interface PairingView {
  readonly programmeId: string;
  readonly version: string;
  readonly theme: UserText;
  readonly notice: string;
  readonly error: string;
  readonly pairs: readonly { names: string }[];
  readonly hasPairs: boolean;
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

export async function pairingView(
  store: Store,
  school: Stored<School>,
  programme: Stored<Programme>,
  roster: readonly RosterMember[],
  locale: Locale,
  notice = '',
  error = '',
): Promise<PairingView> {
  const nameOf = rosterNameOf(roster, t(locale, 'messages.unknownName'));
  const active = await activePairs(store, school.id, programme.id);
  const thisProgramme = await store.query(school.id, { type: 'pair', where: { programmeId: programme.id } });
  const profiles = await store.query(school.id, { type: 'profile' });
  const withProfile = new Set(profiles.map((p) => p.userId));
  const free = unpaired(roster, active);
  const teachers = free.filter((m) => !school.leaderIds.includes(m.userId));
  const suggestions = suggestPairs({
    teachers: pairingTeachers(teachers, profiles),
    previousPairs: previousGroups(await previousPairsOf(store, school.id, programme), thisProgramme),
  });
  const note = (id: string) => (withProfile.has(id) ? '' : t(locale, 'cards.pairing-compose.noProfile'));
  const groups = suggestions.map((s, i) => ({
    heading: t(locale, 'cards.pairing-compose.group', { number: i + 1 }),
    explanation: describeReasons(
      s.reasons.map(subjectsShown),
      locale,
      Object.fromEntries(s.memberIds.map((id) => [id, nameOf(id)])),
    ),
    members: s.memberIds.map((id) => ({ name: nameOf(id), field: groupFieldFor(id), value: i + 1, note: note(id) })),
  }));
  const others = free
    .filter((m) => school.leaderIds.includes(m.userId))
    .map((m) => ({
      name: nameOf(m.userId),
      field: groupFieldFor(m.userId),
      value: 0,
      note: t(locale, 'cards.pairing-compose.leaderNote'),
    }));
  const requests = (await openSwitchRequests(store, school.id)).filter((r) => active.some((p) => p.id === r.pairId));
  return {
    programmeId: programme.id,
    version: programme.version,
    theme: userText(programme.theme),
    notice,
    error,
    pairs: active.map((p) => ({ names: p.memberIds.map(nameOf).join(' & ') })),
    hasPairs: active.length > 0,
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

export const renderPairing = (view: PairingView, locale: Locale) => renderCard('pairing-compose', view, locale);
