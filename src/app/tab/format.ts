/** Tab helpers in the reader's language. Dates come from the one date format (src/i18n/dates.ts). */
import type { Locale } from '../../domain/entities';

/** The name shown for someone whose name Tweetal does not know yet. */
export const unknownName = (locale: Locale): string => (locale === 'nl' ? 'Collega' : 'Colleague');
