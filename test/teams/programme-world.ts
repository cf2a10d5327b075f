/**
 * A small world for the programme / pairing / profile / switch / my-data flow tests: the real
 * bot over HTTP with the Bot Connector stand-in, a team installed with a roster (one leader-to-be
 * and five teachers), a fixed clock, on SQLite or on Cosmos DB (@vercel/cosmosdb-server).
 */
import { DateTime } from 'luxon';
import { CosmosStore } from '../../src/store/cosmos-store';
import type { Store } from '../../src/store/store';
import { schoolIdFor } from '../../src/teams/ids';
import { startLocalCosmos, type LocalCosmos } from '../store/cosmos-server';
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

export const LEADER = person(9, 'Lotte Leider');
export const TEACHERS = [
  person(1, 'Anna de Vries'),
  person(2, 'Bram Jansen'),
  person(3, 'Chris Bakker'),
  person(4, 'Dewi Smit'),
  person(5, 'Eva Mulder'),
] as const;
export const SCHOOL_ID = schoolIdFor(TENANT, TEAM_ID);
export const NOW = DateTime.fromISO('2026-01-20T10:00', { zone: 'Europe/Amsterdam' });

let cosmos: LocalCosmos | undefined;
let databases = 0;

after(async () => {
  await cosmos?.close();
  cosmos = undefined;
});

async function storeFor(kind: StoreKindUnderTest): Promise<Store | undefined> {
  if (kind === 'sqlite') return undefined; // the test bot's own SQLite in a temp folder
  cosmos ??= await startLocalCosmos();
  return new CosmosStore({
    endpoint: cosmos.endpoint,
    key: 'local-test-key',
    database: `tweetal-flows-${process.pid}-${++databases}`,
    container: 'documents',
    allowSelfSigned: true,
  });
}

export interface World {
  readonly bot: TestBot;
  readonly store: Store;
  /** A text message in 1:1 chat; returns the bot's replies to it. */
  say(who: Person, text: string, locale?: string): Promise<any[]>;
  /** A card action (Action.Execute) in 1:1 chat; returns the invoke response. */
  act(
    who: Person,
    verb: string,
    data?: Record<string, unknown>,
    locale?: string,
  ): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
}

export async function startWorld(
  kind: StoreKindUnderTest,
  options: { owners?: readonly Person[] } = {},
): Promise<World> {
  const store = await storeFor(kind);
  const bot = await startTestBot({ clock: () => NOW, ...(store ? { store } : {}) });
  const owners = new Set((options.owners ?? []).map((p) => p.id));
  bot.connector.roster = [LEADER, ...TEACHERS].map((p) => ({
    id: p.id,
    aadObjectId: p.aadObjectId,
    name: p.name,
    tenantId: TENANT,
    userRole: owners.has(p.id) ? 'owner' : 'user',
  }));
  await bot.post(teamInstall(bot.connector.url, LEADER));
  bot.connector.reset();
  const localeOf = (locale: string) => ({ locale, entities: [{ type: 'clientInfo', locale }] });
  return {
    bot,
    store: bot.store,
    async say(who, text, locale = 'nl-NL') {
      const before = bot.connector.calls.length;
      await bot.post(personalMessage(bot.connector.url, who, text, localeOf(locale)));
      return bot.connector.calls
        .slice(before)
        .filter(
          (c) =>
            c.method === 'POST' && c.conversationId === `a:personal-${who.aadObjectId}` && /\/activities/.test(c.path),
        )
        .map((c) => c.body);
    },
    act(who, verb, data = {}, locale = 'nl-NL') {
      return bot.post(cardAction(bot.connector.url, who, verb, data, { locale }));
    },
    stop: () => bot.stop(),
  };
}

