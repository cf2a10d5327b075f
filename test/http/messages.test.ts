/**
 * POST /api/messages with malformed input: every one gets a clear 4xx JSON answer, nothing is
 * stored, nothing is sent, and the server never answers 500.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { schoolIdFor, tenantPartitionFor } from '../../src/teams/ids';
import { startTestBot, type TestBot } from '../support/test-bot';
import { person, personalMessage, TEAM_ID, teamInstall, TENANT } from '../support/teams-activities';

describe('POST /api/messages with malformed input', () => {
  let bot: TestBot;
  const anna = person(1, 'Anna de Vries');

  before(async () => {
    bot = await startTestBot();
  });
  after(async () => bot.stop());
  beforeEach(() => {
    bot.connector.reset();
    bot.logs.length = 0;
  });

  async function post(
    body: string,
    contentType = 'application/json',
  ): Promise<{ status: number; body: any; contentType: string | null }> {
    const response = await fetch(`${bot.service.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* asserted below */
    }
    return { status: response.status, body: parsed, contentType: response.headers.get('content-type') };
  }

  async function assertNothingHappened(): Promise<void> {
    assert.deepEqual(bot.connector.calls, [], 'nothing sent to the Bot Connector');
    assert.deepEqual(
      await bot.store.query(tenantPartitionFor(TENANT), { type: 'personReference' }),
      [],
      'no reference stored',
    );
    const schoolId = schoolIdFor(TENANT, TEAM_ID);
    assert.equal(await bot.store.read(schoolId, 'school', schoolId), undefined, 'no school stored');
    assert.ok(!bot.logs.some((line) => line.includes('"level":50')), 'nothing logged as an error');
  }

  /** A 4xx with a JSON body that says what is wrong. */
  function assertClearRefusal(
    response: { status: number; body: any; contentType: string | null },
    status: number,
    message: RegExp,
    what: string,
  ): void {
    assert.equal(response.status, status, `${what}: ${JSON.stringify(response.body)}`);
    assert.match(response.contentType ?? '', /application\/json/, what);
    assert.equal(typeof response.body, 'object', `${what}: a JSON body`);
    assert.match(String(response.body.message), message, what);
  }

  const valid = () => personalMessage(bot.connector.url, anna, 'hulp');
  const without = (key: string) => {
    const activity = valid();
    delete activity[key];
    return activity;
  };

  it('should answer HEAD and GET with 405 and Allow: POST, logging nothing, when a probe checks the endpoint', async () => {
    for (const method of ['HEAD', 'GET']) {
      const response = await fetch(`${bot.service.url}/api/messages`, { method });
      assert.equal(response.status, 405, method);
      assert.equal(response.headers.get('allow'), 'POST', method);
    }
    assert.deepEqual(bot.logs, [], 'no log line for a probe');
  });

  it('should refuse invalid JSON with 400', async () => {
    for (const body of ['{not json', '{"type": "message",', "{'type': 'message'}", '\u0000']) {
      const response = await post(body);
      assert.equal(response.status, 400, body);
      assert.equal(typeof response.body, 'object', `${body}: a JSON answer`);
    }
    await assertNothingHappened();
  });

  it('should refuse a body that is not an activity object with 400', async () => {
    for (const body of ['[]', '[{"type":"message"}]', '"message"', '42', 'null', 'true', '']) {
      assertClearRefusal(await post(body), 400, /JSON activity object/, `body ${JSON.stringify(body)}`);
    }
    assertClearRefusal(await post('type=message&text=hulp', 'text/plain'), 400, /JSON activity object/, 'text/plain');
    await assertNothingHappened();
  });

  it('should refuse an activity without type, serviceUrl, conversation or from with 400 naming what is missing', async () => {
    assertClearRefusal(await post(JSON.stringify(without('type'))), 400, /no type/, 'no type');
    assertClearRefusal(await post(JSON.stringify({ ...valid(), type: '' })), 400, /no type/, 'empty type');
    assertClearRefusal(await post(JSON.stringify({ ...valid(), type: 7 })), 400, /no type/, 'numeric type');
    assertClearRefusal(await post(JSON.stringify(without('serviceUrl'))), 400, /no serviceUrl/, 'no serviceUrl');
    assertClearRefusal(
      await post(JSON.stringify({ ...valid(), serviceUrl: { href: 'x' } })),
      400,
      /no serviceUrl/,
      'object serviceUrl',
    );
    assertClearRefusal(
      await post(JSON.stringify(without('conversation'))),
      400,
      /no conversation id/,
      'no conversation',
    );
    assertClearRefusal(
      await post(JSON.stringify({ ...valid(), conversation: 'a:1' })),
      400,
      /no conversation id/,
      'conversation as a string',
    );
    assertClearRefusal(
      await post(JSON.stringify({ ...valid(), conversation: { tenantId: TENANT } })),
      400,
      /no conversation id/,
      'conversation without id',
    );
    assertClearRefusal(await post(JSON.stringify(without('from'))), 400, /no from\.id/, 'no from');
    assertClearRefusal(
      await post(JSON.stringify({ ...valid(), from: { aadObjectId: anna.aadObjectId } })),
      400,
      /no from\.id/,
      'from without id',
    );
    assertClearRefusal(await post(JSON.stringify({ ...valid(), from: null })), 400, /no from\.id/, 'from null');
    await assertNothingHappened();
  });

  it('should refuse an activity whose text is not a string, or is too long, with 400', async () => {
    for (const text of [42, { nl: 'hulp' }, ['hulp'], true]) {
      assertClearRefusal(
        await post(JSON.stringify({ ...valid(), text })),
        400,
        /text must be a string/,
        `text ${JSON.stringify(text)}`,
      );
    }
    assertClearRefusal(
      await post(JSON.stringify({ ...valid(), text: 'a'.repeat(28_001) })),
      400,
      /too long/,
      'text of 28,001 characters',
    );
    await assertNothingHappened();
  });

  it('should refuse, before the bot runs, fields botbuilder or the bot would trip over', async () => {
    const install = () => teamInstall(bot.connector.url, anna);
    const cases: [what: string, activity: Record<string, unknown>, message: RegExp][] = [
      [
        'a serviceUrl that is not a URL',
        { ...valid(), serviceUrl: 'not a url' },
        /serviceUrl must be an http\(s\) URL/,
      ],
      ['a file: serviceUrl', { ...valid(), serviceUrl: 'file:///etc/passwd' }, /serviceUrl must be an http\(s\) URL/],
      ['no recipient', { ...valid(), recipient: undefined }, /no recipient\.id/],
      ['a numeric locale', { ...valid(), locale: 5 }, /locale must be a string/],
      [
        'a numeric aadObjectId',
        { ...valid(), from: { id: anna.id, aadObjectId: 5 } },
        /from\.aadObjectId and from\.name must be strings/,
      ],
      [
        'a numeric tenant id',
        { ...valid(), conversation: { id: 'a:1', tenantId: 5 } },
        /conversation\.tenantId must be a string/,
      ],
      ['membersAdded as a string', { ...install(), membersAdded: 'everyone' }, /membersAdded and membersRemoved/],
      ['membersAdded with null', { ...install(), membersAdded: [null] }, /membersAdded and membersRemoved/],
      [
        'membersRemoved without ids',
        { ...install(), membersAdded: undefined, membersRemoved: [{ name: 'x' }] },
        /membersAdded and membersRemoved/,
      ],
      [
        'an invoke without a name',
        { type: 'invoke', ...valid(), name: undefined, value: {} },
        /invoke activity has no name/,
      ],
    ];
    for (const [what, activity, message] of cases) {
      const body = JSON.stringify({ ...activity, ...(what === 'an invoke without a name' ? { type: 'invoke' } : {}) });
      assertClearRefusal(await post(body), 400, message, what);
    }
    await assertNothingHappened();
  });

  it('should refuse a body over 512 KB with 413 and JSON, before anything is processed', async () => {
    const big = JSON.stringify({
      ...teamInstall(bot.connector.url, anna),
      channelData: { ...teamInstall(bot.connector.url, anna).channelData, padding: 'x'.repeat(600 * 1024) },
    });
    const response = await post(big);
    assert.equal(response.status, 413, JSON.stringify(response.body).slice(0, 200));
    assert.equal(typeof response.body, 'object');
    await assertNothingHappened();
  });

  it('should never answer 500, nor store or send anything, whatever a malformed body holds (property)', async () => {
    const brokenField = fc.oneof(
      fc.constant(undefined),
      fc.constant(null),
      fc.integer(),
      fc.boolean(),
      fc.array(fc.string(), { maxLength: 2 }),
      fc.constant(''),
      fc.constant({}),
    );
    const mutation = fc
      .record(
        {
          type: brokenField,
          serviceUrl: brokenField,
          conversation: fc.oneof(brokenField, fc.record({ id: brokenField, tenantId: brokenField })),
          from: fc.oneof(brokenField, fc.record({ id: brokenField, aadObjectId: brokenField })),
          recipient: fc.oneof(brokenField, fc.record({ id: brokenField })),
          locale: fc.oneof(fc.integer(), fc.constant({})),
          membersAdded: fc.oneof(
            fc.string(),
            fc.array(fc.oneof(fc.constant(null), fc.integer(), fc.record({ name: fc.string() })), {
              minLength: 1,
              maxLength: 2,
            }),
          ),
        },
        { requiredKeys: [] },
      )
      .filter((m) => Object.keys(m).length > 0);
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        const activity: Record<string, unknown> = { ...valid(), ...m };
        for (const [key, value] of Object.entries(m)) if (value === undefined) delete activity[key];
        const response = await post(JSON.stringify(activity));
        assert.ok(
          response.status >= 400 && response.status < 500,
          `status ${response.status} for ${JSON.stringify(m)}`,
        );
      }),
      { numRuns: 60 },
    );
    await assertNothingHappened();
  });

  it('should still serve a valid activity after all the malformed ones', async () => {
    const response = await bot.post(valid());
    assert.equal(response.status, 200);
    assert.equal(bot.connector.sentCards().length, 1);
  });
});
