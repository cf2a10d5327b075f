/**
 * Text is text (issue 10, acceptance 6): what someone typed shows literally on a card — a
 * markdown link, bold, a heading or a list stays text — and hidden bidi / zero-width controls
 * are removed on input (checkText) and on display (plainText).
 */
import { strict as assert } from 'node:assert';
import { plainText } from '../../src/cards/plain-text';
import { checkText } from '../../src/domain/limits';
import { withoutHiddenControls } from '../../src/domain/typed-text';
import { DateTime } from 'luxon';
import { visitView } from '../../src/teams/features/visits/visit-card';
import { buildVisit } from '../domain/builders';

const HOSTILE = '[klik hier](https://evil.example) **vet** # Kop\n- punt\n1. een';

describe('typed text shows literally on cards', () => {
  it('should escape every markdown construct so a link, **, # and lists show as typed', () => {
    const shown = plainText(HOSTILE);
    assert.equal(shown, '\\[klik hier\\]\\(https://evil.example\\) \\*\\*vet\\*\\* # Kop\n\\- punt\n1\\. een');
    assert.ok(!/(^|[^\\])\[/.test(shown), 'no unescaped link bracket is left');
  });

  it('should remove right-to-left overrides, isolates and zero-width characters on input and on display', () => {
    const typed = 'foto\u202Egpj.exe\u2066 goed\u200Bbezig\uFEFF';
    assert.equal(withoutHiddenControls(typed), 'fotogpj.exe goedbezig');
    const checked = checkText('lesson', `  ${typed}  `, 200, true);
    assert.ok(checked.ok);
    assert.equal(checked.ok && checked.value, 'fotogpj.exe goedbezig');
    assert.equal(plainText(typed), 'fotogpj.exe goedbezig');
    assert.equal(plainText('# Kop'), '\\# Kop', 'a heading mark at the start of a line');
  });

  it('should leave plain words untouched and give empty text for nothing', () => {
    assert.equal(
      plainText('Rekenen groep 5, instructie aan de instructietafel'),
      'Rekenen groep 5, instructie aan de instructietafel',
    );
    assert.equal(plainText(undefined), '');
  });
});

describe("a colleague's words on the visit card", () => {
  it('should show a markdown link typed as the lesson literally on the partner card', () => {
    const visit = buildVisit({ lesson: '[Rekenen](https://evil.example)', focus: '**instructie**' });
    const view = visitView({
      visit,
      cycle: undefined,
      school: { timezone: 'Europe/Amsterdam' },
      viewerId: visit.observedId,
      locale: 'nl',
      now: DateTime.fromISO('2026-02-10T10:00', { zone: 'Europe/Amsterdam' }),
      names: {},
      userIds: [visit.observerId, visit.observedId],
    });
    const values = view.facts.map((f) => String(f.value));
    assert.ok(values.includes('\\[Rekenen\\]\\(https://evil.example\\)'), values.join(' | '));
    assert.ok(values.includes('\\*\\*instructie\\*\\*'), values.join(' | '));
  });
});
