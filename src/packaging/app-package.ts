/**
 * Builds the Teams app package (`build/appPackage.zip`) from the template in `manifest/`.
 *
 * Pure apart from file I/O: the caller passes the ids and hosts (scripts/package-app.ts takes them
 * from loadConfig). The placeholders `${{NAME}}` in manifest.json and nl.json are filled, the
 * result is validated offline against the JSON schemas shipped in @microsoft/app-manifest (the
 * manifest's own `manifestVersion` picks the schema folder), and the zip holds manifest.json,
 * nl.json, color.png and outline.png at its root. Any problem throws an AppPackageError whose
 * `problems` are the schema's messages.
 */
import fs from 'node:fs';
import path from 'node:path';
import AdmZip from 'adm-zip';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv-draft-04';
import addFormats from 'ajv-formats';

export interface AppPackageInput {
  /** The bot's Entra app id (GUID): bots[0].botId and webApplicationInfo.id. */
  readonly botId: string;
  /** Host name (and optional port) the bot and tab are served from, without scheme: tweetal.example.org */
  readonly publicHostname: string;
  /** Application ID URI of the tab's SSO app; empty or absent: api://<publicHostname>/<botId>. */
  readonly ssoAudience?: string;
  /** The app version, semver (x.y.z). */
  readonly version: string;
  /** The Teams app id (manifest `id`); absent: the bot id. */
  readonly teamsAppId?: string;
}

export interface AppPackageOptions {
  /** Folder holding the template (manifest.json, nl.json, color.png, outline.png). Default: <project>/manifest. */
  readonly manifestDir?: string;
}

export interface AppPackageResult {
  readonly outFile: string;
  readonly manifest: Record<string, unknown>;
  readonly files: readonly string[];
}

export class AppPackageError extends Error {
  constructor(
    message: string,
    readonly problems: readonly string[],
  ) {
    super(problems.length === 0 ? message : `${message}\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'AppPackageError';
  }
}

/** The files that go into the package, in the template folder and at the root of the zip. */
export const PACKAGE_FILES = ['manifest.json', 'nl.json', 'color.png', 'outline.png'] as const;

const PLACEHOLDER = /\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOSTNAME = /^(?=.{1,253}(:|$))[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/i;
/** Teams' own semver rule (definitions.semver of the manifest schema). */
const SEMVER = /^([0-9]|[1-9]+[0-9]*)\.([0-9]|[1-9]+[0-9]*)\.([0-9]|[1-9]+[0-9]*)$/;

/** Folder of the JSON schemas shipped with @microsoft/app-manifest (offline). */
export function schemaRoot(): string {
  const pkg = require.resolve('@microsoft/app-manifest/package.json');
  return path.join(path.dirname(pkg), 'build', 'json-schemas', 'teams');
}

/** The manifest schema versions shipped offline, oldest first (vDevPreview excluded). */
export function shippedSchemaVersions(): string[] {
  return fs
    .readdirSync(schemaRoot())
    .filter((name) => /^v\d+\.\d+$/.test(name))
    .map((name) => name.slice(1))
    .sort((a, b) => {
      const [am, an] = a.split('.').map(Number);
      const [bm, bn] = b.split('.').map(Number);
      return am - bm || an - bn;
    });
}

function loadSchema(manifestVersion: string, file: string): object {
  const full = path.join(schemaRoot(), `v${manifestVersion}`, file);
  if (!/^\d+\.\d+$/.test(manifestVersion) || !fs.existsSync(full)) {
    throw new AppPackageError('Cannot validate the manifest', [
      `/manifestVersion ${JSON.stringify(manifestVersion)} has no schema shipped in @microsoft/app-manifest (shipped: ${shippedSchemaVersions().join(', ')})`,
    ]);
  }
  return JSON.parse(fs.readFileSync(full, 'utf8')) as object;
}

const compiled = new Map<string, ValidateFunction>();

function validator(manifestVersion: string, file: string): ValidateFunction {
  const key = `${manifestVersion}/${file}`;
  const cached = compiled.get(key);
  if (cached) return cached;
  // The Teams schemas are draft-04 with a few later keywords (const) and patterns that are not
  // valid with the u flag, hence strict: false and unicodeRegExp: false (as the Teams toolkit does).
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv, ['uri', 'email', 'regex']);
  const validate = ajv.compile(loadSchema(manifestVersion, file));
  compiled.set(key, validate);
  return validate;
}

function messages(errors: readonly ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => {
    const where = e.instancePath === '' ? '(root)' : e.instancePath;
    const detail =
      e.keyword === 'additionalProperties'
        ? ` '${String((e.params as { additionalProperty?: unknown }).additionalProperty)}'`
        : e.keyword === 'enum'
          ? ` (${JSON.stringify((e.params as { allowedValues?: unknown }).allowedValues)})`
          : '';
    return `${where} ${e.message ?? e.keyword}${detail}`;
  });
}

function manifestVersionOf(manifest: unknown): string {
  const v = (manifest as { manifestVersion?: unknown } | null)?.manifestVersion;
  return typeof v === 'string' ? v : String(v);
}

/**
 * Validates a filled manifest against the schema of its manifestVersion.
 * Returns the schema's messages; an empty array means valid.
 */
export function validateManifest(manifest: unknown): string[] {
  const validate = validator(manifestVersionOf(manifest), 'MicrosoftTeams.schema.json');
  const problems = validate(manifest) ? [] : messages(validate.errors);
  // Since 1.2x the schema no longer constrains `version`, but Teams still requires x.y.z.
  const version = (manifest as { version?: unknown } | null)?.version;
  if (typeof version === 'string' && !SEMVER.test(version)) {
    problems.push(`/version must match pattern "${SEMVER.source}" (Teams requires a semver x.y.z app version)`);
  }
  return problems;
}

/** Validates a localization file against the Localization schema of the manifest's version. */
export function validateLocalization(localization: unknown, manifestVersion: string): string[] {
  const validate = validator(manifestVersion, 'MicrosoftTeams.Localization.schema.json');
  return validate(localization) ? [] : messages(validate.errors);
}

/** Replaces every `${{NAME}}` with its value (JSON-escaped, since the text is JSON). */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? whole : JSON.stringify(value).slice(1, -1);
  });
}

/** The placeholder names still present in a text. */
export function remainingPlaceholders(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/** The placeholder values for an input; checks their shape first. */
export function placeholderValues(input: AppPackageInput): Record<string, string> {
  const problems: string[] = [];
  if (!GUID.test(input.botId)) problems.push(`botId must be a GUID (got ${JSON.stringify(input.botId)})`);
  const teamsAppId = input.teamsAppId ?? input.botId;
  if (!GUID.test(teamsAppId)) problems.push(`teamsAppId must be a GUID (got ${JSON.stringify(teamsAppId)})`);
  if (!HOSTNAME.test(input.publicHostname)) {
    problems.push(
      `publicHostname must be a host name without scheme or path, e.g. tweetal.example.org (got ${JSON.stringify(input.publicHostname)})`,
    );
  }
  const ssoAudience =
    input.ssoAudience && input.ssoAudience.trim() !== ''
      ? input.ssoAudience.trim()
      : `api://${input.publicHostname}/${input.botId}`;
  if (problems.length > 0) throw new AppPackageError('Cannot build the app package', problems);
  return {
    BOT_ID: input.botId,
    TEAMS_APP_ID: teamsAppId,
    PUBLIC_HOSTNAME: input.publicHostname,
    TAB_SSO_AUDIENCE: ssoAudience,
    APP_VERSION: input.version,
  };
}

/** The project's manifest/ folder, found upwards from this file (works from src/ and dist/src/). */
export function defaultManifestDir(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'manifest');
    if (fs.existsSync(path.join(candidate, 'manifest.json')) && fs.existsSync(path.join(dir, 'package.json')))
      return candidate;
    dir = path.dirname(dir);
  }
  throw new Error(`Tweetal: cannot find manifest/manifest.json above ${__dirname}`);
}

