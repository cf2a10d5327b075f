/**
 * Rendered cards remembered by everything they are made of, for the cards Teams asks for again
 * and again unchanged: above all the visit card, which Teams refreshes (Universal Actions) each
 * time a partner looks at it. The caller names the inputs in the key — the documents by id and
 * version, the viewer, the language, the names, the minute — and a hit skips the view model, the
 * template and the stamping. A remembered card is frozen and shared: whoever needs another card
 * makes a copy (src/teams/card-data.ts withSchoolId does). Its JSON text is made once too, when
 * it is first answered (src/domain/json-text.ts).
 *
 * Bounded (the least recently used let go first). It holds what cards show, teachers' words
 * included, in this process's memory only, as the template expansion cache does (render.ts).
 */
import { unchangingValue } from '../domain/json-text';
import { LeastRecentlyUsed } from '../domain/least-recently-used';
import type { AdaptiveCard } from './render';

const MAX_CARDS = 1000;

export class RememberedCards {
  private readonly cards: LeastRecentlyUsed<AdaptiveCard>;
  /** How many cards were handed back remembered and how many were made (for tests and the bench). */
  readonly counts = { remembered: 0, made: 0 };

  constructor(max = MAX_CARDS) {
    this.cards = new LeastRecentlyUsed(max);
  }

  get size(): number {
    return this.cards.size;
  }

  /** The card remembered for `key`, else the one `make` makes (then remembered; a failed one is not). */
  get(key: string, make: () => Promise<AdaptiveCard>): Promise<AdaptiveCard> {
    let made = false;
    const card = this.cards.get(key, async () => {
      made = true;
      return unchangingValue(await make());
    });
    if (made) this.counts.made++;
    else this.counts.remembered++;
    return card;
  }
}
