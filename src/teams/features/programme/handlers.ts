/** Programme setup (flow 2) and leaders: commands "setup"/"traject", the setup card's verbs. */
import { z } from 'zod';
import { currentProgramme } from '../../../app/programme/current-programme';
import { addLeaders, claimLeadership } from '../../../app/programme/leaders';
import { parseProgrammeForm } from '../../../app/programme/programme-input';
import { createProgramme, PROGRAMME_ID, updateProgramme } from '../../../app/programme/save-programme';
import { DomainError } from '../../../domain/errors';
import { t } from '../../../i18n/translate';
import { explain } from '../../error-answers';
import { cardResult, type HandlerResult } from '../../results';
import { nameBook } from '../../names';
import { listTeamMembers } from '../../roster';
import type { SchoolTurnContext, SchoolVerbContext } from '../../router';
import { requireLeader, requireLeaderAccess } from './leader-access';
import { renderLeaders, leadersView } from './leaders-card';
import { renderSetup, setupViewFromProgramme, setupViewFromSubmission } from './setup-card';

export const SaveData = z.object({ programmeId: z.string().regex(PROGRAMME_ID), version: z.string().max(200) });
export const LeadersData = z.object({
  version: z.string().min(1).max(200),
  newLeaders: z.string().max(20000).optional(),
});

/** "setup"/"traject" and the button back to it: the current programme, or a new one. */
export async function showSetup(ctx: SchoolTurnContext, notice = ''): Promise<HandlerResult> {
  const { school } = await requireLeaderAccess(ctx);
  const programme = await currentProgramme(ctx.services.store, school.id);
  return cardResult(renderSetup(setupViewFromProgramme(programme, ctx.userName, ctx.locale, notice), ctx.locale));
}

export async function showNewProgramme(ctx: SchoolTurnContext): Promise<HandlerResult> {
  await requireLeaderAccess(ctx);
  return cardResult(renderSetup(setupViewFromProgramme(undefined, ctx.userName, ctx.locale), ctx.locale));
}

export async function saveProgramme(ctx: SchoolVerbContext<z.infer<typeof SaveData>>): Promise<HandlerResult> {
  const { programmeId, version } = ctx.data;
  const access = await requireLeaderAccess(ctx);
  const { store } = ctx.services;
  const settings = parseProgrammeForm(ctx.inputs);
  if (!settings.ok) {
    return cardResult(
      renderSetup(
        setupViewFromSubmission(ctx.inputs, programmeId, version, explain(settings.error, ctx), ctx.locale),
        ctx.locale,
      ),
    );
  }
  if (version) {
    try {
      await updateProgramme(store, access.school.id, programmeId, version, settings.value);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'STALE_VERSION') {
        const fresh = await currentProgramme(store, access.school.id);
        const view = setupViewFromProgramme(fresh, ctx.userName, ctx.locale);
        return cardResult(renderSetup({ ...view, error: explain(error, ctx) }, ctx.locale));
      }
      throw error;
    }
    if (access.claim !== 'leader') await claimLeadership(store, access.school.id, ctx.userId, access.isOwner);
    return showSetup(ctx, t(ctx.locale, 'messages.programme.updated'));
  }
  // A new programme: become leader first (atomically: of two simultaneous first set-ups one wins).
  if (access.claim !== 'leader') await claimLeadership(store, access.school.id, ctx.userId, access.isOwner);
  const { created } = await createProgramme(store, access.school.id, programmeId, settings.value, ctx.userId, ctx.now);
  ctx.services.logger.info({ schoolId: access.school.id, programmeId, created }, 'programme set up');
  return showSetup(ctx, t(ctx.locale, 'messages.programme.created'));
}

export async function showLeaders(ctx: SchoolTurnContext, notice = '', error = ''): Promise<HandlerResult> {
  const school = await requireLeader(ctx);
  const roster = await listTeamMembers(ctx.turn, school.teamId);
  const nameOf = await nameBook(ctx, school, school.leaderIds, ctx.locale, { roster });
  return cardResult(
    renderLeaders(
      leadersView(school, roster, t(ctx.locale, 'messages.unknownName'), nameOf, notice, error),
      ctx.locale,
    ),
  );
}

export async function addLeadersAction(ctx: SchoolVerbContext<z.infer<typeof LeadersData>>): Promise<HandlerResult> {
  const { data } = ctx;
  const school = await requireLeader(ctx);
  if (school.version !== data.version) return showLeaders(ctx, '', t(ctx.locale, 'errors.STALE_VERSION'));
  const roster = await listTeamMembers(ctx.turn, school.teamId);
  const ids = [
    ...new Set(
      (data.newLeaders ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== ''),
    ),
  ];
  if (ids.length === 0)
    return showLeaders(ctx, '', explain(new DomainError('FIELD_REQUIRED', { field: 'newLeaders' }), ctx));
  if (ids.some((id) => !roster.some((m) => m.userId === id)))
    throw new DomainError('INVALID_INPUT', { field: 'newLeaders' });
  await addLeaders(ctx.services.store, school.id, ctx.userId, ids);
  return showLeaders(ctx, t(ctx.locale, 'messages.leaders.added', { count: ids.length }));
}
