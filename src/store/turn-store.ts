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
 * it: readModifyWrite's next attempt reads the current version from the store). After `end()`
 * (the turn answered) everything goes to the store: work that runs after the answer (a
 * partner's card) reads what is stored then. Documents handed out are shared by the turn's
 * readers: they are read-only (the entity types say so), as everywhere.
 *
 * The read plan (issue 12): the store notes, per partition, what the turn read there — documents
 * by id and the other selections — as ids and field values only (never a document's text). The
 * bot keeps the plan of a turn of one kind (src/teams/read-plans.ts) and hands it to `readAhead`
 * at the start of the next such turn: each partition of the plan in ONE partition read, at the
 * turn's start as the turn's own reads would be. A later partition read (or query: the
 * partition read of one selection) is answered from the read ahead only when, for every type it
 * selects, it asks for exactly what was read ahead of that type (the same selections, or
 * documents by id that were read); anything else goes to the store. A write in a partition
 * forgets what was read ahead of it by selection there. The plan is only a guess: a pair that
 * changed since costs a read more, never a wrong answer.
 */
import type { DocumentType, SchoolDocument } from '../domain/entities';
import {
  byIdOnly,
  checkQuery,
  checkSelections,
  documentKey,
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
import { selectionKey, selectionsKey } from './selection-key';

interface Remembered {
  readonly type: DocumentType;
  readonly doc: Promise<Stored<SchoolDocument> | undefined>;
}

/** What a turn read from one partition (ids and field values only). */
export interface PartitionPlan {
  readonly schoolId: string;
  readonly wanted: readonly WantedDocument[];
  readonly selections: readonly PartitionSelection[];
}

/** The partitions a turn read, in the order it first read them. */
export type ReadPlan = readonly PartitionPlan[];

/** Bounds of a plan: a turn that reads more than this reads the rest as it goes. */
export const READ_PLAN_LIMITS = { partitions: 4, wantedPerPartition: 32, selectionsPerPartition: 16 } as const;

interface Noted {
  readonly wanted: (readonly WantedDocument[])[];
  readonly selections: (readonly PartitionSelection[])[];
}

/** Reads of one partition noted per turn, before they are told apart (a runaway turn stops adding). */
const NOTED_READS = 256;

/** The documents read ahead of one type by selection, and which selections they answer. */
interface Selected {
  readonly selections: string;
  readonly docs: Promise<readonly Stored<SchoolDocument>[]>;
}

/** The partition selection that asks for what a query asks for (the same documents, in the same id order). */
const selectionOfQuery = <K extends DocumentType>({
  type,
  pairId,
  personId,
  where,
}: DocumentQuery<K>): PartitionSelection<K> => ({
  type,
  ...(personId !== undefined ? { personId } : {}),
  ...(where !== undefined || pairId !== undefined
    ? { where: { ...where, ...(pairId !== undefined ? { pairId } : {}) } }
    : {}),
});

/** Documents by id as partition selections, one per type (`where: { id: [...] }`). */
function byIdSelections(wanted: readonly WantedDocument[]): PartitionSelection[] {
  const idsByType = new Map<DocumentType, string[]>();
  for (const { type, id } of wanted) {
    const ids = idsByType.get(type);
    if (ids) ids.push(id);
    else idsByType.set(type, [id]);
  }
  return [...idsByType].map(([type, ids]) => ({ type, where: { id: ids } }));
}

const byType = (selections: readonly PartitionSelection[]): Map<DocumentType, PartitionSelection[]> => {
  const grouped = new Map<DocumentType, PartitionSelection[]>();
  for (const selection of selections) {
    const ofType = grouped.get(selection.type);
    if (ofType) ofType.push(selection);
    else grouped.set(selection.type, [selection]);
  }
  return grouped;
};

export class TurnStore implements Store {
  private readonly remembered = new Map<string, Remembered>();
  /** Per partition, per type: what was read ahead by selection (forgotten at a write there). */
  private readonly selected = new Map<string, Map<DocumentType, Selected>>();
  /** Per partition: what the turn read there (its read plan). */
  private readonly noted = new Map<string, Noted>();
  private open = true;

  constructor(private readonly inner: Store) {}

  get kind(): StoreKind {
    return this.inner.kind;
  }

  /** The turn answered: from now on every call goes to the store. */
  end(): void {
    this.open = false;
    this.remembered.clear();
    this.selected.clear();
  }

  /** What this turn read so far, per partition: the plan for the next such turn. */
  readPlan(): ReadPlan {
    return [...this.noted].flatMap(([schoolId, noted]) => {
      const wanted = new Map<string, WantedDocument>();
      for (const read of noted.wanted)
        for (const w of read)
          if (wanted.size < READ_PLAN_LIMITS.wantedPerPartition) wanted.set(`${w.type}\u0000${w.id}`, w);
      const selections = new Map<string, PartitionSelection>();
      for (const read of noted.selections)
        for (const selection of read)
          if (selections.size < READ_PLAN_LIMITS.selectionsPerPartition)
            selections.set(selectionKey(selection), selection);
      return wanted.size + selections.size === 0
        ? []
        : [{ schoolId, wanted: [...wanted.values()], selections: [...selections.values()] }];
    });
  }

  /**
   * Reads each partition of the plan in one partition read (the partitions side by side), so
   * that the turn's reads of what it names are answered without the store. A read ahead that
   * fails is forgotten: the turn's own reads ask the store again (and meet its error there).
   */
  async readAhead(plan: ReadPlan): Promise<void> {
    if (!this.open) return;
    await Promise.all(plan.map((partition) => this.readPartitionAhead(partition).catch(() => undefined)));
  }

  private async readPartitionAhead({ schoolId, wanted, selections }: PartitionPlan): Promise<void> {
    const missing = wanted.filter((w) => !this.remembered.has(documentKey(schoolId, w.id)));
    const byId = byIdSelections(missing);
    if (byId.length + selections.length === 0) return;
    // The plan's own list when nothing is read by id: the same list each turn, its key made once.
    const read = this.inner.readPartition(schoolId, byId.length === 0 ? selections : [...byId, ...selections]);
    this.rememberEach(schoolId, missing, read);
    // A type also read by id here has more documents than its selections ask for: not kept.
    const ofSchool = this.selected.get(schoolId) ?? new Map<DocumentType, Selected>();
    this.selected.set(schoolId, ofSchool);
    for (const [type, ofType] of byType(selections)) {
      if (byId.some((selection) => selection.type === type)) continue;
      const entry: Selected = {
        selections: selectionsKey(ofType),
        docs: read.then((found) => found[type] as readonly Stored<SchoolDocument>[]),
      };
      ofSchool.set(type, entry);
      entry.docs.catch(() => {
        if (ofSchool.get(type) === entry) ofSchool.delete(type);
      });
    }
    await read;
  }

  /** Notes a read of the turn for its plan (made into the plan at `readPlan`). */
  private note(schoolId: string, wanted: readonly WantedDocument[], selections?: readonly PartitionSelection[]): void {
    let noted = this.noted.get(schoolId);
    if (!noted) {
      if (this.noted.size >= READ_PLAN_LIMITS.partitions) return;
      noted = { wanted: [], selections: [] };
      this.noted.set(schoolId, noted);
    }
    // The same documents are read several times a turn: kept as read, told apart in readPlan.
    if (wanted.length > 0 && noted.wanted.length < NOTED_READS) noted.wanted.push(wanted);
    if (selections && noted.selections.length < NOTED_READS) noted.selections.push(selections);
  }

  /** A partition read answered from what was read ahead and read by id, else undefined. */
  private answered<K extends DocumentType>(
    schoolId: string,
    selections: readonly PartitionSelection<K>[],
  ): Promise<PartitionRead<K>> | undefined {
    const ofSchool = this.selected.get(schoolId);
    const parts: Promise<readonly (Stored<SchoolDocument> | undefined)[]>[] = [];
    for (const [type, ofType] of byType(selections)) {
      const wanted = byIdOnly(ofType);
      if (wanted) {
        const known = wanted.map((w) => this.remembered.get(documentKey(schoolId, w.id)));
        if (known.some((k) => k?.type !== type)) return undefined;
        parts.push(Promise.all(known.map((k) => k!.doc)));
        continue;
      }
      const entry = ofSchool?.get(type);
      if (!entry || entry.selections !== selectionsKey(ofType)) return undefined;
      parts.push(entry.docs);
    }
    return Promise.all(parts).then((found) =>
      groupByType(
        selections,
        found.flat().filter((doc): doc is Stored<SchoolDocument> => doc !== undefined),
      ),
    );
  }

  /**
   * Read these documents of one partition in one query, so that the turn's reads of them are
   * answered without the store (an absent one as absent). Already remembered ones are not read again.
   */
  async prefetch(schoolId: string, wanted: readonly WantedDocument[]): Promise<void> {
    if (!this.open) return;
    this.note(schoolId, wanted);
    const missing = wanted.filter((w) => !this.remembered.has(documentKey(schoolId, w.id)));
    if (missing.length === 0) return;
    const read = this.inner.readPartition(schoolId, byIdSelections(missing));
    this.rememberEach(schoolId, missing, read);
    await read;
  }

  /** Remembers each wanted document as what the partition read finds of it (absent when not found). */
  private rememberEach(
    schoolId: string,
    wanted: readonly WantedDocument[],
    read: Promise<PartitionRead<DocumentType>>,
  ): void {
    for (const { type, id } of wanted) {
      const doc = read.then((found) =>
        (found[type] as readonly Stored<SchoolDocument>[]).find((d) => d.id === id && d.schoolId === schoolId),
      );
      this.rememberRead(schoolId, type, id, doc);
    }
  }

  private rememberRead(
    schoolId: string,
    type: DocumentType,
    id: string,
    doc: Promise<Stored<SchoolDocument> | undefined>,
  ): void {
    const key = documentKey(schoolId, id);
    const entry: Remembered = { type, doc };
    this.remembered.set(key, entry);
    // A failed read is not remembered: the next read asks the store again.
    doc.catch(() => {
      if (this.remembered.get(key) === entry) this.remembered.delete(key);
    });
  }

  /** A write in the partition: the document is read fresh again, and so is every selection there. */
  private forget(schoolId: string, id: string): void {
    this.remembered.delete(documentKey(schoolId, id));
    this.selected.delete(schoolId);
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
    this.note(schoolId, [{ type, id }]);
    const known = this.remembered.get(documentKey(schoolId, id));
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

  /** A query is the partition read of one selection: noted and answered as one (see readPartition). */
  async query<K extends DocumentType>(schoolId: string, query: DocumentQuery<K>): Promise<Stored<DocOf<K>>[]> {
    if (!this.open) return this.inner.query(schoolId, query);
    checkQuery(query);
    const selection = selectionOfQuery(query);
    this.note(schoolId, [], [selection]);
    const answered = this.answered(schoolId, [selection]);
    return answered ? ((await answered)[query.type] as Stored<DocOf<K>>[]) : this.inner.query(schoolId, query);
  }

  /**
   * A partition read of documents by id only (`where: { id }`, nothing else) is answered from
   * what the turn read already, and reads only the others (in one query); any other partition
   * read is answered from what was read ahead when it asks for exactly that (see above), else
   * it goes to the store.
   */
  async readPartition<K extends DocumentType>(
    schoolId: string,
    selections: readonly PartitionSelection<K>[],
  ): Promise<PartitionRead<K>> {
    if (!this.open) return this.inner.readPartition(schoolId, selections);
    checkSelections(selections);
    const wanted = byIdOnly(selections);
    if (!wanted) {
      for (const [, ofType] of byType(selections)) {
        const ids = byIdOnly(ofType);
        if (ids) this.note(schoolId, ids);
        else this.note(schoolId, [], ofType);
      }
      return this.answered(schoolId, selections) ?? this.inner.readPartition(schoolId, selections);
    }
    await this.prefetch(
      schoolId,
      wanted.filter((w) => this.remembered.get(documentKey(schoolId, w.id))?.type !== w.type),
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
