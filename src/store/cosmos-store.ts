/**
 * Cosmos DB adapter of the Store port, on @azure/cosmos.
 *
 * One container partitioned by `/schoolId`: every document of a school lives in one logical
 * partition, so every request of a teacher is a single-partition operation. The document's
 * `_etag` is its `version`; replace and versioned delete send it as an If-Match condition.
 * The SDK's own throttling retries are switched off so that one policy (withRetry) decides:
 * 429/503/408/449 and network failures are retried with backoff honouring the server's
 * retry-after; everything else becomes a typed StoreError.
 */
import https from 'node:https';
import { CosmosClient, type Container, type CosmosClientOptions, type SqlParameter } from '@azure/cosmos';
import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import type { DocumentType, SchoolDocument } from '../domain/entities';
import { DEFAULT_RETRY, withRetry, type RetryPolicy, type TransientVerdict } from './retry';
import {
  byIdOnly,
  checkDocument,
  checkQuery,
  checkSelections,
  groupByType,
  isDocumentId,
  isStoreError,
  StoreError,
  type CreateOutcome,
  type DocOf,
  type DocumentQuery,
  type FieldValue,
  type PartitionRead,
  type PartitionSelection,
  type Store,
  type Stored,
  type WantedDocument,
} from './store';

export interface CosmosStoreOptions {
  /** The account endpoint, e.g. https://my-account.documents.azure.com:443/. */
  readonly endpoint: string;
  /** Account key; absent or empty: authenticate with `credential` or DefaultAzureCredential (managed identity). */
  readonly key?: string;
  readonly database: string;
  readonly container: string;
  /** Accept a self-signed certificate (a local emulator in tests). Never in production. */
  readonly allowSelfSigned?: boolean;
  readonly retry?: RetryPolicy;
  /** Token credential when no key is given; defaults to `new DefaultAzureCredential()`. */
  readonly credential?: TokenCredential;
  /** Only for tests: the pause between retries. */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** System properties Cosmos DB adds to every document; never exposed to the app. */
const SYSTEM_PROPERTIES = ['_rid', '_self', '_ts', '_attachments', '_etag', '_lsn'] as const;

const TRANSIENT_STATUS = new Set([408, 429, 449, 503]);
const TRANSIENT_NETWORK = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'REQUEST_SEND_ERROR',
  'TimeoutError',
]);

interface CosmosLikeError {
  code?: number | string;
  statusCode?: number;
  substatus?: number;
  retryAfterInMs?: number;
  retryAfterInMilliseconds?: number;
  name?: string;
  message?: string;
  cause?: unknown;
}

function statusOf(error: unknown): number | undefined {
  const e = error as CosmosLikeError | undefined;
  if (typeof e?.code === 'number') return e.code;
  if (typeof e?.statusCode === 'number') return e.statusCode;
  return undefined;
}

function networkCodeOf(error: unknown): string | undefined {
  // Network errors arrive bare or wrapped (RestError / AbortError with a cause); look a few levels deep.
  let current = error as CosmosLikeError | undefined;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    if (typeof current.code === 'string' && TRANSIENT_NETWORK.has(current.code)) return current.code;
    if (current.name === 'TimeoutError') return 'TimeoutError';
    current = current.cause as CosmosLikeError | undefined;
  }
  return undefined;
}

/** Which Cosmos DB failures are worth another try, and how long the server asked us to wait. */
export function classifyCosmosError(error: unknown): TransientVerdict {
  if (error instanceof StoreError) return { transient: false };
  const status = statusOf(error);
  if (status !== undefined && TRANSIENT_STATUS.has(status)) {
    const e = error as CosmosLikeError;
    const retryAfterMs = e.retryAfterInMs ?? e.retryAfterInMilliseconds;
    return retryAfterMs !== undefined && Number.isFinite(retryAfterMs)
      ? { transient: true, retryAfterMs }
      : { transient: true };
  }
  return { transient: networkCodeOf(error) !== undefined };
}

