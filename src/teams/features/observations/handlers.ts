/**
 * Observation and reflection verbs and the observe/observatie command. The observer may write
 * after the visit moment; before storing, the observation coach reviews the text and the form
 * comes back with its findings marked unless the observer chose to keep the text.
 */
import { z } from 'zod';
import {
  checkObservationText,
  checkReflectionText,
  observationIdFor,
  postObservation,
  postReflection,
  reflectionIdFor,
} from '../../../app/observations/post-observation';
import { hasFindings, NO_FINDINGS, reviewObservationText } from '../../../app/observations/coach-review';
import { readNotes } from '../../../app/observations/read-notes';
import { loadPairContext, loadVisitFor, loadVisitForMember } from '../../../app/visits/pair-context';
import { DomainError } from '../../../domain/errors';
import { visitRules } from '../../../domain/visit-rules';
import { t } from '../../../i18n/translate';
import { cardResult, type HandlerResult } from '../../results';
import type { SchoolTurnContext, SchoolVerbContext } from '../../router';
import { Id } from '../visits/common';
import { afterChange, ownVisitCard } from '../visits/handlers';
import { notesCard, observationForm, reflectionForm } from './observation-cards';
import { refuseTextInChat, tabPointerCard, textsInTab, writtenAbout, writtenLines } from '../../texts-in-tab';
import type { Programme, Visit } from '../../../domain/entities';
import type { HandlerContext } from '../../context';
import { namesOf } from '../visits/common';

/** Texts only in the tab: the card that sends the person there, saying what was written. */
async function pointer(
  ctx: Pick<HandlerContext, 'services' | 'tenantId' | 'locale'>,
  schoolId: string,
  visit: Visit,
  what: 'observation' | 'reflection' | 'notes',
) {
  const names = await namesOf(ctx, { schoolId }, [visit.observerId, visit.observedId], ctx.locale);
  const written = await writtenAbout(ctx.services.store, schoolId, visit.id);
  return tabPointerCard(ctx.services, ctx.locale, what, visit.id, writtenLines(visit, written, names, ctx.locale));
}

const inTab = (programme: Pick<Programme, 'textsInTabOnly'> | undefined) => textsInTab(programme);
import { keptMine, textConflictCard } from './conflict-card';
import type { Observation, Reflection, School } from '../../../domain/entities';
import type { Stored } from '../../../store/store';

export const Submit = z.object({
  visitId: Id,
  keep: z.union([z.boolean(), z.enum(['true', 'false'])]).optional(),
  /** The version of the text the form was opened with ('' or absent: none existed). */
  version: z.string().max(200).optional(),
  /** A conflict card's choice (conflict-card.ts). */
  resolve: z.enum(['theirs', 'mine', 'merge']).optional(),
});

type VisitRefData = { visitId: string };
type SubmitData = z.infer<typeof Submit>;

export async function openObservation(ctx: SchoolVerbContext<VisitRefData>): Promise<HandlerResult> {
  const { school } = ctx;
  const { visitId } = ctx.data;
  const { visit, programme } = await loadVisitFor(
    ctx.services.store,
    school.schoolId,
    visitId,
    ctx.userId,
    'observe',
    ctx.now,
  );
  if (inTab(programme)) return cardResult(await pointer(ctx, school.schoolId, visit, 'observation'));
  const existing = await ctx.services.store.read(school.schoolId, 'observation', observationIdFor(visit.id));
  return cardResult(
    await observationForm(
      ctx,
      school,
      visit,
      { facts: existing?.facts ?? '', questions: existing?.questions ?? '' },
      NO_FINDINGS,
      existing?.version ?? '',
    ),
  );
}

/** The form as stored, for showing a refusal on it (the observer's typed text is put back by the pipeline). */
export async function observationFormOf(ctx: SchoolVerbContext<VisitRefData>) {
  const { visit, programme } = await loadVisitForMember(
    ctx.services.store,
    ctx.school.schoolId,
    ctx.data.visitId,
    ctx.userId,
  );
  if (inTab(programme)) return pointer(ctx, ctx.school.schoolId, visit, 'observation'); // never the typed text back
  if (visit.observerId !== ctx.userId) return undefined;
  const existing = await ctx.services.store.read(ctx.school.schoolId, 'observation', observationIdFor(visit.id));
  const text = { facts: existing?.facts ?? '', questions: existing?.questions ?? '' };
  return observationForm(ctx, ctx.school, visit, text, NO_FINDINGS, existing?.version ?? '');
}

