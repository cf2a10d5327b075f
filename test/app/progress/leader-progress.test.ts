/**
 * Issue 9 items 3 and 4: the leader's two surfaces — the weekly digest and the tab's leader view —
 * show completion (complete / on track / behind / not started) with the same words, and count a
 * debrief as held only when it was recorded after its picked moment.
 */
import { strict as assert } from 'node:assert';
import { buildDigest } from '../../../src/app/digest/build-digest';
import { digestView } from '../../../src/app/digest/digest-view';
import { progressCountTitle, progressLabel } from '../../../src/app/progress/wording';
import { buildLeaderView } from '../../../src/app/tab/leader-view';
import { buildPairDetail } from '../../../src/app/tab/pair-detail';
import type { Locale } from '../../../src/domain/entities';
import {
  at,
  buildCycle,
  buildPair,
  buildProgramme,
  buildSchool,
  buildVisit,
  SCHOOL_ID,
  utc,
  ZONE,
} from '../../domain/builders';

const now = at('2026-03-13T10:00');
const programme = buildProgramme();
// pair-1 complete, pair-2 on track (a visit planned), pair-3 not started (paired yesterday), pair-4 behind.
const pairs = [
  buildPair({ id: 'pair-1', memberIds: ['t-a', 't-b'] }),
  buildPair({ id: 'pair-2', memberIds: ['t-c', 't-d'] }),
  buildPair({ id: 'pair-3', memberIds: ['t-e', 't-f'], createdAt: utc('2026-03-12T09:00') }),
  buildPair({ id: 'pair-4', memberIds: ['t-g', 't-h'] }),
];
const cycles = [
  buildCycle({ id: 'cycle-1', pairId: 'pair-1', status: 'complete', visitsCompleted: 2 }),
  buildCycle({ id: 'cycle-2', pairId: 'pair-2' }),
  buildCycle({ id: 'cycle-3', pairId: 'pair-3', startedAt: utc('2026-03-12T09:00') }),
  buildCycle({ id: 'cycle-4', pairId: 'pair-4' }),
];
const visits = [
  buildVisit({ id: 'v-1-1', pairId: 'pair-1', cycleId: 'cycle-1', state: 'debriefed' }),
  buildVisit({
    id: 'v-1-2',
    pairId: 'pair-1',
    cycleId: 'cycle-1',
    sequence: 2,
    state: 'debriefed',
    startsAt: utc('2026-03-11T09:00'),
    debriefAt: utc('2026-03-12T15:00'),
    debriefedAt: utc('2026-03-12T15:50'),
  }),
  buildVisit({
    id: 'v-2-1',
    pairId: 'pair-2',
    cycleId: 'cycle-2',
    state: 'confirmed',
    startsAt: utc('2026-03-17T09:00'),
  }),
];

function surfaces(locale: Locale) {
  const report = buildDigest({
    programme,
    pairs,
    cycles,
    visits,
    reachable: () => true,
    previous: undefined,
    now,
    timezone: ZONE,
  });
  const digest = digestView({
    locale,
    schoolId: SCHOOL_ID,
    theme: 't',
    period: '2026-W11',
    report,
    nameOf: (id) => id,
    timezone: ZONE,
    now,
  });
  const tab = buildLeaderView({
    school: buildSchool(),
    schools: [],
    programmes: [programme],
    pairs,
    cycles,
    visits,
    names: new Map(),
    now,
    locale,
  }).programmes[0]!;
  return { report, digest, tab };
}

describe('leader progress: the digest and the tab say the same', () => {
  it('should count complete and not-started pairs apart from the pairs on track in the digest', () => {
    const { report, digest } = surfaces('en');
    assert.deepEqual(
      [
        report.counts.pairsComplete,
        report.counts.pairsOnTrack,
        report.counts.pairsBehind,
        report.counts.pairsNotStarted,
      ],
      [1, 1, 1, 1],
    );
    const facts = Object.fromEntries(digest.facts.map((f) => [f.title, f.value]));
    assert.equal(facts['Pairs complete'], '1');
    assert.equal(facts['Pairs on track'], '1');
    assert.equal(facts['Pairs not started'], '1');
    assert.equal(facts['Pairs behind'], '1');
  });

  for (const locale of ['nl', 'en'] as const)
    it(`should show each pair's state in the tab with the digest's words (${locale})`, () => {
      const { digest, tab } = surfaces(locale);
      assert.deepEqual(
        tab.pairs.map((p) => [p.pairId, p.progress, p.progressLabel]),
        [
          ['pair-1', 'complete', progressLabel('complete', locale)],
          ['pair-2', 'onTrack', progressLabel('onTrack', locale)],
          ['pair-4', 'behind', progressLabel('behind', locale)],
          ['pair-3', 'notStarted', progressLabel('notStarted', locale)],
        ],
      );
      const digestTitles = digest.facts.map((f) => f.title);
      for (const line of tab.progress) {
        assert.equal(line.title, progressCountTitle(line.state, locale));
        assert.ok(digestTitles.includes(line.title), `the digest has the line "${line.title}"`);
      }
      assert.deepEqual(
        digest.behind.map((b) => b.step),
        tab.pairs.filter((p) => p.behind).map((p) => p.stepLabel),
        'the step in the same words',
      );
    });
});

describe('leader progress: a debrief is held after its moment', () => {
  const early = buildVisit({
    state: 'debriefed',
    debriefAt: utc('2026-03-13T15:30'),
    debriefedAt: utc('2026-03-11T14:26'),
  });

  it('should not count a debrief recorded before its picked moment as held in the digest', () => {
    const report = buildDigest({
      programme,
      pairs: [buildPair()],
      cycles: [buildCycle({ visitsCompleted: 1 })],
      visits: [early],
      reachable: () => true,
      previous: undefined,
      now,
      timezone: ZONE,
    });
    assert.equal(report.counts.debriefsHeld, 0);
    assert.equal(report.counts.visitsDone, 1);
  });

  it('should not show "held" before "planned" on the tab timeline', () => {
    const detail = buildPairDetail({
      pair: buildPair(),
      cycles: [buildCycle({ visitsCompleted: 1 })],
      visits: [early],
      names: new Map(),
      readerId: 'teacher-a',
      visitsPerCycle: 2,
      now,
      timezone: ZONE,
      locale: 'en',
    });
    const milestones = detail.timeline[0]!.milestones;
    assert.equal(milestones.find((m) => m.key === 'debriefed')?.done, false);
    assert.equal(milestones.find((m) => m.key === 'debriefed')?.at, undefined);
  });
});
