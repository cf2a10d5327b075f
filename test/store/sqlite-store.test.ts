import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import sinon from 'sinon';
import { SqliteStore } from '../../src/store/sqlite-store';
import { isStoreError, type Store } from '../../src/store/store';
import { buildCycle, buildNudge, buildPair, buildProgramme, buildSchool, buildVisit } from './builders';
import { storeContract } from './contract';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'tweetal-sqlite-'));
}

storeContract('SqliteStore (file in a temp dir)', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'nested', 'tweetal.db');
  let current: Store = new SqliteStore(file);
  await current.init();
  return {
    store: current,
    reopen: async () => {
      await current.close();
      current = new SqliteStore(file);
      await current.init();
      return current;
    },
    cleanup: async () => {
      await current.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});

storeContract('SqliteStore (:memory:)', async () => {
  const store = new SqliteStore(':memory:');
  await store.init();
  // An in-memory database does not outlive its connection; "reopen" here only proves the
  // store stays usable, the file-based run above proves durability.
  return { store, reopen: async () => store, cleanup: () => store.close() };
});

describe('SqliteStore', () => {
  let dir: string;

  beforeEach(() => {
    dir = tempDir();
  });

  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('should answer a partition read with one statement: by ids, by person, pair and field alike (issue 12)', async () => {
    const selects: string[] = [];
    const store = new SqliteStore(path.join(dir, 'reads.db'), undefined, {
      onStatement: (sql) => /^\s*SELECT/i.test(sql) && selects.push(sql),
    });
    await store.init();
    await store.create(buildProgramme());
    await store.create(buildPair());
    await store.create(
      buildPair({ id: 'pair-2', pairId: 'pair-2', memberIds: ['carl', 'dina'], personIds: ['carl', 'dina'] }),
    );
    await store.create(buildCycle());
    for (let n = 1; n <= 3; n++) await store.create(buildVisit({ id: `visit-${n}`, sequence: n }));
    const school = buildPair().schoolId;

    selects.length = 0;
    const byIds = await store.readPartition(school, [
      { type: 'pair', where: { id: ['pair-1', 'pair-2', 'nobody'] } },
      { type: 'cycle', where: { id: 'cycle-1' } },
    ]);
    assert.deepEqual(
      byIds.pair.map((p) => p.id),
      ['pair-1', 'pair-2'],
    );
    assert.deepEqual(
      byIds.cycle.map((c) => c.id),
      ['cycle-1'],
    );
    assert.equal(selects.length, 1, `one statement for the look-ups, not one each: ${selects.join(' | ')}`);

    selects.length = 0;
    const mixed = await store.readPartition(school, [
      { type: 'pair', personId: 'anna', where: { status: 'active' } },
      { type: 'programme', where: { status: 'active' } },
      { type: 'visit', where: { pairId: 'pair-1' } },
    ]);
    assert.deepEqual(
      mixed.pair.map((p) => p.id),
      ['pair-1'],
    );
    assert.deepEqual(
      mixed.programme.map((p) => p.id),
      ['programme-1'],
    );
    assert.deepEqual(
      mixed.visit.map((v) => v.id),
      ['visit-1', 'visit-2', 'visit-3'],
    );
    assert.equal(
      selects.length,
      1,
      `one statement for three selections, no transaction around three: ${selects.join(' | ')}`,
    );
    await store.close();
  });

  it('should replace a document without touching its indexes or people when those stay the same, and rewrite them when they change', async () => {
    const writes: string[] = [];
    const store = new SqliteStore(path.join(dir, 'replace.db'), undefined, {
      onStatement: (sql) => /^\s*(UPDATE|INSERT|DELETE)/i.test(sql) && writes.push(sql.replace(/\s+/g, ' ')),
    });
    await store.init();
    const school = buildVisit().schoolId;
    const created = await store.create(buildVisit({ id: 'visit-1' }));
    writes.length = 0;
    const replaced = await store.replace({ ...created, lesson: '4 vwo' });
    assert.equal(writes.length, 1, `one statement, the row only: ${writes.join(' | ')}`);
    assert.match(writes[0]!, /^UPDATE documents SET version = version \+ 1, body = '/);
    assert.doesNotMatch(writes[0]!, /', pair_id = /, 'the indexed columns are not set');
    // Another pair and other people: the indexed column and the people rows follow.
    writes.length = 0;
    await store.replace({ ...replaced, pairId: 'pair-2', personIds: ['carl', 'dina'] });
    assert.ok(
      writes.some((w) => w.startsWith('DELETE FROM document_people')),
      writes.join(' | '),
    );
    assert.deepEqual(
      (await store.query(school, { type: 'visit', pairId: 'pair-2' })).map((v) => v.id),
      ['visit-1'],
    );
    assert.deepEqual(await store.query(school, { type: 'visit', pairId: 'pair-1' }), []);
    assert.deepEqual(
      (await store.query(school, { type: 'visit', personId: 'dina' })).map((v) => v.id),
      ['visit-1'],
    );
    assert.deepEqual(await store.query(school, { type: 'visit', personId: 'anna' }), []);
    assert.equal((await store.read(school, 'visit', 'visit-1'))?.lesson, '4 vwo');
    await store.close();
  });

  it('should list the schools across partitions by an index of the schools alone, and index no other type across partitions (issue 12)', async () => {
    const file = path.join(dir, 'schools.db');
    // A database of the version before: its index of every document by type is dropped on open.
    const old = new Database(file);
    old.exec(
      'CREATE TABLE documents (school_id TEXT NOT NULL, id TEXT NOT NULL, type TEXT NOT NULL, pair_id TEXT, version INTEGER NOT NULL, body TEXT NOT NULL, PRIMARY KEY (school_id, id)) WITHOUT ROWID; CREATE INDEX documents_by_type_all ON documents (type);',
    );
    old.close();
    const selects: string[] = [];
    const writes: string[] = [];
    const store = new SqliteStore(file, undefined, {
      onStatement: (sql) => {
        if (/^\s*SELECT d\.body/i.test(sql)) selects.push(sql);
        if (/^\s*(UPDATE|INSERT|DELETE)/i.test(sql)) writes.push(sql.replace(/\s+/g, ' '));
      },
    });
    await store.init();
    for (const n of [2, 1, 3])
      await store.create(buildSchool({ schoolId: `school-${n}`, id: `school-${n}`, installed: n !== 3 }));
    await store.createEach([buildVisit({ id: 'visit-1' }), buildVisit({ id: 'visit-2' })]);
    assert.deepEqual(
      writes.filter((w) => w.startsWith('DELETE')),
      [],
      'a new document has no people rows to remove',
    );
    assert.deepEqual(
      (await store.queryAllSchools({ type: 'school', where: { installed: true } })).map((s) => s.id),
      ['school-1', 'school-2'],
    );
    assert.deepEqual(
      (await store.queryAllSchools({ type: 'visit' })).map((v) => v.id),
      ['visit-1', 'visit-2'],
    );
    await store.close();
    const db = new Database(file, { readonly: true });
    try {
      const indexes = (db.prepare('PRAGMA index_list(documents)').all() as { name: string; partial: number }[])
        .map((i) => `${i.name}${i.partial ? ' (partial)' : ''}`)
        .sort();
      assert.deepEqual(indexes, [
        'documents_by_pair',
        'documents_by_type',
        'documents_schools (partial)',
        'sqlite_autoindex_documents_1',
      ]);
      const plan = (sql: string) =>
        (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((row) => row.detail).join('; ');
      assert.equal(selects.length, 2, selects.join(' | '));
      assert.match(plan(selects[0]!), /USING INDEX documents_schools/);
    } finally {
      db.close();
    }
  });

  it('should find the documents of a selection or a query by the narrowest index, never by walking the whole partition (issue 12)', async () => {
    const file = path.join(dir, 'plans.db');
    const selects: string[] = [];
    const store = new SqliteStore(file, undefined, {
      onStatement: (sql) => /^\s*SELECT (d\.)?body/i.test(sql) && selects.push(sql),
    });
    await store.init();
    const school = buildVisit().schoolId;
    await store.createEach([
      buildVisit({ id: 'visit-1' }),
      buildVisit({ id: 'visit-2', pairId: 'pair-2', personIds: ['carl', 'dina'] }),
      buildPair(),
      buildProgramme(),
    ]);
    const reads: [string, () => Promise<unknown>, RegExp][] = [
      ['a type', () => store.readPartition(school, [{ type: 'programme' }]), /USING INDEX documents_by_type \(/],
      [
        'a type and a field',
        () => store.query(school, { type: 'pair', where: { status: 'active' } }),
        /USING INDEX documents_by_type \(/,
      ],
      [
        "a pair's documents",
        () => store.readPartition(school, [{ type: 'visit', where: { pairId: 'pair-2' } }]),
        /USING INDEX documents_by_pair \(/,
      ],
      [
        "a pair's documents (query)",
        () => store.query(school, { type: 'visit', pairId: 'pair-2' }),
        /documents_by_pair/,
      ],
      [
        'documents by id',
        () => store.readPartition(school, [{ type: 'visit', where: { id: ['visit-1', 'visit-2'] } }]),
        /USING PRIMARY KEY \(school_id=\? AND id=\?\)/,
      ],
      [
        "a person's documents",
        () => store.query(school, { type: 'visit', personId: 'dina' }),
        /USING COVERING INDEX document_people_by_person/,
      ],
    ];
    const plans: string[] = [];
    for (const [, read] of reads) {
      selects.length = 0;
      await read();
      plans.push(selects[0]!);
    }
    assert.deepEqual(
      (await store.query(school, { type: 'visit', pairId: 'pair-2', where: { pairId: 'pair-2' } })).map((v) => v.id),
      ['visit-2'],
    );
    assert.deepEqual(await store.query(school, { type: 'visit', pairId: 'pair-2', where: { pairId: 'pair-1' } }), []);
    await store.close();
    const db = new Database(file, { readonly: true });
    try {
      for (const [index, [what, , expected]] of reads.entries()) {
        const plan = (db.prepare(`EXPLAIN QUERY PLAN ${plans[index]}`).all() as { detail: string }[])
          .map((row) => row.detail)
          .join('; ');
        assert.match(plan, expected, `${what}: ${plan}`);
        assert.doesNotMatch(plan, /USING PRIMARY KEY \(school_id=\?\)(?! AND)/, `${what}: ${plan}`);
      }
    } finally {
      db.close();
    }
  });

  it("should write the document type into its statements, never bind it (a bound type next to the schools' partial index makes SQLite prepare the statement again at every run) (issue 12)", async () => {
    const prepared: string[] = [];
    const prepare = sinon.stub(Database.prototype, 'prepare').callsFake(function (
      this: Database.Database,
      sql: string,
    ) {
      prepared.push(sql);
      return prepare.wrappedMethod.call(this, sql);
    });
    try {
      const store = new SqliteStore(path.join(dir, 'types.db'));
      await store.init();
      const school = buildVisit().schoolId;
      const created = await store.create(buildVisit({ id: 'visit-1' }));
      await store.replace({ ...created, lesson: '4 vwo' });
      await store.read(school, 'visit', 'visit-1');
      await store.readPartition(school, [
        { type: 'visit', where: { id: ['visit-1'] } },
        { type: 'pair', personId: 'anna' },
        { type: 'visit', where: { pairId: 'pair-1' } },
        { type: 'programme', where: { status: 'active' } },
      ]);
      await store.query(school, { type: 'visit', pairId: 'pair-1' });
      await store.queryAllSchools({ type: 'school', where: { installed: true } });
      await store.queryAllSchools({ type: 'visit' });
      await assert.rejects(store.query(school, { type: "visit' OR 1=1 --" as 'visit' }), (error: unknown) =>
        isStoreError(error, 'invalid'),
      );
      await store.close();
    } finally {
      prepare.restore();
    }
    const selects = prepared.filter((sql) => /^\s*(SELECT|UPDATE)/i.test(sql) && /\btype\b/.test(sql));
    assert.ok(selects.length >= 6, selects.join(' | '));
    for (const sql of selects) assert.doesNotMatch(sql, /type (=|IS|IN) \(?\?/, sql);
  });

  it('should read hundreds of documents by id in statements of at most 100 look-ups, every one found once', async () => {
    const selects: string[] = [];
    const store = new SqliteStore(path.join(dir, 'many.db'), undefined, {
      onStatement: (sql) => /^\s*SELECT/i.test(sql) && selects.push(sql),
    });
    await store.init();
    const ids = Array.from({ length: 250 }, (_, n) => `visit-${String(n).padStart(3, '0')}`);
    await store.createEach(ids.map((id, n) => buildVisit({ id, sequence: n + 1 })));
    selects.length = 0;
    const read = await store.readPartition(buildVisit().schoolId, [
      { type: 'visit', where: { id: [...ids, ids[0]!, 'visit-999'] } },
    ]);
    assert.deepEqual(
      read.visit.map((v) => v.id),
      ids,
    );
    assert.equal(selects.length, 3, '250 look-ups: 100 + 100 + 50');
    await store.close();
  });

  it('should keep data written by another node process, and let that process read ours', async function () {
    this.timeout(90_000); // a child process: a loaded machine can take a while to start tsx
    const file = path.join(dir, 'shared.db');
    const parent = new SqliteStore(file);
    await parent.init();
    const ours = await parent.create(buildVisit({ id: 'from-parent', lesson: '2 vwo, Frans' }));
    // Read before the child writes: kept as absent by this connection until someone writes it.
    assert.equal(await parent.read('school-a', 'nudge', 'from-child'), undefined);

    const script = path.join(__dirname, 'fixtures', 'sqlite-child.ts');
    const fromChild = buildNudge({ id: 'from-child' });
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', script, file, JSON.stringify(fromChild), 'from-parent'],
        { cwd: path.resolve(__dirname, '..', '..'), timeout: 80_000 },
        (error, out, err) => (error ? reject(new Error(`child failed: ${error.message}\n${err}`)) : resolve(out)),
      );
    });
    assert.deepEqual(JSON.parse(stdout), ours, 'the child process should read what the parent wrote');
    const seenOpen = await parent.read('school-a', 'nudge', 'from-child');
    assert.equal(seenOpen?.id, 'from-child', "the open store should read the child's write, not what it kept");
    await parent.close();

    const reopened = new SqliteStore(file);
    await reopened.init();
    try {
      const read = await reopened.read('school-a', 'nudge', 'from-child');
      assert.ok(read, 'the parent should read what the child wrote after reopening');
      const { version: _version, ...content } = read;
      assert.deepEqual(content, fromChild);
      await assert.rejects(reopened.create(buildNudge({ id: 'from-child' })), (e: unknown) =>
        isStoreError(e, 'exists'),
      );
    } finally {
      await reopened.close();
    }
  });

  it('should answer a document read by id again without a statement, frozen, until it is written (issue 12)', async () => {
    const selects: string[] = [];
    const store = new SqliteStore(path.join(dir, 'cache.db'), undefined, {
      onStatement: (sql) => /^\s*SELECT/i.test(sql) && selects.push(sql),
    });
    await store.init();
    try {
      const school = buildVisit().schoolId;
      await store.create(buildVisit({ id: 'v1' }));
      await store.create(buildPair());
      const turn = () =>
        store.readPartition(school, [
          { type: 'visit', where: { id: ['v1', 'absent'] } },
          { type: 'pair', where: { id: 'pair-1' } },
        ]);
      selects.length = 0;
      await turn();
      assert.equal(selects.length, 1, 'read once: from SQLite, and not kept (a job passing by reads each once)');
      const first = await turn();
      const firstRead = await store.read(school, 'visit', 'v1');
      assert.equal(selects.length, 2, `read twice: kept from now on: ${selects.join(' | ')}`);
      const again = await turn();
      assert.equal(selects.length, 2, `read again from what was kept: ${selects.join(' | ')}`);
      assert.deepEqual(again, first);
      assert.equal(again.visit[0], first.visit[0], 'the same parsed document, not parsed again');
      assert.equal(firstRead, first.visit[0]);
      assert.ok(Object.isFrozen(firstRead) && Object.isFrozen(firstRead?.personIds), 'shared, so frozen');
      assert.throws(() => {
        (firstRead as unknown as { lesson: string }).lesson = 'changed';
      }, TypeError);
      // A read of another type under a kept id asks the store.
      assert.equal(await store.read(school, 'nudge', 'v1'), undefined);
      assert.equal(selects.length, 3);

      // The document read ahead of a partition read is the one written last.
      const written = await store.replace({ ...first.visit[0]!, lesson: '3 havo' });
      selects.length = 0;
      const afterWrite = await turn();
      assert.equal(selects.length, 1, 'the written document is read again');
      assert.doesNotMatch(selects[0]!, /pair/, `only it: ${selects[0]}`);
      assert.deepEqual(afterWrite.visit, [written]);
      assert.equal(afterWrite.pair[0], first.pair[0], 'what was not written stays kept');
    } finally {
      await store.close();
    }
  });

  it('should read a kept document again after another connection committed: a second store and a plain connection (issue 12)', async () => {
    const file = path.join(dir, 'two.db');
    const ours = new SqliteStore(file);
    const theirs = new SqliteStore(file);
    await ours.init();
    await theirs.init();
    const plain = new Database(file);
    try {
      const created = await ours.create(buildVisit({ id: 'v1', lesson: 'before' }));
      assert.equal((await ours.read('school-a', 'visit', 'v1'))?.lesson, 'before');
      assert.equal(await ours.read('school-a', 'nudge', 'n1'), undefined);

      const replaced = await theirs.replace({ ...(await theirs.read('school-a', 'visit', 'v1'))!, lesson: 'after' });
      assert.deepEqual(await ours.read('school-a', 'visit', 'v1'), replaced);
      await theirs.create(buildNudge({ id: 'n1' }));
      assert.equal((await ours.read('school-a', 'nudge', 'n1'))?.id, 'n1', 'an absence is forgotten too');
      await assert.rejects(ours.replace({ ...created, lesson: 'stale' }), (e: unknown) => isStoreError(e, 'conflict'));

      plain.prepare("DELETE FROM documents WHERE school_id = 'school-a' AND id = 'v1'").run();
      assert.equal(await ours.read('school-a', 'visit', 'v1'), undefined);
      const byId = await ours.readPartition('school-a', [{ type: 'nudge', where: { id: 'n1' } }]);
      assert.equal(byId.nudge.length, 1);
      plain.prepare("DELETE FROM documents WHERE school_id = 'school-a' AND id = 'n1'").run();
      assert.deepEqual((await ours.readPartition('school-a', [{ type: 'nudge', where: { id: 'n1' } }])).nudge, []);
      // And the other way round: what ours writes, theirs reads.
      await ours.upsert(buildVisit({ id: 'v1', lesson: 'ours' }));
      assert.equal((await theirs.read('school-a', 'visit', 'v1'))?.lesson, 'ours');
    } finally {
      plain.close();
      await ours.close();
      await theirs.close();
    }
  });

  it('should answer a partition read with selections again without a statement until a write in its partition, and never keep a long one (issue 12)', async () => {
    const selects: string[] = [];
    const file = path.join(dir, 'selections.db');
    const store = new SqliteStore(file, undefined, {
      onStatement: (sql) => /^\s*SELECT/i.test(sql) && selects.push(sql),
    });
    await store.init();
    const other = new SqliteStore(file);
    await other.init();
    try {
      await store.create(buildPair());
      await store.create(buildVisit({ id: 'v1' }));
      const read = () =>
        store.readPartition('school-a', [
          { type: 'pair', personId: 'anna', where: { status: 'active' } },
          { type: 'visit', where: { pairId: 'pair-1' } },
        ]);
      const counted = async () => {
        const before = selects.length;
        const got = await read();
        return { statements: selects.length - before, visits: got.visit.map((v) => v.id) };
      };
      assert.deepEqual(await counted(), { statements: 1, visits: ['v1'] }, 'read once: not kept');
      assert.deepEqual(await counted(), { statements: 1, visits: ['v1'] }, 'read twice: kept from now on');
      assert.deepEqual(await counted(), { statements: 0, visits: ['v1'] }, 'kept');
      const first = await read();
      assert.ok(Object.isFrozen(first.visit[0]), 'shared, so frozen');
      first.visit.push(first.visit[0]!); // the lists are the caller's own
      assert.equal((await read()).visit.length, 1);
      // The same selections in another order are the same read.
      const before = selects.length;
      await store.readPartition('school-a', [
        { type: 'visit', where: { pairId: 'pair-1' } },
        { type: 'pair', where: { status: 'active' }, personId: 'anna' },
      ]);
      assert.equal(selects.length, before, 'the same selections, in another order');

      await store.create(buildVisit({ schoolId: 'school-b', id: 'v9' }));
      assert.equal((await counted()).statements, 0, 'a write in another partition keeps it');
      await store.create(buildNudge({ id: 'n1' }));
      assert.equal((await counted()).statements, 1, 'any write in the partition: read again');
      assert.equal((await counted()).statements, 0, 'and kept again at once');
      await other.create(buildVisit({ id: 'v2' }));
      assert.deepEqual(await counted(), { statements: 1, visits: ['v1', 'v2'] }, "another connection's write");
      assert.deepEqual(await counted(), { statements: 0, visits: ['v1', 'v2'] });

      // A whole school's worth (a digest's read): longer than the bound, so read each time, not frozen.
      await store.createEach(
        Array.from({ length: 40 }, (_, n) => buildVisit({ id: `long-${n}`, lesson: 'x'.repeat(500) })),
      );
      assert.deepEqual([(await counted()).statements, (await counted()).statements], [1, 1]);
      assert.equal(Object.isFrozen((await read()).visit[0]), false);
    } finally {
      await other.close();
      await store.close();
    }
  });

  it('should ask SQLite whether another connection committed once per synchronous step, and see a commit of another store of this process at once (issue 12)', async () => {
    const asked: string[] = [];
    const file = path.join(dir, 'step.db');
    const store = new SqliteStore(file, undefined, {
      onStatement: (sql) => /data_version/i.test(sql) && asked.push(sql),
    });
    await store.init();
    const other = new SqliteStore(file);
    await other.init();
    try {
      const created = await store.create(buildVisit({ id: 'v1', lesson: 'before' }));
      await store.create(buildPair());
      asked.length = 0;
      // A turn's read ahead: its partitions are read in one synchronous step.
      await Promise.all([
        store.read('school-a', 'visit', 'v1'),
        store.readPartition('school-a', [{ type: 'pair', where: { status: 'active' } }]),
      ]);
      assert.equal(asked.length, 1, 'once for both');
      await store.read('school-a', 'visit', 'v1');
      await store.read('school-a', 'visit', 'v1');
      assert.equal(asked.length, 3, 'once per step');

      // Another store of this process commits between two reads of one step.
      const before = store.read('school-a', 'visit', 'v1');
      const written = other.replace({ ...created, lesson: 'after' });
      const after = store.read('school-a', 'visit', 'v1');
      assert.equal((await before)?.lesson, 'before');
      assert.equal((await after)?.lesson, 'after');
      assert.equal((await written).lesson, 'after');
    } finally {
      await other.close();
      await store.close();
    }
  });

  it('should keep at most the documents and characters it is bounded to, the least recently read out first (issue 12)', async () => {
    const selects: string[] = [];
    const store = new SqliteStore(path.join(dir, 'bounded.db'), undefined, {
      onStatement: (sql) => /^\s*SELECT/i.test(sql) && selects.push(sql),
      documentCache: { documents: 2, characters: 4000, selectionCharacters: 4000 },
    });
    await store.init();
    try {
      for (const id of ['v1', 'v2', 'v3']) await store.create(buildVisit({ id }));
      await store.create(buildVisit({ id: 'long', lesson: 'x'.repeat(5000) }));
      const read = async (id: string) => {
        const before = selects.length;
        await store.read('school-a', 'visit', id);
        return selects.length - before;
      };
      // Each kept from its second read on.
      assert.deepEqual([await read('v1'), await read('v1'), await read('v2'), await read('v2')], [1, 1, 1, 1]);
      assert.deepEqual([await read('v1'), await read('v2')], [0, 0]);
      assert.deepEqual([await read('v3'), await read('v3')], [1, 1], 'a third: the least recently read (v1) goes');
      assert.deepEqual([await read('v2'), await read('v3'), await read('v1')], [0, 0, 1]);
      assert.deepEqual(
        [await read('long'), await read('long'), await read('long')],
        [1, 1, 1],
        'longer than the bound: never kept',
      );
    } finally {
      await store.close();
    }
  });

  it('should retry a write while another connection holds the write lock (SQLITE_BUSY)', async () => {
    const file = path.join(dir, 'busy.db');
    const other = new Database(file);
    // The pause between retries is where the other connection finishes its transaction: the
    // first pause releases the lock (an explicit signal, no clock), so the retry must succeed.
    const slept: number[] = [];
    const sleep = async (ms: number) => {
      slept.push(ms);
      if (slept.length === 1) other.exec('COMMIT');
    };
    const store = new SqliteStore(file, { attempts: 8, baseDelayMs: 40, maxDelayMs: 200 }, { busyTimeoutMs: 0, sleep });
    await store.init();
    try {
      other.pragma('busy_timeout = 0');
      other.exec('BEGIN IMMEDIATE');
      other
        .prepare(
          "INSERT INTO documents (school_id, id, type, pair_id, version, body) VALUES ('school-a', 'held', 'nudge', NULL, 1, '{}')",
        )
        .run();
      const created = await store.create(buildVisit());
      assert.equal(slept.length, 1, 'the write waited once for the lock, then succeeded');
      assert.ok(slept[0]! >= 20 && slept[0]! <= 40, `a backoff within the policy (${slept[0]} ms)`);
      assert.equal((await store.read('school-a', 'visit', 'visit-1'))?.version, created.version);
      assert.equal(
        (await store.query('school-a', { type: 'nudge' })).length,
        1,
        "the other connection's write is kept too",
      );
    } finally {
      other.close();
      await store.close();
    }
  });

  it('should give up on a lock held too long with a typed "unavailable" error', async () => {
    const file = path.join(dir, 'busy.db');
    const slept: number[] = [];
    const sleep = async (ms: number) => void slept.push(ms);
    const store = new SqliteStore(file, { attempts: 3, baseDelayMs: 5, maxDelayMs: 10 }, { busyTimeoutMs: 0, sleep });
    await store.init();
    const other = new Database(file);
    try {
      other.exec('BEGIN IMMEDIATE');
      await assert.rejects(store.create(buildVisit()), (e: unknown) => isStoreError(e, 'unavailable'));
      assert.equal(slept.length, 2, 'three attempts, two pauses between them');
      other.exec('ROLLBACK');
      await store.create(buildVisit());
    } finally {
      other.close();
      await store.close();
    }
  });

  it('should refuse to work before init() or after close() with "unavailable"', async () => {
    const store = new SqliteStore(path.join(dir, 'x.db'));
    await assert.rejects(store.read('school-a', 'visit', 'v'), (e: unknown) => isStoreError(e, 'unavailable'));
    await store.init();
    await store.close();
    await assert.rejects(store.ping(), (e: unknown) => isStoreError(e, 'unavailable'));
  });
});
