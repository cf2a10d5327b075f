/**
 * The school the message bench measures, set up through the real flows over HTTP on 127.0.0.1,
 * as the whole-programme test does: Tweetal is installed in a team (the roster is read from a
 * recording Bot Connector stand-in), the leader saves a programme on its setup card, confirms the
 * suggested pairs, and in every pair the first member plans a visit that the partner confirms
 * from the card Teams showed him. Nobody types an id: card data comes from the cards the bot
 * sent or returned, as a Teams client would.
 *
 * Then it builds the activities the bench sends, per path and per teacher, addressed to the
 * bench's lean connector: "help", "mijn cyclus" (the status card) and the Universal Actions
 * refresh of the newest visit card the teacher was shown (`refresh.action`, trigger automatic).
 */
import { DateTime } from 'luxon';
import type { RunningService } from '../src/service';
import { ConnectorStandIn } from '../test/support/connector-stand-in';
import { actionData, cardOf, executeActions, inputValues } from '../test/integration/school-world';
import {
  cardAction,
  person,
  personalMessage,
  teamInstall,
  TENANT,
  type Person,
} from '../test/support/teams-activities';

export type MessagePath = 'help' | 'status' | 'refresh';
export const MESSAGE_PATHS: readonly MessagePath[] = ['help', 'status', 'refresh'];

export interface BenchSchool {
  /** Per path, one Teams activity per teacher (JSON), sent in turn. */
  readonly bodies: Readonly<Record<MessagePath, string[]>>;
  readonly teachers: number;
  /** Visits planned and confirmed: one per pair or trio. */
  readonly visits: number;
  readonly setupRequests: number;
}

const ZONE = 'Europe/Amsterdam';
const CARD = 'application/vnd.microsoft.card.adaptive';

const conversationOf = (who: Person) => `a:personal-${who.aadObjectId}`;

/** The Universal Actions refresh Teams sends when `who` views `card` (as the Teams client does). */
function refreshInvoke(serviceUrl: string, who: Person, card: any): unknown {
  const invoke = cardAction(serviceUrl, who, card.refresh.action.verb, card.refresh.action.data ?? {});
  return { ...invoke, value: { ...invoke.value, trigger: 'automatic' } };
}

