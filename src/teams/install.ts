/**
 * Flow 1, install: added to a team → store the school and greet the channel; removed → mark it.
 */
import { TurnContext, type ConversationReference } from 'botbuilder';
import type { School } from '../domain/entities';
import { readModifyWrite, type Stored } from '../store/store';
import type { HandlerContext } from './context';
import { schoolIdFor } from './ids';

/** Store the school of this team (create-if-absent; a re-install marks it installed again). */
export async function rememberSchool(
  ctx: HandlerContext,
  teamName: string,
): Promise<{ school: Stored<School>; isNew: boolean }> {
  if (!ctx.teamId) throw new Error('rememberSchool needs a team conversation');
  const schoolId = schoolIdFor(ctx.tenantId, ctx.teamId);
  const now = ctx.now.toUTC().toISO()!;
  const channelReference = TurnContext.getConversationReference(ctx.turn.activity) as ConversationReference;
  let isNew = false;
  const school = await readModifyWrite(ctx.services.store, schoolId, 'school', schoolId, (current) => {
    isNew = !current || !current.installed;
    if (!current) {
      return {
        type: 'school',
        id: schoolId,
        schoolId,
        tenantId: ctx.tenantId,
        teamId: ctx.teamId!,
        name: teamName,
        timezone: ctx.services.config.defaultTimezone,
        locale: ctx.locale,
        installed: true,
        leaderIds: [],
        channelReference,
        installedAt: now,
      };
    }
    if (current.installed && (current.name === teamName || !teamName)) return undefined;
    const { removedAt: _removed, ...rest } = current;
    return {
      ...rest,
      installed: true,
      name: teamName || current.name,
      channelReference,
      installedAt: current.installed ? current.installedAt : now,
    };
  });
  return { school: school!, isNew };
}

/** The bot was removed from the team: keep the data, mark the school uninstalled. */
export async function forgetSchoolInstall(ctx: HandlerContext): Promise<void> {
  if (!ctx.teamId) return;
  const schoolId = schoolIdFor(ctx.tenantId, ctx.teamId);
  await readModifyWrite(ctx.services.store, schoolId, 'school', schoolId, (current) =>
    current && current.installed ? { ...current, installed: false, removedAt: ctx.now.toUTC().toISO()! } : undefined,
  );
}
