/**
 * The Store port: every document of a school lives in the school's partition (`schoolId`).
 * Both adapters (SQLite, Cosmos DB) pass one contract suite (test/store/contract.ts) with the
 * same semantics:
 *   - create is create-if-absent: a second create of an id gives StoreError 'exists'
 *     (the basis of idempotency with deterministic ids);
 *   - replace is optimistic: a stale `version` gives StoreError 'conflict', never an overwrite;
 *   - transient failures (Cosmos DB 429/503, SQLITE_BUSY) are retried with backoff.
 */
import type { DocumentTypes, DocumentType, SchoolDocument } from '../domain/entities';

export type StoreKind = 'sqlite' | 'cosmos';

/** A document as read from the store: it always has its concurrency token. */
export type Stored<T> = T & { readonly version: string };

export type DocOf<K extends DocumentType> = DocumentTypes[K];

export type FieldValue = string | number | boolean;

export interface DocumentQuery<K extends DocumentType> {
  readonly type: K;
  readonly pairId?: string;
  /** Documents whose `personIds` contain this person. */
  readonly personId?: string;
  /** Equality on top-level fields of the document (letters and digits only in names). */
  readonly where?: Readonly<Record<string, FieldValue>>;
}

/**
 * One part of a partition read: the documents of `type`, optionally narrowed by equality on
 * top-level fields (`where`; an array means "any of these") and by lower bounds (`atLeast`:
 * field >= value, for ISO timestamps and numbers) and to the documents of one person (`personId`:
 * their `personIds` contain it, as in DocumentQuery). Field names: letters and digits only.
 */
export interface PartitionSelection<K extends DocumentType = DocumentType> {
  readonly type: K;
  /** Documents whose `personIds` contain this person. */
  readonly personId?: string;
  readonly where?: Readonly<Record<string, FieldValue | readonly FieldValue[]>>;
  readonly atLeast?: Readonly<Record<string, string | number>>;
}

/** What a partition read returns: per selected type its documents, in id order, each once. */
export type PartitionRead<K extends DocumentType> = { readonly [T in K]: Stored<DocOf<T>>[] };

export type StoreErrorCode = 'exists' | 'conflict' | 'not_found' | 'unavailable' | 'invalid';

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

export const isStoreError = (error: unknown, code?: StoreErrorCode): error is StoreError =>
  error instanceof StoreError && (code === undefined || error.code === code);

/** One document's outcome in `createEach`: stored as given (with its version), or its id was taken. */
export type CreateOutcome<T> = { readonly created: Stored<T> } | { readonly exists: true };

