import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

/** The `type` tags of src/domain/entities.ts, read from its DocumentTypes map. */
function documentTypes(): string[] {
  const source = read('src/domain/entities.ts');
  const block = /export interface DocumentTypes \{([\s\S]*?)\n\}/.exec(source)?.[1] ?? '';
  return [...block.matchAll(/^\s+(\w+): \w+;/gm)].map((m) => m[1]!);
}

describe('the privacy document (docs/privacy.md, docs/privacy.en.md)', () => {
  const documents = ['docs/privacy.md', 'docs/privacy.en.md'];

  it('should find the document types when it reads src/domain/entities.ts', () => {
    const types = documentTypes();
    assert.ok(types.length >= 17, `only ${types.length} types found: the parser no longer understands entities.ts`);
    for (const type of ['observation', 'reflection', 'debriefNote', 'exportLink'])
      assert.ok(types.includes(type), type);
  });

  for (const file of documents) {
    it(`should describe every document type of src/domain/entities.ts in a table row of ${file}`, () => {
      const text = read(file);
      for (const type of documentTypes())
        assert.match(text, new RegExp(`^\\| \`${type}\` \\|`, 'm'), `${type} is not described in ${file}`);
    });

    it(`should name only files that exist and the settings config.ts reads when ${file} refers to them`, () => {
      const text = read(file);
      for (const [, ref] of text.matchAll(/`((?:src|test|infra|docs)\/[\w./-]+)`/g))
        assert.ok(
          fs.existsSync(path.join(ROOT, ref!.replace(/\/$/, ''))),
          `${file} names ${ref}, which does not exist`,
        );
      const config = read('src/config.ts');
      for (const [, key] of text.matchAll(/`([A-Z][A-Z_]{3,})`/g))
        assert.ok(config.includes(`'${key}'`), `${file} names the setting ${key}, which src/config.ts does not read`);
    });
  }

  for (const [file, locale] of [
    ['docs/privacy.md', 'nl'],
    ['docs/privacy.en.md', 'en'],
  ] as const) {
    it(`should describe the "texts only in the personal tab" setting with the setup card's own words in ${file}`, () => {
      const text = read(file).replace(/\s+/g, ' ');
      const strings = JSON.parse(read(`cards/strings/${locale}/programme.json`));
      const label: string = strings.cards['programme-setup'].textsInTabLabel;
      assert.ok(text.includes(label), `${file} does not name the setting "${label}"`);
      for (const ref of [
        'src/domain/texts-in-tab.ts',
        'test/tab/texts-in-tab-browser.test.ts',
        '/api/export/<token>/page',
      ])
        assert.ok(text.includes(ref), `${file} does not mention ${ref}`);
      assert.ok(
        !/instelling per traject nog niet|does not have that per-programme setting yet/.test(text),
        'no "not yet" left about it',
      );
    });
  }

  it('should be linked from the README', () => {
    assert.match(read('README.md'), /\]\(docs\/privacy\.md\)/);
  });
});
