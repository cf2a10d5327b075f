/**
 * Property: every registered card verb, sent random and forged payloads (random objects, wrong
 * types, ids of another pair or school, stale versions, huge strings) by random people, never
 * crashes (200/400/403, never 500), answers invalid input with a typed error in the user's
 * language, and never changes another pair's or another school's data.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { createRouter } from '../../src/teams/features';
import { at } from '../domain/builders';
import { schoolIdFor } from '../../src/teams/ids';
import { OTHER_TEAM, planData, startWorld, type World } from '../app/visits/world';
import { TEAM_ID, TENANT } from '../support/teams-activities';

const HUGE = 'x'.repeat(12_000); // far over every text limit, while a whole payload stays under the 512 KB request limit

describe('Every card verb under random and forged payloads (fast-check over HTTP)', function () {
  this.timeout(600_000);
  let world: World;
  const verbs = createRouter().verbNames();

  before(async () => {
    world = await startWorld('sqlite');
    // Give the verbs something real to aim at: Anna's planned and confirmed visit.
    await world.act(world.anna, 'visit.plan.submit', planData(world));
    await world.act(world.ben, 'visit.confirm', { visitId: 'visit-cycle-1-1', revision: 1 });
    world.now = at('2026-03-10T11:00');
  });
  after(async () => world?.stop());

  /**
   * The data `actor` has no part in: pair-2 (Carl's pair) and the other school (Olga's). A member
   * acting on their own pair's visit may change it (visit.show remembers where their card is).
   */
  async function othersData(actor: World['anna']): Promise<unknown> {
    const pair2 =
      actor === world.carl
        ? 'own'
        : (await world.snapshot(world.schoolId)).filter(
            (doc: any) => doc.pairId === 'pair-2' || doc.id === 'pair-2' || doc.id === 'cycle-2',
          );
    const otherSchool = actor === world.olga ? 'own' : await world.snapshot(world.otherSchoolId);
    return { otherSchool, pair2 };
  }

  const ids = fc.constantFrom(
    'visit-cycle-1-1',
    'visit-cycle-2-1',
    'visit-cycle-1-2',
    'cycle-1',
    'cycle-2',
    'pair-1',
    'pair-2',
    'programme-1',
    '',
    '../../etc',
    'visit cycle',
    HUGE,
  );
  const anyValue = fc.oneof(
    fc.anything(),
    ids,
    fc.string(),
    fc.integer(),
    fc.constant(HUGE),
    fc.constant(null),
    fc.boolean(),
  );
  const forged = fc.record(
    {
      visitId: anyValue,
      revision: fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constant('1'), fc.constant(1e12), anyValue),
      version: anyValue,
      cycleId: anyValue,
      sequence: anyValue,
      roles: fc.oneof(
        fc.constant(`${'00000000-0000-4000-8000-000000000001'}|00000000-0000-4000-8000-000000000003`),
        anyValue,
      ),
      date: fc.oneof(fc.constantFrom('2026-03-29', '2026-02-30', '2099-01-01', '2026-03-11'), anyValue),
      time: fc.oneof(fc.constantFrom('02:30', '25:00', '10:00'), anyValue),
      newDate: anyValue,
      newTime: anyValue,
      date1: anyValue,
      time1: anyValue,
      moment: anyValue,
      facts: anyValue,
      questions: anyValue,
      reflection: anyValue,
      agreements: anyValue,
      nextStep: anyValue,
      lesson: anyValue,
      focusChoice: anyValue,
      keep: anyValue,
      pairId: anyValue,
      programmeId: anyValue,
      userId: anyValue,
      schoolId: fc.constantFrom(schoolIdFor(TENANT, OTHER_TEAM), schoolIdFor(TENANT, TEAM_ID), 'school-1'),
    },
    { requiredKeys: [] },
  );
  const payload = fc.oneof(forged, fc.object(), fc.dictionary(fc.string(), anyValue));

  it('should register verbs to test', () => {
    assert.ok(verbs.length >= 20, verbs.join(', '));
  });

  for (const verb of verbs) {
    it(`should never crash, always answer typed, and leave others' data alone for "${verb}"`, async () => {
      const people = [world.anna, world.ben, world.carl, world.lena, world.olga];
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 0, max: people.length - 1 }),
          payload,
          fc.constantFrom('nl-NL', 'en-US'),
          async (who, data, locale) => {
            const before = await othersData(people[who]!);
            const response = await world.act(people[who]!, verb, data as Record<string, unknown>, { locale });
            assert.ok(
              [200, 400, 403].includes(response.status),
              `status ${response.status}: ${JSON.stringify(response.body).slice(0, 300)}`,
            );
            if (response.status !== 200) {
              assert.equal(response.body.type, 'application/vnd.microsoft.error');
              assert.equal(typeof response.body.value.code, 'string');
              assert.ok(
                typeof response.body.value.message === 'string' && !response.body.value.message.startsWith('errors.'),
                `untranslated error ${response.body.value.code}`,
              );
            } else {
              assert.ok(
                ['application/vnd.microsoft.card.adaptive', 'application/vnd.microsoft.activity.message'].includes(
                  response.body.type,
                ),
              );
            }
            assert.deepEqual(
              await othersData(people[who]!),
              before,
              `another pair's or school's documents changed (acting: ${people[who]!.name})`,
            );
          },
        ),
        { numRuns: 25 },
      );
      assert.ok(
        !world.bot.logs.some((line) => line.includes('"card action failed"')),
        'no unexpected failure was logged',
      );
    });
  }
});
