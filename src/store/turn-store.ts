/**
 * The store as one turn sees it: a document is read from the store once per turn. A turn reads
 * the same few documents several times — the person's membership (the name refresh, the school
 * check, "did they leave?", the names on the card) and conversation reference (the reference
 * check, the names), the visit (the card, where the card was sent) — each a store round trip.
 * Here the first `read` of a document goes to the store and later reads of it in the same turn
 * get what that read answered; `prefetch` reads several documents of one partition in ONE query
 * (Store.readPartition by id) and answers their later reads, found or absent.
 *
 * What a turn writes is read fresh again: every write through this store forgets the document
 * (before and after it), and so does a write that fails (a conflict means someone else wrote
 * it: readModifyWrite's next attempt reads the current version from the store). Queries and
 * partition reads always go to the store. After `end()` (the turn answered) everything goes to
 * the store: work that runs after the answer (a partner's card) reads what is stored then.
 * Documents handed out are shared by the turn's readers: they are read-only (the entity types
 * say so), as everywhere.
 */
import type { DocumentType, SchoolDocument } from '../domain/entities';
import {
  byIdOnly,
  checkSelections,
  groupByType,
  type CreateOutcome,
  type DocOf,
  type DocumentQuery,
  type PartitionRead,
  type PartitionSelection,
  type Store,
  type StoreKind,
  type Stored,
  type WantedDocument,
} from './store';

interface Remembered {
  readonly type: DocumentType;
  readonly doc: Promise<Stored<SchoolDocument> | undefined>;
}

const keyOf = (schoolId: string, id: string): string => `${schoolId}\u0000${id}`;

export class TurnStore implements Store {
  private readonly remembered = new Map<string, Remembered>();
  private open = true;

  constructor(private readonly inner: Store) {}

  get kind(): StoreKind {
    return this.inner.kind;
  }

  /** The turn answered: from now on every call goes to the store. */
  end(): void {
    this.open = false;
    this.remembered.clear();
  }

  /**
   * Read these documents of one partition in one query, so that the turn's reads of them are
   * answered without the store (an absent one as absent). Already remembered ones are not read again.
   */
  async prefetch(schoolId: string, wanted: readonly WantedDocument[]): Promise<void> {
    if (!this.open) return;
    const missing = wanted.filter((w) => !this.remembered.has(keyOf(schoolId, w.id)));
    if (missing.length === 0) return;
    const idsByType = new Map<DocumentType, string[]>();
    for (const { type, id } of missing) idsByType.set(type, [...(idsByType.get(type) ?? []), id]);
    const read = this.inner.readPartition(
      schoolId,
      [...idsByType].map(([type, ids]) => ({ type, where: { id: ids } })),
    );
    for (const { type, id } of missing) {
      const doc = read.then((found) =>
        (found[type] as readonly Stored<SchoolDocument>[]).find((d) => d.id === id && d.schoolId === schoolId),
      );
      this.rememberRead(schoolId, type, id, doc);
    }
    await read;
  }

  private rememberRead(
    schoolId: string,
    type: DocumentType,
    id: string,
    doc: Promise<Stored<SchoolDocument> | undefined>,
  ): void {
    const key = keyOf(schoolId, id);
    const entry: Remembered = { type, doc };
    this.remembered.set(key, entry);
    // A failed read is not remembered: the next read asks the store again.
    doc.catch(() => {
      if (this.remembered.get(key) === entry) this.remembered.delete(key);
    });
  }

  private forget(schoolId: string, id: string): void {
    this.remembered.delete(keyOf(schoolId, id));
  }

  /** A write: forget the document before it and after it (whatever the outcome). */
  private async writing<T>(schoolId: string, id: string, write: () => Promise<T>): Promise<T> {
    this.forget(schoolId, id);
    try {
      return await write();
    } finally {
      this.forget(schoolId, id);
    }
  }

  init(): Promise<void> {
    return this.inner.init();
  }

  read<K extends DocumentType>(schoolId: string, type: K, id: string): Promise<Stored<DocOf<K>> | undefined> {
    if (!this.open) return this.inner.read(schoolId, type, id);
    const known = this.remembered.get(keyOf(schoolId, id));
    if (known && known.type === type) return known.doc as Promise<Stored<DocOf<K>> | undefined>;
    const doc = this.inner.read(schoolId, type, id);
    if (!known) this.rememberRead(schoolId, type, id, doc as Promise<Stored<SchoolDocument> | undefined>);
    return doc;
  }

  create<T extends SchoolDocument>(doc: T): Promise<Stored<T>> {
    return this.writing(doc.schoolId, doc.id, () => this.inner.create(doc));
  }

  async createEach<T extends SchoolDocument>(docs: readonly T[]): Promise<CreateOutcome<T>[]> {
    for (const doc of docs) this.forget(doc.schoolId, doc.id);
    try {
      return await this.inner.createEach(docs);
    } finally {
      for (const doc of docs) this.forget(doc.schoolId, doc.id);
    }
  }

  replace<T extends SchoolDocument>(doc: Stored<T>): Promise<Stored<T>> {
    return this.writing(doc.schoolId, doc.id, () => this.inner.replace(doc));
  }

  upsert<T extends SchoolDocument>(doc: T): Promise<Stored<T>> {
    return this.writing(doc.schoolId, doc.id, () => this.inner.upsert(doc));
  }

  delete(schoolId: string, id: string, version?: string): Promise<void> {
    return this.writing(schoolId, id, () => this.inner.delete(schoolId, id, version));
  }

  query<K extends DocumentType>(schoolId: string, query: DocumentQuery<K>): Promise<Stored<DocOf<K>>[]> {
    return this.inner.query(schoolId, query);
  }

  /**
   * A partition read of documents by id only (`where: { id }`, nothing else) is answered from
   * what the turn read already, and reads only the others (in one query); any other partition
   * read goes to the store.
   */
  async readPartition<K extends DocumentType>(
    schoolId: string,
    selections: readonly PartitionSelection<K>[],
  ): Promise<PartitionRead<K>> {
    const wanted = this.open ? byIdOnly(selections) : undefined;
    if (!wanted) return this.inner.readPartition(schoolId, selections);
    checkSelections(selections);
    await this.prefetch(
      schoolId,
      wanted.filter((w) => this.remembered.get(keyOf(schoolId, w.id))?.type !== w.type),
    );
    const docs = await Promise.all(wanted.map((w) => this.read(schoolId, w.type, w.id)));
    return groupByType(
      selections,
      docs.filter((doc): doc is Stored<SchoolDocument> => doc !== undefined),
    );
  }

  queryAllSchools<K extends DocumentType>(query: DocumentQuery<K>): Promise<Stored<DocOf<K>>[]> {
    return this.inner.queryAllSchools(query);
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
