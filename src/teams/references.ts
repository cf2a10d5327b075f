/**
 * Conversation references of people (needed for proactive 1:1 messages): one document per
 * person per tenant, written when it changes, never duplicated.
 */
import { TurnContext, type ConversationReference } from 'botbuilder';
import type { PersonReference } from '../domain/entities';
import { readModifyWrite, type Stored } from '../store/store';
import type { HandlerContext } from './context';
import { personReferenceId, tenantPartitionFor } from './ids';

/** The one document per person per tenant that holds their conversation reference. */
export function personReferenceDoc(fields: {
  readonly tenantId: string;
  readonly userId: string;
  readonly name: string;
  readonly locale: PersonReference['locale'];
  readonly reference: Partial<ConversationReference>;
  readonly updatedAt: string;
}): PersonReference {
  return {
    type: 'personReference',
    id: personReferenceId(fields.userId),
    schoolId: tenantPartitionFor(fields.tenantId),
    personIds: [fields.userId],
    userId: fields.userId,
    tenantId: fields.tenantId,
    name: fields.name,
    ...(fields.locale ? { locale: fields.locale } : {}),
    reference: fields.reference,
    reachable: true,
    updatedAt: fields.updatedAt,
  };
}

export async function rememberPerson(ctx: HandlerContext): Promise<void> {
  if (ctx.conversationType !== 'personal') return;
  const activity = ctx.turn.activity;
  const reference = TurnContext.getConversationReference(activity) as ConversationReference;
  const schoolId = tenantPartitionFor(ctx.tenantId);
  const id = personReferenceId(ctx.userId);
  // Some events (Teams' conversationUpdate on install) carry no name or locale: keep what we know.
  const carriesLocale = typeof activity.locale === 'string' && activity.locale !== '';
  await readModifyWrite(ctx.services.store, schoolId, 'personReference', id, (current) => {
    const seen = {
      name: ctx.userName || current?.name || '',
      locale: carriesLocale || !current?.locale ? ctx.locale : current.locale,
      reference,
    };
    if (current && !changed(current, seen)) return undefined;
    // The time is written only with a change (formatting it is a cost every turn would pay).
    return personReferenceDoc({
      tenantId: ctx.tenantId,
      userId: ctx.userId,
      ...seen,
      updatedAt: ctx.now.toUTC().toISO()!,
    });
  });
}

function changed(
  existing: Stored<PersonReference>,
  next: Pick<PersonReference, 'name' | 'locale' | 'reference'>,
): boolean {
  const a = existing.reference as ConversationReference | undefined;
  const b = next.reference as ConversationReference;
  return (
    !existing.reachable ||
    existing.name !== next.name ||
    existing.locale !== next.locale ||
    a?.serviceUrl !== b.serviceUrl ||
    a?.conversation?.id !== b.conversation?.id ||
    a?.bot?.id !== b.bot?.id
  );
}

export function findPersonReference(
  store: HandlerContext['services']['store'],
  tenantId: string,
  userId: string,
): Promise<Stored<PersonReference> | undefined> {
  return store.read(tenantPartitionFor(tenantId), 'personReference', personReferenceId(userId));
}