/** The adaptive card in a reply activity (or undefined). */
export const cardOf = (activity: any): any =>
  activity?.attachments?.find((a: any) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;

/** The data of the card's Action.Execute with this verb. */
export function actionData(card: any, verb: string): Record<string, unknown> {
  const found: any[] = [];
  const walk = (node: any) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if (node.type === 'Action.Execute' && node.verb === verb) found.push(node);
      Object.values(node).forEach(walk);
    }
  };
  walk(card);
  if (found.length === 0) throw new Error(`card has no Action.Execute with verb ${verb}`);
  return { ...(found[0].data ?? {}) };
}

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
  walk(card.body);
  return values;
}

/** All visible text on a card (text, labels, titles, values), one per line, for "does it say …" assertions. */
export function cardText(card: any): string {
  const lines: string[] = [];
  const walk = (node: any) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const key of ['text', 'label', 'title', 'value'])
        if (typeof node[key] === 'string' || typeof node[key] === 'number') lines.push(String(node[key]));
      Object.values(node).forEach(walk);
    }
  };
  walk(card);
  return lines.join('\n');
}

/** A valid programme setup form. */
export const programmeForm = (overrides: Record<string, unknown> = {}) => ({
  themeChoice: 'effectieve instructie',
  themeOther: '',
  startDate: '2026-02-01',
  endDate: '2026-06-30',
  visitsPerCycle: 2,
  digestWeekday: '1',
  digestHour: 8,
  noVisitPlannedDays: 7,
  noObservationDays: 3,
  noDebriefScheduledDays: 5,
  noDebriefRecordedDays: 2,
  endApproachingDays: 21,
  minDaysBetweenNudges: 3,
  nudgeSenderName: 'Lotte',
  ...overrides,
});

/** The leader sets up a programme through the cards; returns its id. */
export async function setUpProgramme(world: World, overrides: Record<string, unknown> = {}): Promise<string> {
  const card = cardOf((await world.say(LEADER, 'traject'))[0]);
  const data = actionData(card, 'programme.save');
  const response = await world.act(LEADER, 'programme.save', { ...data, ...programmeForm(overrides) });
  if (response.status !== 200) throw new Error(`setup failed: ${JSON.stringify(response.body)}`);
  return data['programmeId'] as string;
}

/** A teacher fills in the profile card. */
export async function fillProfile(
  world: World,
  who: Person,
  subjects: string,
  years: number,
  learnFrom: readonly Person[] = [],
): Promise<{ status: number; body: any }> {
  const card = cardOf((await world.say(who, 'profiel'))[0]);
  return world.act(who, 'profile.save', {
    ...actionData(card, 'profile.save'),
    subjects,
    yearsOfExperience: years,
    learnFrom: learnFrom.map((p) => p.aadObjectId).join(','),
  });
}

/** Partner cards (pairing-partner) the bot sent proactively to a person's 1:1 conversation. */
export function partnerCardsTo(world: World, who: Person): any[] {
  return world.bot.connector
    .sentCards(`a:personal-${who.aadObjectId}`)
    .filter(
      (card) =>
        JSON.stringify(card).includes('profile.show') && /coachingspartner|coaching partner/.test(JSON.stringify(card)),
    );
}

/** Profiles for the five teachers, then the leader confirms the suggested pairs; returns the pairs. */
export async function composePairs(world: World) {
  const [anna, bram, chris, dewi] = TEACHERS;
  await fillProfile(world, anna, 'wiskunde', 20);
  await fillProfile(world, bram, 'wiskunde', 2);
  await fillProfile(world, chris, 'Engels', 15);
  await fillProfile(world, dewi, 'Engels', 1);
  const card = cardOf((await world.say(LEADER, 'tweetallen'))[0]);
  // Four teachers take part (Eva not): two pairs.
  const values = inputValues(card);
  for (const key of Object.keys(values)) if (key.includes(TEACHERS[4].aadObjectId)) values[key] = 0;
  const response = await world.act(LEADER, 'pairing.confirm', { ...actionData(card, 'pairing.confirm'), ...values });
  if (response.status !== 200) throw new Error(`pairing failed: ${JSON.stringify(response.body)}`);
  return world.store.query(SCHOOL_ID, { type: 'pair', where: { status: 'active' } });
}