function describe(error: unknown): string {
  const status = statusOf(error);
  const message = (error as Error | undefined)?.message ?? String(error);
  const firstLine = message.split('\n')[0]?.slice(0, 300) ?? '';
  return status === undefined ? firstLine : `${status}: ${firstLine}`;
}

/** Turns what is left after retries into a typed StoreError. */
function toStoreError(error: unknown, what: string): StoreError {
  if (error instanceof StoreError) return error;
  const status = statusOf(error);
  switch (status) {
    case 409:
      return new StoreError('exists', `${what}: exists already`, error);
    case 412:
      return new StoreError('conflict', `${what}: was changed by someone else`, error);
    case 404:
      return new StoreError('not_found', `${what}: not found`, error);
    case 400:
    case 413:
      return new StoreError('invalid', `${what}: refused by Cosmos DB (${describe(error)})`, error);
    default:
      return new StoreError('unavailable', `${what}: Cosmos DB failed (${describe(error)})`, error);
  }
}

function withoutVersion<T extends { version?: string }>(doc: T): Omit<T, 'version'> {
  const { version: _version, ...rest } = doc;
  return rest;
}

function toStored<T>(resource: Record<string, unknown>): Stored<T> {
  const etag = resource._etag;
  const doc: Record<string, unknown> = { ...resource };
  for (const name of SYSTEM_PROPERTIES) delete doc[name];
  delete doc.version;
  if (typeof etag !== 'string' || etag === '') {
    throw new StoreError('unavailable', `Cosmos DB returned document ${String(resource.id)} without an _etag`);
  }
  return { ...(doc as T), version: etag };
}