export async function setUpBenchSchool(
  service: RunningService,
  benchConnectorUrl: string,
  teacherCount: number,
): Promise<BenchSchool> {
  const setupConnector = await new ConnectorStandIn().start();
  let requests = 0;
  try {
    const leader = person(900, 'Lotte Leider');
    const teachers = Array.from({ length: teacherCount }, (_, i) => person(i + 1, `Leraar ${i + 1}`));
    setupConnector.roster = [leader, ...teachers].map((p) => ({
      id: p.id,
      aadObjectId: p.aadObjectId,
      name: p.name,
      tenantId: TENANT,
      userRole: 'user',
      userPrincipalName: `${p.aadObjectId.slice(-4)}@school.nl`,
    }));
    const answers = new Map<string, any[]>(); // invoke answers' cards per person
    const post = async (activity: unknown): Promise<any> => {
      requests++;
      const response = await fetch(`${service.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
      const text = await response.text();
      await service.services.background.idle();
      if (response.status !== 200) throw new Error(`bench set-up: HTTP ${response.status} ${text.slice(0, 300)}`);
      return text ? JSON.parse(text) : undefined;
    };
    const say = async (who: Person, text: string): Promise<any> => {
      const before = setupConnector.calls.length;
      await post(personalMessage(setupConnector.url, who, text));
      const reply = setupConnector.calls
        .slice(before)
        .find((c) => c.method === 'POST' && c.conversationId === conversationOf(who) && cardOf(c.body));
      if (!reply) throw new Error(`bench set-up: "${text}" by ${who.name} got no card`);
      return cardOf(reply.body);
    };
    const act = async (who: Person, verb: string, data: Record<string, unknown>): Promise<any> => {
      const body = await post(cardAction(setupConnector.url, who, verb, data));
      if (body?.type !== CARD) throw new Error(`bench set-up: ${verb} by ${who.name}: ${JSON.stringify(body)}`);
      answers.set(who.id, [...(answers.get(who.id) ?? []), body.value]);
      return body.value;
    };
    /** Every card `who` was shown, oldest first: messages and updates to them, then invoke answers. */
    const cardsSeenBy = (who: Person): any[] => [
      ...setupConnector.calls
        .filter((c) => (c.method === 'POST' || c.method === 'PUT') && c.conversationId === conversationOf(who))
        .map((c) => cardOf(c.body))
        .filter(Boolean),
      ...(answers.get(who.id) ?? []),
    ];

    await post(teamInstall(setupConnector.url, leader));
    const today = DateTime.now().setZone(ZONE);
    const setup = await say(leader, 'traject');
    await act(leader, 'programme.save', {
      ...actionData(setup, 'programme.save'),
      ...inputValues(setup),
      themeChoice: 'effectieve instructie',
      startDate: today.minus({ months: 1 }).toISODate(),
      endDate: today.plus({ months: 6 }).toISODate(),
      visitsPerCycle: 2,
      digestWeekday: '1',
      digestHour: 8,
      nudgeSenderName: 'Lotte',
    });
    const proposal = await say(leader, 'tweetallen');
    await act(leader, 'pairing.confirm', { ...actionData(proposal, 'pairing.confirm'), ...inputValues(proposal) });

    // In each pair (or trio) the first to plan is a teacher who has no visit yet.
    const planned = new Set<string>();
    let visits = 0;
    const visitDay = today.plus({ days: 7 }).set({ weekday: 3 });
    for (const teacher of teachers) {
      if (planned.has(teacher.id)) continue;
      const plan = await say(teacher, 'plannen');
      if (!executeActions(plan).some((a) => a.verb === 'visit.plan.submit')) continue;
      const inputs = inputValues(plan);
      const own = await act(teacher, 'visit.plan.submit', {
        ...actionData(plan, 'visit.plan.submit'),
        ...inputs,
        date: visitDay.toISODate(),
        time: '09:00',
        lesson: '3B wiskunde',
        focusChoice: 'Duidelijke instructie',
        discussionGoal: 'hoe controleer ik begrip',
        feedbackPreference: 'questions',
        video: 'false',
      });
      visits++;
      for (const id of own?.refresh?.userIds ?? []) planned.add(String(id));
      planned.add(teacher.id);
      // The partner confirms from the card Teams showed them.
      const partner = teachers.find(
        (p) => p !== teacher && cardsSeenBy(p).some((c) => executeActions(c).some((a) => a.verb === 'visit.confirm')),
      );
      if (partner) {
        const card = [...cardsSeenBy(partner)]
          .reverse()
          .find((c) => executeActions(c).some((a) => a.verb === 'visit.confirm'));
        await act(partner, 'visit.confirm', actionData(card, 'visit.confirm'));
        planned.add(partner.id);
      }
    }

    const refreshers = teachers
      .map((who) => {
        const card = [...cardsSeenBy(who)]
          .reverse()
          .find((c) => c?.refresh?.action && (c.refresh.userIds ?? []).includes(who.id));
        return card ? JSON.stringify(refreshInvoke(benchConnectorUrl, who, card)) : undefined;
      })
      .filter((body): body is string => body !== undefined);
    if (refreshers.length === 0) throw new Error('bench set-up: no teacher was shown a visit card that refreshes');
    // What the load will get: the refresh answers with the visit card, not an error card.
    const refreshed = await post(JSON.parse(refreshers[0]!));
    if (refreshed?.type !== CARD || !JSON.stringify(refreshed.value).includes('visit.refresh'))
      throw new Error(`bench set-up: the refresh did not answer with the visit card: ${JSON.stringify(refreshed)}`);
    return {
      bodies: {
        help: teachers.map((who) => JSON.stringify(personalMessage(benchConnectorUrl, who, 'help'))),
        status: teachers.map((who) => JSON.stringify(personalMessage(benchConnectorUrl, who, 'mijn cyclus'))),
        refresh: refreshers,
      },
      teachers: teachers.length,
      visits,
      setupRequests: requests,
    };
  } finally {
    await setupConnector.stop();
  }
}
