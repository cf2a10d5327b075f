/**
 * Text is text (issue 10, acceptance 6), for every card: each template in cards/templates is
 * rendered through the code that builds it, with hostile text in every field a person types (a
 * markdown link, bold, a heading, a bullet and a numbered list, a right-to-left override and a
 * zero-width space). Where a card shows it as markdown (a TextBlock's text, a Fact's title or
 * value) it must be escaped so it shows literally; where it is not markdown (an Input's value, a
 * TextRun, a choice or button title) it must be the words as typed; nowhere a hidden control.
 *
 * The table is keyed by template name and enumerated from the folder: a new card without an
 * entry fails here. A card that shows nobody's words says why (names are escaped by the one
 * name lookup, src/teams/names.ts).
 */
import { strict as assert } from 'node:assert';
import { DateTime } from 'luxon';
import { renderCard, templateNames, type AdaptiveCard } from '../../src/cards/render';
import { reviewObservationText } from '../../src/app/observations/coach-review';
import { digestView } from '../../src/app/digest/digest-view';
import { nudgeView } from '../../src/app/nudges/nudge-view';
import type { Locale } from '../../src/domain/entities';
import { escapeMarkdown, userText, withoutHiddenControls } from '../../src/domain/typed-text';
import { LOCALES } from '../../src/i18n/translate';
import { SqliteStore } from '../../src/store/sqlite-store';
import type { HandlerContext } from '../../src/teams/context';
import { createRouter } from '../../src/teams/features';
import { debriefRecordCard } from '../../src/teams/features/debrief/debrief-cards';
import { helpView } from '../../src/teams/features/help/help-card';
import {
  notesView,
  observationFormView,
  reflectionForm,
} from '../../src/teams/features/observations/observation-cards';
import { pairingView, renderPairing } from '../../src/teams/features/pairing/pairing-card';
import { partnerMessage } from '../../src/teams/features/pairing/partner-message';
import { profileView, renderProfile } from '../../src/teams/features/profile/profile-card';
import { setupViewFromProgramme } from '../../src/teams/features/programme/setup-card';
import { planView } from '../../src/teams/features/visits/plan-card';
import { visitView } from '../../src/teams/features/visits/visit-card';
import { schoolChoiceCard } from '../../src/teams/school-choice';
import { textConflictCard } from '../../src/teams/features/observations/conflict-card';
import {
  buildCycle,
  buildPair,
  buildProfile,
  buildProgramme,
  buildSchool,
  buildVisit,
  LEADER,
} from '../domain/builders';
import { buildDebriefNote, buildObservation, buildPairNeed, buildReflection } from '../store/builders';
import { needsBatchView } from '../../src/app/needs/leader-batch';
import { needFormView, renderNeedRequest } from '../../src/teams/features/needs/pair-card';