export async function reflectionFormOf(ctx: SchoolVerbContext<VisitRefData>) {
  const { visit, programme } = await loadVisitForMember(
    ctx.services.store,
    ctx.school.schoolId,
    ctx.data.visitId,
    ctx.userId,
  );
  if (inTab(programme)) return pointer(ctx, ctx.school.schoolId, visit, 'reflection'); // never the typed text back
  if (visit.observedId !== ctx.userId) return undefined;
  const existing = await ctx.services.store.read(ctx.school.schoolId, 'reflection', reflectionIdFor(visit.id));
  return reflectionForm(ctx, ctx.school, visit, existing?.text ?? '', existing?.version ?? '');
}

/** A conflict card for one of the visit's texts: the stored words next to the submitted ones. */
async function conflictAnswer(
  ctx: SchoolVerbContext<SubmitData>,
  school: Stored<School>,
  visit: Visit,
  verb: string,
  theirs: Stored<Observation> | Stored<Reflection>,
  fields: { id: string; label: string; theirs: string; mine: string }[],
): Promise<HandlerResult> {
  const other = ctx.userId === visit.observerId ? visit.observedId : visit.observerId;
  const names = await namesOf(ctx, school, [theirs.authorId, other], ctx.locale);
  return cardResult(
    textConflictCard(
      {
        verb,
        data: { visitId: visit.id },
        version: theirs.version,
        savedBy: theirs.authorId === ctx.userId ? 'self' : { partner: names[theirs.authorId] ?? '' },
        otherName: names[other] ?? '',
        fields,
      },
      ctx.locale,
    ),
  );
}

/** The submitted words: the form's fields, or what a conflict card's "keep mine" carries. */
const submitted = (ctx: SchoolVerbContext<SubmitData>, id: string): unknown =>
  ctx.data.resolve === 'mine' ? keptMine(ctx.inputs, id) : ctx.inputs[id];

export async function submitObservation(ctx: SchoolVerbContext<SubmitData>): Promise<HandlerResult> {
  const { school, data } = ctx;
  if (data.resolve === 'theirs')
    return ownVisitCard(ctx, school, data.visitId, t(ctx.locale, 'messages.conflict.keptTheirs'));
  const keep = data.keep === true || data.keep === 'true';
  // Texts only in the tab: refused before the text is looked at (the coach's form would show it).
  const member = await loadVisitForMember(ctx.services.store, school.schoolId, data.visitId, ctx.userId);
  refuseTextInChat(member.programme);
  const text = checkObservationText(submitted(ctx, 'facts'), submitted(ctx, 'questions'));
  const { visit } = await loadVisitFor(
    ctx.services.store,
    school.schoolId,
    data.visitId,
    ctx.userId,
    'observe',
    ctx.now,
  );
  const review = reviewObservationText(text);
  if (hasFindings(review) && !keep)
    return cardResult(await observationForm(ctx, school, visit, text, review, data.version ?? ''));
  const result = await postObservation(
    ctx.services.store,
    school.schoolId,
    visit.id,
    ctx.userId,
    ctx.now,
    text,
    data.version || undefined,
  );
  if (result.kind === 'conflict') {
    const label = (key: string) => t(ctx.locale, `cards.observation-form.${key}`);
    return conflictAnswer(ctx, school, visit, 'observation.submit', result.theirs, [
      { id: 'facts', label: label('facts'), theirs: result.theirs.facts, mine: text.facts },
      { id: 'questions', label: label('questions'), theirs: result.theirs.questions, mine: text.questions },
    ]);
  }
  // The same words again (a retried invoke, or the same text from two windows): saved once, the same answer.
  if (result.kind === 'unchanged') return ownVisitCard(ctx, school, visit.id);
  const cycle = await ctx.services.store.read(school.schoolId, 'cycle', result.visit.cycleId);
  return afterChange(ctx, school, result.visit, cycle);
}

