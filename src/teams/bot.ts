/**
 * The Teams activity handler: install and conversation updates, text commands and card actions.
 * botbuilder stays in src/teams; handlers get a typed context and return results.
 */
import { TeamsActivityHandler, type TurnContext, type InvokeResponse } from 'botbuilder';
import { DomainError } from '../domain/errors';
import { t } from '../i18n/translate';
import type { HandlerContext, Services } from './context';
import { forgetSchoolInstall, rememberSchool } from './install';
import { rememberPerson } from './references';
import { runCommand, runVerb } from './dispatch';
import { errorInvokeResponse, toMessage } from './results';
import type { Router } from './router';
import { teamOf, tenantOf, turnInfo, userIdOf } from './turn-info';
import { greetingCard } from './features/help/greeting';
import { addMembership, membershipId, refreshName, removeMembership } from '../app/membership';
import { TurnStore } from '../store/turn-store';
import { personReferenceId, schoolIdFor, tenantPartitionFor } from './ids';
import { listTeamMembers, rememberAddedMembers, rememberRoster } from './roster';
import { messageTextOf, turnKindOf } from './read-plans';

/** The turn's own view of the store (src/store/turn-store.ts), kept in the turn's state. */
const TURN_STORE = Symbol('tweetal.turnStore');

export class TweetalBot extends TeamsActivityHandler {
  constructor(
    private readonly services: Services,
    private readonly router: Router,
  ) {
    super();

    this.onMessage(async (turn, next) => {
      await this.handleMessage(turn);
      await next();
    });

    this.onConversationUpdate(async (turn, next) => {
      const activity = turn.activity;
      const botId = activity.recipient?.id;
      const ctx = this.context(turn);
      // A personal install sends installationUpdate too; greet there only, so nobody is greeted twice.
      if (activity.membersAdded?.some((m) => m.id === botId)) await this.installed(ctx, { greetPerson: false });
      else if (ctx.teamId && activity.membersAdded?.length) {
        // Teachers who joined the team (a newcomer in March): they belong to its school, by their roster name.
        await rememberAddedMembers(ctx, activity.membersAdded, this.services.logger);
      }
      if (activity.membersRemoved?.some((m) => m.id === botId)) await forgetSchoolInstall(ctx);
      else if (ctx.teamId && activity.membersRemoved?.length) {
        // Teachers who left the team no longer belong to its school (their history stays).
        const schoolId = schoolIdFor(ctx.tenantId, ctx.teamId);
        for (const member of activity.membersRemoved) {
          const userId = member.aadObjectId || member.id;
          await removeMembership(ctx.services.store, tenantPartitionFor(ctx.tenantId), userId, schoolId, ctx.now);
        }
      }
      await next();
    });

    this.onInstallationUpdateAdd(async (turn, next) => {
      await this.installed(this.context(turn), { greetPerson: true });
      await next();
    });

    this.onInstallationUpdateRemove(async (turn, next) => {
      await forgetSchoolInstall(this.context(turn));
      await next();
    });
  }

  /** Refuse other tenants politely, before anything is stored. */
  override async run(turn: TurnContext): Promise<void> {
    const activity = turn.activity;
    // One structured line per turn, with ids only: never the text or the card's values (built only when logged).
    if (this.services.logger.isLevelEnabled('debug'))
      this.services.logger.debug(
        {
          activityId: activity.id,
          activityType: activity.type,
          invokeName: activity.name,
          verb:
            activity.type === 'invoke'
              ? (activity.value as { action?: { verb?: unknown } } | undefined)?.action?.verb
              : undefined,
          conversationType: activity.conversation?.conversationType,
          conversationId: activity.conversation?.id,
          tenantId: tenantOf(activity),
          userId: userIdOf(activity),
        },
        'turn',
      );
    const allowed = this.services.config.allowedTenants;
    if (allowed.length > 0 && !allowed.includes(tenantOf(turn.activity))) {
      const locale = turnInfo(turn.activity, this.services.config.defaultLocale, this.services.clock()).locale;
      this.services.logger.warn(
        { activityId: turn.activity.id, type: turn.activity.type },
        'activity from a tenant that is not allowed',
      );
      if (turn.activity.type === 'invoke') {
        await turn.sendActivity({
          type: 'invokeResponse',
          value: errorInvokeResponse(new DomainError('TENANT_NOT_ALLOWED'), locale, 403),
        });
      } else if (turn.activity.type === 'message') {
        await turn.sendActivity(t(locale, 'errors.TENANT_NOT_ALLOWED'));
      }
      return;
    }
    // Each document read once per turn; after the answer (work in the background) the store as it is then.
    const store = new TurnStore(this.services.store);
    turn.turnState.set(TURN_STORE, { ...this.services, store } satisfies Services);
    // What this person's last turn of this kind read, read ahead: each partition in one read.
    const kind = turnKindOf(turn.activity, this.router);
    const plan = kind === undefined ? undefined : await this.services.readPlans.planFor(kind);
    if (plan) await store.readAhead(plan);
    try {
      await super.run(turn);
    } finally {
      if (kind !== undefined) this.services.readPlans.remember(kind, store.readPlan());
      store.end();
    }
  }

