/**
 * Teams-shaped activities, modelled on real Teams payloads (personal chat, team install,
 * Action.Execute invoke), with overrides for each test.
 */
export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const TEAM_ID = '19:a1b2c3d4e5f60718293a4b5c6d7e8f90@thread.tacv2';
export const BOT_ID = '28:6c1d2e3f-0000-4000-8000-000000000001';

export interface Person {
  readonly id: string; // 29:… Teams user id
  readonly aadObjectId: string;
  readonly name: string;
}

export const person = (n: number, name = `Teacher ${n}`): Person => ({
  id: `29:1user${n}-teams-id`,
  aadObjectId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  name,
});

let counter = 0;
const nextId = () => `f:${Date.now().toString(36)}${(counter++).toString(36)}`;

const personalConversation = (who: Person) => ({
  conversationType: 'personal',
  tenantId: TENANT,
  id: `a:personal-${who.aadObjectId}`,
});

export function personalMessage(
  serviceUrl: string,
  from: Person,
  text: string,
  overrides: Record<string, unknown> = {},
): any {
  return {
    type: 'message',
    id: nextId(),
    timestamp: new Date().toISOString(),
    serviceUrl,
    channelId: 'msteams',
    from: { id: from.id, name: from.name, aadObjectId: from.aadObjectId },
    conversation: personalConversation(from),
    recipient: { id: BOT_ID, name: 'Tweetal' },
    textFormat: 'plain',
    locale: 'nl-NL',
    text,
    entities: [{ type: 'clientInfo', locale: 'nl-NL', country: 'NL', platform: 'Web', timezone: 'Europe/Amsterdam' }],
    channelData: { tenant: { id: TENANT } },
    ...overrides,
  };
}

export function teamInstall(serviceUrl: string, by: Person, overrides: Record<string, unknown> = {}): any {
  return {
    type: 'conversationUpdate',
    id: nextId(),
    timestamp: new Date().toISOString(),
    serviceUrl,
    channelId: 'msteams',
    from: { id: by.id, aadObjectId: by.aadObjectId },
    conversation: { isGroup: true, conversationType: 'channel', tenantId: TENANT, id: TEAM_ID },
    recipient: { id: BOT_ID, name: 'Tweetal' },
    membersAdded: [{ id: BOT_ID }],
    locale: 'nl-NL',
    channelData: {
      team: { aadGroupId: '0f0e0d0c-0000-4000-8000-00000000abcd', name: 'Team Bovenbouw', id: TEAM_ID },
      eventType: 'teamMemberAdded',
      tenant: { id: TENANT },
      settings: { selectedChannel: { id: TEAM_ID } },
    },
    ...overrides,
  };
}

export function teamUninstall(serviceUrl: string, by: Person): any {
  const install = teamInstall(serviceUrl, by);
  const { membersAdded: _added, ...rest } = install;
  return {
    ...rest,
    membersRemoved: [{ id: BOT_ID }],
    channelData: { ...install.channelData, eventType: 'teamMemberRemoved' },
  };
}

export function personalInstall(serviceUrl: string, by: Person): any {
  return {
    type: 'installationUpdate',
    action: 'add',
    id: nextId(),
    timestamp: new Date().toISOString(),
    serviceUrl,
    channelId: 'msteams',
    from: { id: by.id, aadObjectId: by.aadObjectId, name: by.name },
    conversation: personalConversation(by),
    recipient: { id: BOT_ID, name: 'Tweetal' },
    locale: 'en-US',
    channelData: { tenant: { id: TENANT }, source: { name: 'message' } },
  };
}

export function cardAction(
  serviceUrl: string,
  from: Person,
  verb: string,
  data: Record<string, unknown> = {},
  overrides: Record<string, unknown> = {},
): any {
  return {
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: nextId(),
    timestamp: new Date().toISOString(),
    serviceUrl,
    channelId: 'msteams',
    from: { id: from.id, name: from.name, aadObjectId: from.aadObjectId },
    conversation: personalConversation(from),
    recipient: { id: BOT_ID, name: 'Tweetal' },
    locale: 'nl-NL',
    replyToId: 'activity-1',
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    channelData: { tenant: { id: TENANT }, source: { name: 'message' } },
    ...overrides,
  };
}
