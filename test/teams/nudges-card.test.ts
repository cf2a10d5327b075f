import { strict as assert } from 'node:assert';
import { STEP_VERBS } from '../../src/domain/behind';
import { createRouter } from '../../src/teams/features';
import { NUDGE_BUTTON_VERBS } from '../../src/teams/features/nudges/nudge-verbs';

describe('nudge card buttons', () => {
  it('should open a card whose verb is routed, for every step the behind-rules can point to', () => {
    const router = createRouter();
    const resolving = new Set([
      ...Object.values(STEP_VERBS),
      'visit.plan',
      'observation.open',
      'debrief.propose',
      'debrief.pick',
      'debrief.record',
    ] as const);
    const unrouted = [...resolving].map((verb) => NUDGE_BUTTON_VERBS[verb]).filter((verb) => !router.hasVerb(verb));
    assert.deepEqual(
      unrouted,
      [],
      `nudge buttons point to verbs nobody registered; registered: ${router.verbNames().join(', ')}`,
    );
  });

  it('should route the snooze and encourage buttons', () => {
    const router = createRouter();
    assert.ok(router.hasVerb('nudge.snooze'));
    assert.ok(router.hasVerb('digest.encourage'));
  });
});
