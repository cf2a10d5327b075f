/** Profiles (flow 3): "profile"/"profiel" and the profile card's verbs; everyone may fill theirs. */
import { z } from 'zod';
import { addMembership } from '../../../app/membership';
import { parseProfileForm } from '../../../app/profile/profile-input';
import { profileId, saveProfile } from '../../../app/profile/save-profile';
import { DomainError } from '../../../domain/errors';
import { t } from '../../../i18n/translate';
import { explain } from '../../error-answers';
import { tenantPartitionFor } from '../../ids';
import { cardResult, type HandlerResult } from '../../results';
import { listTeamMembers } from '../../roster';
import type { SchoolTurnContext, SchoolVerbContext } from '../../router';
import { colleagueChoices, profileView, renderProfile } from './profile-card';

export const SaveData = z.object({ version: z.string().max(200) });

async function context(ctx: SchoolTurnContext) {
  const { school } = ctx;
  const roster = await listTeamMembers(ctx.turn, school.teamId);
  const choices = colleagueChoices(roster, ctx.userId, t(ctx.locale, 'messages.unknownName'));
  const profile = await ctx.services.store.read(school.id, 'profile', profileId(ctx.userId));
  return { school, roster, choices, profile };
}

export async function showProfile(ctx: SchoolTurnContext, notice = '', error = ''): Promise<HandlerResult> {
  const { choices, profile } = await context(ctx);
  return cardResult(renderProfile(profileView(profile, choices, notice, error), ctx.locale));
}

export async function saveProfileAction(ctx: SchoolVerbContext<z.infer<typeof SaveData>>): Promise<HandlerResult> {
  const { school, choices, profile } = await context(ctx);
  const allowed = new Set(choices.map((c) => c.value));
  const input = parseProfileForm(ctx.inputs, allowed, ctx.userId);
  if (!input.ok) {
    if (input.error.code === 'INVALID_INPUT') throw input.error; // forged choices
    const view = profileView(profile, choices, '', explain(input.error, ctx));
    const typed = {
      subjects:
        typeof ctx.inputs['subjects'] === 'string' ? (ctx.inputs['subjects'] as string).slice(0, 1000) : view.subjects,
      years:
        typeof ctx.inputs['yearsOfExperience'] === 'number' || typeof ctx.inputs['yearsOfExperience'] === 'string'
          ? (ctx.inputs['yearsOfExperience'] as number | string)
          : view.years,
    };
    return cardResult(renderProfile({ ...view, ...typed, hasYears: typed.years !== '' }, ctx.locale));
  }
  try {
    await saveProfile(
      ctx.services.store,
      school.id,
      ctx.userId,
      ctx.userName,
      input.value,
      ctx.data.version || undefined,
      ctx.now,
    );
  } catch (error) {
    if (error instanceof DomainError && error.code === 'STALE_VERSION')
      return showProfile(ctx, '', explain(error, ctx));
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
