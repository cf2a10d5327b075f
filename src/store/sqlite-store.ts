/**
 * SQLite adapter of the Store port (the embedded default), on better-sqlite3 in WAL mode.
 * Documents are JSON with the fields queries need in indexed columns; `version` is a counter
 * that every write increments, checked on replace like an ETag.
 */
import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { deepFreeze } from '../domain/deep-freeze';
import type { DocumentType, SchoolDocument } from '../domain/entities';
import { DocumentCache, type DocumentCacheLimits } from './document-cache';
import { selectionsKey } from './selection-key';
import { withRetry, type RetryPolicy, DEFAULT_RETRY } from './retry';
import {
  byIdOnly,
  checkDocument,
  checkQuery,
  checkSelections,
  groupByType,
  type CreateOutcome,
  StoreError,
  type DocOf,
  type DocumentQuery,
  type FieldValue,
  type PartitionRead,
  type PartitionSelection,
  type Store,
  type Stored,
  type WantedDocument,
} from './store';

interface Row {
  body: string;
  version: number;
}

const sqlValue = (value: FieldValue): string | number => (typeof value === 'boolean' ? (value ? 1 : 0) : value);

const SCHEMA = `
CREATE TABLE IF NOT EXISTS documents (
  school_id TEXT NOT NULL,
  id TEXT NOT NULL,
  type TEXT NOT NULL,
  pair_id TEXT,
  version INTEGER NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (school_id, id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS documents_by_type ON documents (school_id, type);
CREATE INDEX IF NOT EXISTS documents_by_pair ON documents (school_id, pair_id, type);
DROP INDEX IF EXISTS documents_by_type_all;
CREATE INDEX IF NOT EXISTS documents_schools ON documents (school_id) WHERE type = 'school';
CREATE TABLE IF NOT EXISTS document_people (
  school_id TEXT NOT NULL,
  id TEXT NOT NULL,
  person_id TEXT NOT NULL,
  PRIMARY KEY (school_id, id, person_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS document_people_by_person ON document_people (school_id, person_id);
`;

