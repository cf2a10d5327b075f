/**
 * Download links for the "my data" export (flow 10). Teams offers no plain file download from a
 * bot in 1:1 without OneDrive (the file consent flow), so the export card carries an
 * Action.OpenUrl to GET /api/export/<token> on the bot's own server.
 *
 * Decisions:
 *   - The token is 256 random bits (made by the caller, base64url). Only its SHA-256 is stored,
 *     as the document id, so a copy of the store holds no working link.
 *   - A link lives LINK_MINUTES; the expiry is checked on every read (the store's TTL is not
 *     relied on) and an expired link is deleted when it is seen (on download or when the same
 *     person asks for a new one).
 *   - The link can be used more than once within its lifetime: mail/link scanners (Safe Links)
 *     and browsers may fetch a URL before or besides the person, and a single-use link would
 *     then be used up before the person gets the file. It is a bearer link for 15 minutes.
 *   - The file is built fresh at download time from the store, not from a snapshot: whatever
 *     was deleted or anonymised in between (by the person or by their partner) is not in it.
 *     Deleting one's data also deletes one's open links.
 */
import { createHash } from 'node:crypto';
import type { DateTime } from 'luxon';
import type { ExportLink, Locale } from '../../domain/entities';
import type { Store, Stored } from '../../store/store';
import { exportPersonData, type PersonExport } from './export';

/** The route of the download (mounted by src/http/export-route.ts). */
export const EXPORT_PATH = '/api/export';
/** The readable page of the same export: GET /api/export/<token>/page (same token, same lifetime). */
export const EXPORT_PAGE_SUFFIX = '/page';
/** All export links live in this one partition (point reads by the hashed token). */
export const EXPORT_LINK_PARTITION = 'export-links';
export const LINK_MINUTES = 15;
/** 32 random bytes in base64url. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const tokenHash = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** The stored id of a token's link. */
export const exportLinkId = (token: string): string => `export-${tokenHash(token)}`;

/** A short, non-reversible reference to a token for the logs (never the token itself). */
export const tokenLogRef = (token: string): string => tokenHash(token).slice(0, 8);

export interface NewExportLink {
  readonly token: string;
  readonly userId: string;
  readonly tenantId: string;
  readonly tenantPartition: string;
  readonly referenceId: string;
  readonly schoolIds: readonly string[];
  readonly locale: Locale;
  readonly now: DateTime;
}

const isExpired = (link: ExportLink, now: DateTime): boolean => now.toUTC().toISO()! >= link.expiresAt;

/** Stores the link for `token` (and removes the person's expired links); returns its expiry. */
export async function createExportLink(store: Store, input: NewExportLink): Promise<Stored<ExportLink>> {
  if (!TOKEN_PATTERN.test(input.token)) throw new Error('an export token must be 32 random bytes in base64url');
  for (const old of await store.query(EXPORT_LINK_PARTITION, { type: 'exportLink', personId: input.userId })) {
    if (isExpired(old, input.now)) await store.delete(EXPORT_LINK_PARTITION, old.id);
  }
  return store.create<ExportLink>({
    type: 'exportLink',
    id: exportLinkId(input.token),
    schoolId: EXPORT_LINK_PARTITION,
    personIds: [input.userId],
    userId: input.userId,
    tenantId: input.tenantId,
    tenantPartition: input.tenantPartition,
    referenceId: input.referenceId,
    schoolIds: [...input.schoolIds],
    locale: input.locale,
    createdAt: input.now.toUTC().toISO()!,
    expiresAt: input.now.plus({ minutes: LINK_MINUTES }).toUTC().toISO()!,
  });
}

export type DownloadResult =
  | { readonly found: true; readonly data: PersonExport; readonly link: Stored<ExportLink> }
  | { readonly found: false; readonly reason: 'unknown' | 'expired' };

/** The person's export for a token, built now from the store; unknown or expired → not found. */
export async function downloadExport(store: Store, token: string, now: DateTime): Promise<DownloadResult> {
  if (!TOKEN_PATTERN.test(token)) return { found: false, reason: 'unknown' };
  const link = await store.read(EXPORT_LINK_PARTITION, 'exportLink', exportLinkId(token));
  if (!link) return { found: false, reason: 'unknown' };
  if (isExpired(link, now)) {
    await store.delete(EXPORT_LINK_PARTITION, link.id);
    return { found: false, reason: 'expired' };
  }
  const data = await exportPersonData(store, link.tenantPartition, link.referenceId, link.schoolIds, link.userId, now);
  return { found: true, data, link };
}

/** Removes every export link of a person (when they delete their data); returns how many. */
export async function deleteExportLinks(store: Store, userId: string): Promise<number> {
  const links = await store.query(EXPORT_LINK_PARTITION, { type: 'exportLink', personId: userId });
  for (const link of links) await store.delete(EXPORT_LINK_PARTITION, link.id);
  return links.length;
}
