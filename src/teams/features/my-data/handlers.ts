/**
 * My data (flow 10): "export" gives the person a readable card with a "Download as JSON" button;
 * "delete"/"verwijder" asks for confirmation, then removes their personal data and texts while
 * the school's anonymous counts stay.
 *
 * The file: Teams lets a bot send a real file in 1:1 only through the file consent card flow
 * (upload to the user's OneDrive), which needs Microsoft's cloud, and it does not offer an inline
 * `application/json` attachment as a download. So the card's Action.OpenUrl points at a short-
 * lived link on this bot's own server (GET /api/export/<token>, see src/http/export-route.ts and
 * src/app/my-data/download-link.ts): the browser downloads the file from there.
 */
import { anonymousToken } from '../../../domain/anonymous';
import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { schoolsOf } from '../../../app/membership';
import { deletePersonData } from '../../../app/my-data/delete';
import { exportCounts, exportPersonData } from '../../../app/my-data/export';
import {
  createExportLink,
  EXPORT_PAGE_SUFFIX,
  EXPORT_PATH,
  LINK_MINUTES,
  tokenLogRef,
} from '../../../app/my-data/download-link';
import { ownTextsForCard } from '../../../app/my-data/readable';
import { textsInTab } from '../../../domain/texts-in-tab';
import { userText, type UserText } from '../../../domain/typed-text';
import type { DateReader } from '../../../i18n/dates';
import { renderCard } from '../../../cards/render';
import { formatMoment } from '../../../i18n/dates';
import { t } from '../../../i18n/translate';
import type { HandlerContext } from '../../context';
import { personReferenceId, schoolIdFor, tenantPartitionFor } from '../../ids';
import { namesOf } from '../../names';
import { cardResult, textResult, type HandlerResult } from '../../results';
import { tellPartnersAfterAnswer } from './partners';

export interface MyDataExportView {
  readonly name: string;
  /** The schools' names (a team's name is someone's words). */
  readonly schools: readonly { name: UserText; role: string }[];
  readonly counts: readonly { label: string; count: string }[];
  readonly hasData: boolean;
  readonly downloadUrl: string;
  /** The readable page of the same export (same token): every document, readable. */
  readonly pageUrl: string;
  /** "The link works for 15 minutes …", already in the person's language. */
  readonly downloadNote: string;
  /** The person's own texts (escaped), as many as fit on a card; the rest is on the page. */
  readonly hasTexts: boolean;
  readonly texts: readonly { readonly title: string; readonly text: UserText }[];
  readonly hasMore: boolean;
  readonly more: string;
  /** Texts of a programme that keeps them out of the chat are on the page only. */
  readonly inTabOnly: boolean;
  readonly inTabNote: string;
}

export interface MyDataDeleteView {
  readonly name: string;
}

declare module '../../../cards/render' {
  interface CardViewModels {
    'my-data-export': MyDataExportView;
    'my-data-delete': MyDataDeleteView;
  }
}

const COUNTED = [
  'profile',
  'pair',
  'cycle',
  'visit',
  'observation',
  'reflection',
  'debriefNote',
  'switchRequest',
  'nudge',
  'programme',
  'digest',
  'membership',
] as const;

/** Every school the person belongs to (memberships), plus the one of this turn. */
async function schoolIdsOf(ctx: HandlerContext): Promise<string[]> {
  const ids = new Set(await schoolsOf(ctx.services.store, tenantPartitionFor(ctx.tenantId), ctx.userId));
  if (ctx.teamId) ids.add(schoolIdFor(ctx.tenantId, ctx.teamId));
  return [...ids];
}

/** The person's own name by the one lookup (roster first; src/teams/names.ts), as card text. */
async function ownName(ctx: HandlerContext, schoolIds: readonly string[]): Promise<string> {
  const school = schoolIds[0] ? { schoolId: schoolIds[0] } : undefined;
  return (await namesOf(ctx, school, [ctx.userId], ctx.locale, { unknown: '' }))[ctx.userId] ?? '';
}

