/**
 * The card section "Wat tweetallen nodig hebben" (pure): oldest request first, the pair's note
 * never in it, and at most MAX_CARD_NEEDS requests on a card — the rest counted with a pointer to
 * the tab — so a school with many open requests still gets a card well under Teams' limit.
 */
import { strict as assert } from 'node:assert';
import { needsBatchView } from '../../../src/app/needs/leader-batch';
import { MAX_CARD_NEEDS } from '../../../src/app/needs/leader-section';
import { renderCard } from '../../../src/cards/render';
import '../../../src/teams/features/needs/leader-card';
import { at } from '../../domain/builders';
import { buildPairNeed } from '../../store/builders';

const now = at('2026-03-10T10:00');
const needs = (count: number) =>
  Array.from({ length: count }, (_, i) =>
    buildPairNeed({
      id: `need:pair-${i}:noVisitPlanned:1`,
      pairId: `pair-${i}`,
      personIds: [`teacher-${i}-a`, `teacher-${i}-b`],
      requestedAt: `2026-03-0${1 + (i % 9)}T08:00:00.000Z`,
      pairNote: 'MARKER-NOTE',
    }),
  );
const view = (count: number, locale: 'nl' | 'en' = 'nl') =>
  needsBatchView({
    locale,
    schoolId: 'school-1',
    theme: 'Effectieve instructie',
    needs: needs(count),
    nameOf: (id) => `Naam van ${id}`,
    timezone: 'Europe/Amsterdam',
    now,
  });

describe('the leaders’ card section "what pairs need" (pure)', () => {
  it('should show the oldest requests first and at most MAX_CARD_NEEDS, counting the rest with a pointer to the tab', () => {
    const many = view(MAX_CARD_NEEDS + 3);
    assert.equal(many.needs.items.length, MAX_CARD_NEEDS);
    assert.equal(many.needs.more, 'En nog 3 verzoeken: die staan in de tab Tweetal.');
    assert.equal(many.title, `${MAX_CARD_NEEDS + 3} tweetallen hebben iets nodig`);
    const days = many.needs.items.map((i) => i.since);
    assert.equal(days[0], 'Sinds zondag 1 maart');
    assert.equal(view(MAX_CARD_NEEDS + 1, 'en').needs.more, 'And one more request: it is in the Tweetal tab.');
    assert.equal(view(2).needs.more, '');
  });

  it('should keep the card under 40 KB with many requests, and never carry the pair’s note', () => {
    const card = JSON.stringify(renderCard('need-leader-batch', view(40), 'nl'));
    assert.ok(card.length < 40 * 1024, `${card.length} bytes`);
    assert.match(card, /En nog 28 verzoeken/);
    assert.ok(!card.includes('MARKER-NOTE'));
  });
});
