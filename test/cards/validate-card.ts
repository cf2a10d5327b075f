/**
 * Validates an expanded Adaptive Card the way Teams will meet it: the `adaptivecards` package's
 * own parser (its parse events) and its property validation (`validateProperties()`), both
 * against schema 1.5, plus Tweetal's own rules (version 1.5, every Action.Execute verb routed,
 * size, nothing left unexpanded).
 *
 * What counts as an error (every issue below fails the card test):
 * - every parse event of the SDK parser with target version 1.5: unknown element or action types
 *   (including 1.6-only ones such as Carousel), invalid property values, properties newer than
 *   1.5, forbidden types, a missing card type …;
 * - every validation event of `validateProperties()`: inputs without id, duplicate ids,
 *   choices without title/value, too many actions … — including the SDK's accessibility
 *   "warnings" RequiredInputsShouldHaveLabel / RequiredInputsShouldHaveErrorMessage: a required
 *   input without a label and an error message in the user's language is a bug in a form;
 * - only the SDK's `Hint` events are not errors: they are returned as warnings (reported, not
 *   failed), because they are advice, not faults. `Deprecated` is an error: new cards should not
 *   use deprecated features.
 * Tweetal's own rules:
 * - `type` is AdaptiveCard and `version` is exactly "1.5" (what Teams renders);
 * - every `Action.Execute` anywhere in the card (actions, selectAction, ActionSet, ShowCard's
 *   inner card, refresh.action, fallback) has a non-empty verb with a registered handler;
 *   `Action.Submit` is refused: the design routes every card action through Action.Execute verbs;
 * - `refresh.userIds` holds at most 60 ids (Teams' limit for Universal Actions refresh);
 * - the JSON is under 40 KB (Teams allows ~80 KB per message; we keep a wide margin);
 * - no `${` remains (a missing string key or view model field) and no templating key (`$when`,
 *   `$data`, …) remains; `$schema` is allowed.
 */
import type * as ACModule from 'adaptivecards';

// The UMD bundle runs in Node without a DOM (the lib/ build expects a browser for rendering).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof ACModule;

export const MAX_CARD_BYTES = 40 * 1024;
export const MAX_REFRESH_USER_IDS = 60;
export const TEAMS_CARD_VERSION = '1.5';

export interface CardIssue {
  /** Where it was found: 'parse', 'validation' (the SDK) or 'tweetal' (our own rules). */
  readonly source: 'parse' | 'validation' | 'tweetal';
  /** The SDK's ValidationEvent name, or our own rule's name. */
  readonly rule: string;
  readonly message: string;
}

export interface CardReport {
  readonly errors: CardIssue[];
  readonly warnings: CardIssue[];
  /** Every Action.Execute verb found in the card, in order. */
  readonly verbs: string[];
  readonly bytes: number;
}

export interface ValidateOptions {
  /** Does the bot have a handler for this verb? (createRouter().hasVerb) */
  readonly hasVerb: (verb: string) => boolean;
}

