/** A typed error as a sentence in the user's language, with the field named as on the card. */
import { DomainError } from '../../../domain/errors';
import type { Locale } from '../../../domain/entities';
import { lookup, stringTable, t } from '../../../i18n/translate';
import { errorText, textResult } from '../../results';

export function explain(error: DomainError, locale: Locale): string {
  const field = error.detail['field'];
  if (typeof field !== 'string') return errorText(error, locale);
  const label = lookup(stringTable(locale), `fieldNames.${field}`);
  return t(locale, `errors.${error.code}`, { ...error.detail, field: typeof label === 'string' ? label : field });
}

/** Commands answer a typed error with a sentence (a thrown DomainError would end the turn). */
export function answeringErrors<C extends { locale: Locale }, R>(
  handler: (ctx: C) => Promise<R>,
): (ctx: C) => Promise<R | ReturnType<typeof textResult>> {
  return async (ctx) => {
    try {
      return await handler(ctx);
    } catch (error) {
      if (error instanceof DomainError) return textResult(explain(error, ctx.locale));
      throw error;
    }
  };
}
