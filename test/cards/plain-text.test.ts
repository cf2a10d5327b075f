/**
 * Text is text (issue 10, acceptance 6): what someone typed shows literally on a card — a
 * markdown link, bold, a heading or a list stays text — and hidden bidi / zero-width controls
 * are removed on input (checkText) and on display (plainText).
 */
import { strict as assert } from 'node:assert';
import { plainText } from '../../src/cards/plain-text';
import { checkText } from '../../src/domain/limits';
import { withoutHiddenControls } from '../../src/domain/typed-text';

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
