/** Video rules on the visit card: "I agree to these video rules" and "I have deleted the recording". */
import { confirmVideoDeleted, confirmVideoRules } from '../../../app/visits/video';
import type { HandlerResult } from '../../results';
import type { SchoolVerbContext } from '../../router';
import { afterChange } from './handlers';

type VisitRefData = { readonly visitId: string };

export async function confirmVideo(ctx: SchoolVerbContext<VisitRefData>): Promise<HandlerResult> {
  const { school } = ctx;
  const visit = await confirmVideoRules(ctx.services.store, school.schoolId, ctx.data.visitId, ctx.userId);
  const cycle = await ctx.services.store.read(school.schoolId, 'cycle', visit.cycleId);
  return afterChange(ctx, school, visit, cycle);
}

export async function confirmDeleted(ctx: SchoolVerbContext<VisitRefData>): Promise<HandlerResult> {
  const { school } = ctx;
  const visit = await confirmVideoDeleted(ctx.services.store, school.schoolId, ctx.data.visitId, ctx.userId, ctx.now);
  const cycle = await ctx.services.store.read(school.schoolId, 'cycle', visit.cycleId);
  return afterChange(ctx, school, visit, cycle);
}
