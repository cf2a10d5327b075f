import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AdmZip from 'adm-zip';
import { AppManifestUtils } from '@microsoft/app-manifest';
import {
  AppPackageError,
  type AppPackageInput,
  buildAppPackage,
  schemaRoot,
  shippedSchemaVersions,
  validateLocalization,
  validateManifest,
} from '../../src/packaging/app-package';

const ROOT = path.resolve(__dirname, '..', '..');
const TEMPLATE = path.join(ROOT, 'manifest');
const BOT_ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const COMMANDS_EN = [
  'help',
  'status',
  'plan',
  'observe',
  'debrief',
  'profile',
  'switch',
  'setup',
  'pairs',
  'export',
  'delete',
  'digest',
];
const COMMANDS_NL = [
  'hulp',
  'mijn cyclus',
  'plannen',
  'observatie',
  'nagesprek',
  'profiel',
  'wissel',
  'traject',
  'tweetallen',
  'export',
  'verwijder',
  'overzicht',
];

function buildInput(overrides: Partial<AppPackageInput> = {}): AppPackageInput {
  return { botId: BOT_ID, publicHostname: 'tweetal.example.org', version: '1.2.3', ...overrides };
}

type Json = Record<string, any>;

/** A copy of the template folder, changed by `edit`, for broken-manifest cases. */
function templateCopy(edit: (manifest: Json, localization: Json) => void = () => {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweetal-manifest-'));
  for (const file of fs.readdirSync(TEMPLATE)) fs.copyFileSync(path.join(TEMPLATE, file), path.join(dir, file));
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Json;
  const localization = JSON.parse(fs.readFileSync(path.join(dir, 'nl.json'), 'utf8')) as Json;
  edit(manifest, localization);
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  fs.writeFileSync(path.join(dir, 'nl.json'), JSON.stringify(localization, null, 2));
  return dir;
}

function failure(run: () => unknown): AppPackageError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof AppPackageError, `expected an AppPackageError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the build to fail');
}

describe('app package', () => {
  let workDir: string;
  let outFile: string;

  beforeEach(() => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweetal-package-'));
    outFile = path.join(workDir, 'build', 'appPackage.zip');
  });

  afterEach(() => fs.rmSync(workDir, { recursive: true, force: true }));

  function zipped(file = outFile): Map<string, Buffer> {
    return new Map(new AdmZip(file).getEntries().map((e) => [e.entryName, e.getData()]));
  }

  describe('the template', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(TEMPLATE, 'manifest.json'), 'utf8')) as Json;

    it('should use a manifest schema version of at least 1.22 that is shipped offline', () => {
      const [major, minor] = String(manifest.manifestVersion).split('.').map(Number);
      assert.ok(
        major > 1 || (major === 1 && minor >= 22),
        `manifestVersion ${manifest.manifestVersion} is older than 1.22`,
      );
      assert.ok(shippedSchemaVersions().includes(manifest.manifestVersion));
      assert.ok(String(manifest.$schema).includes(`/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`));
    });

    it('should declare the bot in personal and team scope with the English commands in both lists', () => {
      const [bot] = manifest.bots as Json[];
      assert.deepEqual([...bot.scopes].sort(), ['personal', 'team']);
      assert.equal(bot.supportsFiles, false);
      assert.deepEqual(
        bot.commandLists.map((l: Json) => l.scopes),
        [['personal'], ['team']],
      );
      for (const list of bot.commandLists as Json[]) {
        assert.deepEqual(
          list.commands.map((c: Json) => c.title),
          COMMANDS_EN,
        );
        for (const command of list.commands as Json[]) assert.ok(command.description.length > 10, command.title);
      }
    });

    it('should have a personal "My coaching" tab, SSO info and the localization to Dutch', () => {
      const tab = (manifest.staticTabs as Json[]).find((t) => t.name === 'My coaching');
      assert.ok(tab);
      assert.equal(tab.contentUrl, 'https://${{PUBLIC_HOSTNAME}}/tab/index.html');
      assert.deepEqual(tab.scopes, ['personal']);
      assert.deepEqual(manifest.webApplicationInfo, { id: '${{BOT_ID}}', resource: '${{TAB_SSO_AUDIENCE}}' });
      assert.deepEqual(manifest.localizationInfo, {
        defaultLanguageTag: 'en',
        additionalLanguages: [{ languageTag: 'nl', file: 'nl.json' }],
      });
    });

    it('should translate every command title and description and the tab name in nl.json', () => {
      const nl = JSON.parse(fs.readFileSync(path.join(TEMPLATE, 'nl.json'), 'utf8')) as Json;
      for (const list of [0, 1]) {
        const titles = COMMANDS_NL.map((_, i) => nl[`bots[0].commandLists[${list}].commands[${i}].title`]);
        assert.deepEqual(titles, COMMANDS_NL);
        COMMANDS_NL.forEach((_, i) =>
          assert.ok(nl[`bots[0].commandLists[${list}].commands[${i}].description`], `description ${list}/${i}`),
        );
      }
      assert.equal(nl['staticTabs[0].name'], 'Mijn coaching');
      assert.ok(nl['name.short'] && nl['description.short'] && nl['description.full']);
    });
  });

  describe('buildAppPackage', () => {
    it('should write a zip with manifest.json, nl.json, color.png and outline.png at its root', () => {
      const result = buildAppPackage(buildInput(), outFile);
      assert.equal(result.outFile, outFile);
      assert.deepEqual([...zipped().keys()].sort(), ['color.png', 'manifest.json', 'nl.json', 'outline.png']);
      assert.deepEqual(zipped().get('color.png'), fs.readFileSync(path.join(TEMPLATE, 'color.png')));
    });

    it('should fill every placeholder with the ids, host, audience and version', () => {
      buildAppPackage(buildInput(), outFile);
      const files = zipped();
      for (const name of ['manifest.json', 'nl.json'])
        assert.ok(!files.get(name)!.toString('utf8').includes('${{'), `${name} still has a placeholder`);
      const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as Json;
      assert.equal(manifest.id, BOT_ID);
      assert.equal(manifest.version, '1.2.3');
      assert.equal(manifest.bots[0].botId, BOT_ID);
      assert.deepEqual(manifest.webApplicationInfo, { id: BOT_ID, resource: `api://tweetal.example.org/${BOT_ID}` });
      assert.deepEqual(manifest.validDomains, ['tweetal.example.org']);
      assert.equal(manifest.staticTabs[0].contentUrl, 'https://tweetal.example.org/tab/index.html');
    });

    it('should use the configured SSO audience when one is given', () => {
      const result = buildAppPackage(buildInput({ ssoAudience: 'api://sso.example.org/abc' }), outFile);
      assert.equal((result.manifest.webApplicationInfo as Json).resource, 'api://sso.example.org/abc');
    });

    it('should produce a manifest and localization that the shipped schemas accept', async () => {
      buildAppPackage(buildInput(), outFile);
      const manifest = JSON.parse(zipped().get('manifest.json')!.toString('utf8')) as Json;
      const nl = JSON.parse(zipped().get('nl.json')!.toString('utf8')) as Json;
      assert.deepEqual(validateManifest(manifest), []);
      assert.deepEqual(validateLocalization(nl, manifest.manifestVersion), []);
      // Cross-check with the validator of @microsoft/app-manifest itself, on the same offline schema.
      const schemaFile = path.join(schemaRoot(), `v${manifest.manifestVersion}`, 'MicrosoftTeams.schema.json');
      const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8'));
      assert.deepEqual(await AppManifestUtils.validateAgainstSchema(manifest as never, schema), []);
    });
  });

  describe('a broken manifest', () => {
    it('should fail with the schema message when a required field is missing', () => {
      const dir = templateCopy((m) => delete m.developer);
      const error = failure(() => buildAppPackage(buildInput(), outFile, { manifestDir: dir }));
      assert.ok(
        error.problems.some((p) => p.includes("must have required property 'developer'")),
        error.message,
      );
      assert.ok(!fs.existsSync(outFile), 'no package is written');
    });

    it('should fail with the schema messages for a wrong property and a bad accent colour', () => {
      const dir = templateCopy((m) => {
        m.bots[0].supportsFiles = 'no';
        m.accentColor = 'teal';
        m.unknownThing = true;
      });
      const error = failure(() => buildAppPackage(buildInput(), outFile, { manifestDir: dir }));
      assert.ok(
        error.problems.some((p) => p.startsWith('/bots/0/supportsFiles must be boolean')),
        error.message,
      );
      assert.ok(
        error.problems.some((p) => p.startsWith('/accentColor must match pattern')),
        error.message,
      );
      assert.ok(
        error.problems.some((p) => p.includes("must NOT have additional properties 'unknownThing'")),
        error.message,
      );
    });

    it('should fail when the app version is not x.y.z', () => {
      const error = failure(() => buildAppPackage(buildInput({ version: '1.0' }), outFile));
      assert.ok(
        error.problems.some((p) => p.startsWith('/version must match pattern')),
        error.message,
      );
    });

    it('should fail when the manifest version has no shipped schema', () => {
      const dir = templateCopy((m) => (m.manifestVersion = '9.99'));
      const error = failure(() => buildAppPackage(buildInput(), outFile, { manifestDir: dir }));
      assert.match(error.message, /9\.99.*no schema shipped/);
    });

    it('should report each missing required field of a nearly empty manifest', () => {
      assert.ok(
        validateManifest({ manifestVersion: '1.30' }).some((p) => p.includes("must have required property 'version'")),
      );
    });

    it('should fail when the Dutch localization has an unknown key', () => {
      const dir = templateCopy((_m, nl) => (nl['bots[0].commandLists[0].commands[12].title'] = 'dertiende'));
      const error = failure(() => buildAppPackage(buildInput(), outFile, { manifestDir: dir }));
      assert.match(error.message, /nl\.json does not match/);
      assert.ok(
        error.problems.some((p) => p.includes('must NOT have additional properties')),
        error.message,
      );
    });

    it('should fail when a placeholder has no value', () => {
      const dir = templateCopy((m) => (m.developer.mpnId = '${{PARTNER_ID}}'));
      const error = failure(() => buildAppPackage(buildInput(), outFile, { manifestDir: dir }));
      assert.deepEqual(error.problems, ['manifest.json: ${{PARTNER_ID}} has no value']);
    });

    it('should refuse a bot id that is not a GUID and a host name with a scheme', () => {
      const error = failure(() =>
        buildAppPackage(buildInput({ botId: 'bot', publicHostname: 'https://x.org/' }), outFile),
      );
      assert.equal(error.problems.length, 3, error.message); // botId, the Teams app id that defaults to it, the host
      assert.ok(error.problems.some((p) => p.startsWith('publicHostname must be a host name')));
    });
  });

  describe('npm run package (scripts/package-app.ts)', () => {
    function runCli(env: Record<string, string>) {
      const clean = Object.fromEntries(
        Object.entries(process.env).filter(([k]) => !/^(Microsoft|TAB_|PUBLIC_HOSTNAME|NODE_ENV|STORE)/.test(k)),
      );
      return spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'package-app.ts')], {
        cwd: ROOT,
        env: { ...clean, ...env },
        encoding: 'utf8',
      });
    }

    it('should build the package with a marked placeholder bot id when MicrosoftAppId is empty', () => {
      const run = runCli({ PUBLIC_HOSTNAME: 'tweetal.example.org' });
      assert.equal(run.status, 0, run.stderr + run.stdout);
      assert.match(run.stderr, /WARNING: MicrosoftAppId is not set.*00000000-0000-0000-0000-000000000000/);
      const manifest = JSON.parse(
        new AdmZip(path.join(ROOT, 'build', 'appPackage.zip')).readAsText('manifest.json'),
      ) as Json;
      assert.equal(manifest.bots[0].botId, '00000000-0000-0000-0000-000000000000');
      assert.equal(manifest.validDomains[0], 'tweetal.example.org');
    });

    it('should exit with 1 and the message when the configuration is wrong', () => {
      const run = runCli({ MicrosoftAppId: 'not-a-guid' });
      assert.equal(run.status, 1, run.stderr + run.stdout);
      assert.match(run.stderr, /Configuration error: MicrosoftAppId/);
    });

    it('should exit with 1 and name the problem when the host name cannot be used', () => {
      const run = runCli({ PUBLIC_HOSTNAME: 'https://tweetal.example.org/' });
      assert.equal(run.status, 1, run.stderr + run.stdout);
      assert.match(run.stderr, /publicHostname must be a host name/);
    });
  });
});
