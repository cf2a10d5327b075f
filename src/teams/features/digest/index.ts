/**
 * The leader's digest: the command digest / overzicht (leaders only) and the card's button
 * "encourage the pairs that are behind" (verb digest.encourage, leaders only).
 */
import { z } from 'zod';
import { computeDigests } from '../../../app/digest/run-digest';
import { digestView } from '../../../app/digest/digest-view';
import { activeProgrammes } from '../../../app/nudges/school-data';
import { formatDay } from '../../../app/nudges/nudge-view';
import { runNudges } from '../../../app/nudges/run-nudges';
import { renderCard } from '../../../cards/render';
import { DomainError } from '../../../domain/errors';
import { isQuietTime, nextSendableMoment } from '../../../domain/quiet-time';
import { t } from '../../../i18n/translate';
import { storePersonDirectory } from '../../../jobs/person-directory';
import { jobsOf } from '../../../jobs/wiring';
import type { ActionContext, CommandContext } from '../../context';
import { cardResult, errorResult, textResult, type HandlerResult } from '../../results';
import type { Router } from '../../router';
import { isLeader, resolveSchool } from '../../school-context';
import './digest-card';

export async function showDigest(ctx: CommandContext): Promise<HandlerResult | HandlerResult[]> {
  let school;
  try {
    school = await resolveSchool(ctx);
  } catch (error) {
    if (error instanceof DomainError) return errorResult(error);
    throw error;
  }
  if (!isLeader(school, ctx.userId)) return errorResult(new DomainError('NOT_A_LEADER'));
  const { store } = ctx.services;
  const programmes = await activeProgrammes(store, school.schoolId);
  if (programmes.length === 0) return textResult(t(ctx.locale, 'messages.digest.noProgramme'));
  const { digests } = await computeDigests(store, storePersonDirectory(store), school, programmes, ctx.now);
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
        }),
        ctx.locale,
      ),
    ),
  );
}

const EncourageData = z.object({ schoolId: z.string().min(1).max(255), programmeId: z.string().min(1).max(255) });

export async function encourage(ctx: ActionContext): Promise<HandlerResult> {
  const parsed = EncourageData.safeParse(ctx.data);
  if (!parsed.success) return errorResult(new DomainError('INVALID_INPUT', { field: 'programmeId' }));
  const { store, logger } = ctx.services;
  const school = await store.read(parsed.data.schoolId, 'school', parsed.data.schoolId);
  if (!school || school.tenantId !== ctx.tenantId) return errorResult(new DomainError('NOT_FOUND'));
  if (!isLeader(school, ctx.userId)) return errorResult(new DomainError('NOT_A_LEADER'));
  const programme = await store.read(school.schoolId, 'programme', parsed.data.programmeId);
  if (!programme || programme.status !== 'active') return errorResult(new DomainError('NOT_FOUND'));
  const env = jobsOf(ctx.services)?.environment();
  if (!env) return errorResult(new DomainError('INTERNAL'));
  if (isQuietTime(ctx.now, school.timezone, programme.quietPeriods, env.schoolHours)) {
    const next = nextSendableMoment(ctx.now, school.timezone, programme.quietPeriods, env.schoolHours);
    const when = next
      ? `${formatDay(next.toISO() ?? undefined, school.timezone, ctx.locale)} ${next.toFormat('HH:mm')}`
      : '—';
    return textResult(t(ctx.locale, 'messages.encourage.quiet', { next: when }));
  }
  const report = await runNudges(
    {
      store,
      messenger: env.messenger,
      holder: `${env.holder}:encourage`,
      wallNow: env.wallClock,
      claimMs: env.leaseMs,
      directory: env.directory(),
      render: env.renderNudge,
      logger,
      ...(env.schoolHours ? { schoolHours: env.schoolHours } : {}),
    },
    ctx.now,
    { schoolIds: [school.schoolId], programmeId: programme.id },
  );
  logger.info(
    {
      schoolId: school.schoolId,
      programmeId: programme.id,
      verb: ctx.verb,
      sent: report.sent,
      spaced: report.spaced + report.done,
    },
    'leader encouraged the pairs that are behind',
  );
  if (report.behindPairs === 0) return textResult(t(ctx.locale, 'messages.encourage.nobody'));
  return textResult(
    t(ctx.locale, 'messages.encourage.sent', {
      sent: report.sent,
      spaced: report.spaced + report.done + report.busy,
      unreachable: report.unreachable + report.failed,
    }),
  );
}

export function register(router: Router): void {
  router
    .command({ words: ['digest', 'overzicht'], helpKey: 'commands.digest', audience: 'leader', handler: showDigest })
    .verb('digest.encourage', encourage);
}
