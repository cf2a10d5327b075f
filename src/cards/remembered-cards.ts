/**
 * Rendered cards remembered by everything they are made of, for the cards Teams asks for again
 * and again unchanged: above all the visit card, which Teams refreshes (Universal Actions) each
 * time a partner looks at it. The caller names the inputs in the key — the documents by id and
 * version, the viewer, the language, the names, the minute — and a hit skips the view model, the
 * template and the stamping. A remembered card is frozen and shared: whoever needs another card
 * makes a copy (src/teams/card-data.ts withSchoolId does).
 *
 * Bounded (the least recently used let go first). It holds what cards show, teachers' words
 * included, in this process's memory only, as the template expansion cache does (render.ts).
 */
import type { AdaptiveCard } from './render';

const MAX_CARDS = 1000;

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

export class RememberedCards {
  private readonly cards = new Map<string, AdaptiveCard>();
  /** How many cards were handed back remembered and how many were made (for tests and the bench). */
  readonly counts = { remembered: 0, made: 0 };

  constructor(private readonly max = MAX_CARDS) {}

  get size(): number {
    return this.cards.size;
  }

  /** The card remembered for `key`, else the one `make` makes (then remembered). */
  async get(key: string, make: () => Promise<AdaptiveCard>): Promise<AdaptiveCard> {
    const kept = this.cards.get(key);
    if (kept) {
      this.cards.delete(key);
      this.cards.set(key, kept);
      this.counts.remembered++;
      return kept;
    }
    const made = deepFreeze(await make());
    this.counts.made++;
    this.cards.set(key, made);
    if (this.cards.size > this.max) this.cards.delete(this.cards.keys().next().value!);
    return made;
  }
}