export async function exportMyData(ctx: HandlerContext): Promise<HandlerResult> {
  const schoolIds = await schoolIdsOf(ctx);
  const name = await ownName(ctx, schoolIds);
  const data = await exportPersonData(
    ctx.services.store,
    tenantPartitionFor(ctx.tenantId),
    personReferenceId(ctx.userId),
    schoolIds,
    ctx.userId,
    ctx.now,
  );
  const counts = exportCounts(data);
  const token = randomBytes(32).toString('base64url');
  await createExportLink(ctx.services.store, {
    token,
    userId: ctx.userId,
    tenantId: ctx.tenantId,
    tenantPartition: tenantPartitionFor(ctx.tenantId),
    referenceId: personReferenceId(ctx.userId),
    schoolIds,
    locale: ctx.locale,
    now: ctx.now,
  });
  ctx.services.logger.info(
    { userId: ctx.userId, link: tokenLogRef(token) },
    'personal data export: download link made',
  );
  const reader: DateReader = {
    locale: ctx.locale,
    zone: ctx.services.config.defaultTimezone, // a person's export spans schools: the service's zone
    now: ctx.now,
  };
  const own = ownTextsForCard(data, ctx.userId, await tabOnlyPairs(ctx, schoolIds), reader);
  const downloadUrl = `${ctx.services.publicUrl()}${EXPORT_PATH}/${token}`;
  const view: MyDataExportView = {
    name,
    schools: data.schools.map((s) => ({
      name: userText(s.name),
      role: t(ctx.locale, s.isLeader ? 'cards.my-data-export.leader' : 'cards.my-data-export.teacher'),
    })),
    counts: COUNTED.filter((type) => counts[type]).map((type) => ({
      label: t(ctx.locale, `cards.my-data-export.types.${type}`),
      count: String(counts[type]),
    })),
    hasData: Object.keys(counts).length > 0,
    downloadUrl,
    pageUrl: `${downloadUrl}${EXPORT_PAGE_SUFFIX}`,
    downloadNote: t(ctx.locale, 'cards.my-data-export.downloadNote', {
      minutes: LINK_MINUTES,
      until: formatMoment(ctx.now.plus({ minutes: LINK_MINUTES }), {
        locale: ctx.locale,
        zone: ctx.services.config.defaultTimezone, // a person's export spans schools: the service's zone
        now: ctx.now,
      }),
    }),
    hasTexts: own.texts.length > 0,
    texts: own.texts.map((x) => ({ title: x.title, text: userText(x.text) })),
    hasMore: own.elsewhere > 0,
    more: t(ctx.locale, 'readableExport.moreOnPage', { count: own.elsewhere }),
    inTabOnly: own.inTabOnly,
    inTabNote: own.inTabOnly ? t(ctx.locale, 'textsInTab.exportNote') : '',
  };
  return cardResult(renderCard('my-data-export', view, ctx.locale));
}

/** The person's pairs whose programme keeps teachers' texts out of the chat. */
async function tabOnlyPairs(ctx: HandlerContext, schoolIds: readonly string[]): Promise<Set<string>> {
  const pairs = new Set<string>();
  for (const schoolId of schoolIds) {
    const inTab = new Set(
      (await ctx.services.store.query(schoolId, { type: 'programme' })).filter((p) => textsInTab(p)).map((p) => p.id),
    );
    if (inTab.size === 0) continue;
    for (const pair of await ctx.services.store.query(schoolId, { type: 'pair', personId: ctx.userId }))
      if (inTab.has(pair.programmeId)) pairs.add(pair.id);
  }
  return pairs;
}

export async function askDelete(ctx: HandlerContext): Promise<HandlerResult> {
  return cardResult(renderCard('my-data-delete', { name: await ownName(ctx, await schoolIdsOf(ctx)) }, ctx.locale));
}

export const DeleteData = z.object({ confirm: z.literal('yes') });

export async function deleteMyData(ctx: HandlerContext): Promise<HandlerResult> {
  const token = anonymousToken(randomUUID().replace(/-/g, ''));
  const schoolIds = await schoolIdsOf(ctx);
  // The name the partners are told, looked up before the data (and the roster name) is gone.
  const name = await ownName(ctx, schoolIds);
  const summary = await deletePersonData(ctx.services.store, {
    tenantPartition: tenantPartitionFor(ctx.tenantId),
    tenantId: ctx.tenantId,
    referenceId: personReferenceId(ctx.userId),
    schoolIds,
    userId: ctx.userId,
    token,
    now: ctx.now,
  });
  ctx.services.logger.info(
    {
      deleted: summary.deleted,
      anonymised: summary.anonymised,
      cards: summary.visits.length,
      partners: summary.partners.length,
    },
    'personal data deleted',
  );
  tellPartnersAfterAnswer(ctx, summary, name);
  return textResult(t(ctx.locale, 'messages.myData.deleted'));
}