function compareDocs(a: { schoolId: string; id: string }, b: { schoolId: string; id: string }): number {
  if (a.schoolId !== b.schoolId) return a.schoolId < b.schoolId ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

export class CosmosStore implements Store {
  readonly kind = 'cosmos' as const;
  private readonly client: CosmosClient;
  private readonly agent: https.Agent | undefined;
  private readonly retry: RetryPolicy;
  private containerRef: Container | undefined;
  private closed = false;

  constructor(private readonly options: CosmosStoreOptions) {
    if (!options.endpoint) throw new StoreError('invalid', 'CosmosStore needs an endpoint');
    if (!options.database || !options.container)
      throw new StoreError('invalid', 'CosmosStore needs a database and a container name');
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.agent = options.allowSelfSigned ? new https.Agent({ rejectUnauthorized: false, keepAlive: true }) : undefined;
    const clientOptions: CosmosClientOptions = {
      endpoint: options.endpoint,
      ...(options.key ? { key: options.key } : { aadCredentials: options.credential ?? new DefaultAzureCredential() }),
      ...(this.agent ? { agent: this.agent } : {}),
      userAgentSuffix: 'tweetal',
      connectionPolicy: {
        // One retry policy for the whole app: ours, which honours retry-after too.
        retryOptions: { maxRetryAttemptCount: 0, fixedRetryIntervalInMilliseconds: 0, maxWaitTimeInSeconds: 0 },
      },
    };
    this.client = new CosmosClient(clientOptions);
  }

  /** Creates the database and the container (partition key /schoolId) when absent. */
  async init(): Promise<void> {
    if (this.containerRef) return;
    const { database, container } = this.options;
    try {
      const { database: db } = await this.retrying(() => this.client.databases.createIfNotExists({ id: database }));
      const { container: created, resource } = await this.retrying(() =>
        db.containers.createIfNotExists({ id: container, partitionKey: { paths: ['/schoolId'] } }),
      );
      const paths = resource?.partitionKey?.paths ?? [];
      if (paths.length !== 1 || paths[0] !== '/schoolId') {
        throw new StoreError(
          'invalid',
          `Cosmos DB container ${database}/${container} must be partitioned by /schoolId (it is by ${paths.join(', ') || 'nothing'})`,
        );
      }
      this.containerRef = created;
    } catch (error) {
      // With managed identity, data-plane RBAC cannot create databases: infra/ creates them.
      throw toStoreError(error, `opening Cosmos DB container ${database}/${container}`);
    }
  }

  private get container(): Container {
    if (this.closed || !this.containerRef)
      throw new StoreError('unavailable', 'the Cosmos DB store is not open (call init())');
    return this.containerRef;
  }

  private retrying<T>(operation: () => Promise<T>): Promise<T> {
    return withRetry(operation, classifyCosmosError, this.retry, this.options.sleep);
  }

  private async run<T>(what: string, operation: (container: Container) => Promise<T>): Promise<T> {
    const container = this.container;
    try {
      return await this.retrying(() => operation(container));
    } catch (error) {
      throw toStoreError(error, what);
    }
  }

  async create<T extends SchoolDocument>(doc: T): Promise<Stored<T>> {
    checkDocument(doc);
    const body = withoutVersion(doc as T & { version?: string });
    return this.run(`create ${doc.type} ${doc.id}`, async (container) => {
      const { resource } = await container.items.create(body);
      return toStored<T>(resource as unknown as Record<string, unknown>);
    });
  }

  async createEach<T extends SchoolDocument>(docs: readonly T[]): Promise<CreateOutcome<T>[]> {
    for (const doc of docs) checkDocument(doc);
    // One create request per document (a transactional batch would fail whole on one taken id).
    return Promise.all(
      docs.map(async (doc): Promise<CreateOutcome<T>> => {
        try {
          return { created: await this.create(doc) };
        } catch (error) {
          if (isStoreError(error, 'exists')) return { exists: true };
          throw error;
        }
      }),
    );
  }

  async read<K extends DocumentType>(schoolId: string, type: K, id: string): Promise<Stored<DocOf<K>> | undefined> {
    return this.run(`read ${type} ${id}`, async (container) => {
      try {
        const { resource } = await container.item(id, schoolId).read<Record<string, unknown>>();
        if (!resource || resource.type !== type) return undefined;
        return toStored<DocOf<K>>(resource);
      } catch (error) {
        if (statusOf(error) === 404) return undefined;
        throw error;
      }
    });
  }

  async replace<T extends SchoolDocument>(doc: Stored<T>): Promise<Stored<T>> {
    checkDocument(doc);
    if (typeof doc.version !== 'string' || doc.version === '') {
      throw new StoreError('invalid', `replace ${doc.type} ${doc.id}: the document has no version (read it first)`);
    }
    const body = withoutVersion(doc);
    return this.run(`replace ${doc.type} ${doc.id}`, async (container) => {
      const { resource } = await container
        .item(doc.id, doc.schoolId)
        .replace(body, { accessCondition: { type: 'IfMatch', condition: doc.version } });
      return toStored<T>(resource as unknown as Record<string, unknown>);
    });
  }

  async upsert<T extends SchoolDocument>(doc: T): Promise<Stored<T>> {
    checkDocument(doc);
    const body = withoutVersion(doc as T & { version?: string });
    return this.run(`upsert ${doc.type} ${doc.id}`, async (container) => {
      const { resource } = await container.items.upsert(body);
      return toStored<T>(resource as unknown as Record<string, unknown>);
    });
  }

  async delete(schoolId: string, id: string, version?: string): Promise<void> {
    await this.run(`delete ${id}`, async (container) => {
      try {
        await container
          .item(id, schoolId)
          .delete(version === undefined ? undefined : { accessCondition: { type: 'IfMatch', condition: version } });
      } catch (error) {
        if (statusOf(error) === 404) return; // absent is not an error
        throw error;
      }
    });
  }

  query<K extends DocumentType>(schoolId: string, query: DocumentQuery<K>): Promise<Stored<DocOf<K>>[]> {
    return this.select(query, schoolId);
  }

  queryAllSchools<K extends DocumentType>(query: DocumentQuery<K>): Promise<Stored<DocOf<K>>[]> {
    return this.select(query, undefined);
  }

  async readPartition<K extends DocumentType>(
    schoolId: string,
    selections: readonly PartitionSelection<K>[],
  ): Promise<PartitionRead<K>> {
    const byId = byIdOnly(selections);
    if (byId) return this.readByIds(schoolId, selections, byId);
    checkSelections(selections);
    const parameters: SqlParameter[] = [{ name: '@schoolId', value: schoolId }];
    const parameter = (value: FieldValue): string => {
      const name = `@p${parameters.length}`;
      parameters.push({ name, value });
      return name;
    };
    // checkSelections allows only letters and digits in field names, so the brackets are safe.
    const alternatives = selections.map((selection) => {
      const parts = [`c.type = ${parameter(selection.type)}`];
      for (const [field, value] of Object.entries(selection.where ?? {})) {
        const values: readonly FieldValue[] = Array.isArray(value) ? value : [value as FieldValue];
        parts.push(`c["${field}"] IN (${values.map(parameter).join(', ')})`);
      }
      for (const [field, value] of Object.entries(selection.atLeast ?? {})) {
        parts.push(`c["${field}"] >= ${parameter(value)}`);
      }
      if (selection.personId !== undefined) parts.push(`ARRAY_CONTAINS(c.personIds, ${parameter(selection.personId)})`);
      return `(${parts.join(' AND ')})`;
    });
    const sql = `SELECT * FROM c WHERE c.schoolId = @schoolId AND (${alternatives.join(' OR ')})`;
    return this.run(`read the partition of school ${schoolId}`, async (container) => {
      // One single-partition query; a dynamic page size keeps it to one round trip up to 4 MB.
      const { resources } = await container.items
        .query<Record<string, unknown>>({ query: sql, parameters }, { partitionKey: schoolId, maxItemCount: -1 })
        .fetchAll();
      return groupByType(
        selections,
        resources.map((resource) => toStored<SchoolDocument>(resource)),
      );
    });
  }

  /**
   * A partition read of documents by id only (a turn's look-ups, src/store/turn-store.ts): point
   * reads of those documents side by side — one round trip and 1 RU each, where a query would
   * cost a query-plan request, a query and more request units.
   */
  private async readByIds<K extends DocumentType>(
    schoolId: string,
    selections: readonly PartitionSelection<K>[],
    wanted: readonly WantedDocument[],
  ): Promise<PartitionRead<K>> {
    const found = await Promise.all(
      wanted.map(({ type, id }) => (isDocumentId(id) ? this.read(schoolId, type, id) : Promise.resolve(undefined))),
    );
    return groupByType(
      selections,
      found.filter((doc): doc is Stored<SchoolDocument> => doc !== undefined),
    );
  }

  private async select<K extends DocumentType>(
    query: DocumentQuery<K>,
    schoolId: string | undefined,
  ): Promise<Stored<DocOf<K>>[]> {
    checkQuery(query);
    const clauses = ['c.type = @type'];
    const parameters: SqlParameter[] = [{ name: '@type', value: query.type }];
    if (schoolId !== undefined) {
      clauses.push('c.schoolId = @schoolId');
      parameters.push({ name: '@schoolId', value: schoolId });
    }
    if (query.pairId !== undefined) {
      clauses.push('c.pairId = @pairId');
      parameters.push({ name: '@pairId', value: query.pairId });
    }
    if (query.personId !== undefined) {
      clauses.push('ARRAY_CONTAINS(c.personIds, @personId)');
      parameters.push({ name: '@personId', value: query.personId });
    }
    Object.entries(query.where ?? {}).forEach(([field, value], index) => {
      // checkQuery allows only letters and digits in field names, so the bracket is safe.
      clauses.push(`c["${field}"] = @w${index}`);
      parameters.push({ name: `@w${index}`, value });
    });
    const sql = `SELECT * FROM c WHERE ${clauses.join(' AND ')}`;
    const where = schoolId === undefined ? 'all schools' : `school ${schoolId}`;
    return this.run(`query ${query.type} in ${where}`, async (container) => {
      const { resources } = await container.items
        .query<Record<string, unknown>>(
          { query: sql, parameters },
          schoolId === undefined ? {} : { partitionKey: schoolId },
        )
        .fetchAll();
      return resources.map((resource) => toStored<DocOf<K>>(resource)).sort(compareDocs);
    });
  }

  async ping(): Promise<void> {
    await this.run('ping', async (container) => {
      await container.read();
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.client.dispose();
    this.agent?.destroy();
  }
}
