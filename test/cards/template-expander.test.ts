/**
 * The compiled template expander (src/cards/template-expander.ts) against the library it stands
 * in for (adaptivecards-templating): every template, with every sample view model in nl and en,
 * and with each value of the sample changed — left out, emptied, null, a list emptied or cut to
 * one, true and false swapped — must expand to the same card, or fail the same way.
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { cardStrings, shownView, templateNames, templatePath } from '../../src/cards/render';
import { compileTemplate } from '../../src/cards/template-expander';
import { LOCALES } from '../../src/i18n/translate';
import { projectRoot } from '../../src/project-root';

type Json = unknown;

/** The sample with one value changed in each way, for every value of it (depth-first, bounded). */
function variants(sample: Json, limit = 400): Json[] {
  const out: Json[] = [];
  const walk = (value: Json, replace: (next: Json) => Json, depth: number) => {
    if (out.length >= limit || depth > 6) return;
    if (Array.isArray(value)) {
      out.push(replace([]));
      if (value.length > 1) out.push(replace(value.slice(0, 1)));
      value.forEach((item, i) => walk(item, (next) => replace(value.map((v, j) => (j === i ? next : v))), depth + 1));
      return;
    }
    if (value !== null && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value as Record<string, Json>)) {
        const without = Object.fromEntries(Object.entries(value as Record<string, Json>).filter(([k]) => k !== key));
        out.push(replace(without));
        walk(inner, (next) => replace({ ...(value as Record<string, Json>), [key]: next }), depth + 1);
      }
      return;
    }
    if (typeof value === 'boolean') out.push(replace(!value));
    else if (typeof value === 'string') out.push(replace(''), replace(value === '' ? 'x' : value.slice(0, 1)));
    else if (typeof value === 'number') out.push(replace(0));
    out.push(replace(null));
  };
  walk(sample, (next) => next, 0);
  return out;
}

/** The expansion as JSON, or the error it failed with (the message only: the same failure). */
function outcome(expand: () => unknown): string {
  try {
    return JSON.stringify(expand());
  } catch (error) {
    return `failed: ${(error as Error).constructor.name}`;
  }
}

describe('the compiled card templates (issue 12: the same cards as the template library, faster)', () => {
  const names = templateNames();

  it('should compile every template of cards/templates (none falls back to the library)', () => {
    const notCompiled = names.filter(
      (name) => compileTemplate(JSON.parse(fs.readFileSync(templatePath(name), 'utf8'))) === undefined,
    );
    assert.deepEqual(notCompiled, []);
  });

  for (const name of names) {
    it(`should expand "${name}" as the library does, with its samples and every value changed, in nl and en`, () => {
      const template = JSON.parse(fs.readFileSync(templatePath(name), 'utf8')) as object;
      const library = new ACData.Template(template);
      const compiled = compileTemplate(template)!;
      const parsed = JSON.parse(
        fs.readFileSync(path.join(projectRoot(), 'cards', 'samples', `${name}.json`), 'utf8'),
      ) as Json;
      const samples = Array.isArray(parsed) ? parsed : [parsed];
      let compared = 0;
      for (const locale of LOCALES)
        for (const sample of samples)
          for (const view of [sample, ...variants(sample)]) {
            const root = { ...(shownView(view ?? {}) as object), t: cardStrings(name, locale), locale };
            const expected = outcome(() => library.expand({ $root: root }));
            const actual = outcome(() => compiled(root));
            assert.equal(actual, expected, `${name} (${locale}) with ${JSON.stringify(view).slice(0, 300)}`);
            compared++;
          }
      assert.ok(compared > samples.length * LOCALES.length, 'the variants were compared too');
    });
  }

  it('should give the library the templates it does not compile, and expand the language the same there too', () => {
    const uses = (text: string) => compileTemplate({ type: 'TextBlock', text });
    // Functions, numbers and escapes this expander does not know: not compiled.
    for (const text of ['${count(items)}', '${n > 0}', '${concat(a, b)}', 'a\\${b}', '${a[0]}', '${$host.x}'])
      assert.equal(uses(text), undefined, text);
    const expand = (template: object, root: object) => ({
      library: JSON.stringify(new ACData.Template(template).expand({ $root: root })),
      compiled: JSON.stringify(compileTemplate(template)!(root)),
    });
    const cases: [object, object][] = [
      [{ a: '${missing}', b: 'x ${missing} y', c: '${!missing}', d: "${missing != ''}" }, {}],
      [{ a: '${Title}', b: '${title}' }, { title: 'lower' }],
      [{ list: [{ $data: '${items}', v: '${$index}: ${name}' }, 'end'] }, { items: [{ name: 'a' }, { name: 'b' }] }],
      [
        { list: [{ $data: '${items}', $when: '${show}', v: '${name}' }] },
        { items: [{ name: 'a', show: true }, { name: 'b' }] },
      ],
      [{ one: { $data: '${items}', v: '${name}' }, none: { $when: '${no}', v: 1 } }, { items: [{ name: 'only' }] }],
      [
        { w: "${if(flag, 'yes', 'no')}", x: '${a || b}', y: '${!a && !b}', z: '${a.b.c}' },
        { a: { b: {} }, b: 0 },
      ],
      // Empty text and zero are true to the template language, unlike JavaScript.
      [
        { a: '${!e}', b: '${!z}', c: "${if(e, 'y', 'n')}", d: '${e && z}', f: '${n || u}' },
        { e: '', z: 0, n: null },
      ],
    ];
    for (const [template, root] of cases) {
      const { library, compiled } = expand(template, root);
      assert.equal(compiled, library, JSON.stringify(template));
    }
  });
});
