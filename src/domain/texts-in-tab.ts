/**
 * "Teachers' texts only in the personal tab" (a programme setting, default off; issue 13 item 4).
 * The SURF/SIVON DPIA on Microsoft Teams advises schools to keep sensitive personal data out of
 * Teams chat. With the setting on, every text a teacher types — the plan's lesson, focus and
 * discussion goal, observations, reflections, agreements and next step — is written and read in
 * the personal tab (SSO-checked), never on a card: cards only say that something was written.
 *
 * The rule lives here and in the use cases, not on the cards: a card action that carries text
 * (a forged one too) is refused with TEXTS_IN_TAB, whatever the card looked like.
 */
import type { Programme } from './entities';
import { DomainError } from './errors';

/** Where a text arrives from: a card action in the Teams chat, or the personal tab's API. */
export type TextChannel = 'chat' | 'tab';

/** Does this programme keep teachers' texts in the tab? */
export const textsInTab = (programme: Pick<Programme, 'textsInTabOnly'> | undefined): boolean =>
  programme?.textsInTabOnly === true;

/** Refuse a text that arrives through the chat while the programme keeps texts in the tab. */
export function requireTextChannel(programme: Pick<Programme, 'textsInTabOnly'> | undefined, via: TextChannel): void {
  if (via === 'chat' && textsInTab(programme)) throw new DomainError('TEXTS_IN_TAB');
}

/** Is anything typed in this value (a text a teacher wrote)? */
export const isTyped = (value: unknown): boolean => typeof value === 'string' && value.trim() !== '';
