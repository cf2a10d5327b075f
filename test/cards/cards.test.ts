/**
 * The card pipeline: every template in cards/templates, expanded with its sample view model
 * (cards/samples/<name>.json) in Dutch and English, is a valid Adaptive Card 1.5 for Teams
 * (see validate-card.ts for exactly what counts as an error), and every string it reads exists
 * in both languages. The templates are enumerated from the folder, so a new card is checked as
 * soon as it is added.
 *
 * A sample file holds one view model, or an array of view models to cover several variants of
 * a card (e.g. both sides of a `$when`); each is checked.
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { expandTemplate, cardStrings, templateNames, templatePath } from '../../src/cards/render';
import { LOCALES, lookup, stringTable } from '../../src/i18n/translate';
import { projectRoot } from '../../src/project-root';
import { createRouter } from '../../src/teams/features';
import type { Router } from '../../src/teams/router';
import { flattenKeys, placeholders, templateStringKeys } from './string-keys';
import { formatIssues, MAX_CARD_BYTES, validateCard } from './validate-card';

const samplesDir = path.join(projectRoot(), 'cards', 'samples');
const samplePath = (name: string) => path.join(samplesDir, `${name}.json`);

function loadSamples(name: string): object[] {
  const file = samplePath(name);
  if (!fs.existsSync(file)) {
    assert.fail(
      `card "${name}" has no sample view model: create cards/samples/${name}.json (every template in cards/templates needs one; the card test expands it in nl and en)`,
    );
  }
  const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  const variants = Array.isArray(parsed) ? parsed : [parsed];
  assert.ok(variants.length > 0, `cards/samples/${name}.json is an empty array: give at least one view model`);
  variants.forEach((variant, i) =>
    assert.ok(
      typeof variant === 'object' && variant !== null && !Array.isArray(variant),
      `cards/samples/${name}.json variant ${i} is not an object`,
    ),
  );
  return variants as object[];
}

let router: Router | undefined;
const routes = () => (router ??= createRouter());

describe('Card pipeline', () => {
  const names = templateNames();

  it('should find the card templates in cards/templates', () => {
    assert.ok(names.includes('help'), `expected at least the help card, found: ${names.join(', ') || 'nothing'}`);
  });

  it("should hand out a remembered card (status, help, visit) frozen and shared, and every other card as the caller's own (issue 12)", () => {
    const status = loadSamples('status')[0]!;
    const first = expandTemplate('status', status, 'nl');
    const again = expandTemplate('status', JSON.parse(JSON.stringify(status)) as object, 'nl');
    assert.equal(again, first, 'the same view model: the same card, not a copy');
    assert.ok(Object.isFrozen(first) && Object.isFrozen(first.body[0]), 'shared, so frozen');
    assert.notEqual(expandTemplate('status', status, 'en'), first, 'another language is another card');
    const nudge = loadSamples('nudge')[0]!;
    const own = expandTemplate('nudge', nudge, 'nl');
    assert.notEqual(expandTemplate('nudge', nudge, 'nl'), own);
    assert.equal(Object.isFrozen(own), false);
  });

  it('should have no sample view model without a template (a renamed or removed card)', () => {
    const orphans = fs
      .readdirSync(samplesDir)
      .filter((file) => file.endsWith('.json'))
      .map((file) => file.replace(/\.json$/, ''))
      .filter((name) => !names.includes(name));
    assert.ok(orphans.length === 0, `cards/samples has samples for templates that do not exist: ${orphans.join(', ')}`);
  });

  for (const name of names) {
    describe(`card "${name}"`, () => {
      it(`should have a sample view model in cards/samples/${name}.json`, () => {
        loadSamples(name);
      });

      for (const locale of LOCALES) {
        it(`should expand with its sample into a valid Teams card (Adaptive Cards 1.5, routed verbs, < 40 KB) in ${locale}`, () => {
          loadSamples(name).forEach((sample, variant) => {
            const card = expandTemplate(name, sample, locale);
            const report = validateCard(card, { hasVerb: (verb) => routes().hasVerb(verb) });
            const label = `card "${name}" (${locale}, sample variant ${variant})`;
            assert.equal(
              report.errors.length,
              0,
              `${label} is not valid:\n${formatIssues(report.errors)}\nregistered verbs: ${routes().verbNames().join(', ') || 'none'}`,
            );
            assert.equal((card as { version?: unknown }).version, '1.5', `${label}: version`);
            assert.ok(report.bytes < MAX_CARD_BYTES, `${label}: ${report.bytes} bytes`);
            if (report.warnings.length > 0) console.warn(`    hints for ${label}:\n${formatIssues(report.warnings)}`);
          });
        });
      }

      it('should read only string keys that exist in both nl and en (common + its own table)', () => {
        const used = templateStringKeys(fs.readFileSync(templatePath(name), 'utf8'));
        const missing = LOCALES.flatMap((locale) => {
          const strings = cardStrings(name, locale);
          return used
            .filter((key) => typeof strings[key] !== 'string')
            .map((key) => `${locale}: t.${key} (neither common.${key} nor cards.${name}.${key})`);
        });
        assert.ok(missing.length === 0, `card "${name}" uses strings that do not exist:\n  ${missing.join('\n  ')}`);
      });
    });
  }

  describe('string tables', () => {
    const keys = Object.fromEntries(LOCALES.map((locale) => [locale, flattenKeys(stringTable(locale))])) as Record<
      string,
      string[]
    >;

    it('should have exactly the same keys in nl and en', () => {
      const missing: string[] = [];
      for (const locale of LOCALES) {
        for (const other of LOCALES) {
          if (other === locale) continue;
          for (const key of keys[other]) if (!keys[locale].includes(key)) missing.push(`missing in ${locale}: ${key}`);
        }
      }
      assert.ok(missing.length === 0, `the nl and en string tables differ:\n  ${missing.join('\n  ')}`);
    });

    it('should use the same {placeholders} for a key in nl and en', () => {
      const [first, ...rest] = LOCALES;
      const differing: string[] = [];
      for (const key of keys[first]) {
        const expected = placeholders(JSON.stringify(lookup(stringTable(first), key)));
        for (const locale of rest) {
          const text = lookup(stringTable(locale), key);
          if (typeof text !== 'string') continue; // reported by the key test
          const found = placeholders(text);
          if (found.join() !== expected.join())
            differing.push(`${key}: ${first} {${expected.join('}, {')}} vs ${locale} {${found.join('}, {')}}`);
        }
      }
      assert.ok(differing.length === 0, `placeholders differ between languages:\n  ${differing.join('\n  ')}`);
    });
  });
});

describe('Card validator (self-check: it must catch broken cards)', () => {
  const hasVerb = (verb: string) => verb === 'help.show';
  const base = (overrides: Record<string, unknown> = {}) => ({
    type: 'AdaptiveCard',
    version: '1.5',
    body: [{ type: 'TextBlock', text: 'Hallo', wrap: true }],
    ...overrides,
  });
  const rules = (card: unknown) => validateCard(card, { hasVerb }).errors.map((e) => e.rule);

  it('should pass a small valid 1.5 card with a registered verb', () => {
    const report = validateCard(base({ actions: [{ type: 'Action.Execute', title: 'Help', verb: 'help.show' }] }), {
      hasVerb,
    });
    assert.deepEqual(report.errors, []);
    assert.deepEqual(report.verbs, ['help.show']);
  });

  it('should fail an Input.Text without id (SDK validation)', () => {
    assert.ok(rules(base({ body: [{ type: 'Input.Text', label: 'Focus' }] })).includes('PropertyCantBeNull'));
  });

  it('should fail two inputs with the same id', () => {
    const body = [
      { type: 'Input.Text', id: 'focus', label: 'Focus' },
      { type: 'Input.Text', id: 'focus', label: 'Again' },
    ];
    assert.ok(rules(base({ body })).includes('DuplicateId'));
  });

  it('should fail a required input without a label and an error message', () => {
    const found = rules(base({ body: [{ type: 'Input.Text', id: 'focus', isRequired: true }] }));
    assert.ok(
      found.includes('RequiredInputsShouldHaveLabel') && found.includes('RequiredInputsShouldHaveErrorMessage'),
      found.join(),
    );
  });

  it('should fail an element that only exists in 1.6 (Carousel) and a 1.6 property (labelPosition)', () => {
    assert.ok(rules(base({ body: [{ type: 'Carousel', pages: [] }] })).includes('UnknownElementType'));
    assert.ok(
      rules(base({ body: [{ type: 'Input.Text', id: 'a', label: 'A', labelPosition: 'inline' }] })).includes(
        'UnsupportedProperty',
      ),
    );
  });

  it('should fail an unknown element type, an unknown action type and an invalid property value', () => {
    assert.ok(rules(base({ body: [{ type: 'Textblock', text: 'typo' }] })).includes('UnknownElementType'));
    assert.ok(rules(base({ actions: [{ type: 'Action.Run', title: 'x' }] })).includes('UnknownActionType'));
    assert.ok(rules(base({ body: [{ type: 'TextBlock', text: 'x', size: 'Huge' }] })).includes('InvalidPropertyValue'));
  });

  it('should fail a card that is not version 1.5', () => {
    assert.ok(rules(base({ version: '1.6' })).includes('CardVersion'));
    assert.ok(rules(base({ version: '1.4' })).includes('CardVersion'));
  });

  it('should fail an unknown verb wherever the Action.Execute sits', () => {
    const unknown = { type: 'Action.Execute', title: 'Go', verb: 'visit.nonexistent' };
    const placements = {
      actions: base({ actions: [unknown] }),
      refresh: base({ refresh: { action: unknown, userIds: [] } }),
      selectAction: base({
        body: [{ type: 'Container', selectAction: unknown, items: [{ type: 'TextBlock', text: 'x' }] }],
      }),
      actionSet: base({ body: [{ type: 'ActionSet', actions: [unknown] }] }),
      showCard: base({
        actions: [
          {
            type: 'Action.ShowCard',
            title: 'More',
            card: { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'x' }], actions: [unknown] },
          },
        ],
      }),
    };
    for (const [where, card] of Object.entries(placements)) {
      const report = validateCard(card, { hasVerb });
      assert.ok(
        report.errors.some((e) => e.rule === 'UnknownVerb' && e.message.includes('visit.nonexistent')),
        `${where}: ${formatIssues(report.errors)}`,
      );
    }
  });

  it('should fail an Action.Execute without a verb and an Action.Submit', () => {
    assert.ok(rules(base({ actions: [{ type: 'Action.Execute', title: 'Go' }] })).includes('MissingVerb'));
    assert.ok(rules(base({ actions: [{ type: 'Action.Submit', title: 'Go', data: {} }] })).includes('SubmitAction'));
  });

  it('should fail a refresh for more than 60 users', () => {
    const userIds = Array.from({ length: 61 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    assert.ok(
      rules(base({ refresh: { action: { type: 'Action.Execute', verb: 'help.show' }, userIds } })).includes(
        'TooManyRefreshUsers',
      ),
    );
  });

  it('should fail a card of 40 KB or more', () => {
    const body = Array.from({ length: 50 }, (_, i) => ({
      type: 'TextBlock',
      text: `${i} ${'x'.repeat(1000)}`,
      wrap: true,
    }));
    assert.ok(rules(base({ body })).includes('CardTooLarge'));
  });

  it('should fail a card with a missing string key or view model field left unexpanded', () => {
    const template = new ACData.Template(
      base({
        body: [
          { type: 'TextBlock', text: '${t.missingKey}' },
          { type: 'TextBlock', text: 'With ${partner.name}' },
        ],
      }),
    );
    const expanded = template.expand({ $root: { t: {} } });
    const errors = validateCard(expanded, { hasVerb }).errors;
    assert.equal(errors.filter((e) => e.rule === 'Unexpanded').length, 2, formatIssues(errors));
  });

  it('should find the string keys a template reads, in every form', () => {
    const text = JSON.stringify({
      a: '${t.title}',
      b: '${$root.t.rootKey}',
      c: '${if(done, t.doneLabel, t.openLabel)}',
      d: '${partner.t.notAString}',
      e: '${format(t.dated, date)}',
    });
    assert.deepEqual(templateStringKeys(text), ['dated', 'doneLabel', 'openLabel', 'rootKey', 'title']);
  });
});
