/**
 * A Store that counts every call by operation (and, for partition-scoped calls, by the kind of
 * partition: a school's or a tenant's) and the time spent waiting for it, and delegates: the job
 * benches report store operations per school with it.
 */
import { performance } from 'node:perf_hooks';
import type { Store } from '../src/store/store';

export class CountingStore implements Store {
  counts: Record<string, number> = {};
  /** Milliseconds spent waiting for the store, by operation. */
  millis: Record<string, number> = {};
  createEachDocuments = 0;

  /** `partitionKind` names a partition for the counts, e.g. "school" or "tenant". */
  constructor(
    private readonly inner: Store,
    private readonly partitionKind: (partition: string) => string = () => 'school',
  ) {}

  get kind() {
    return this.inner.kind;
  }

  private count<T>(op: string, call: () => Promise<T>): Promise<T> {
    this.counts[op] = (this.counts[op] ?? 0) + 1;
    const start = performance.now();
    return call().finally(() => {
      this.millis[op] = (this.millis[op] ?? 0) + performance.now() - start;
    });
  }

  private in(op: string, partition: string): string {
    return `${op}:${this.partitionKind(partition)}`;
  }

  total(): number {
    return Object.values(this.counts).reduce((a, b) => a + b, 0);
  }

  reset(): void {
    this.counts = {};
    this.millis = {};
    this.createEachDocuments = 0;
  }

  init() {
    return this.inner.init();
  }
  create: Store['create'] = (doc) => this.count(this.in('create', doc.schoolId), () => this.inner.create(doc));
  /** One operation (one commit on SQLite); `createEachDocuments` counts the documents it was given. */
  createEach: Store['createEach'] = (docs) => {
    this.createEachDocuments += docs.length;
    return this.count(this.in('createEach', docs[0]?.schoolId ?? ''), () => this.inner.createEach(docs));
  };
  read: Store['read'] = (schoolId, type, id) =>
    this.count(this.in('read', schoolId), () => this.inner.read(schoolId, type, id));
  replace: Store['replace'] = (doc) => this.count(this.in('replace', doc.schoolId), () => this.inner.replace(doc));
  upsert: Store['upsert'] = (doc) => this.count(this.in('upsert', doc.schoolId), () => this.inner.upsert(doc));
  delete: Store['delete'] = (schoolId, id, version) =>
    this.count(this.in('delete', schoolId), () => this.inner.delete(schoolId, id, version));
  query: Store['query'] = (schoolId, query) =>
    this.count(this.in('query', schoolId), () => this.inner.query(schoolId, query));
  readPartition: Store['readPartition'] = (schoolId, selections) =>
    this.count(this.in('readPartition', schoolId), () => this.inner.readPartition(schoolId, selections));
  queryAllSchools: Store['queryAllSchools'] = (query) =>
    this.count('queryAllSchools', () => this.inner.queryAllSchools(query));
  ping() {
    return this.inner.ping();
  }
  close() {
    return this.inner.close();
  }
}
