/** Profiles (flow 3): "profile"/"profiel" and the profile card's verbs; everyone may fill theirs. */
import { z } from 'zod';
import { addMembership } from '../../../app/membership';
import { parseProfileForm } from '../../../app/profile/profile-input';
import { profileId, saveProfile } from '../../../app/profile/save-profile';
import { DomainError } from '../../../domain/errors';
import { t } from '../../../i18n/translate';
import type { ActionContext, HandlerContext } from '../../context';
import { tenantPartitionFor } from '../../ids';
import { cardResult, type HandlerResult } from '../../results';
import { listTeamMembers } from '../../roster';
import { resolveSchool } from '../../school-context';
import { explain } from '../programme/explain';
import { colleagueChoices, profileView, renderProfile } from './profile-card';

const SaveData = z.object({ version: z.string().max(200) });

async function context(ctx: HandlerContext) {
  const school = await resolveSchool(ctx);
  const roster = await listTeamMembers(ctx.turn, school.teamId);
  const choices = colleagueChoices(roster, ctx.userId, t(ctx.locale, 'messages.unknownName'));
  const profile = await ctx.services.store.read(school.id, 'profile', profileId(ctx.userId));
  return { school, roster, choices, profile };
}

export async function showProfile(ctx: HandlerContext, notice = '', error = ''): Promise<HandlerResult> {
  const { choices, profile } = await context(ctx);
  return cardResult(renderProfile(profileView(profile, choices, notice, error), ctx.locale));
}

export async function saveProfileAction(ctx: ActionContext): Promise<HandlerResult> {
  const parsed = SaveData.safeParse(ctx.data);
  if (!parsed.success) throw new DomainError('INVALID_INPUT', { field: 'version' });
  const { school, choices, profile } = await context(ctx);
  const allowed = new Set(choices.map((c) => c.value));
  const input = parseProfileForm(ctx.data, allowed, ctx.userId);
  if (!input.ok) {
    if (input.error.code === 'INVALID_INPUT') throw input.error; // forged choices
    const view = profileView(profile, choices, '', explain(input.error, ctx.locale));
    const typed = {
      subjects:
        typeof ctx.data['subjects'] === 'string' ? (ctx.data['subjects'] as string).slice(0, 1000) : view.subjects,
      years:
        typeof ctx.data['yearsOfExperience'] === 'number' || typeof ctx.data['yearsOfExperience'] === 'string'
          ? (ctx.data['yearsOfExperience'] as number | string)
          : view.years,
    };
    return cardResult(renderProfile({ ...view, ...typed }, ctx.locale));
  }
  try {
    await saveProfile(
      ctx.services.store,
      school.id,
      ctx.userId,
      ctx.userName,
      input.value,
      parsed.data.version || undefined,
      ctx.now,
    );
  } catch (error) {
    if (error instanceof DomainError && error.code === 'STALE_VERSION')
      return showProfile(ctx, '', explain(error, ctx.locale));
    throw error;
  }
  await addMembership(
    ctx.services.store,
    tenantPartitionFor(ctx.tenantId),
    ctx.tenantId,
    ctx.userId,
    school.id,
    ctx.now,
  );
  return showProfile(ctx, t(ctx.locale, 'messages.profile.saved'));
}