function isTransient(error: unknown): { transient: boolean } {
  const code = (error as { code?: string } | undefined)?.code ?? '';
  return { transient: code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') };
}

function withoutVersion<T extends { version?: string }>(doc: T): Omit<T, 'version'> {
  const { version: _version, ...rest } = doc;
  return rest;
}

export interface SqliteStoreOptions {
  /**
   * How long one statement waits for another connection's lock, in milliseconds. better-sqlite3
   * waits synchronously (the event loop stands still), so keep it short: longer waits are
   * retried with backoff by `retry`, which does not block.
   */
  readonly busyTimeoutMs?: number;
  /** The pause between retries (default: a timer); tests pass one driven by an explicit signal. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Called with each statement SQLite runs, values filled in (better-sqlite3's `verbose`): for tests that count statements, never for a log (documents hold teachers' words). */
  readonly onStatement?: (sql: string) => void;
  /** Bounds of the documents kept after a read by id (documents: 0 keeps none). */
  readonly documentCache?: DocumentCacheLimits;
}

/**
 * The first version of a new document: random, so that a version read before a delete is never
 * valid again after the id is created anew (no ABA on delete + re-create).
 */
const MAX_STATEMENTS = 500;

/**
 * Writes of every SqliteStore of this process (another store is another connection, whose
 * commit this store's cache must see at once, even within one synchronous step).
 */
let writesInProcess = 0;

const firstVersion = (): number => randomInt(1, 2 ** 40);

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  private db: Database.Database | undefined;
  /** Documents read by id, valid while no other connection commits (see `validCache`). */
  private readonly cache: DocumentCache;
  private dataVersion: Database.Statement | undefined;
  private seenDataVersion: unknown;
  /** Whether data_version was asked in this synchronous step, and `writesInProcess` then. */
  private checkedInThisStep = false;
  private checkedAtWrites = -1;

  constructor(
    private readonly file: string,
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
    private readonly options: SqliteStoreOptions = {},
  ) {
    this.cache = new DocumentCache(options.documentCache);
  }

  async init(): Promise<void> {
    if (this.db) return;
    if (this.file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(this.file)), { recursive: true });
    const onStatement = this.options.onStatement;
    const db = new Database(this.file, onStatement ? { verbose: (sql) => onStatement(String(sql)) } : {});
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(this.options.busyTimeoutMs ?? 250))}`);
    db.exec(SCHEMA);
    this.dataVersion = db.prepare('PRAGMA data_version').pluck();
    this.seenDataVersion = undefined;
    this.cache.clear();
    this.db = db;
  }

  private get database(): Database.Database {
    if (!this.db) throw new StoreError('unavailable', 'the SQLite store is not open');
    return this.db;
  }

  /** Prepared statements by SQL text: preparing parses and plans the SQL, so do it once per connection. */
  private readonly statements = new Map<string, Database.Statement>();

  private statement(sql: string): Database.Statement {
    let prepared = this.statements.get(sql);
    if (!prepared) {
      // Query shapes come from code (a few dozen); the bound only guards against a runaway caller.
      if (this.statements.size >= MAX_STATEMENTS) this.statements.clear();
      prepared = this.database.prepare(sql);
      this.statements.set(sql, prepared);
    }
    return prepared;
  }

  /**
   * The document cache, once it is known that no other connection (another instance, a job, the
   * command line) committed since it was last asked: SQLite's data_version changes exactly then.
   * Asking takes a read lock on the WAL (about 3 µs alone, 9 µs in a busy service; a look-up by
   * id costs 40-70 µs with its JSON parse), so the reads started in one synchronous step (a
   * turn's read ahead of its tenant and its school) ask once: until the step's microtasks are
   * done no other process can be heard from, and a commit of another store of this process is
   * counted (`writesInProcess`). This connection's own writes do not change data_version: each
   * forgets what it writes (`writing`).
   */
  private validCache(): DocumentCache {
    if (!this.dataVersion) throw new StoreError('unavailable', 'the SQLite store is not open');
    if (this.checkedInThisStep && this.checkedAtWrites === writesInProcess) return this.cache;
    const version = this.dataVersion.get();
    if (version !== this.seenDataVersion) {
      this.cache.clear();
      this.seenDataVersion = version;
    }
    this.checkedAtWrites = writesInProcess;
    if (!this.checkedInThisStep) {
      this.checkedInThisStep = true;
      queueMicrotask(() => {
        this.checkedInThisStep = false;
      });
    }
    return this.cache;
  }

  /**
   * A write of these documents, for `run`: each is forgotten by the cache before and after it,
   * whether it succeeds or not, in the same synchronous step as the write (no read can come
   * between the commit and the forgetting).
   */
  private writing<T>(docs: readonly { schoolId: string; id: string }[], write: () => T): () => T {
    return () => {
      for (const doc of docs) this.cache.forget(doc.schoolId, doc.id);
      try {
        return write();
      } finally {
        for (const doc of docs) this.cache.forget(doc.schoolId, doc.id);
        writesInProcess++;
      }
    };
  }

  private run<T>(operation: () => T): Promise<T> {
    return withRetry(
      async () => {
        try {
          return operation();
        } catch (error) {
          if (error instanceof StoreError) throw error;
          if (isTransient(error).transient) throw error;
          throw new StoreError('unavailable', `SQLite: ${(error as Error).message}`, error);
        }
      },
      isTransient,
      this.retry,
      this.options.sleep,
    ).catch((error: unknown) => {
      if (error instanceof StoreError) throw error;
      throw new StoreError('unavailable', `SQLite stayed busy: ${(error as Error).message}`, error);
    });
  }

  private writePeople(doc: { schoolId: string; id: string; personIds?: readonly string[] }): void {
    this.statement('DELETE FROM document_people WHERE school_id = ? AND id = ?').run(doc.schoolId, doc.id);
    this.insertPeople(doc);
  }

  /** The people rows of a document just created: none can exist (a delete removes them with the document). */
  private insertPeople(doc: { schoolId: string; id: string; personIds?: readonly string[] }): void {
    const insert = this.statement('INSERT OR IGNORE INTO document_people (school_id, id, person_id) VALUES (?, ?, ?)');
    for (const person of doc.personIds ?? []) insert.run(doc.schoolId, doc.id, person);
  }

  /** writePeople for a document that was stored before: only when its people changed (a write dirties pages to commit). */
  private rewritePeople(doc: { schoolId: string; id: string; personIds?: readonly string[] }): void {
    const stored = this.statement(
      'SELECT person_id FROM document_people WHERE school_id = ? AND id = ? ORDER BY person_id',
    )
      .pluck()
      .all(doc.schoolId, doc.id) as string[];
    const wanted = [...new Set(doc.personIds ?? [])].sort();
    if (stored.length === wanted.length && stored.every((person, i) => person === wanted[i])) return;
    this.writePeople(doc);
  }

  async create<T extends SchoolDocument>(doc: T): Promise<Stored<T>> {
    checkDocument(doc);
    return this.run(
      this.writing([doc], () =>
        this.database
          .transaction(() => {
            const body = withoutVersion(doc);
            const version = firstVersion();
            const result = this.statement(
              'INSERT OR IGNORE INTO documents (school_id, id, type, pair_id, version, body) VALUES (?, ?, ?, ?, ?, ?)',
            ).run(doc.schoolId, doc.id, doc.type, doc.pairId ?? null, version, JSON.stringify(body));
            if (result.changes === 0) throw new StoreError('exists', `document ${doc.id} exists already`);
            this.insertPeople(doc);
            return { ...body, version: String(version) } as Stored<T>;
          })
          .immediate(),
      ),
    );
  }

  async createEach<T extends SchoolDocument>(docs: readonly T[]): Promise<CreateOutcome<T>[]> {
    for (const doc of docs) checkDocument(doc);
    if (docs.length === 0) return [];
    return this.run(
      this.writing(docs, () =>
        this.database
          .transaction(() =>
            docs.map((doc): CreateOutcome<T> => {
              const body = withoutVersion(doc);
              const version = firstVersion();
              const result = this.statement(
                'INSERT OR IGNORE INTO documents (school_id, id, type, pair_id, version, body) VALUES (?, ?, ?, ?, ?, ?)',
              ).run(doc.schoolId, doc.id, doc.type, doc.pairId ?? null, version, JSON.stringify(body));
              if (result.changes === 0) return { exists: true };
              this.insertPeople(doc);
              return { created: { ...body, version: String(version) } as Stored<T> };
            }),
          )
          .immediate(),
      ),
    );
  }

  async read<K extends DocumentType>(schoolId: string, type: K, id: string): Promise<Stored<DocOf<K>> | undefined> {
    return this.run(() => {
      const cache = this.validCache();
      const known = cache.get(schoolId, type, id);
      if (known) return known.doc as Stored<DocOf<K>> | undefined;
      const point = pointPart(schoolId, type, id);
      const row = this.statement(point.sql).get(...point.params) as Row | undefined;
      const doc = row ? frozenDocument(row) : undefined;
      cache.set(schoolId, type, id, doc, row?.body.length ?? 0);
      return doc as Stored<DocOf<K>> | undefined;
    });
  }

  async replace<T extends SchoolDocument>(doc: Stored<T>): Promise<Stored<T>> {
    checkDocument(doc);
    return this.run(
      this.writing([doc], () =>
        this.database
          .transaction(() => {
            const body = withoutVersion(doc);
            const json = JSON.stringify(body);
            // Most replaces keep the type and the pair: then only the row changes, not its indexes.
            let result = this.statement(
              `UPDATE documents SET version = version + 1, body = ? WHERE school_id = ? AND id = ? AND version = ? AND type = ${typeLiteral(doc.type)} AND pair_id IS ?`,
            ).run(json, doc.schoolId, doc.id, Number(doc.version), doc.pairId ?? null);
            if (result.changes === 0)
              result = this.statement(
                'UPDATE documents SET version = version + 1, body = ?, pair_id = ?, type = ? WHERE school_id = ? AND id = ? AND version = ?',
              ).run(json, doc.pairId ?? null, doc.type, doc.schoolId, doc.id, Number(doc.version));
            if (result.changes === 0) {
              const exists = this.statement('SELECT 1 FROM documents WHERE school_id = ? AND id = ?').get(
                doc.schoolId,
                doc.id,
              );
              if (!exists) throw new StoreError('not_found', `document ${doc.id} does not exist`);
              throw new StoreError('conflict', `document ${doc.id} was changed by someone else`);
            }
            this.rewritePeople(doc);
            return { ...body, version: String(Number(doc.version) + 1) } as Stored<T>;
          })
          .immediate(),
      ),
    );
  }

  async upsert<T extends SchoolDocument>(doc: T): Promise<Stored<T>> {
    checkDocument(doc);
    return this.run(
      this.writing([doc], () =>
        this.database
          .transaction(() => {
            const body = withoutVersion(doc as T & { version?: string });
            const row = this.statement(
              `INSERT INTO documents (school_id, id, type, pair_id, version, body) VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT (school_id, id) DO UPDATE SET version = version + 1, body = excluded.body, pair_id = excluded.pair_id, type = excluded.type
             RETURNING version`,
            ).get(doc.schoolId, doc.id, doc.type, doc.pairId ?? null, firstVersion(), JSON.stringify(body)) as {
              version: number;
            };
            this.writePeople(doc);
            return { ...body, version: String(row.version) } as Stored<T>;
          })
          .immediate(),
      ),
    );
  }

  async delete(schoolId: string, id: string, version?: string): Promise<void> {
    return this.run(
      this.writing([{ schoolId, id }], () =>
        this.database
          .transaction(() => {
            const result =
              version === undefined
                ? this.statement('DELETE FROM documents WHERE school_id = ? AND id = ?').run(schoolId, id)
                : this.statement('DELETE FROM documents WHERE school_id = ? AND id = ? AND version = ?').run(
                    schoolId,
                    id,
                    Number(version),
                  );
            if (result.changes === 0 && version !== undefined) {
              const exists = this.statement('SELECT 1 FROM documents WHERE school_id = ? AND id = ?').get(schoolId, id);
              if (exists) throw new StoreError('conflict', `document ${id} was changed by someone else`);
            }
            this.statement('DELETE FROM document_people WHERE school_id = ? AND id = ?').run(schoolId, id);
          })
          .immediate(),
      ),
    );
  }

  async query<K extends DocumentType>(schoolId: string, query: DocumentQuery<K>): Promise<Stored<DocOf<K>>[]> {
    return this.select(query, schoolId);
  }

  async readPartition<K extends DocumentType>(
    schoolId: string,
    selections: readonly PartitionSelection<K>[],
  ): Promise<PartitionRead<K>> {
    const byId = byIdOnly(selections);
    if (byId) return this.run(() => groupByType(selections, this.readById(schoolId, byId)));
    checkSelections(selections);
    return this.run(() => groupByType(selections, this.readSelected(schoolId, selections)));
  }

  /**
   * The documents of selections: as the cache kept them when no write in the partition came
   * since, else in one statement (a UNION ALL of one SELECT per selection, each on its own index):
   * one snapshot, and one read transaction instead of one per statement — in WAL mode each costs
   * locking the shared memory (two fcntl calls and a stat), more than the look-up itself. An OR of
   * every selection in one SELECT made SQLite walk all documents of the types and parse each body
   * (json_extract).
   */
  private readSelected(schoolId: string, selections: readonly PartitionSelection[]): Stored<SchoolDocument>[] {
    const cache = this.validCache();
    const key = selectionsKey(selections);
    const kept = cache.getSelection(schoolId, key);
    if (kept) return [...kept];
    const rows = this.compound(selections.map((one) => selectionPart(schoolId, one)));
    let characters = 0;
    for (const row of rows) characters += row.body.length;
    if (characters > cache.limits.selectionCharacters) return rows.map((row) => toDocument(row));
    const docs = rows.map(frozenDocument);
    cache.setSelection(schoolId, key, docs, characters);
    return docs;
  }

  /** Documents by id: those the cache knows from it, the others in one compound statement (then kept). */
  private readById(schoolId: string, wanted: readonly WantedDocument[]): Stored<SchoolDocument>[] {
    const cache = this.validCache();
    const docs: Stored<SchoolDocument>[] = [];
    const unknown: WantedDocument[] = [];
    for (const one of wanted) {
      const known = cache.get(schoolId, one.type, one.id);
      if (!known) unknown.push(one);
      else if (known.doc) docs.push(known.doc);
    }
    if (unknown.length === 0) return docs;
    // By id: an id is one document of the partition (the primary key), found under its own type only.
    const found = new Map<string, { doc: Stored<SchoolDocument>; characters: number }>();
    for (const row of this.compound(unknown.map(({ type, id }) => pointPart(schoolId, type, id)))) {
      const doc = frozenDocument(row);
      found.set(doc.id, { doc, characters: row.body.length });
      docs.push(doc);
    }
    for (const { type, id } of unknown) {
      const one = found.get(id);
      const ofType = one?.doc.type === type ? one : undefined;
      cache.set(schoolId, type, id, ofType?.doc, ofType?.characters ?? 0);
    }
    return docs;
  }

  /** The rows of SELECTs joined by UNION ALL, in statements of at most COMPOUND_PARTS, one snapshot. */
  private compound(parts: readonly QueryPart[]): Row[] {
    const select = (chunk: readonly QueryPart[]) =>
      this.statement(chunk.map((part) => part.sql).join(' UNION ALL ')).all(
        ...chunk.flatMap((part) => part.params),
      ) as Row[];
    if (parts.length <= COMPOUND_PARTS) return select(parts);
    return this.database
      .transaction(() => {
        const rows: Row[] = [];
        for (let at = 0; at < parts.length; at += COMPOUND_PARTS)
          rows.push(...select(parts.slice(at, at + COMPOUND_PARTS)));
        return rows;
      })
      .deferred();
  }

  async queryAllSchools<K extends DocumentType>(query: DocumentQuery<K>): Promise<Stored<DocOf<K>>[]> {
    return this.select(query, undefined);
  }

  private async select<K extends DocumentType>(
    query: DocumentQuery<K>,
    schoolId: string | undefined,
  ): Promise<Stored<DocOf<K>>[]> {
    checkQuery(query);
    // A query is one partition selection (the same clauses and indexes), in id order; across
    // schools (schoolId undefined) without the school's clause.
    const where = query.where ?? {};
    if (query.pairId !== undefined && 'pairId' in where && where.pairId !== query.pairId) return [];
    const part = selectionPart(schoolId, {
      type: query.type,
      ...(query.personId !== undefined ? { personId: query.personId } : {}),
      where: query.pairId !== undefined ? { ...where, pairId: query.pairId } : where,
    });
    return this.run(() =>
      (this.statement(`${part.sql} ORDER BY d.school_id, d.id`).all(...part.params) as Row[]).map((row) =>
        toDocument<DocOf<K>>(row),
      ),
    );
  }

  async ping(): Promise<void> {
    await this.run(() => this.statement('SELECT 1').get());
  }

  async close(): Promise<void> {
    this.statements.clear();
    this.cache.clear();
    this.dataVersion = undefined;
    this.db?.close();
    this.db = undefined;
  }
}

/** A document by its partition, id and type. */
const pointRead = (type: string): string =>
  `SELECT body, version FROM documents WHERE school_id = ? AND id = ? AND type = ${typeLiteral(type)}`;

/**
 * A document type as SQL text, written into the statement rather than bound: types are names
 * from code. Next to the schools' partial index (WHERE type = 'school') a bound type made SQLite
 * mark the statement to be prepared again whenever the value is bound anew — on every run, inside
 * sqlite3_step (measured: the status card's read 48-66 µs with the type written, 176-250 µs bound).
 */
function typeLiteral(type: string): string {
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(type)) throw new StoreError('invalid', 'a document type is letters and digits');
  return `'${type}'`;
}

/** One SELECT of a compound partition read, with its parameters. */
interface QueryPart {
  readonly sql: string;
  readonly params: readonly (string | number)[];
}

/** SELECTs per statement (SQLite allows 500 in a compound; a partition read's parameters stay well below its limit). */
const COMPOUND_PARTS = 100;

/** A document by its type and id: a primary-key look-up (an `id IN (…)` list costs an ephemeral index). */
function pointPart(schoolId: string, type: string, id: string): QueryPart {
  return { sql: pointRead(type), params: [schoolId, id] };
}

/**
 * The documents of one partition selection, by the narrowest index it allows; across schools
 * when `schoolId` is undefined (the schools then by their own partial index, documents_schools,
 * which SQLite uses because the type is written in the statement; other types are rarely asked
 * across schools, and a scan answers them).
 */
function selectionPart(schoolId: string | undefined, selection: PartitionSelection): QueryPart {
  const inSchool = schoolId !== undefined;
  const params: (string | number)[] = inSchool ? [schoolId] : [];
  const clauses: string[] = [...(inSchool ? ['d.school_id = ?'] : []), `d.type = ${typeLiteral(selection.type)}`];
  const columns = new Set<string>();
  for (const [field, value] of Object.entries(selection.where ?? {})) {
    const values: readonly FieldValue[] = Array.isArray(value) ? value : [value as FieldValue];
    // The id and the pair are columns (the body's id and pairId), with indexes; text only for
    // the pair, as the column holds the body's pairId when it is one.
    const column =
      field === 'id'
        ? 'd.id'
        : field === 'pairId' && values.every((v) => typeof v === 'string')
          ? 'd.pair_id'
          : `json_extract(d.body, '$.${field}')`;
    columns.add(column);
    clauses.push(`${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values.map(sqlValue));
  }
  for (const [field, value] of Object.entries(selection.atLeast ?? {})) {
    clauses.push(`json_extract(d.body, '$.${field}') >= ?`);
    params.push(value);
  }
  if (selection.personId !== undefined) {
    // The person's documents by document_people_by_person, then each by the primary key (CROSS
    // JOIN keeps that order: SQLite would otherwise walk every document of the type).
    const from = 'document_people p CROSS JOIN documents d ON d.school_id = p.school_id AND d.id = p.id';
    return {
      sql: `SELECT d.body, d.version FROM ${from} WHERE ${inSchool ? 'p.school_id = ? AND ' : ''}p.person_id = ? AND ${clauses.join(' AND ')}`,
      params: [...(inSchool ? [schoolId] : []), selection.personId, ...params],
    };
  }
  // By ids the primary key; else the narrowest index, named: without statistics SQLite walks the
  // whole partition by its primary key for every selection (measured: a third slower on a digest
  // read, and a pair's visits read every document of the school).
  const index =
    !inSchool || columns.has('d.id')
      ? ''
      : columns.has('d.pair_id')
        ? ' INDEXED BY documents_by_pair'
        : ' INDEXED BY documents_by_type';
  return { sql: `SELECT d.body, d.version FROM documents d${index} WHERE ${clauses.join(' AND ')}`, params };
}

/** A document shared by every reader of the cache: frozen, so no reader can change what the next one gets. */
function frozenDocument(row: Row): Stored<SchoolDocument> {
  return deepFreeze(toDocument<SchoolDocument>(row));
}

function toDocument<T>(row: Row): Stored<T> {
  // The parsed body is a fresh object of this call: give it its version without copying it.
  const doc = JSON.parse(row.body) as T & { version: string };
  doc.version = String(row.version);
  return doc;
}
