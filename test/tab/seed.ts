/**
 * The tab tests' world, written straight into the store with the shared builders.
 * School 1 (leader-1): pair-1 Anna & Bram — visit 1 debriefed, visit 2 confirmed for next week;
 * pair-2 Chris & Dewi — visit 1 observed eight days ago, no debrief planned (behind);
 * pair-3 Eva & Femke — both visits debriefed, cycle complete.
 * School 2 in the same tenant: pair-9 of two other teachers. Every text a teacher wrote
 * (observations, reflections, debrief notes, discussion goals, pair 2's focus) carries a MARKER;
 * pair 1's lesson and focus read naturally because they show in the README screenshot.
 */
import type { DebriefNote, Observation, Reflection } from '../../src/domain/entities';
import { addMembership } from '../../src/app/membership';
import type { Store } from '../../src/store/store';
import { tenantPartitionFor } from '../../src/teams/ids';
import {
  at,
  buildCycle,
  buildPair,
  buildProfile,
  buildProgramme,
  buildSchool,
  buildVisit,
  LEADER,
  SCHOOL_ID,
  TEACHER_A,
  TEACHER_B,
  TEACHER_C,
  utc,
} from '../domain/builders';
import { TENANT_ID } from './sso-fixture';

export const TEACHER_D = 'teacher-d';
export const TEACHER_E = 'teacher-e';
export const TEACHER_F = 'teacher-f';
export const SCHOOL_2 = 'school-2';
export const NOW = at('2026-03-18T10:00');

export const NAMES: Readonly<Record<string, string>> = {
  [TEACHER_A]: 'Anna de Vries',
  [TEACHER_B]: 'Bram Jansen',
  [TEACHER_C]: 'Chris Bakker',
  [TEACHER_D]: 'Dewi Smit',
  [TEACHER_E]: 'Eva Visser',
  [TEACHER_F]: 'Femke de Boer',
  [LEADER]: 'Lotte Leider',
};

/** Texts only the pair may ever see. */
export const MARKERS = {
  facts: 'MARKER-OBSERVATION-FACTS rumoer bij de instructie',
  questions: 'MARKER-OBSERVATION-QUESTION wat deed je toen',
  reflection: 'MARKER-REFLECTION ik twijfelde',
  agreements: 'MARKER-DEBRIEF-AGREEMENTS we proberen wisbordjes',
  nextStep: 'MARKER-DEBRIEF-NEXTSTEP volgende keer differentiatie',
  focus: 'MARKER-FOCUS heldere instructie',
  discussionGoal: 'MARKER-GOAL hoe check ik begrip',
  lesson: 'MARKER-LESSON 3B wiskunde',
} as const;

/** Pair 1's first visit: the pair sees these in its own timeline. */
export const VISIT_1 = {
  lesson: '3B wiskunde',
  focus: 'Hoe check ik of iedereen de uitleg begrijpt?',
} as const;

const forPair = (pairId: string, members: readonly string[]) => ({ schoolId: SCHOOL_ID, pairId, personIds: members });

