/**
 * The refusal in a card action's answer, whichever way it was shown: on the card the person
 * pressed (a banner whose id names the code: src/teams/error-answers.ts), or as a typed error
 * response (forged data, ids the person may not see). Undefined when the answer is no refusal.
 */
export interface Refusal {
  readonly code: string;
  readonly message: string;
  readonly onCard: boolean;
}

export function refusalOf(response: { status: number; body: any }): Refusal | undefined {
  const body = response.body;
  if (body?.type === 'application/vnd.microsoft.error')
    return { code: body.value?.code, message: body.value?.message, onCard: false };
  if (body?.type === 'application/vnd.microsoft.card.adaptive') {
    const banner = (body.value?.body ?? []).find((b: any) => typeof b?.id === 'string' && b.id.startsWith('error.'));
    if (banner) return { code: banner.id.slice('error.'.length), message: banner.text, onCard: true };
  }
  return undefined;
}
