/**
 * Debrief verbs and the debrief/nagesprek command: propose moments, pick one (both then see the
 * Teams meeting link), record agreements and the next step. Recording completes the visit in
 * the cycle; when that completes the cycle, both partners are told so.
 */
import { z } from 'zod';
import { checkDebriefText, pickDebrief, proposeDebrief, recordDebrief } from '../../../app/debrief/debrief';
import { debriefNoteIdFor } from '../../../app/observations/read-notes';
import { loadPairContext, loadVisitFor, loadVisitForMember, requireAction } from '../../../app/visits/pair-context';
import { visitRules } from '../../../domain/visit-rules';
import { t } from '../../../i18n/translate';
import { cardResult, type HandlerResult } from '../../results';
import type { School, Visit } from '../../../domain/entities';
import type { Stored } from '../../../store/store';
import type { SchoolTurnContext, SchoolVerbContext } from '../../router';
import { Id, namesOf, Revision } from '../visits/common';
import { afterChange, ownVisitCard, planOrOpenVisit, withFreshCardOnStale } from '../visits/handlers';
import { debriefProposeCard, debriefRecordCard } from './debrief-cards';
import { refuseTextInChat, tabPointerCard, textsInTab, writtenAbout, writtenLines } from '../../texts-in-tab';
import { keptMine, textConflictCard } from '../observations/conflict-card';

type VisitRefData = { visitId: string };
type VisitRevisionData = { visitId: string; revision: number };

export async function openPropose(ctx: SchoolVerbContext<VisitRefData>): Promise<HandlerResult> {
  const { school } = ctx;
  const { visitId } = ctx.data;
  const { visit } = await loadVisitFor(
    ctx.services.store,
    school.schoolId,
    visitId,
    ctx.userId,
    'proposeDebrief',
    ctx.now,
  );
  return cardResult(debriefProposeCard(visit, school, ctx));
}

/** The debrief forms as the person last saw them, for showing a refusal on them. */
export async function proposeCardOf(ctx: SchoolVerbContext<VisitRefData>) {
  const { visit } = await loadVisitForMember(ctx.services.store, ctx.school.schoolId, ctx.data.visitId, ctx.userId);
  return debriefProposeCard(visit, ctx.school, ctx);
}

export async function recordCardOf(ctx: SchoolVerbContext<VisitRefData>) {
  const { visit } = await loadVisitForMember(ctx.services.store, ctx.school.schoolId, ctx.data.visitId, ctx.userId);
  return recordCard(ctx, ctx.school, visit); // texts only in the tab: the pointer, never the typed text back
}

export async function submitPropose(ctx: SchoolVerbContext<VisitRevisionData>): Promise<HandlerResult> {
  const { school } = ctx;
  const { visitId, revision } = ctx.data;
  const d = ctx.inputs;
  const inputs = [1, 2, 3].map((n) => ({ date: d[`date${n}`], time: d[`time${n}`] }));
  return withFreshCardOnStale(ctx, school, visitId, async () => {
    const { visit, cycle } = await proposeDebrief(
      ctx.services.store,
      school,
      visitId,
      ctx.userId,
      revision,
      ctx.now,
      inputs,
    );
    return afterChange(ctx, school, visit, cycle);
  });
}

export const PickData = z.object({ visitId: Id, revision: Revision, moment: z.string().min(1).max(40) });

export async function pick(ctx: SchoolVerbContext<z.infer<typeof PickData>>): Promise<HandlerResult> {
  const { school } = ctx;
  const { visitId, revision, moment } = ctx.data;
  return withFreshCardOnStale(ctx, school, visitId, async () => {
    const { visit, cycle } = await pickDebrief(
      ctx.services.store,
      school.schoolId,
      visitId,
      ctx.userId,
      revision,
      ctx.now,
      moment,
    );
    return afterChange(ctx, school, visit, cycle);
  });
}

export async function openRecord(ctx: SchoolVerbContext<VisitRefData>): Promise<HandlerResult> {
  const { school } = ctx;
  const { visitId } = ctx.data;
  const context = await loadVisitForMember(ctx.services.store, school.schoolId, visitId, ctx.userId);
  if (context.visit.state === 'debriefed') return ownVisitCard(ctx, school, visitId);
  requireAction(context, 'recordDebrief', ctx.userId, ctx.now);
  return cardResult(await recordCard(ctx, school, context.visit));
}

/** The record form's data: the version of the agreements it was opened with, and a conflict card's choice. */
export const RecordSubmit = z.object({
  visitId: Id,
  version: z.string().max(200).optional(),
  resolve: z.enum(['theirs', 'mine', 'merge']).optional(),
});

