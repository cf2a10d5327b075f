/**
 * The tab API over real HTTP on 127.0.0.1, with Teams-SSO-shaped tokens signed by a local key
 * and checked against a local OpenID metadata + JWKS endpoint.
 */
import { strict as assert } from 'node:assert';
import { LEADER, OUTSIDER, TEACHER_A, TEACHER_B } from '../domain/builders';
import { startTestBot, type TestBot } from '../support/test-bot';
import { APP_ID, OTHER_TENANT_ID, startSsoStandIn, TENANT_ID, type SsoStandIn, type TokenOptions } from './sso-fixture';
import { MARKERS, NAMES, NOW, seedTabWorld, VISIT_1 } from './seed';

interface Answer {
  status: number;
  contentType: string | null;
  body: any;
  text: string;
}

async function get(bot: TestBot, path: string, token?: string): Promise<Answer> {
  const response = await fetch(`${bot.service.url}${path}`, {
    headers:
      token === undefined
        ? {}
        : { authorization: token.startsWith('Bearer') || token === '' ? token : `Bearer ${token}` },
  });
  const text = await response.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, contentType: response.headers.get('content-type'), body, text };
}

describe('tab API: Teams SSO and who sees what', function () {
  let sso: SsoStandIn;
  let bot: TestBot;
  const as = (oid: string, extra: Partial<TokenOptions> = {}) => sso.sign({ oid, ...extra });

  before(async () => {
    sso = await startSsoStandIn();
    bot = await startTestBot({
      env: { MicrosoftAppId: APP_ID, TAB_SSO_AUDIENCE: sso.audience, TAB_SSO_OPENID_METADATA_URL: sso.metadataUrl },
      clock: () => NOW,
    });
    await seedTabWorld(bot.store);
  });

  after(async () => {
    await bot?.stop();
    await sso?.stop();
  });

  describe('401 without a valid token', () => {
    const refusedWith = async (answer: Answer, error: string) => {
      assert.equal(answer.status, 401, answer.text);
      assert.match(answer.contentType ?? '', /application\/json/);
      assert.equal(answer.body.error, error);
      assert.equal(typeof answer.body.message, 'string');
    };

    it('should answer 401 missing_token when the request has no Authorization header', async () => {
      await refusedWith(await get(bot, '/api/tab/me'), 'missing_token');
    });

    it('should answer 401 invalid_token when the bearer value is not a JWT', async () => {
      await refusedWith(await get(bot, '/api/tab/me', 'not-a-jwt'), 'invalid_token');
      await refusedWith(await get(bot, '/api/tab/me', 'Basic dXNlcjpwYXNz'), 'missing_token');
    });

    it('should answer 401 wrong_audience when the token is for another app', async () => {
      await refusedWith(
        await get(
          bot,
          '/api/tab/me',
          await as(TEACHER_A, { audience: 'api://elsewhere.example/00000000-0000-0000-0000-000000000000' }),
        ),
        'wrong_audience',
      );
    });

    it('should answer 401 wrong_issuer when the issuer is not the tenant the token names', async () => {
      await refusedWith(
        await get(
          bot,
          '/api/tab/me',
          await as(TEACHER_A, { issuer: `https://login.microsoftonline.com/${OTHER_TENANT_ID}/v2.0` }),
        ),
        'wrong_issuer',
      );
      await refusedWith(
        await get(bot, '/api/tab/me', await as(TEACHER_A, { issuer: 'https://evil.example/v2.0' })),
        'wrong_issuer',
      );
    });

    it('should answer 401 expired_token when the token has expired', async () => {
      await refusedWith(await get(bot, '/api/tab/me', await as(TEACHER_A, { expiresIn: -600 })), 'expired_token');
    });

    it('should answer 401 bad_signature when the token is signed by a key Entra ID did not publish', async () => {
      await refusedWith(await get(bot, '/api/tab/me', await as(TEACHER_A, { forged: true })), 'bad_signature');
    });

    it('should answer 401 when the token lacks the object id or the tenant id', async () => {
      await refusedWith(await get(bot, '/api/tab/me', await as(TEACHER_A, { omit: ['oid'] })), 'invalid_token');
      await refusedWith(await get(bot, '/api/tab/me', await as(TEACHER_A, { omit: ['tid'] })), 'invalid_token');
    });

    it('should refuse the leader and pair routes without a token too', async () => {
      await refusedWith(await get(bot, '/api/tab/leader'), 'missing_token');
      await refusedWith(await get(bot, '/api/tab/pairs/pair-1'), 'missing_token');
    });
  });

  describe('accepted tokens', () => {
    it('should accept a v1 token (sts.windows.net issuer) and a v2 token whose audience is the app id', async () => {
      const v1 = await get(
        bot,
        '/api/tab/me',
        await as(TEACHER_A, { issuer: `https://sts.windows.net/${TENANT_ID}/` }),
      );
      assert.equal(v1.status, 200, v1.text);
      const appIdAudience = await get(bot, '/api/tab/me', await as(TEACHER_A, { audience: APP_ID }));
      assert.equal(appIdAudience.status, 200, appIdAudience.text);
    });

    it('should never write the token to the logs', async () => {
      const token = await as(TEACHER_A);
      await get(bot, '/api/tab/me', token);
      await get(bot, '/api/tab/leader', token);
      const signature = token.split('.')[2]!;
      assert.ok(!bot.logs.some((line) => line.includes(signature)), 'a log line contains the token');
      assert.ok(
        bot.logs.some((line) => line.includes('tab request refused') && line.includes('not_a_leader')),
        'the refusal is logged with its reason',
      );
    });
  });

  describe('GET /api/tab/me — "My coaching"', () => {
    it('should show Anna her partner, her cycle as a timeline and that nothing is to do until the visit of 24 March', async () => {
      const answer = await get(bot, '/api/tab/me?locale=en', await as(TEACHER_A));
      assert.equal(answer.status, 200, answer.text);
      const view = answer.body;
      assert.equal(view.kind, 'teacher');
      assert.equal(view.me.name, NAMES[TEACHER_A]);
      assert.equal(view.school.name, 'Het Stedelijk College');
      assert.equal(view.isLeader, false);
      assert.equal(view.programme.theme, 'Effective instruction', 'the stored theme in the reader’s language');
      assert.deepEqual(view.pair.partners, [{ id: TEACHER_B, name: NAMES[TEACHER_B] }]);
      assert.deepEqual(view.pair.cycle, { id: 'cycle-1', status: 'active', visitsAgreed: 2, visitsCompleted: 1 });
      const [first, second] = view.pair.timeline;
      assert.equal(first.state, 'debriefed');
      assert.equal(first.myRole, 'observer');
      assert.deepEqual(
        first.milestones.map((m: any) => m.done),
        [true, true, true, true, true],
      );
      assert.equal(first.focus, VISIT_1.focus, 'the pair sees its own focus');
      assert.equal(first.lesson, VISIT_1.lesson);
      assert.equal(second.state, 'confirmed');
      assert.equal(second.myRole, 'observed');
      assert.equal(second.observer.name, NAMES[TEACHER_B]);
      assert.equal(second.when, 'Tuesday 24 March, 09:00');
      assert.deepEqual(
        second.milestones.map((m: any) => [m.key, m.done]),
        [
          ['planned', true],
          ['confirmed', true],
          ['observed', false],
          ['debriefPlanned', false],
          ['debriefed', false],
        ],
      );
      assert.deepEqual(view.next, {
        step: 'awaitVisit',
        actor: 'nobody',
        visitSequence: 2,
        when: 'Tuesday 24 March, 09:00',
        command: 'status',
      });
      assert.equal(view.chatLink, `https://teams.microsoft.com/l/chat/0/0?users=28:${APP_ID}`);
    });

    it('should format dates in Dutch by default for a Dutch school', async () => {
      const answer = await get(bot, '/api/tab/me', await as(TEACHER_B));
      assert.equal(answer.status, 200, answer.text);
      assert.equal(answer.body.locale, 'nl');
      assert.deepEqual(
        answer.body.pair.partners.map((p: any) => p.name),
        [NAMES[TEACHER_A]],
      );
      assert.equal(answer.body.pair.timeline[1].when, 'dinsdag 24 maart, 09:00');
    });

    it('should never return what was written in observations, reflections or debriefs, not even to the pair', async () => {
      const answer = await get(bot, '/api/tab/me', await as(TEACHER_A));
      for (const marker of [
        MARKERS.facts,
        MARKERS.questions,
        MARKERS.reflection,
        MARKERS.agreements,
        MARKERS.nextStep,
      ]) {
        assert.ok(!answer.text.includes(marker.split(' ')[0]!), `found ${marker}`);
      }
    });

    it('should answer 403 no_school when Tweetal does not know the person in any school', async () => {
      const answer = await get(bot, '/api/tab/me', await as(OUTSIDER));
      assert.equal(answer.status, 403);
      assert.equal(answer.body.error, 'no_school');
    });

    it('should answer 403 when the person asks for a school they do not belong to', async () => {
      const answer = await get(bot, '/api/tab/me?schoolId=school-2', await as(TEACHER_A));
      assert.equal(answer.status, 403);
      assert.equal(answer.body.error, 'no_school');
    });

    it('should answer 403 when a person of another tenant presents a valid token', async () => {
      const answer = await get(bot, '/api/tab/me', await as(TEACHER_A, { tid: OTHER_TENANT_ID }));
      assert.equal(answer.status, 403);
      assert.equal(answer.body.error, 'no_school');
    });
  });

  describe('GET /api/tab/pairs/:pairId', () => {
    it('should give a member the detail of their own pair', async () => {
      const answer = await get(bot, '/api/tab/pairs/pair-1', await as(TEACHER_B));
      assert.equal(answer.status, 200, answer.text);
      assert.equal(answer.body.kind, 'pair');
      assert.equal(answer.body.pair.pairId, 'pair-1');
      assert.deepEqual(
        answer.body.pair.members.map((m: any) => m.name),
        [NAMES[TEACHER_A], NAMES[TEACHER_B]],
      );
    });

    it("should answer 403 when a teacher asks for another pair's data, in their school or another, or an unknown pair", async () => {
      const token = await as(TEACHER_A);
      for (const pairId of ['pair-2', 'pair-9', 'pair-does-not-exist']) {
        const answer = await get(bot, `/api/tab/pairs/${pairId}`, token);
        assert.equal(answer.status, 403, `${pairId}: ${answer.text}`);
        assert.equal(answer.body.error, 'not_a_pair_member');
        assert.ok(!answer.text.includes(NAMES['teacher-c']), 'nothing of the other pair leaks');
      }
    });

    it("should answer 403 when the school leader asks for a pair detail (it holds the pair's own words)", async () => {
      const answer = await get(bot, '/api/tab/pairs/pair-1', await as(LEADER));
      assert.equal(answer.status, 403);
    });
  });

  describe('GET /api/tab/leader — completion only', () => {
    it('should answer 403 not_a_leader to a teacher', async () => {
      const answer = await get(bot, '/api/tab/leader', await as(TEACHER_A));
      assert.equal(answer.status, 403);
      assert.equal(answer.body.error, 'not_a_leader');
    });

    it('should answer 403 to a leader asking for a school they do not lead', async () => {
      const answer = await get(bot, '/api/tab/leader?schoolId=school-2', await as(LEADER));
      assert.equal(answer.status, 403);
    });

    it('should show the leader visits done versus agreed, debriefs held and the step per pair', async () => {
      const answer = await get(bot, '/api/tab/leader', await as(LEADER));
      assert.equal(answer.status, 200, answer.text);
      const [programme] = answer.body.programmes;
      assert.equal(answer.body.programmes.length, 1);
      assert.equal(programme.programme.theme, 'Effectieve instructie');
      assert.deepEqual(
        {
          done: programme.visitsDone,
          agreed: programme.visitsAgreed,
          debriefs: programme.debriefsHeld,
          onTrack: programme.pairsOnTrack,
          behind: programme.pairsBehind,
          complete: programme.pairsComplete,
        },
        { done: 4, agreed: 6, debriefs: 3, onTrack: 1, behind: 1, complete: 1 },
      );
      assert.deepEqual(programme.pairs, [
        {
          pairId: 'pair-1',
          memberNames: [NAMES[TEACHER_A], NAMES[TEACHER_B]],
          visitsDone: 1,
          visitsAgreed: 2,
          debriefsHeld: 1,
          step: 'awaitVisit',
          stepLabel: 'wacht op het lesbezoek',
          behind: false,
          progress: 'onTrack',
          progressLabel: 'Op schema',
        },
        {
          pairId: 'pair-2',
          memberNames: [NAMES['teacher-c'], NAMES['teacher-d']],
          visitsDone: 1,
          visitsAgreed: 2,
          debriefsHeld: 0,
          step: 'proposeDebrief',
          stepLabel: 'nagesprek afspreken',
          behind: true,
          progress: 'behind',
          progressLabel: 'Loopt achter',
        },
        {
          pairId: 'pair-3',
          memberNames: [NAMES['teacher-e'], NAMES['teacher-f']],
          visitsDone: 2,
          visitsAgreed: 2,
          debriefsHeld: 2,
          step: 'complete',
          stepLabel: 'cyclus rond',
          behind: false,
          progress: 'complete',
          progressLabel: 'Rond',
        },
      ]);
    });

    it('should not contain any observation, reflection, debrief, focus, goal or lesson text', async () => {
      const answer = await get(bot, '/api/tab/leader', await as(LEADER));
      assert.equal(answer.status, 200);
      assert.ok(
        !answer.text.includes('MARKER'),
        `the leader view leaks teacher text: ${answer.text.match(/MARKER[^"]*/)?.[0]}`,
      );
      for (const key of [
        'facts',
        'questions',
        'reflection',
        'agreements',
        'nextStep',
        'focus',
        'discussionGoal',
        'lesson',
        'text',
      ]) {
        assert.ok(!answer.text.includes(`"${key}"`), `the leader view has a "${key}" field`);
      }
    });
  });

  describe('the tab page', () => {
    it('should serve the tab page, its stylesheet and its bundle', async () => {
      const page = await fetch(`${bot.service.url}/tab/index.html`);
      assert.equal(page.status, 200);
      assert.match(page.headers.get('content-type') ?? '', /text\/html/);
      assert.match(
        page.headers.get('content-security-policy') ?? '',
        /frame-ancestors 'self' https:\/\/teams\.microsoft\.com/,
      );
      assert.match(await page.text(), /<script src="tab\.js"><\/script>/);
      const script = await fetch(`${bot.service.url}/tab/tab.js`);
      assert.equal(script.status, 200);
      assert.match(script.headers.get('content-type') ?? '', /javascript/);
      assert.match(await script.text(), /getAuthToken/);
      const css = await fetch(`${bot.service.url}/tab/tab.css`);
      assert.equal(css.status, 200);
      const redirect = await fetch(`${bot.service.url}/tab`, { redirect: 'manual' });
      assert.equal(redirect.status, 302);
      assert.equal(redirect.headers.get('location'), '/tab/index.html');
    });
  });
});

