/**
 * The read plans of the running service (issue 12): what a person's last turn of one kind read
 * from the store (src/store/turn-store.ts), so that their next turn of that kind reads it ahead,
 * each partition in one read. A turn's kind is what the bot will do with it: a command it
 * knows ("mijn cyclus"), or a card verb it knows on one school's card of one visit; text it
 * does not know and verbs it does not have get no plan. Keys and plans hold ids only — the
 * tenant, the person, the conversation, the command's or verb's name, the card's school and
 * visit ids — never what anyone typed. Bounded: the least recently used plan is let go first.
 */
import { TurnContext, type Activity } from 'botbuilder';
import { LeastRecentlyUsed } from '../domain/least-recently-used';
import type { ReadPlan } from '../store/turn-store';
import { isDocumentId } from '../store/store';
import { schoolIdInData } from './card-data';
import type { Router } from './router';
import { tenantOf, userIdOf } from './turn-info';

/** At most this many plans are kept (a few hundred bytes each). */
export const READ_PLANS_KEPT = 5_000;

export class ReadPlans {
  private readonly plans: LeastRecentlyUsed<ReadPlan>;

  constructor(max = READ_PLANS_KEPT) {
    this.plans = new LeastRecentlyUsed(max);
  }

  get size(): number {
    return this.plans.size;
  }

  /** The plan of the last turn of this kind, if one is kept. */
  planFor(kind: string): Promise<ReadPlan> | undefined {
    return this.plans.find(kind);
  }

  /** Keeps what a turn of this kind read, in place of the plan kept before. */
  remember(kind: string, plan: ReadPlan): void {
    this.plans.set(kind, Promise.resolve(plan));
  }
}

/** The typed text of a message, the bot's @mention removed (the activity itself left as it came). */
export const messageTextOf = (activity: Partial<Activity>): string =>
  (activity.recipient ? TurnContext.removeRecipientMention({ ...activity } as Activity) : undefined) ??
  activity.text ??
  '';

/**
 * The kind of a turn for its read plan, with whose turn it is and where; undefined for turns
 * that get no plan (unknown text or verbs, other activities).
 */
export function turnKindOf(activity: Partial<Activity>, router: Router): string | undefined {
  const who = [tenantOf(activity), userIdOf(activity) ?? '', activity.conversation?.id ?? ''];
  if (activity.type === 'message') {
    const { spec } = router.matchCommand(messageTextOf(activity));
    return spec ? JSON.stringify([...who, 'command', spec.name]) : undefined;
  }
  if (activity.type !== 'invoke' || activity.name !== 'adaptiveCard/action') return undefined;
  const action = (activity.value as { action?: { verb?: unknown; data?: unknown } } | undefined)?.action;
  const verb = action?.verb;
  if (typeof verb !== 'string' || verb === '' || !router.findVerb(verb)) return undefined;
  const data = action?.data && typeof action.data === 'object' ? (action.data as Record<string, unknown>) : {};
  const visitId = typeof data['visitId'] === 'string' && isDocumentId(data['visitId']) ? data['visitId'] : '';
  return JSON.stringify([...who, 'verb', verb, schoolIdInData(data) ?? '', visitId]);
}