  private context(turn: TurnContext): HandlerContext {
    return {
      ...turnInfo(turn.activity, this.services.config.defaultLocale, this.services.clock()),
      turn,
      services: (turn.turnState.get(TURN_STORE) as Services | undefined) ?? this.services,
    };
  }

  /**
   * The person's conversation reference and membership, which a message or card action reads
   * several times (the reference check, the name refresh, the school check, the names on a
   * card): both in one query of the tenant's partition.
   */
  private async prefetchPerson(ctx: HandlerContext): Promise<void> {
    const { store } = ctx.services;
    if (!(store instanceof TurnStore)) return;
    await store.prefetch(tenantPartitionFor(ctx.tenantId), [
      { type: 'personReference', id: personReferenceId(ctx.userId) },
      { type: 'membership', id: membershipId(ctx.userId) },
    ]);
  }

  private async installed(ctx: HandlerContext, options: { greetPerson: boolean }): Promise<void> {
    if (ctx.teamId) {
      const { school, isNew } = await rememberSchool(ctx, teamOf(ctx.turn.activity).name ?? '');
      if (isNew) await ctx.turn.sendActivity(toMessage(greetingCard(ctx))!);
      try {
        await rememberRoster(
          ctx.services.store,
          ctx.tenantId,
          school.schoolId,
          await listTeamMembers(ctx.turn, ctx.teamId),
          ctx.now,
        );
      } catch (error) {
        // The roster is read again when pairs are composed; a failure here loses nothing.
        this.services.logger.warn(
          { activityId: ctx.turn.activity.id, err: { name: (error as Error).name } },
          'could not read the team roster at install',
        );
      }
      return;
    }
    await rememberPerson(ctx);
    if (ctx.conversationType === 'personal' && options.greetPerson)
      await ctx.turn.sendActivity(toMessage(greetingCard(ctx))!);
  }

  private async handleMessage(turn: TurnContext): Promise<void> {
    const ctx = this.context(turn);
    await this.prefetchPerson(ctx);
    await rememberPerson(ctx);
    if (ctx.teamId) {
      // The name Teams sends with the turn refreshes the stored roster name (a renamed member).
      await addMembership(
        ctx.services.store,
        tenantPartitionFor(ctx.tenantId),
        ctx.tenantId,
        ctx.userId,
        schoolIdFor(ctx.tenantId, ctx.teamId),
        ctx.now,
        ctx.userName,
      );
    } else await refreshName(ctx.services.store, tenantPartitionFor(ctx.tenantId), ctx.userId, ctx.userName);
    for (const result of await runCommand(this.router, ctx, messageTextOf(turn.activity))) {
      const message = toMessage(result);
      if (message) await turn.sendActivity(message);
    }
  }

  protected override async onInvokeActivity(turn: TurnContext): Promise<InvokeResponse> {
    if (turn.activity.name !== 'adaptiveCard/action') return super.onInvokeActivity(turn);
    const ctx = this.context(turn);
    try {
      await this.prefetchPerson(ctx);
      await rememberPerson(ctx);
      await refreshName(ctx.services.store, tenantPartitionFor(ctx.tenantId), ctx.userId, ctx.userName);
      return await runVerb(this.router, ctx, turn.activity);
    } catch (error) {
      // A bug, not a refusal (those are answered by the error pipeline): logged once, with ids only.
      const value = turn.activity.value as { action?: { verb?: unknown } } | undefined;
      this.services.logger.error(
        {
          err: { name: (error as Error).name, code: (error as { code?: string }).code },
          activityId: turn.activity.id,
          conversationId: turn.activity.conversation?.id,
          verb: typeof value?.action?.verb === 'string' ? value.action.verb.slice(0, 100) : undefined,
        },
        'card action failed',
      );
      return errorInvokeResponse(new DomainError('INTERNAL'), ctx.locale, 500);
    }
  }
}