export async function seedTabWorld(store: Store): Promise<void> {
  const partition = tenantPartitionFor(TENANT_ID);
  await store.create(buildSchool({ tenantId: TENANT_ID, leaderIds: [LEADER] }));
  await store.create(
    buildSchool({
      id: SCHOOL_2,
      schoolId: SCHOOL_2,
      tenantId: TENANT_ID,
      teamId: '19:team-2@thread.tacv2',
      name: 'De Andere School',
      leaderIds: ['leader-2'],
    }),
  );
  for (const userId of [TEACHER_A, TEACHER_B, TEACHER_C, TEACHER_D, TEACHER_E, TEACHER_F, LEADER]) {
    await addMembership(store, partition, TENANT_ID, userId, SCHOOL_ID, NOW);
    if (userId !== LEADER) await store.create(buildProfile({ userId, name: NAMES[userId] }));
  }
  for (const userId of ['teacher-x', 'teacher-y'])
    await addMembership(store, partition, TENANT_ID, userId, SCHOOL_2, NOW);

  await store.create(buildProgramme());

  // pair-1: Anna & Bram
  await store.create(buildPair());
  await store.create(buildCycle({ visitsCompleted: 1, lastStepAt: utc('2026-03-05T16:00') }));
  const visit1 = buildVisit({
    id: 'visit-1',
    state: 'debriefed',
    startsAt: utc('2026-03-03T09:00'),
    observedAt: utc('2026-03-03T16:00'),
    debriefMoments: [utc('2026-03-05T15:00')],
    debriefAt: utc('2026-03-05T15:00'),
    debriefedAt: utc('2026-03-05T16:00'),
    lesson: VISIT_1.lesson,
    focus: VISIT_1.focus,
    discussionGoal: MARKERS.discussionGoal,
  });
  await store.create(visit1);
  await store.create(
    buildVisit({
      id: 'visit-2',
      sequence: 2,
      observerId: TEACHER_B,
      observedId: TEACHER_A,
      state: 'confirmed',
      startsAt: utc('2026-03-24T09:00'),
      proposedBy: TEACHER_B,
      lesson: '2A aardrijkskunde',
      focus: 'activerende werkvormen',
    }),
  );
  const observation: Observation = {
    type: 'observation',
    id: 'observation-visit-1',
    ...forPair('pair-1', [TEACHER_A, TEACHER_B]),
    visitId: 'visit-1',
    authorId: TEACHER_A,
    facts: MARKERS.facts,
    questions: MARKERS.questions,
    postedAt: utc('2026-03-03T16:00'),
  };
  const reflection: Reflection = {
    type: 'reflection',
    id: 'reflection-visit-1',
    ...forPair('pair-1', [TEACHER_A, TEACHER_B]),
    visitId: 'visit-1',
    authorId: TEACHER_B,
    text: MARKERS.reflection,
    postedAt: utc('2026-03-04T12:00'),
  };
  const note: DebriefNote = {
    type: 'debriefNote',
    id: 'debrief-visit-1',
    ...forPair('pair-1', [TEACHER_A, TEACHER_B]),
    visitId: 'visit-1',
    authorId: TEACHER_B,
    agreements: MARKERS.agreements,
    nextStep: MARKERS.nextStep,
    recordedAt: utc('2026-03-05T16:00'),
  };
  await store.create(observation);
  await store.create(reflection);
  await store.create(note);

  // pair-2: Chris & Dewi, observed on 10 March, no debrief planned since
  await store.create(
    buildPair({ id: 'pair-2', memberIds: [TEACHER_C, TEACHER_D], createdAt: utc('2026-02-02T09:05') }),
  );
  await store.create(buildCycle({ id: 'cycle-2', pairId: 'pair-2' }));
  await store.create(
    buildVisit({
      id: 'visit-3',
      pairId: 'pair-2',
      cycleId: 'cycle-2',
      observerId: TEACHER_C,
      observedId: TEACHER_D,
      proposedBy: TEACHER_C,
      state: 'observed',
      lesson: MARKERS.lesson,
      focus: MARKERS.focus,
      discussionGoal: MARKERS.discussionGoal,
    }),
  );
  await store.create({
    type: 'observation',
    id: 'observation-visit-3',
    ...forPair('pair-2', [TEACHER_C, TEACHER_D]),
    visitId: 'visit-3',
    authorId: TEACHER_C,
    facts: MARKERS.facts,
    questions: MARKERS.questions,
    postedAt: utc('2026-03-10T16:00'),
  } satisfies Observation);

  // pair-3: Eva & Femke, cycle complete
  await store.create(
    buildPair({ id: 'pair-3', memberIds: [TEACHER_E, TEACHER_F], createdAt: utc('2026-02-02T09:10') }),
  );
  await store.create(
    buildCycle({
      id: 'cycle-3',
      pairId: 'pair-3',
      visitsCompleted: 2,
      status: 'complete',
      lastStepAt: utc('2026-03-16T16:00'),
      completedAt: utc('2026-03-16T16:00'),
    }),
  );
  for (const [id, sequence, observerId, observedId, day] of [
    ['visit-4', 1, TEACHER_E, TEACHER_F, '02-24'],
    ['visit-5', 2, TEACHER_F, TEACHER_E, '03-13'],
  ] as const) {
    await store.create(
      buildVisit({
        id,
        sequence,
        pairId: 'pair-3',
        cycleId: 'cycle-3',
        observerId,
        observedId,
        proposedBy: observerId,
        state: 'debriefed',
        startsAt: utc(`2026-${day}T10:00`),
        observedAt: utc(`2026-${day}T15:00`),
        debriefAt: utc(`2026-${day}T16:00`),
        debriefedAt: utc(`2026-${day}T17:00`),
        focus: MARKERS.focus,
        discussionGoal: MARKERS.discussionGoal,
      }),
    );
  }

  // school 2: a pair nobody of school 1 belongs to
  await store.create(buildProgramme({ schoolId: SCHOOL_2 }));
  await store.create(buildPair({ id: 'pair-9', schoolId: SCHOOL_2, memberIds: ['teacher-x', 'teacher-y'] }));
}
