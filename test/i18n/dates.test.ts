/**
 * One date and time format per language (src/i18n/dates.ts), the same on every surface: the
 * visit, observation, debrief and partner cards, the tab, the nudges, the digest, the export card
 * and the error messages. The year shows only outside the current school year (1 August–31 July).
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import { nudgeView } from '../../src/app/nudges/nudge-view';
import { NO_FINDINGS } from '../../src/app/observations/coach-review';
import { buildPairDetail } from '../../src/app/tab/pair-detail';
import type { Locale } from '../../src/domain/entities';
import { DomainError } from '../../src/domain/errors';
import { formatDay, formatMoment, formatPeriod, schoolYearOf, type DateReader } from '../../src/i18n/dates';
import { projectRoot } from '../../src/project-root';
import { explain } from '../../src/teams/error-answers';
import { debriefProposeCard } from '../../src/teams/features/debrief/debrief-cards';
import { observationFormView } from '../../src/teams/features/observations/observation-cards';
import { partnerMessage } from '../../src/teams/features/pairing/partner-message';
import { visitView } from '../../src/teams/features/visits/visit-card';
import { buildCycle, buildPair, buildProgramme, buildVisit, TEACHER_A, TEACHER_B, ZONE } from '../domain/builders';

const NOW = DateTime.fromISO('2026-11-20T10:00', { zone: ZONE });
/** Wednesday 2 December 2026, 14:00 in Amsterdam. */
const MOMENT = '2026-12-02T13:00:00.000Z';
const reader = (locale: Locale, now: DateTime = NOW): DateReader => ({ locale, zone: ZONE, now });
const names = { [TEACHER_A]: 'Emma Clarke', [TEACHER_B]: 'Noah Wright' };

describe('i18n: one date format per language', () => {
  it('should write weekday, day, month and time in the school zone when the moment is in this school year', () => {
    assert.equal(formatMoment(MOMENT, reader('nl')), 'woensdag 2 december, 14:00');
    assert.equal(formatMoment(MOMENT, reader('en')), 'Wednesday 2 December, 14:00');
    assert.equal(formatDay('2027-03-31', reader('nl')), 'woensdag 31 maart');
    assert.equal(formatDay('2027-03-31', reader('en')), 'Wednesday 31 March');
  });

  it('should add the year only when the date is outside the current school year (1 August to 31 July)', () => {
    assert.equal(formatDay('2027-07-31', reader('en')), 'Saturday 31 July');
    assert.equal(formatDay('2027-08-01', reader('en')), 'Sunday 1 August 2027');
    assert.equal(formatDay('2026-07-31', reader('nl')), 'vrijdag 31 juli 2026');
    assert.equal(formatDay('2026-08-01', reader('nl')), 'zaterdag 1 augustus');
    assert.equal(schoolYearOf(DateTime.fromISO('2027-07-31')), 2026);
    assert.equal(schoolYearOf(DateTime.fromISO('2027-08-01')), 2027);
  });

  it('should decide the school year in the school zone when now is just after midnight on 1 August there', () => {
    const justAfter = DateTime.fromISO('2026-07-31T22:30:00Z'); // 00:30 on 1 August in Amsterdam
    assert.equal(formatDay('2027-03-31', reader('en', justAfter)), 'Wednesday 31 March');
  });

  it('should show unreadable text as given and nothing as empty when a date is missing or broken', () => {
    assert.equal(formatMoment(undefined, reader('nl')), '');
    assert.equal(formatMoment('not a date', reader('nl')), 'not a date');
  });

  for (const locale of ['nl', 'en'] as const) {
    it(`should render the same moment the same way on the visit, observation, debrief and tab surfaces in ${locale}`, () => {
      const expected = formatMoment(MOMENT, reader(locale));
      const visit = buildVisit({ state: 'confirmed', startsAt: MOMENT });
      const school = { timezone: ZONE };
      const surfaces: Record<string, string> = {
        'visit card': visitView({
          visit,
          cycle: buildCycle(),
          school,
          viewerId: TEACHER_A,
          locale,
          now: NOW,
          names,
          userIds: [],
        }).stateText,
        'observation form': observationFormView(visit, names, reader(locale), { facts: '', questions: '' }, NO_FINDINGS)
          .intro,
        'debrief card': JSON.stringify(debriefProposeCard(visit, school, { locale, now: NOW })),
        tab:
          buildPairDetail({
            pair: buildPair(),
            cycles: [buildCycle()],
            visits: [visit],
            names: new Map(Object.entries(names)),
            readerId: TEACHER_A,
            visitsPerCycle: 2,
            now: NOW,
            timezone: ZONE,
            locale,
          }).timeline[0].when ?? '',
      };
      for (const [surface, text] of Object.entries(surfaces))
        assert.ok(text.includes(expected), `${surface} should show "${expected}": ${text}`);
    });

    it(`should render the same day the same way in the nudge, the partner card, the tab period and an error in ${locale}`, () => {
      const programme = buildProgramme({ startDate: '2026-09-01', endDate: '2027-03-31' });
      const end = formatDay('2027-03-31', reader(locale));
      const nudge = nudgeView({
        locale,
        timezone: ZONE,
        schoolId: 'school-1',
        programme,
        pairId: 'pair-1',
        verdict: {
          kind: 'visitsMissingNearEnd',
          recipientIds: [TEACHER_A],
          verb: 'visit.plan',
          since: '2027-03-31',
          days: 5,
        },
        recipientName: 'Emma Clarke',
        partnerNames: ['Noah Wright'],
        visitsDone: 1,
        visitsAgreed: 2,
        now: NOW,
      });
      const surfaces: Record<string, string> = {
        nudge: nudge.message,
        'partner card': JSON.stringify(partnerMessage(['Noah Wright'], programme, reader(locale)).card),
        'tab period': formatPeriod(programme.startDate, programme.endDate, reader(locale)),
        error: explain(new DomainError('DATE_OUTSIDE_PROGRAMME', { start: '2026-09-01', end: '2027-03-31' }), {
          locale,
          now: NOW,
        }),
      };
      for (const [surface, text] of Object.entries(surfaces))
        assert.ok(text.includes(end), `${surface} should show "${end}": ${text}`);
    });
  }

  it('should format human-readable dates only in src/i18n/dates.ts (other code formats only machine dates)', () => {
    const offenders: string[] = [];
    const human =
      /toLocaleString\(|toLocaleDateString\(|toLocaleTimeString\(|Intl\.DateTimeFormat|DateTime\.DATE_|\.setLocale\(/;
    const machineOnly = /^[yMLdHmsT'\-:]+$/;
    const walk = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        return entry.isDirectory() ? walk(full) : full.endsWith('.ts') ? [full] : [];
      });
    for (const file of walk(path.join(projectRoot(), 'src'))) {
      const relative = path.relative(projectRoot(), file);
      if (relative === path.join('src', 'i18n', 'dates.ts')) continue;
      fs.readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (/^\s*(\*|\/\/)/.test(line)) return; // comments may name the APIs
          if (human.test(line)) offenders.push(`${relative}:${i + 1}: ${line.trim()}`);
          for (const match of line.matchAll(/toFormat\((['"])(.*?)\1\)/g))
            if (!machineOnly.test(match[2]) || /LLL|MMM/.test(match[2]))
              offenders.push(`${relative}:${i + 1}: ${line.trim()}`);
        });
    }
    assert.deepEqual(offenders, []);
  });
});