export async function openReflection(ctx: SchoolVerbContext<VisitRefData>): Promise<HandlerResult> {
  const { school } = ctx;
  const { visitId } = ctx.data;
  const { visit, programme } = await loadVisitFor(
    ctx.services.store,
    school.schoolId,
    visitId,
    ctx.userId,
    'reflect',
    ctx.now,
  );
  if (inTab(programme)) return cardResult(await pointer(ctx, school.schoolId, visit, 'reflection'));
  const existing = await ctx.services.store.read(school.schoolId, 'reflection', reflectionIdFor(visit.id));
  return cardResult(await reflectionForm(ctx, school, visit, existing?.text ?? '', existing?.version ?? ''));
}

export async function submitReflection(ctx: SchoolVerbContext<SubmitData>): Promise<HandlerResult> {
  const { school, data } = ctx;
  if (data.resolve === 'theirs')
    return ownVisitCard(ctx, school, data.visitId, t(ctx.locale, 'messages.conflict.keptTheirs'));
  const member = await loadVisitForMember(ctx.services.store, school.schoolId, data.visitId, ctx.userId);
  refuseTextInChat(member.programme);
  const text = checkReflectionText(submitted(ctx, 'reflection'));
  const result = await postReflection(
    ctx.services.store,
    school.schoolId,
    data.visitId,
    ctx.userId,
    ctx.now,
    text,
    data.version || undefined,
  );
  if (result.kind === 'conflict')
    return conflictAnswer(ctx, school, result.visit, 'reflection.submit', result.theirs, [
      {
        id: 'reflection',
        label: t(ctx.locale, 'cards.reflection-form.reflection'),
        theirs: result.theirs.text,
        mine: text,
      },
    ]);
  return ownVisitCard(ctx, school, result.visit.id, t(ctx.locale, 'messages.observations.reflectionSaved'));
}

export async function readVisitNotes(ctx: SchoolVerbContext<VisitRefData>): Promise<HandlerResult> {
  const { school } = ctx;
  const { visitId } = ctx.data;
  const notes = await readNotes(ctx.services.store, school.schoolId, visitId, ctx.userId, ctx.now);
  if (inTab(notes.programme)) return cardResult(await pointer(ctx, school.schoolId, notes.visit, 'notes'));
  return cardResult(await notesCard(ctx, school, notes));
}

/**
 * "observe"/"observatie": the form that fits the person's role in the cycle's open visit — never
 * a form of an earlier, debriefed visit: before the next visit has taken place the answer is
 * "this visit has not happened yet" (the visit rules' reason).
 */
export async function observeCommand(ctx: SchoolTurnContext): Promise<HandlerResult> {
  const { school } = ctx;
  const { pair, cycle, visits, programme } = await loadPairContext(ctx.services.store, school, ctx.userId);
  const rules = visitRules({ memberIds: pair.memberIds, cycle, visits, viewerId: ctx.userId, now: ctx.now });
  const visit = rules.openVisit;
  const action = rules.role === 'observed' ? 'reflect' : 'observe';
  const verdict = rules.actions[action];
  if (!visit || !verdict.allowed) throw new DomainError(verdict.allowed ? 'VISIT_NOT_YET' : verdict.reason);
  if (inTab(programme))
    return cardResult(await pointer(ctx, school.schoolId, visit, action === 'observe' ? 'observation' : 'reflection'));
  if (action === 'observe') {
    const existing = await ctx.services.store.read(school.schoolId, 'observation', observationIdFor(visit.id));
    if (existing)
      return cardResult(
        await notesCard(
          ctx,
          school,
          await readNotes(ctx.services.store, school.schoolId, visit.id, ctx.userId, ctx.now),
        ),
      );
    return cardResult(await observationForm(ctx, school, visit, { facts: '', questions: '' }, NO_FINDINGS));
  }
  const existing = await ctx.services.store.read(school.schoolId, 'reflection', reflectionIdFor(visit.id));
  return cardResult(await reflectionForm(ctx, school, visit, existing?.text ?? '', existing?.version ?? ''));
}