export async function submitRecord(ctx: SchoolVerbContext<z.infer<typeof RecordSubmit>>): Promise<HandlerResult> {
  const { school } = ctx;
  const { visitId, version, resolve } = ctx.data;
  const member = await loadVisitForMember(ctx.services.store, school.schoolId, visitId, ctx.userId);
  refuseTextInChat(member.programme);
  if (resolve === 'theirs') return ownVisitCard(ctx, school, visitId, t(ctx.locale, 'messages.conflict.keptTheirs'));
  const from = (id: string) => (resolve === 'mine' ? keptMine(ctx.inputs, id) : ctx.inputs[id]);
  const text = checkDebriefText(from('agreements'), from('nextStep'));
  const result = await recordDebrief(
    ctx.services.store,
    school.schoolId,
    visitId,
    ctx.userId,
    ctx.now,
    text,
    'chat',
    version || undefined,
  );
  if (result.kind === 'conflict') {
    const { visit, theirs } = result;
    const other = ctx.userId === visit.observerId ? visit.observedId : visit.observerId;
    const names = await namesOf(ctx, school, [theirs.authorId, other], ctx.locale);
    const label = (key: string) => t(ctx.locale, `cards.debrief-record.${key}`);
    return cardResult(
      textConflictCard(
        {
          verb: 'debrief.record.submit',
          data: { visitId },
          version: theirs.version,
          savedBy: theirs.authorId === ctx.userId ? 'self' : { partner: names[theirs.authorId] ?? '' },
          otherName: names[other] ?? '',
          fields: [
            { id: 'agreements', label: label('agreements'), theirs: theirs.agreements, mine: text.agreements },
            { id: 'nextStep', label: label('nextStep'), theirs: theirs.nextStep, mine: text.nextStep },
          ],
        },
        ctx.locale,
      ),
    );
  }
  // The same words again (a retried invoke, or the same text from two windows): saved once, the same answer.
  if (result.kind === 'unchanged') return ownVisitCard(ctx, school, visitId);
  const alsoSay = result.completedCycle
    ? (locale: 'nl' | 'en') =>
        t(locale, 'messages.visits.cycleCompleteNotice', { visits: result.cycle?.visitsAgreed ?? 2 })
    : undefined;
  return afterChange(ctx, school, result.visit, result.cycle, alsoSay);
}

/** "debrief"/"nagesprek": the card for the debrief step the pair is on. */
export async function debriefCommand(ctx: SchoolTurnContext): Promise<HandlerResult> {
  const { school } = ctx;
  const { pair, cycle, visits } = await loadPairContext(ctx.services.store, school, ctx.userId);
  const rules = visitRules({ memberIds: pair.memberIds, cycle, visits, viewerId: ctx.userId, now: ctx.now });
  const open = rules.openVisit;
  if (open && open.state === 'observed' && rules.actions.proposeDebrief.allowed)
    return cardResult(debriefProposeCard(open, school, ctx));
  if (open && rules.actions.recordDebrief.allowed) {
    const note = await ctx.services.store.read(school.schoolId, 'debriefNote', debriefNoteIdFor(open.id));
    if (!note) return cardResult(await recordCard(ctx, school, open));
  }
  if (!open || open.state === 'proposed' || open.state === 'confirmed') return textOrPlan(ctx, open === undefined);
  return planOrOpenVisit(ctx);
}

/** The record form, carrying the version of the agreements as it is opened (none yet: empty). */
async function recordCard(ctx: SchoolTurnContext, school: Stored<School>, visit: Visit) {
  const cycle = await ctx.services.store.read(school.schoolId, 'cycle', visit.cycleId);
  const programme = cycle ? await ctx.services.store.read(school.schoolId, 'programme', cycle.programmeId) : undefined;
  if (textsInTab(programme)) {
    const names = await namesOf(ctx, school, [visit.observerId, visit.observedId], ctx.locale);
    const written = await writtenAbout(ctx.services.store, school.schoolId, visit.id);
    const lines = writtenLines(visit, written, names, ctx.locale);
    return tabPointerCard(ctx.services, ctx.locale, 'agreements', visit.id, lines);
  }
  const other = ctx.userId === visit.observerId ? visit.observedId : visit.observerId;
  const names = await namesOf(ctx, school, [other], ctx.locale);
  const note = await ctx.services.store.read(school.schoolId, 'debriefNote', debriefNoteIdFor(visit.id));
  const text = note ? { agreements: note.agreements, nextStep: note.nextStep } : undefined;
  return debriefRecordCard(visit, school, ctx, names[other] ?? '', text, note?.version ?? '');
}

async function textOrPlan(ctx: SchoolTurnContext, noVisit: boolean): Promise<HandlerResult> {
  if (noVisit) return planOrOpenVisit(ctx);
  return { kind: 'text', text: t(ctx.locale, 'messages.debrief.notYet') };
}