describe('tab API: the tenant allow-list', function () {
  let sso: SsoStandIn;
  let bot: TestBot;

  before(async () => {
    sso = await startSsoStandIn();
    bot = await startTestBot({
      env: {
        TAB_SSO_AUDIENCE: sso.audience,
        TAB_SSO_OPENID_METADATA_URL: sso.metadataUrl,
        ALLOWED_TENANTS: OTHER_TENANT_ID,
        TAB_HOST_ORIGINS: 'http://127.0.0.1:5999',
      },
      clock: () => NOW,
    });
    await seedTabWorld(bot.store);
  });

  after(async () => {
    await bot?.stop();
    await sso?.stop();
  });

  it('should answer 403 tenant_not_allowed to a valid token of a tenant that is not on ALLOWED_TENANTS', async () => {
    const answer = await get(bot, '/api/tab/me', await sso.sign({ oid: TEACHER_A }));
    assert.equal(answer.status, 403, answer.text);
    assert.equal(answer.body.error, 'tenant_not_allowed');
  });

  it('should let the configured extra host origin frame the tab and tell teams-js to trust it', async () => {
    const answer = await get(bot, '/api/tab/me', await sso.sign({ oid: TEACHER_A, tid: OTHER_TENANT_ID }));
    assert.equal(answer.status, 403, 'no school in the other tenant');
    const page = await fetch(`${bot.service.url}/tab/index.html`);
    assert.match(page.headers.get('content-security-policy') ?? '', / http:\/\/127\.0\.0\.1:5999(;|$)/);
    assert.match(await page.text(), /<meta name="tweetal-host-origins" content="http:\/\/127\.0\.0\.1:5999" \/>/);
  });
});