/** What a person might type: every markdown construct Teams renders, and hidden controls. */
export const HOSTILE = '[x](https://evil.example) **b** _i_ `c` ~s~ <u>\u202Egpj.exe\u200B\n# h\n- a\n1. een\n> q';
const TYPED = withoutHiddenControls(HOSTILE);
const SHOWN = escapeMarkdown(HOSTILE);
const CONTROLS = /[\u061C\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/;

const now = DateTime.fromISO('2026-03-11T10:00', { zone: 'Europe/Amsterdam' });
const school = { schoolId: 'school-1', timezone: 'Europe/Amsterdam' };
const names = { 'teacher-a': 'Emma', 'teacher-b': 'Noah', [LEADER]: 'Koos' };
const reader = (locale: Locale) => ({ locale, zone: school.timezone, now });

interface Turn {
  readonly locale: Locale;
  readonly store: SqliteStore;
}

type Entry =
  /** Renders the card with HOSTILE in every typed field. */
  | { readonly render: (turn: Turn) => AdaptiveCard | Promise<AdaptiveCard> }
  /** The card shows nobody's words: why. */
  | { readonly none: string };

const onlyNames = 'names (the one name lookup escapes them), our own wording, dates and counts';

const CARDS: Record<string, Entry> = {
  'debrief-propose': { none: 'the visit moment and three date fields' },
  'debrief-record': {
    render: ({ locale }) =>
      debriefRecordCard(buildVisit({ state: 'debriefScheduled' }), school, { locale, now }, 'Noah', {
        agreements: HOSTILE,
        nextStep: HOSTILE,
      }),
  },
  digest: {
    render: ({ locale }) =>
      renderCard(
        'digest',
        digestView({
          locale,
          schoolId: 'school-1',
          theme: HOSTILE,
          period: '2026-W11',
          report: {
            programmeId: 'programme-1',
            counts: {
              visitsDone: 1,
              visitsAgreed: 2,
              debriefsHeld: 0,
              pairsOnTrack: 1,
              pairsBehind: 0,
              pairsUnreachable: 0,
              pairsComplete: 0,
              pairsNotStarted: 0,
              pairsWaitingForSchool: 0,
            },
            change: undefined,
            behind: [],
            unreachable: [],
            needs: { week: { shown: false }, programme: { shown: false }, any: false },
          },
          nameOf: (id) => names[id as keyof typeof names] ?? id,
          erasures: [{ theme: HOSTILE, date: '2026-09-30' }],
          timezone: school.timezone,
          now,
        }),
        locale,
      ),
  },
  greeting: { none: 'our own wording only' },
  // Text that is no command is repeated back: "I did not understand “…”".
  help: { render: ({ locale }) => renderCard('help', helpView(createRouter(), locale, HOSTILE), locale) },
  'leaders-manage': { none: onlyNames },
  'my-data-delete': { none: onlyNames },
  // The programme's theme (the leader's words) and names; the categories are ours, the pair's note is never read.
  'need-leader-batch': {
    render: ({ locale }) =>
      renderCard(
        'need-leader-batch',
        needsBatchView({
          locale,
          schoolId: 'school-1',
          theme: HOSTILE,
          needs: [buildPairNeed({ personIds: ['teacher-a', 'teacher-b'], pairNote: HOSTILE })],
          nameOf: (id) => names[id as keyof typeof names] ?? id,
          timezone: school.timezone,
          now,
        }),
        locale,
      ),
  },
  // The pair's own note, given back in its input as typed; the rest is our wording and dates.
  'need-request': {
    render: ({ locale }) =>
      renderNeedRequest(
        needFormView(
          {
            pairId: 'pair-1',
            programme: { ...buildProgramme(), version: 'v1' },
            step: 'noVisitPlanned',
            open: { ...buildPairNeed({ pairNote: HOSTILE }), version: 'v1' },
          },
          school.timezone,
          locale,
          now,
        ),
        locale,
      ),
  },
  'my-data-export': {
    render: ({ locale }) =>
      renderCard(
        'my-data-export',
        {
          name: 'Emma',
          schools: [{ name: userText(HOSTILE), role: 'teacher' }],
          counts: [{ label: 'visits', count: '2' }],
          hasData: true,
          downloadUrl: 'https://tweetal.example/export/token',
          pageUrl: 'https://tweetal.example/export/token/page',
          downloadNote: 'note',
          hasTexts: true,
          texts: [{ title: 'Observation · visit 1', text: userText(HOSTILE) }],
          hasMore: false,
          more: '',
          inTabOnly: false,
          inTabNote: '',
        },
        locale,
      ),
  },
  nudge: {
    render: ({ locale }) =>
      renderCard(
        'nudge',
        nudgeView({
          locale,
          timezone: school.timezone,
          schoolId: 'school-1',
          programme: { id: 'programme-1', nudgeSenderName: HOSTILE, nudgePersonalLine: HOSTILE, endDate: '2026-06-30' },
          pairId: 'pair-1',
          verdict: { kind: 'noVisitPlanned', verb: 'visit.plan.open', days: 8 } as never,
          recipientName: 'Emma',
          partnerNames: ['Noah'],
          visitsDone: 0,
          visitsAgreed: 2,
          now,
        }),
        locale,
      ),
  },
  'observation-form': {
    render: ({ locale }) => {
      const text = { facts: `Goed gedaan, great. ${HOSTILE}`, questions: HOSTILE };
      return renderCard(
        'observation-form',
        observationFormView(
          buildVisit({ state: 'confirmed', focus: HOSTILE }),
          names,
          reader(locale),
          text,
          reviewObservationText(text),
          'v1',
        ),
        locale,
      );
    },
  },
  'observation-notes': {
    render: ({ locale }) =>
      renderCard(
        'observation-notes',
        notesView(
          {
            visit: buildVisit({ state: 'debriefed', focus: HOSTILE }),
            observation: buildObservation({ facts: HOSTILE, questions: HOSTILE }),
            reflection: buildReflection({ text: HOSTILE }),
            debriefNote: buildDebriefNote({ agreements: HOSTILE, nextStep: HOSTILE }),
          },
          names,
          reader(locale),
          'teacher-a',
        ),
        locale,
      ),
  },
  'pairing-compose': {
    render: async ({ locale, store }) => {
      const stored = await store.upsert(buildSchool({ leaderIds: [LEADER] }));
      const programme = await store.upsert(buildProgramme({ theme: HOSTILE }));
      await store.upsert(buildProfile({ id: 'profile-a', userId: 'teacher-a', subjects: [HOSTILE] }));
      await store.upsert(buildProfile({ id: 'profile-b', userId: 'teacher-b', subjects: ['rekenen'] }));
      const roster = [
        { userId: 'teacher-a', teamsId: '29:a', name: 'Emma' },
        { userId: 'teacher-b', teamsId: '29:b', name: 'Noah' },
      ];
      const people = { services: { store }, tenantId: 'tenant-a' } as unknown as Parameters<typeof pairingView>[0];
      return renderPairing(await pairingView(people, stored, programme, roster, locale), locale);
    },
  },
  'pairing-partner': {
    render: ({ locale }) =>
      partnerMessage(['Noah'], buildProgramme({ theme: HOSTILE }), reader(locale)).card as AdaptiveCard,
  },
  'profile-edit': {
    render: ({ locale }) =>
      renderProfile(
        profileView({ ...buildProfile({ subjects: [HOSTILE] }), version: 'v1' }, [{ title: HOSTILE, value: 'x' }]),
        locale,
      ),
  },
  'programme-setup': {
    render: ({ locale }) =>
      renderCard(
        'programme-setup',
        setupViewFromProgramme(
          {
            ...buildProgramme({
              theme: HOSTILE,
              nudgeSenderName: HOSTILE,
              nudgePersonalLine: HOSTILE,
              videoRules: HOSTILE,
              quietPeriods: [{ start: '2026-04-01', end: '2026-04-05', label: HOSTILE }],
            }),
            version: 'v1',
          },
          'Koos',
          locale,
        ),
        locale,
      ),
  },
  'reflection-form': {
    render: ({ locale, store }) =>
      reflectionForm(
        { services: { store } as unknown as HandlerContext['services'], tenantId: 'tenant-1', locale, now },
        school,
        buildVisit({ state: 'observed' }),
        HOSTILE,
        'v1',
      ),
  },
  'school-choice': {
    render: ({ locale }) => {
      const result = schoolChoiceCard([{ schoolId: 'school-1', name: HOSTILE }], 'status', locale);
      return (result as { card: AdaptiveCard }).card;
    },
  },
  status: { none: onlyNames },
  'switch-repair': { none: `${onlyNames}; the reason is a category` },
  'switch-request': { none: `${onlyNames}; the reasons are categories` },
  'text-conflict': {
    render: ({ locale }) =>
      textConflictCard(
        {
          verb: 'debrief.record.submit',
          data: { visitId: 'visit-1' },
          version: 'v2',
          savedBy: { partner: 'Noah' },
          otherName: 'Noah',
          fields: [
            { id: 'agreements', label: 'Afspraken', theirs: HOSTILE, mine: `${HOSTILE} (mine)` },
            { id: 'nextStep', label: 'Volgende stap', theirs: '', mine: HOSTILE },
          ],
        },
        locale,
      ),
  },
  'texts-in-tab': { none: `${onlyNames}: by design it points to the tab instead of showing texts` },
  'visit-details': {
    render: ({ locale }) =>
      renderCard(
        'visit-details',
        visitView({
          visit: buildVisit({ lesson: HOSTILE, focus: HOSTILE, discussionGoal: HOSTILE, video: true }),
          cycle: buildCycle(),
          school,
          viewerId: 'teacher-b',
          locale,
          now,
          names,
          userIds: [],
          videoRules: HOSTILE,
        }),
        locale,
      ),
  },
  'visit-plan': {
    render: ({ locale }) =>
      renderCard(
        'visit-plan',
        planView({
          pair: buildPair(),
          cycle: buildCycle(),
          visits: [],
          programme: buildProgramme({ theme: HOSTILE }),
          userId: 'teacher-a',
          names,
          locale,
          today: '2026-03-11',
        }),
        locale,
      ),
  },
};

interface Place {
  readonly path: string;
  readonly text: string;
  /** Adaptive Cards render markdown here (TextBlock text, Fact title and value). */
  readonly markdown: boolean;
}

/** Every string of a card, with where it is and whether it is markdown there. */
function places(node: unknown, path = '$', markdownHere = false): Place[] {
  if (typeof node === 'string') return [{ path, text: node, markdown: markdownHere }];
  if (Array.isArray(node)) return node.flatMap((item, i) => places(item, `${path}[${i}]`));
  if (node === null || typeof node !== 'object') return [];
  const element = node as Record<string, unknown>;
  return Object.entries(element).flatMap(([key, value]) => {
    const markdown =
      (element['type'] === 'TextBlock' && key === 'text') ||
      (path.endsWith(']') && /\.facts\[\d+\]$/.test(path) && (key === 'title' || key === 'value'));
    return places(value, `${path}.${key}`, markdown);
  });
}

/** The markdown effects the hostile text would have if it were not escaped. */
const LIVE = [
  /(^|[^\\])\[x(\\?)\]\(/, // a link
  /(^|[^\\])\*\*b/, // bold
  /(^|[^\\])_i_/, // italics
  /(^|[^\\])`c/, // code
  /^\s*# h/m, // a heading
  /^\s*- a/m, // a bullet list
  /^\s*1\. een/m, // a numbered list
  /^\s*> q/m, // a quote
];

describe('text is text on every card (issue 10, acceptance 6)', () => {
  let store: SqliteStore;

  beforeEach(async () => {
    store = new SqliteStore(':memory:');
    await store.init();
  });

  afterEach(async () => {
    await store.close();
  });

  it('should have an entry for every template in cards/templates (a new card needs one here)', () => {
    const missing = templateNames().filter((name) => !(name in CARDS));
    assert.deepEqual(missing, [], `cards without a text-is-text entry in test/cards/user-text.test.ts`);
    const stale = Object.keys(CARDS).filter((name) => !templateNames().includes(name));
    assert.deepEqual(stale, [], 'entries for templates that do not exist');
  });

  it('should escape exactly what markdown would act on, and nothing else', () => {
    assert.equal(
      SHOWN,
      '\\[x\\]\\(https://evil.example\\) \\*\\*b\\*\\* \\_i\\_ \\`c\\` \\~s\\~ \\<u\\>gpj.exe\n\\# h\n\\- a\n1\\. een\n\\> q',
    );
    assert.equal(String(userText('Rekenen groep 5, les 3')), 'Rekenen groep 5, les 3');
    for (const live of LIVE) assert.ok(live.test(TYPED), `the check ${live} must see the typed text`);
    for (const live of LIVE) assert.ok(!live.test(SHOWN), `the check ${live} must pass the escaped text`);
  });

  for (const name of Object.keys(CARDS).sort()) {
    const entry = CARDS[name]!;
    if ('none' in entry) {
      it(`card "${name}" shows nobody's typed words (${entry.none})`, () => {
        assert.ok(entry.none.length > 0);
      });
      continue;
    }
    for (const locale of LOCALES) {
      it(`should show typed words literally on card "${name}" (${locale}), with no hidden controls`, async () => {
        const card = await entry.render({ locale, store });
        const all = places(card);
        const withControls = all.filter((p) => CONTROLS.test(p.text)).map((p) => p.path);
        assert.deepEqual(withControls, [], `hidden controls left on "${name}"`);
        const live = all
          .filter((p) => p.markdown && LIVE.some((re) => re.test(p.text)))
          .map((p) => `${p.path}: ${JSON.stringify(p.text)}`);
        assert.deepEqual(live, [], `someone's words act as markdown on "${name}"`);
        const escapedWhereMarkdown = all.filter((p) => p.markdown && p.text.includes(SHOWN));
        const typedElsewhere = all.filter((p) => !p.markdown && p.text.includes(TYPED));
        const doubled = all.filter((p) => !p.markdown && p.text.includes('\\['));
        assert.deepEqual(
          doubled.map((p) => p.path),
          [],
          `escaped text where the card does not render markdown (an Input or a title would show the backslashes)`,
        );
        assert.ok(
          escapedWhereMarkdown.length + typedElsewhere.length > 0,
          `the hostile text does not reach card "${name}": the entry does not test anything`,
        );
      });
    }
  }
});
