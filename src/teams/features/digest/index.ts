/**
 * The leader's digest: the command digest / overzicht (leaders only) and the card's button
 * "encourage the pairs that are behind" (verb digest.encourage, leaders only).
 */
import { z } from 'zod';
import { computeDigests, digestPeople, readDigestSnapshot } from '../../../app/digest/run-digest';
import { digestView } from '../../../app/digest/digest-view';
import { formatMoment } from '../../../i18n/dates';
import { renderCard } from '../../../cards/render';
import { DomainError } from '../../../domain/errors';
import { t } from '../../../i18n/translate';
import { cardResult, textResult, type HandlerResult } from '../../results';
import type { Router, SchoolCommandContext, SchoolVerbContext } from '../../router';
import { isLeader } from '../../school-context';
import './digest-card';

export async function showDigest(ctx: SchoolCommandContext): Promise<HandlerResult | HandlerResult[]> {
  const { school } = ctx;
  // Nobody leads this school yet, so no programme was ever set up: point the future leader to the start.
  if (school.leaderIds.length === 0) return textResult(t(ctx.locale, 'messages.digest.noLeaderYet'));
  if (!isLeader(school, ctx.userId)) throw new DomainError('NOT_A_LEADER');
  const { store } = ctx.services;
  const snapshot = await readDigestSnapshot(store, school, ctx.now);
  if (snapshot.programmes.length === 0) return textResult(t(ctx.locale, 'messages.digest.noProgramme'));
  const people = await ctx.services.directory().people(school.tenantId, digestPeople(snapshot));
  const digests = computeDigests(snapshot, people, snapshot.programmes, ctx.now);
  ctx.services.logger.info({ schoolId: school.schoolId, programmes: digests.length }, 'digest shown on demand');
  return digests.map((d) =>
    cardResult(
      renderCard(
        'digest',
        digestView({
          locale: ctx.locale,
          schoolId: school.schoolId,
          theme: d.programme.theme,
          period: d.period,
          report: d.report,
          nameOf: d.nameOf,
          growth: d.growth,
          notDelivered: d.notDelivered,
          needs: d.openNeeds,
          timezone: school.timezone,
          now: ctx.now,
        }),
        ctx.locale,
      ),
    ),
  );
}

const EncourageData = z.object({ schoolId: z.string().min(1).max(255), programmeId: z.string().min(1).max(255) });

export async function encourage(ctx: SchoolVerbContext<z.infer<typeof EncourageData>>): Promise<HandlerResult> {
  const { store, logger } = ctx.services;
  const { school } = ctx;
  if (!isLeader(school, ctx.userId)) throw new DomainError('NOT_A_LEADER');
  const programme = await store.read(school.schoolId, 'programme', ctx.data.programmeId);
  if (!programme || programme.status !== 'active') throw new DomainError('NOT_FOUND');
  const outcome = await ctx.services.encourage({ school, programme, now: ctx.now });
  logger.info(
    {
      schoolId: school.schoolId,
      programmeId: programme.id,
      verb: ctx.verb,
      outcome: outcome.kind,
      ...(outcome.kind === 'sent' ? { sent: outcome.sent, spaced: outcome.spaced } : {}),
    },
    'leader encouraged the pairs that are behind',
  );
  switch (outcome.kind) {
    case 'quiet': {
      const next = outcome.next;
      const when = next ? formatMoment(next, { locale: ctx.locale, zone: school.timezone, now: ctx.now }) : '—';
      return textResult(t(ctx.locale, 'messages.encourage.quiet', { next: when }));
    }
    case 'nobody':
      return textResult(t(ctx.locale, 'messages.encourage.nobody'));
    case 'running':
      return textResult(t(ctx.locale, 'messages.encourage.running'));
    case 'sent': {
      const counts = t(ctx.locale, 'messages.encourage.sent', {
        sent: outcome.sent,
        spaced: outcome.spaced,
        unreachable: outcome.unreachable,
      });
      return textResult(outcome.repeated ? `${t(ctx.locale, 'messages.encourage.already')} ${counts}` : counts);
    }
  }
}

export function register(router: Router): void {
  router
    .command({
      name: 'digest',
      helpKey: 'commands.digest',
      audience: 'leader',
      school: 'school',
      handler: showDigest,
    })
    .verb('digest.encourage', { data: EncourageData, school: 'school', handler: encourage });
}
