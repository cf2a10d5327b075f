/** The BCP 47 tag for each of our languages: Dutch as in the Netherlands, British English (as in "programme"). */
import type { Locale } from '../domain/entities';

export const LANGUAGE_TAG: Readonly<Record<Locale, string>> = { nl: 'nl-NL', en: 'en-GB' };
