/**
 * The chat side of "teachers' texts only in the personal tab" (src/domain/texts-in-tab.ts): the
 * link that opens the Tweetal tab at a visit, and the card that points there instead of showing
 * or asking for a text. Such a card never carries a teacher's words: only who wrote what.
 */
import { renderCard, type AdaptiveCard } from '../cards/render';
import type { Locale, Programme, Visit } from '../domain/entities';
import { requireTextChannel, textsInTab } from '../domain/texts-in-tab';
import { t } from '../i18n/translate';
import type { Store } from '../store/store';
import type { Services } from './context';
import { observationIdFor, reflectionIdFor } from '../app/observations/post-observation';
import { debriefNoteIdFor } from '../app/observations/read-notes';

/** The personal tab's entity id in the manifest (staticTabs). */
export const TAB_ENTITY_ID = 'my-coaching';

/**
 * The Teams deep link to the tab, opened at a visit (subEntityId `visit:<id>`), for the Teams app
 * (config.tab.teamsAppId: TEAMS_APP_ID, by default the bot's id, as in the package's manifest);
 * without an app id (a local run) the tab's own page on this service.
 */
export function tabLink(services: Pick<Services, 'config' | 'publicUrl'>, visitId?: string): string {
  const appId = services.config.tab.teamsAppId;
  const sub = visitId ? `visit:${visitId}` : '';
  if (appId) {
    const context = encodeURIComponent(JSON.stringify({ subEntityId: sub }));
    return `https://teams.microsoft.com/l/entity/${encodeURIComponent(appId)}/${TAB_ENTITY_ID}?context=${context}`;
  }
  return `${services.publicUrl()}/tab/index.html${visitId ? `?visit=${encodeURIComponent(visitId)}` : ''}`;
}

export interface TabPointerView {
  readonly title: string;
  readonly lines: readonly { readonly text: string }[];
  readonly tabUrl: string;
  readonly hasVisit: boolean;
  readonly visitId: string;
}

declare module '../cards/render' {
  interface CardViewModels {
    'texts-in-tab': TabPointerView;
  }
}

/** What was written about a visit, by whom: the lines a card may show instead of the texts. */
export function writtenLines(
  visit: Pick<Visit, 'observerId' | 'observedId' | 'state'>,
  written: { observation: boolean; reflection: boolean; debriefNote: boolean },
  names: Readonly<Record<string, string>>,
  locale: Locale,
): string[] {
  const name = (id: string) => names[id] ?? t(locale, 'visitFields.colleague');
  return [
    ...(written.observation ? [t(locale, 'textsInTab.wroteObservation', { name: name(visit.observerId) })] : []),
    ...(written.reflection ? [t(locale, 'textsInTab.wroteReflection', { name: name(visit.observedId) })] : []),
    ...(written.debriefNote ? [t(locale, 'textsInTab.wroteAgreements')] : []),
  ];
}

/** Which texts exist for a visit (read by id; never their content onto a card). */
export async function writtenAbout(
  store: Store,
  schoolId: string,
  visitId: string,
): Promise<{ observation: boolean; reflection: boolean; debriefNote: boolean }> {
  const [observation, reflection, debriefNote] = await Promise.all([
    store.read(schoolId, 'observation', observationIdFor(visitId)),
    store.read(schoolId, 'reflection', reflectionIdFor(visitId)),
    store.read(schoolId, 'debriefNote', debriefNoteIdFor(visitId)),
  ]);
  return { observation: Boolean(observation), reflection: Boolean(reflection), debriefNote: Boolean(debriefNote) };
}

/** The card that sends the person to the tab: what to do there (`what`), and what was written. */
export function tabPointerCard(
  services: Pick<Services, 'config' | 'publicUrl'>,
  locale: Locale,
  what: 'observation' | 'reflection' | 'agreements' | 'notes' | 'plan',
  visitId: string | undefined,
  lines: readonly string[] = [],
): AdaptiveCard {
  return renderCard(
    'texts-in-tab',
    {
      title: t(locale, `textsInTab.title.${what}`),
      lines: [...lines, t(locale, 'textsInTab.why')].map((text) => ({ text })),
      tabUrl: tabLink(services, visitId),
      hasVisit: Boolean(visitId),
      visitId: visitId ?? '',
    },
    locale,
  );
}

/** Refuse a card action that carries text while the visit's programme keeps texts in the tab. */
export function refuseTextInChat(programme: Pick<Programme, 'textsInTabOnly'> | undefined): void {
  requireTextChannel(programme, 'chat');
}

export { textsInTab };