function parseJson(text: string, file: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new AppPackageError(`Cannot build the app package: ${file} is not valid JSON`, [(error as Error).message]);
  }
}

/**
 * Fills, validates and zips the app package. Throws AppPackageError (with the schema's messages)
 * when an input is malformed, a placeholder is left, or a file does not match its schema.
 */
export function buildAppPackage(
  input: AppPackageInput,
  outFile: string,
  options: AppPackageOptions = {},
): AppPackageResult {
  const dir = options.manifestDir ?? defaultManifestDir();
  const values = placeholderValues(input);
  const missing = PACKAGE_FILES.filter((f) => !fs.existsSync(path.join(dir, f)));
  if (missing.length > 0) {
    throw new AppPackageError(`Cannot build the app package: files missing in ${dir}`, missing);
  }

  const manifestText = fillPlaceholders(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'), values);
  const localizationText = fillPlaceholders(fs.readFileSync(path.join(dir, 'nl.json'), 'utf8'), values);
  const left = [
    ...remainingPlaceholders(manifestText).map((n) => `manifest.json: \${{${n}}} has no value`),
    ...remainingPlaceholders(localizationText).map((n) => `nl.json: \${{${n}}} has no value`),
  ];
  if (left.length > 0) throw new AppPackageError('Cannot build the app package: unfilled placeholders', left);

  const manifest = parseJson(manifestText, 'manifest.json');
  const localization = parseJson(localizationText, 'nl.json');
  const manifestProblems = validateManifest(manifest);
  if (manifestProblems.length > 0) {
    throw new AppPackageError('manifest.json does not match the Teams app manifest schema', manifestProblems);
  }
  const localizationProblems = validateLocalization(localization, manifestVersionOf(manifest));
  if (localizationProblems.length > 0) {
    throw new AppPackageError('nl.json does not match the Teams localization schema', localizationProblems);
  }

  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8'));
  zip.addFile('nl.json', Buffer.from(JSON.stringify(localization, null, 2) + '\n', 'utf8'));
  zip.addFile('color.png', fs.readFileSync(path.join(dir, 'color.png')));
  zip.addFile('outline.png', fs.readFileSync(path.join(dir, 'outline.png')));
  fs.mkdirSync(path.dirname(path.resolve(outFile)), { recursive: true });
  zip.writeZip(outFile);
  return { outFile, manifest, files: [...PACKAGE_FILES] };
}
