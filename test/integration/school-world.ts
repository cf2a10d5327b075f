/**
 * A whole school for the end-to-end programme test: the real bot over HTTP on 127.0.0.1 with the
 * Bot Connector stand-in (a team roster of one leader and five teachers), a mutable clock in the
 * school's zone, the job trigger (JOBS_KEY) and the tab's SSO (a local Entra ID stand-in), on
 * SQLite or on Cosmos DB (@vercel/cosmosdb-server). Everything goes in as Teams-shaped activities;
 * card data is read from the cards the bot sent or returned, as a Teams client would.
 */
import { DateTime } from 'luxon';
import { CosmosStore } from '../../src/store/cosmos-store';
import type { Store } from '../../src/store/store';
import { schoolIdFor } from '../../src/teams/ids';
import { startLocalCosmos, type LocalCosmos } from '../store/cosmos-server';
import { startSsoStandIn, type SsoStandIn } from '../tab/sso-fixture';
import { startTestBot, type TestBot } from '../support/test-bot';
import {
  cardAction,
  person,
  personalMessage,
  TEAM_ID,
  teamInstall,
  TENANT,
  type Person,
} from '../support/teams-activities';

export const STORE_KINDS = ['sqlite', 'cosmos'] as const;
export type StoreKindUnderTest = (typeof STORE_KINDS)[number];

export const ZONE = 'Europe/Amsterdam';
export const LEADER = person(9, 'Lotte Leider');
export const TEACHERS = [
  person(1, 'Anna de Vries'),
  person(2, 'Bram Jansen'),
  person(3, 'Chris Bakker'),
  person(4, 'Dewi Smit'),
  person(5, 'Eva Mulder'),
] as const;
export const SCHOOL_ID = schoolIdFor(TENANT, TEAM_ID);
export const JOBS_KEY = 'integration-jobs-key-0123456789';

export const local = (iso: string): DateTime => DateTime.fromISO(iso, { zone: ZONE });
export const conversationOf = (who: Person): string => `a:personal-${who.aadObjectId}`;

let cosmos: LocalCosmos | undefined;
let databases = 0;

/** Call once per test file: `after(stopSchoolCosmos)`. */
export async function stopSchoolCosmos(): Promise<void> {
  await cosmos?.close();
  cosmos = undefined;
}

async function storeFor(kind: StoreKindUnderTest): Promise<Store | undefined> {
  if (kind === 'sqlite') return undefined; // the test bot's own SQLite in a temp folder
  cosmos ??= await startLocalCosmos();
  return new CosmosStore({
    endpoint: cosmos.endpoint,
    key: 'local-test-key',
    database: `tweetal-school-${process.pid}-${++databases}`,
    container: 'documents',
    allowSelfSigned: true,
  });
}

export interface SchoolWorld {
  readonly bot: TestBot;
  readonly store: Store;
  readonly sso: SsoStandIn;
  now: DateTime;
  /** A text message in 1:1 chat; returns the bot's replies to it (activities). */
  say(who: Person, text: string, locale?: string): Promise<any[]>;
  /** A card action (Action.Execute) in 1:1 chat; returns the invoke response. */
  act(
    who: Person,
    verb: string,
    data?: Record<string, unknown>,
    locale?: string,
  ): Promise<{ status: number; body: any }>;
  /** POST /api/jobs/<job> with the key, as an external scheduler would, then GET the run's outcome. */
  trigger(job: 'digest' | 'nudges' | 'needs'): Promise<{ status: number; body: any }>;
  /** Every card this person has been shown, oldest first: replies, proactive messages, in-place updates and invoke answers. */
  cardsSeenBy(who: Person): any[];
  /** The newest card this person was shown that has a button with this verb, and that button's data. */
  button(who: Person, verb: string): { card: any; data: Record<string, unknown> };
  /**
   * The person opens the chat: Teams refreshes the newest card that has a Universal Actions
   * refresh for them (`refresh.userIds`) by invoking its verb; returns the answer's card.
   */
  look(who: Person): Promise<any>;
  /** GET a tab API path with a Teams SSO token for this person. */
  tab(who: Person, path: string): Promise<{ status: number; body: any; text: string }>;
  stop(): Promise<void>;
}