export interface Store {
  readonly kind: StoreKind;
  /** Creates tables or the database and container when absent. */
  init(): Promise<void>;
  create<T extends SchoolDocument>(doc: T): Promise<Stored<T>>;
  /**
   * `create` of each document (create-if-absent, each on its own: one whose id is taken is
   * `exists`, the others are created), in order. SQLite: one transaction, one commit for all;
   * Cosmos DB: one create request per document. For the writes a job makes before it sends
   * (the week's snapshot, the pending records it claims), so that a school costs one commit.
   */
  createEach<T extends SchoolDocument>(docs: readonly T[]): Promise<CreateOutcome<T>[]>;
  read<K extends DocumentType>(schoolId: string, type: K, id: string): Promise<Stored<DocOf<K>> | undefined>;
  /** Replaces the document if `doc.version` is still current. */
  replace<T extends SchoolDocument>(doc: Stored<T>): Promise<Stored<T>>;
  /** Writes the document whatever its version (only for data Teams owns, such as references). */
  upsert<T extends SchoolDocument>(doc: T): Promise<Stored<T>>;
  /** Deletes the document; with `version`, only if it is still current. Absent is not an error. */
  delete(schoolId: string, id: string, version?: string): Promise<void>;
  query<K extends DocumentType>(schoolId: string, query: DocumentQuery<K>): Promise<Stored<DocOf<K>>[]>;
  /**
   * Everything the selections ask for from one school's partition in ONE query (SQLite: one
   * statement by school_id; Cosmos DB: one single-partition query). A document that matches
   * several selections is returned once; every selected type has an entry (maybe empty).
   */
  readPartition<K extends DocumentType>(
    schoolId: string,
    selections: readonly PartitionSelection<K>[],
  ): Promise<PartitionRead<K>>;
  /** Across all schools (jobs and the tab's look-up of a person): use sparingly. */
  queryAllSchools<K extends DocumentType>(query: DocumentQuery<K>): Promise<Stored<DocOf<K>>[]>;
  /** Resolves when the store can be reached; rejects otherwise (for /healthz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

const FIELD_NAME = /^[A-Za-z][A-Za-z0-9]*$/;

export function checkQuery(query: DocumentQuery<DocumentType>): void {
  for (const name of Object.keys(query.where ?? {})) {
    if (!FIELD_NAME.test(name)) throw new StoreError('invalid', `invalid field name in query: ${name}`);
  }
}

export function checkSelections(selections: readonly PartitionSelection[]): void {
  if (selections.length === 0) throw new StoreError('invalid', 'a partition read needs at least one selection');
  for (const selection of selections) {
    if (typeof selection.type !== 'string' || (selection.type as string) === '')
      throw new StoreError('invalid', 'a partition selection needs a type');
    if (selection.personId !== undefined && (typeof selection.personId !== 'string' || selection.personId === ''))
      throw new StoreError('invalid', 'a partition selection names a person by a non-empty id');
    for (const [name, value] of Object.entries(selection.where ?? {})) {
      if (!FIELD_NAME.test(name)) throw new StoreError('invalid', `invalid field name in query: ${name}`);
      if (Array.isArray(value) && value.length === 0)
        throw new StoreError('invalid', `a partition selection lists no values for ${name}`);
    }
    for (const name of Object.keys(selection.atLeast ?? {})) {
      if (!FIELD_NAME.test(name)) throw new StoreError('invalid', `invalid field name in query: ${name}`);
    }
  }
}

/** One text per document of a partition (its school and id), for the maps that remember documents. */
export const documentKey = (schoolId: string, id: string): string => `${schoolId}\u0000${id}`;

/** A document a partition read names by its type and id. */
export interface WantedDocument {
  readonly type: DocumentType;
  readonly id: string;
}

/**
 * The documents a partition read names when every selection is by id and nothing else
 * (`where: { id }` with text ids, no other field, bound or person); otherwise undefined — also
 * for what checkSelections refuses (no selection, an empty list, a missing type).
 */
export function byIdOnly(selections: readonly PartitionSelection[]): WantedDocument[] | undefined {
  if (selections.length === 0) return undefined;
  const wanted: WantedDocument[] = [];
  for (const { type, where, atLeast, personId } of selections) {
    if (atLeast !== undefined || personId !== undefined || where === undefined) return undefined;
    if (typeof type !== 'string' || (type as string) === '') return undefined;
    let fields = 0;
    for (const field in where) if (field !== 'id' || ++fields > 1) return undefined;
    const id = where.id;
    const ids: readonly unknown[] = Array.isArray(id) ? id : [id];
    if (ids.length === 0) return undefined;
    for (const one of ids) {
      if (typeof one !== 'string') return undefined;
      // Asked for twice: read once.
      if (!wanted.some((w) => w.type === type && w.id === one)) wanted.push({ type, id: one });
    }
  }
  return wanted;
}

const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function inIdOrder(docs: readonly { id: string }[]): boolean {
  for (let i = 1; i < docs.length; i++) if (docs[i - 1]!.id > docs[i]!.id) return false;
  return true;
}

/** Groups the documents of a partition read by type, each document once, in id order. */
export function groupByType<K extends DocumentType>(
  selections: readonly PartitionSelection<K>[],
  docs: readonly Stored<SchoolDocument>[],
): PartitionRead<K> {
  const grouped: Record<string, Stored<SchoolDocument>[]> = {};
  for (const selection of selections) grouped[selection.type] = [];
  const seen = new Set<string>();
  for (const doc of docs) {
    const bucket = grouped[doc.type];
    if (!bucket || seen.has(doc.id)) continue;
    seen.add(doc.id);
    bucket.push(doc);
  }
  // Mostly in id order already (a point read each, or one index): sorted only when not.
  for (const bucket of Object.values(grouped)) if (!inIdOrder(bucket)) bucket.sort(byId);
  return grouped as unknown as PartitionRead<K>;
}

const ID = /^[^/\\?#\s]{1,255}$/;

/** Whether a text can be a document id (checkDocument refuses any other): a look-up of another can find nothing. */
export const isDocumentId = (id: string): boolean => ID.test(id);

export function checkDocument(doc: { id?: unknown; schoolId?: unknown; type?: unknown }): void {
  if (typeof doc.id !== 'string' || !ID.test(doc.id))
    throw new StoreError('invalid', 'document id must be 1-255 characters without / \\ ? # or spaces');
  if (typeof doc.schoolId !== 'string' || !ID.test(doc.schoolId))
    throw new StoreError('invalid', 'document schoolId must be 1-255 characters without / \\ ? # or spaces');
  if (typeof doc.type !== 'string' || doc.type === '') throw new StoreError('invalid', 'document type is required');
}

/**
 * Read, decide, write — again on a conflict. The one place that implements "never lose an
 * update" on top of the store's optimistic concurrency: `decide` sees the current document (or
 * undefined) and returns the next one, or undefined for "nothing to change".
 */
export async function readModifyWrite<K extends DocumentType>(
  store: Store,
  schoolId: string,
  type: K,
  id: string,
  decide: (current: Stored<DocOf<K>> | undefined) => DocOf<K> | undefined,
  attempts = 5,
): Promise<Stored<DocOf<K>> | undefined> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const current = await store.read(schoolId, type, id);
    const next = decide(current);
    if (next === undefined) return current;
    try {
      if (!current) return (await store.create(next)) as Stored<DocOf<K>>;
      return (await store.replace({ ...next, version: current.version } as Stored<DocOf<K>>)) as Stored<DocOf<K>>;
    } catch (error) {
      if (isStoreError(error, 'conflict') || isStoreError(error, 'exists') || isStoreError(error, 'not_found'))
        continue;
      throw error;
    }
  }
  throw new StoreError('conflict', `document ${id} kept changing; gave up after ${attempts} attempts`);
}