export function validateCard(card: unknown, options: ValidateOptions): CardReport {
  const errors: CardIssue[] = [];
  const warnings: CardIssue[] = [];
  const json = JSON.stringify(card) ?? '';
  const bytes = Buffer.byteLength(json, 'utf8');

  if (!isObject(card)) {
    return {
      errors: [{ source: 'tweetal', rule: 'NotAnObject', message: 'the card is not a JSON object' }],
      warnings,
      verbs: [],
      bytes,
    };
  }

  // 1. The SDK parser, targeting 1.5 so that newer elements and properties are reported.
  const sdkCard = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  try {
    sdkCard.parse(card, context);
  } catch (error) {
    errors.push({ source: 'parse', rule: 'ParserThrew', message: (error as Error).message });
  }
  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    const issue: CardIssue = {
      source: 'parse',
      rule: AC.ValidationEvent[event.event] ?? String(event.event),
      message: describe(event),
    };
    (event.event === AC.ValidationEvent.Hint ? warnings : errors).push(issue);
  }

  // 2. The SDK's property validation (ids, required inputs, choices, action counts …).
  const results = sdkCard.validateProperties();
  for (const event of results.validationEvents) {
    const issue: CardIssue = {
      source: 'validation',
      rule: AC.ValidationEvent[event.event] ?? String(event.event),
      message: describe(event),
    };
    (event.event === AC.ValidationEvent.Hint ? warnings : errors).push(issue);
  }

  // 3. Tweetal's rules.
  const own = (rule: string, message: string) => errors.push({ source: 'tweetal', rule, message });
  if (card.type !== 'AdaptiveCard') own('CardType', `type must be "AdaptiveCard", not ${JSON.stringify(card.type)}`);
  if (card.version !== TEAMS_CARD_VERSION)
    own('CardVersion', `version must be "${TEAMS_CARD_VERSION}" (Teams), not ${JSON.stringify(card.version)}`);
  if (bytes >= MAX_CARD_BYTES) own('CardTooLarge', `the card is ${bytes} bytes; keep it under ${MAX_CARD_BYTES}`);

  const verbs: string[] = [];
  walk(card, '$', (node, where) => {
    if (node.type === 'Action.Execute') {
      const verb = node.verb;
      if (typeof verb !== 'string' || verb.trim() === '') own('MissingVerb', `Action.Execute at ${where} has no verb`);
      else {
        verbs.push(verb);
        if (!options.hasVerb(verb))
          own('UnknownVerb', `Action.Execute at ${where} uses verb "${verb}", which has no handler in createRouter()`);
      }
    }
    if (node.type === 'Action.Submit') own('SubmitAction', `Action.Submit at ${where}: use Action.Execute with a verb`);
  });
  const refresh = card.refresh;
  if (isObject(refresh) && Array.isArray(refresh.userIds) && refresh.userIds.length > MAX_REFRESH_USER_IDS) {
    own(
      'TooManyRefreshUsers',
      `refresh.userIds has ${refresh.userIds.length} ids; Teams allows at most ${MAX_REFRESH_USER_IDS}`,
    );
  }

  walkValues(card, '$', (value, where) => {
    if (typeof value === 'string' && value.includes('${'))
      own('Unexpanded', `${where} still holds "${shorten(value)}": a missing string key or view model field`);
  });
  walk(card, '$', (node, where) => {
    for (const key of Object.keys(node)) {
      if (key.startsWith('$') && key !== '$schema')
        own('TemplatingLeft', `${where}.${key} is a templating key left after expansion`);
    }
  });

  return { errors, warnings, verbs, bytes };
}

/** One line per issue, for assertion messages. */
export function formatIssues(issues: readonly CardIssue[]): string {
  return issues.map((i) => `  - [${i.source}/${i.rule}] ${i.message}`).join('\n');
}

function describe(event: { message: string; source?: unknown }): string {
  const source = event.source as { getJsonTypeName?: () => string; id?: string } | undefined;
  const type = source?.getJsonTypeName?.();
  const where = type ? ` (in ${type}${source?.id ? ` "${source.id}"` : ''})` : '';
  return `${event.message}${where}`;
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Visit every object in the tree (bounded by the JSON's own depth), with a JSON path. */
function walk(value: unknown, where: string, visit: (node: JsonObject, where: string) => void): void {
  if (Array.isArray(value)) value.forEach((item, i) => walk(item, `${where}[${i}]`, visit));
  else if (isObject(value)) {
    visit(value, where);
    for (const [key, child] of Object.entries(value)) walk(child, `${where}.${key}`, visit);
  }
}

function walkValues(value: unknown, where: string, visit: (value: unknown, where: string) => void): void {
  if (Array.isArray(value)) value.forEach((item, i) => walkValues(item, `${where}[${i}]`, visit));
  else if (isObject(value))
    for (const [key, child] of Object.entries(value)) walkValues(child, `${where}.${key}`, visit);
  else visit(value, where);
}

function shorten(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
