/**
 * The personal tab: initialize teams-js, read the context, get the SSO token and show
 * "My coaching" (and, for school leaders, the completion overview).
 */
import { ApiError, fetchLeaderView, fetchTeacherView, postNeedAnswer, type TokenSource } from './api';
import { h, replaceContent } from './dom';
import { connect, openDeepLink, ready, ssoToken } from './host';
import { renderLeader } from './leader';
import { STRINGS, tabLocale, type TabStrings } from './strings';
import { renderTeacher } from './teacher';
import { notesPanel } from './notes';
import { NOTES_STRINGS } from './notes-strings';

type Page = 'mine' | 'leader';

function message(text: string, testId = 'message'): HTMLElement {
  return h('main', { class: 'view' }, h('p', { class: 'message', 'data-testid': testId, role: 'status' }, text));
}

function errorText(error: unknown, s: TabStrings): string {
  if (error instanceof ApiError) {
    if (error.code === 'no_school') return s.noSchool;
    if (error.code === 'not_a_leader') return s.notLeader;
    if (error.status === 401) return s.signInFailed;
  }
  return s.failed;
}

async function start(root: HTMLElement): Promise<void> {
  let s = STRINGS[tabLocale(navigator.language)];
  replaceContent(root, message(s.loading));
  let host;
  try {
    host = await connect();
  } catch {
    replaceContent(root, message(s.notInTeams, 'not-in-teams'));
    return;
  }
  const locale = tabLocale(host.locale);
  s = STRINGS[locale];
  document.documentElement.lang = locale;
  document.body.dataset.theme = host.theme;
  ready();
  const token: TokenSource = () => ssoToken();

  const nav = h('nav', { class: 'tabs', role: 'tablist' });
  const content = h('div', { class: 'content' });
  replaceContent(root, nav, content);

  const notesStrings = NOTES_STRINGS[locale];
  // A visit to open at start: the deep link's subEntityId "visit:<id>", or ?visit=<id> outside Teams.
  let startVisit =
    (host.subPageId?.startsWith('visit:') ? host.subPageId.slice('visit:'.length) : undefined) ??
    new URLSearchParams(window.location.search).get('visit') ??
    undefined;
  const openVisit = {
    label: notesStrings.openNotes,
    open(visitId: string) {
      const slot = content.querySelector<HTMLElement>('[data-testid="notes-slot"]');
      if (!slot) return;
      const panel = notesPanel(visitId, token, locale, notesStrings, () => replaceContent(slot));
      replaceContent(slot, panel.element);
      void panel.load();
      panel.element.scrollIntoView?.({ block: 'start' });
    },
  };

  let isLeader = false;
  const show = async (page: Page) => {
    replaceContent(content, message(s.loading));
    try {
      if (page === 'leader') {
        const view = await fetchLeaderView(token, locale);
        replaceContent(
          content,
          renderLeader(view, s, openDeepLink, (needId, kind, body) =>
            postNeedAnswer(token, locale, needId, kind, body, view.school.id),
          ),
        );
        isLeader = true;
      } else {
        const view = await fetchTeacherView(token, locale);
        isLeader = view.isLeader;
        replaceContent(content, renderTeacher(view, s, openDeepLink, openVisit));
        if (startVisit) openVisit.open(startVisit);
        startVisit = undefined;
      }
    } catch (error) {
      replaceContent(content, message(errorText(error, s), 'error'));
    }
    renderNav(page);
  };
  const renderNav = (page: Page) => {
    const pages: Page[] = isLeader ? ['mine', 'leader'] : [];
    replaceContent(
      nav,
      ...pages.map((p) => {
        const button = h(
          'button',
          {
            type: 'button',
            role: 'tab',
            class: p === page ? 'tab active' : 'tab',
            'aria-selected': String(p === page),
            'data-testid': `nav-${p}`,
          },
          p === 'mine' ? s.tabs.mine : s.tabs.leader,
        );
        button.addEventListener('click', () => void show(p));
        return button;
      }),
    );
  };
  await show(host.subPageId === 'leader' ? 'leader' : 'mine');
}

const root = document.getElementById('app');
if (root) void start(root);
