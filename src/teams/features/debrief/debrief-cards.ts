/** The debrief forms: propose up to three moments (debrief-propose); record agreements (debrief-record). */
import { revisionOf } from '../../../app/visits/change-visit';
import { renderCard, type AdaptiveCard } from '../../../cards/render';
import type { School, Visit } from '../../../domain/entities';
import { t } from '../../../i18n/translate';
import { formatMoment, readerOf } from '../../../i18n/dates';
import type { HandlerContext } from '../../context';

export interface DebriefProposeView {
  readonly visitId: string;
  readonly revision: number;
  readonly intro: string;
  readonly slots: readonly {
    readonly n: number;
    readonly label: string;
    readonly dateId: string;
    readonly timeId: string;
  }[];
}

export interface DebriefRecordView {
  readonly visitId: string;
  /** The version of the agreements the form is opened with ('' when none exist yet): a save checks it. */
  readonly version: string;
  readonly intro: string;
  readonly agreements: string;
  readonly nextStep: string;
  readonly privacy: string;
}

declare module '../../../cards/render' {
  interface CardViewModels {
    'debrief-propose': DebriefProposeView;
    'debrief-record': DebriefRecordView;
  }
}

export function debriefProposeCard(
  visit: Visit,
  school: Pick<School, 'timezone'>,
  ctx: Pick<HandlerContext, 'locale' | 'now'>,
): AdaptiveCard {
  const { locale } = ctx;
  return renderCard(
    'debrief-propose',
    {
      visitId: visit.id,
      revision: revisionOf(visit),
      intro: t(locale, 'cards.debrief-propose.intro', { when: formatMoment(visit.startsAt, readerOf(ctx, school)) }),
      slots: [1, 2, 3].map((n) => ({
        n,
        label: t(locale, 'cards.debrief-propose.slot', { n }),
        dateId: `date${n}`,
        timeId: `time${n}`,
      })),
    },
    locale,
  );
}

/** The record form for one of the visit's two people; `otherName` is the other one (the privacy line names them). */
export function debriefRecordCard(
  visit: Visit,
  school: Pick<School, 'timezone'>,
  ctx: Pick<HandlerContext, 'locale' | 'now'>,
  otherName: string,
  text: { agreements: string; nextStep: string } = { agreements: '', nextStep: '' },
  version = '',
): AdaptiveCard {
  const { locale } = ctx;
  return renderCard(
    'debrief-record',
    {
      visitId: visit.id,
      version,
      intro: t(locale, 'cards.debrief-record.intro', {
        when: visit.debriefAt ? formatMoment(visit.debriefAt, readerOf(ctx, school)) : '',
      }),
      ...text,
      privacy: t(locale, 'cards.debrief-record.privacy', { name: otherName }),
    },
    locale,
  );
}