export async function startSchool(kind: StoreKindUnderTest, start: DateTime): Promise<SchoolWorld> {
  const store = await storeFor(kind);
  const sso = await startSsoStandIn();
  let now = start;
  const bot = await startTestBot({
    clock: () => now,
    env: { JOBS_KEY, TAB_SSO_AUDIENCE: sso.audience, TAB_SSO_OPENID_METADATA_URL: sso.metadataUrl },
    ...(store ? { store } : {}),
  });
  bot.connector.roster = [LEADER, ...TEACHERS].map((p) => ({
    id: p.id,
    aadObjectId: p.aadObjectId,
    name: p.name,
    tenantId: TENANT,
    userRole: 'user',
    userPrincipalName: `${p.name.split(' ')[0]!.toLowerCase()}@school.nl`,
  }));
  const localeOf = (locale: string) => ({
    locale,
    entities: [{ type: 'clientInfo', locale, country: 'NL', platform: 'Web', timezone: ZONE }],
  });
  let activity = 0;
  const answers: { who: string; at: number; seq: number; card: any }[] = [];
  let seq = 0;
  const world: SchoolWorld = {
    bot,
    store: bot.store,
    sso,
    get now() {
      return now;
    },
    set now(value: DateTime) {
      now = value;
    },
    async say(who, text, locale = 'nl-NL') {
      const before = bot.connector.calls.length;
      const response = await bot.post(personalMessage(bot.connector.url, who, text, localeOf(locale)));
      if (response.status !== 200)
        throw new Error(`"${text}" by ${who.name}: HTTP ${response.status} ${JSON.stringify(response.body)}`);
      return bot.connector.calls
        .slice(before)
        .filter((c) => c.method === 'POST' && c.conversationId === conversationOf(who) && /\/activities/.test(c.path))
        .map((c) => c.body);
    },
    async act(who, verb, data = {}, locale = 'nl-NL') {
      // Each card sits in its own message of the person's chat (replyToId), as in Teams.
      const response = await bot.post(
        cardAction(bot.connector.url, who, verb, data, {
          locale,
          replyToId: `card-${who.aadObjectId.slice(-2)}-${++activity}`,
        }),
      );
      if (response.body?.type === 'application/vnd.microsoft.card.adaptive')
        answers.push({ who: who.aadObjectId, at: Date.now(), seq: seq++, card: response.body.value });
      return response;
    },
    cardsSeenBy(who) {
      const conversation = conversationOf(who);
      const fromConnector = bot.connector.calls
        .filter(
          (c) =>
            (c.method === 'POST' || c.method === 'PUT') &&
            c.conversationId === conversation &&
            /\/activities/.test(c.path),
        )
        .flatMap((c) =>
          (c.body?.attachments ?? [])
            .filter((x: any) => x.contentType === 'application/vnd.microsoft.card.adaptive')
            .map((x: any) => ({ at: c.at, seq: -1, card: x.content })),
        );
      const own = answers.filter((a) => a.who === who.aadObjectId);
      return [...fromConnector, ...own].sort((a, b) => a.at - b.at || a.seq - b.seq).map((x) => x.card);
    },
    async look(who) {
      const card = [...world.cardsSeenBy(who)]
        .reverse()
        .find((c) => c?.refresh?.action && (c.refresh.userIds ?? []).includes(who.id));
      if (!card) throw new Error(`${who.name} has no card that refreshes`);
      const response = await world.act(who, card.refresh.action.verb, card.refresh.action.data ?? {});
      if (response.status !== 200)
        throw new Error(`refresh for ${who.name}: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body.value;
    },
    button(who, verb) {
      const card = [...world.cardsSeenBy(who)].reverse().find((c) => verbsOf(c).includes(verb));
      if (!card) throw new Error(`${who.name} was shown no card with a ${verb} button`);
      return { card, data: actionData(card, verb) };
    },
    async trigger(job) {
      const headers = { 'x-jobs-key': JOBS_KEY };
      const response = await fetch(`${bot.service.url}/api/jobs/${job}`, { method: 'POST', headers });
      const start = (await response.json()) as { runId?: string; status?: string };
      if (response.status !== 202 || !start.runId) return { status: response.status, body: start };
      // The trigger answers at once; wait for the run and read its outcome as a scheduler would.
      await bot.service.services.background.idle();
      const run = await fetch(`${bot.service.url}/api/jobs/${start.runId}`, { headers });
      const outcome = (await run.json()) as { status: string; report?: unknown };
      return {
        status: response.status,
        body: { ...start, outcome: start.status === 'done' ? 'done' : outcome.status, report: outcome.report },
      };
    },
    async tab(who, path) {
      const token = await sso.sign({ oid: who.aadObjectId, tid: TENANT, name: who.name });
      const response = await fetch(`${bot.service.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
      const text = await response.text();
      let body: any;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      return { status: response.status, body, text };
    },
    async stop() {
      await bot.stop();
      await sso.stop();
    },
  };
  const installed = await bot.post(teamInstall(bot.connector.url, LEADER));
  if (installed.status !== 200) throw new Error(`install failed: ${installed.status}`);
  return world;
}

/** The adaptive card in an activity (or undefined). */
export const cardOf = (activity: any): any =>
  activity?.attachments?.find((a: any) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;

/** Every Action.Execute on a card (body, actions, show-cards), refresh excluded. */
export function executeActions(card: any): any[] {
  const found: any[] = [];
  const walk = (node: any, key?: string) => {
    if (key === 'refresh') return;
    if (Array.isArray(node)) node.forEach((n) => walk(n));
    else if (node && typeof node === 'object') {
      if (node.type === 'Action.Execute') found.push(node);
      for (const [k, v] of Object.entries(node)) walk(v, k);
    }
  };
  walk(card);
  return found;
}

/** The data of the card's (first) Action.Execute with this verb; throws when the card has none. */
export function actionData(card: any, verb: string): Record<string, unknown> {
  const action = executeActions(card).find((a) => a.verb === verb);
  if (!action)
    throw new Error(
      `card has no Action.Execute with verb ${verb}: ${executeActions(card)
        .map((a) => a.verb)
        .join(', ')}`,
    );
  return { ...(action.data ?? {}) };
}

export const verbsOf = (card: any): string[] => executeActions(card).map((a) => a.verb);

/** The value of every input on a card (as Teams would submit them untouched). */
export function inputValues(card: any): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const walk = (node: any) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if (
        typeof node.type === 'string' &&
        node.type.startsWith('Input.') &&
        typeof node.id === 'string' &&
        node.value !== undefined
      )
        values[node.id] = node.value;
      Object.values(node).forEach(walk);
    }
  };
  walk(card?.body);
  return values;
}

/** All visible text on a card (text, labels, titles, values), one per line. */
export function cardText(card: any): string {
  const lines: string[] = [];
  const walk = (node: any) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const key of ['text', 'label', 'title', 'value', 'placeholder'])
        if (typeof node[key] === 'string' || typeof node[key] === 'number') lines.push(String(node[key]));
      Object.values(node).forEach(walk);
    }
  };
  walk(card);
  return lines.join('\n');
}
