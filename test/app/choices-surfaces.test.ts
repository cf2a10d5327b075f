/**
 * A stored choice reads in the reader's language on every surface that shows it (issue 11 item 2):
 * the digest, the leaders' daily needs message, the leader tab, the teacher tab, the readable
 * export. A programme whose theme is a key and a visit whose focus is a key, read in nl and en:
 * never a key, never the other language.
 */
import { strict as assert } from 'node:assert';
import { buildDigest } from '../../src/app/digest/build-digest';
import { digestView } from '../../src/app/digest/digest-view';
import { readableExport } from '../../src/app/my-data/readable';
import { needsBatchView } from '../../src/app/needs/leader-batch';
import { buildLeaderView } from '../../src/app/tab/leader-view';
import { buildPairDetail } from '../../src/app/tab/pair-detail';
import { programmeRef } from '../../src/app/tab/teacher-view';
import type { Locale } from '../../src/domain/entities';
import {
  at,
  buildCycle,
  buildPair,
  buildProgramme,
  buildSchool,
  buildVisit,
  SCHOOL_ID,
  ZONE,
} from '../domain/builders';

const now = at('2026-03-13T10:00');
const programme = buildProgramme({ theme: 'theme.cooperativeLearning' });
const pair = buildPair({ memberIds: ['t-a', 't-b'] });
const cycle = buildCycle();
const visit = buildVisit({ focus: 'icalt.safeClimate', proposedBy: 't-a', plannedBy: 't-a' });

const LABELS = {
  nl: { theme: 'Coöperatief leren', focus: 'Veilig en stimulerend leerklimaat' },
  en: { theme: 'Cooperative learning', focus: 'Safe and stimulating learning climate' },
} as const;

function surfaces(locale: Locale): Record<string, string> {
  const report = buildDigest({
    programme,
    pairs: [pair],
    cycles: [cycle],
    visits: [visit],
    reachable: () => true,
    previous: undefined,
    now,
    timezone: ZONE,
  });
  const common = { locale, schoolId: SCHOOL_ID, timezone: ZONE, now };
  return {
    digest: JSON.stringify(
      digestView({
        ...common,
        theme: programme.theme,
        period: '2026-W11',
        report,
        nameOf: (id) => id,
        erasures: [{ theme: programme.theme, date: '2026-04-01' }],
      }),
    ),
    needs: JSON.stringify(needsBatchView({ ...common, theme: programme.theme, needs: [], nameOf: (id) => id })),
    leaderTab: JSON.stringify(
      buildLeaderView({
        school: buildSchool(),
        schools: [],
        programmes: [programme],
        pairs: [pair],
        cycles: [cycle],
        visits: [visit],
        names: new Map(),
        now,
        locale,
      }).programmes[0]!.programme,
    ),
    teacherTab: JSON.stringify({
      programme: programmeRef(programme, { locale, zone: ZONE, now }),
      pair: buildPairDetail({
        pair,
        cycles: [cycle],
        visits: [visit],
        names: new Map(),
        readerId: 't-b',
        visitsPerCycle: 2,
        now,
        timezone: ZONE,
        locale,
      }),
    }),
    export: JSON.stringify(
      readableExport(
        {
          exportedAt: now.toUTC().toISO()!,
          userId: 't-a',
          tenant: {},
          schools: [
            {
              schoolId: SCHOOL_ID,
              name: 'De Linde',
              isLeader: false,
              documents: { programme: [programme], visit: [visit] },
            },
          ],
        },
        { locale, zone: ZONE, now },
      ),
    ),
  };
}

describe('app: a stored choice on every surface, in the reader’s language', () => {
  for (const locale of ['nl', 'en'] as const) {
    const other = locale === 'nl' ? 'en' : 'nl';
    it(`should show the theme and the focus in ${locale} on the digest, the needs message, both tabs and the export`, () => {
      const shown = surfaces(locale);
      for (const [surface, text] of Object.entries(shown)) {
        assert.ok(text.includes(LABELS[locale].theme), `${surface}: the theme in ${locale}`);
        assert.doesNotMatch(text, /theme\.cooperativeLearning|icalt\.safeClimate/, `${surface}: a key shown`);
        assert.ok(!text.includes(LABELS[other].theme), `${surface}: the theme in ${other}`);
      }
      for (const surface of ['teacherTab', 'export'])
        assert.ok(shown[surface]!.includes(LABELS[locale].focus), `${surface}: the focus in ${locale}`);
    });
  }
});
