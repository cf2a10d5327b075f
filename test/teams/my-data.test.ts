import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { DocumentType } from '../../src/domain/entities';
import { EXPORT_LINK_PARTITION } from '../../src/app/my-data/download-link';
import { createLogger } from '../../src/logging/logger';
import { startService } from '../../src/service';
import type { Store } from '../../src/store/store';
import { personReferenceId, tenantPartitionFor } from '../../src/teams/ids';
import { TENANT } from '../support/teams-activities';
import {
  actionData,
  cardOf,
  cardText,
  composePairs,
  LEADER,
  NOW,
  SCHOOL_ID,
  setUpProgramme,
  startWorld,
  STORE_KINDS,
  TEACHERS,
  type World,
} from './programme-world';

const [anna] = TEACHERS;
const ALL_TYPES: DocumentType[] = [
  'school',
  'programme',
  'profile',
  'pair',
  'cycle',
  'visit',
  'observation',
  'reflection',
  'debriefNote',
  'switchRequest',
  'nudge',
];

/** The Action.OpenUrl "Download …" of the export card. */
function downloadAction(card: any): { title: string; url: string } {
  const action = (card?.actions ?? []).find((a: any) => a.type === 'Action.OpenUrl');
  assert.ok(action, 'the export card has an Action.OpenUrl');
  return action;
}

/** GET the card's link on a running service (the link names the public host; tests use the service URL). */
async function download(serviceUrl: string, link: string, acceptLanguage = 'nl-NL,nl;q=0.9,en;q=0.8') {
  const response = await fetch(`${serviceUrl}${new URL(link).pathname}`, {
    headers: { 'accept-language': acceptLanguage },
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: JSON.parse(text) };
}

/** The same store, but closing it is left to the world that owns it. */
const borrowed = (store: Store): Store =>
  new Proxy(store, {
    get: (target, key) =>
      key === 'close'
        ? async () => undefined
        : typeof (target as any)[key] === 'function'
          ? (target as any)[key].bind(target)
          : (target as any)[key],
  });

/**
 * A second instance of Tweetal on the world's store whose clock is `minutes` later (the world's
 * clock is fixed): "the person follows the link after N minutes". Logs go to the world's logs.
 */
async function laterInstance(world: World, minutes: number) {
  const sink = new Writable({
    write(chunk, _encoding, callback) {
      world.bot.logs.push(
        ...String(chunk)
          .split('\n')
          .filter((line) => line !== ''),
      );
      callback();
    },
  });
  return startService(world.bot.config, {
    store: borrowed(world.store),
    logger: createLogger('debug', sink),
    clock: () => NOW.plus({ minutes }),
  });
}

for (const kind of STORE_KINDS) {
  describe(`my data: export and delete over HTTP (${kind})`, function () {
    this.timeout(60_000);
    let world: World;
    let partnerId: string;
    let otherPairId: string;
    let otherPairMemberIds: readonly string[];

    beforeEach(async () => {
      world = await startWorld(kind);
      await setUpProgramme(world);
      const pairs = await composePairs(world);
      const mine = pairs.find((p) => p.memberIds.includes(anna.aadObjectId))!;
      otherPairId = pairs.find((p) => p.id !== mine.id)!.id;
      otherPairMemberIds = pairs.find((p) => p.id !== mine.id)!.memberIds;
      partnerId = mine.memberIds.find((id) => id !== anna.aadObjectId)!;
      const [cycle] = await world.store.query(SCHOOL_ID, { type: 'cycle', pairId: mine.id });
      await world.store.replace({ ...cycle!, visitsCompleted: 1 });
      const base = { schoolId: SCHOOL_ID, pairId: mine.id, personIds: [anna.aadObjectId, partnerId] };
      await world.store.create({
        ...base,
        type: 'visit',
        id: 'visit-a1',
        cycleId: cycle!.id,
        sequence: 1,
        observerId: anna.aadObjectId,
        observedId: partnerId,
        state: 'debriefed',
        startsAt: '2026-02-10T08:00:00.000Z',
        durationMinutes: 50,
        lesson: '3B',
        focus: 'instructie',
        discussionGoal: 'vragen',
        feedbackPreference: 'questions',
        video: false,
        proposedBy: anna.aadObjectId,
        debriefMoments: [],
        updatedAt: '2026-02-12T08:00:00.000Z',
      });
      await world.store.create({
        ...base,
        type: 'observation',
        id: 'obs-a1',
        visitId: 'visit-a1',
        authorId: anna.aadObjectId,
        facts: 'ANNA-GEHEIME-FEITEN',
        questions: 'ANNA-VRAAG',
        postedAt: '2026-02-10T12:00:00.000Z',
      });
      await world.store.create({
        ...base,
        type: 'reflection',
        id: 'refl-b1',
        visitId: 'visit-a1',
        authorId: partnerId,
        text: 'PARTNER-REFLECTIE',
        postedAt: '2026-02-11T12:00:00.000Z',
      });
      await world.store.create({
        schoolId: SCHOOL_ID,
        pairId: otherPairId,
        personIds: [],
        type: 'reflection',
        id: 'refl-other',
        visitId: 'visit-other',
        authorId: 'someone',
        text: 'ANDER-TWEETAL',
        postedAt: '2026-02-11T12:00:00.000Z',
      });
    });
    afterEach(async () => world.stop());

    it('should export everything stored about the person and what they wrote, as a card with a download link, and nothing of other pairs', async () => {
      const replies = await world.say(anna, 'export');
      assert.ok(
        !replies.some((a) => a.attachments?.some((x: any) => x.contentType === 'application/json')),
        'no inline JSON attachment (Teams does not offer it as a download)',
      );
      const card = cardOf(replies.find((a) => cardOf(a)));
      assert.match(cardText(card), /Mijn gegevens/);
      assert.match(cardText(card), /Lesbezoeken\n1/);
      assert.match(cardText(card), /Observaties\n1/);
      assert.match(cardText(card), /werkt 15 minuten/);
      const action = downloadAction(card);
      assert.equal(action.title, 'Download als JSON');
      assert.match(action.url, /\/api\/export\/[A-Za-z0-9_-]{43}$/, '256-bit token');
      assert.equal(
        new URL(action.url).origin,
        world.bot.service.url,
        "without PUBLIC_URL the link is on the server's own listening address",
      );
      const direct = await fetch(action.url);
      assert.equal(direct.status, 200, 'the link itself opens in a local run');

      const file = await download(world.bot.service.url, action.url);
      assert.equal(file.status, 200);
      assert.match(file.headers.get('content-type')!, /^application\/json/);
      assert.equal(file.headers.get('content-disposition'), 'attachment; filename="tweetal-export-2026-01-20.json"');
      assert.equal(file.headers.get('cache-control'), 'no-store');
      const json = file.json;
      assert.equal(json.userId, anna.aadObjectId);
      const docs = json.schools[0].documents;
      assert.equal(docs.profile[0].subjects[0], 'wiskunde');
      assert.equal(docs.pair.length, 1);
      assert.equal(docs.cycle.length, 1);
      assert.equal(docs.visit[0].id, 'visit-a1');
      assert.equal(docs.observation[0].facts, 'ANNA-GEHEIME-FEITEN');
      assert.equal(docs.reflection[0].text, 'PARTNER-REFLECTIE', 'the pair text about her own visit');
      assert.ok(!file.text.includes('ANDER-TWEETAL'), 'nothing of the other pair');
      assert.ok(!file.text.includes(otherPairId), 'not even the other pair id');
      assert.ok(!file.text.includes('exportLink'), 'the link itself is not part of the export');
      assert.ok(json.tenant.membership && json.tenant.conversationReference);
      assert.match(cardText(card), /Lidmaatschap van een team\n1/);
      assert.ok(!world.bot.logs.some((line) => line.includes('ANNA-GEHEIME-FEITEN')), 'no text in the logs');
    });

    it('should let the link be used again within its lifetime (link scanners may fetch it first) and answer 404 to any other token', async () => {
      const link = downloadAction(cardOf((await world.say(anna, 'export'))[0])).url;
      const first = await download(world.bot.service.url, link);
      const second = await download(world.bot.service.url, link);
      assert.equal(first.status, 200);
      assert.equal(second.status, 200, 'a second download within 15 minutes works');
      assert.equal(second.json.userId, anna.aadObjectId);

      const other = `https://localhost:3978/api/export/${randomBytes(32).toString('base64url')}`;
      const unknown = await download(world.bot.service.url, other);
      assert.equal(unknown.status, 404);
      assert.equal(unknown.json.error, 'link_not_found');
      assert.match(unknown.json.message, /Deze downloadlink werkt niet meer/);
      assert.equal(unknown.headers.get('cache-control'), 'no-store');
      const english = await download(world.bot.service.url, other, 'en-GB,en;q=0.9');
      assert.match(english.json.message, /This download link no longer works/);
      const mangled = await download(world.bot.service.url, `${link.slice(0, -1)}${link.endsWith('A') ? 'B' : 'A'}`);
      assert.equal(mangled.status, 404, 'one character off is another token');
      const short = await download(world.bot.service.url, 'https://localhost:3978/api/export/abc');
      assert.equal(short.status, 404);
      assert.ok(!unknown.text.includes(anna.aadObjectId) && !short.text.includes('ANNA'));
    });

    it("should give each person their own link: a teacher of another pair gets their own data through theirs, nothing of Anna's", async () => {
      const stranger = TEACHERS.find((p) => p.aadObjectId === otherPairMemberIds[0])!;
      const annaLink = downloadAction(cardOf((await world.say(anna, 'export'))[0])).url;
      const strangerLink = downloadAction(cardOf((await world.say(stranger, 'export', 'en-GB'))[0])).url;
      assert.notEqual(annaLink, strangerLink);
      const file = await download(world.bot.service.url, strangerLink);
      assert.equal(file.status, 200);
      assert.equal(file.json.userId, stranger.aadObjectId);
      assert.equal(file.json.schools[0].documents.pair[0].id, otherPairId, 'their own pair');
      assert.ok(!file.text.includes('ANNA-GEHEIME-FEITEN') && !file.text.includes('PARTNER-REFLECTIE'));
      assert.ok(!file.text.includes(anna.aadObjectId), 'nothing names Anna');
      assert.equal(
        (await download(world.bot.service.url, annaLink)).json.userId,
        anna.aadObjectId,
        "Anna's link still gives Anna's data",
      );
    });

    it('should answer 404 once the link has expired (15 minutes) and delete the expired link when it is seen', async () => {
      const link = downloadAction(cardOf((await world.say(anna, 'export'))[0])).url;
      const almost = await laterInstance(world, 14);
      const expired = await laterInstance(world, 15);
      try {
        assert.equal((await download(almost.url, link)).status, 200, 'still valid after 14 minutes');
        assert.equal(
          (await world.store.query(EXPORT_LINK_PARTITION, { type: 'exportLink', personId: anna.aadObjectId })).length,
          1,
        );
        const gone = await download(expired.url, link);
        assert.equal(gone.status, 404);
        assert.match(gone.json.message, /na 15 minuten verlopen/);
        assert.ok(!gone.text.includes('ANNA-GEHEIME-FEITEN'));
        assert.deepEqual(
          await world.store.query(EXPORT_LINK_PARTITION, { type: 'exportLink', personId: anna.aadObjectId }),
          [],
          'the expired link is deleted when seen',
        );
        assert.equal((await download(almost.url, link)).status, 404, 'and stays gone');
      } finally {
        await almost.close();
        await expired.close();
      }
    });

    it('should build the file at download time: after "verwijder" the link yields nothing, and a partner\'s deletion in between is respected', async () => {
      const bram = TEACHERS.find((p) => p.aadObjectId === partnerId)!;
      const link = downloadAction(cardOf((await world.say(anna, 'export'))[0])).url;
      // Her partner deletes their data after Anna asked for the export, before she downloads it.
      await world.act(bram, 'mydata.delete', { confirm: 'yes' });
      const fresh = await download(world.bot.service.url, link);
      assert.equal(fresh.status, 200);
      assert.ok(fresh.text.includes('ANNA-GEHEIME-FEITEN'), 'her own text is there');
      assert.ok(!fresh.text.includes('PARTNER-REFLECTIE'), "the partner's deleted reflection is not");
      assert.ok(!fresh.text.includes(partnerId), "nor the partner's id");

      const ask = cardOf((await world.say(anna, 'verwijder'))[0]);
      assert.equal((await world.act(anna, 'mydata.delete', actionData(ask, 'mydata.delete'))).status, 200);
      const after = await download(world.bot.service.url, link);
      assert.equal(after.status, 404);
      assert.ok(!after.text.includes('ANNA-GEHEIME-FEITEN') && !after.text.includes(anna.aadObjectId));
      assert.deepEqual(
        await world.store.query(EXPORT_LINK_PARTITION, { type: 'exportLink', personId: anna.aadObjectId }),
        [],
        'her links are deleted with her data',
      );
    });

    it('should never write the token to the logs (at most a hash prefix)', async () => {
      const link = downloadAction(cardOf((await world.say(anna, 'export', 'en-GB'))[0])).url;
      const token = new URL(link).pathname.split('/').pop()!;
      await download(world.bot.service.url, link);
      await download(
        world.bot.service.url,
        `https://localhost:3978/api/export/${randomBytes(32).toString('base64url')}`,
      );
      const later = await laterInstance(world, 20);
      try {
        await download(later.url, link);
      } finally {
        await later.close();
      }
      assert.ok(
        world.bot.logs.some((line) => line.includes('personal data downloaded')),
        'the download was logged',
      );
      assert.ok(
        world.bot.logs.some((line) => line.includes('export download refused')),
        'the refusals were logged',
      );
      for (const part of [token, token.slice(0, 16), token.slice(-16), encodeURIComponent(token)]) {
        assert.ok(
          !world.bot.logs.some((line) => line.includes(part)),
          `no part of the token in the logs (${part.length} chars)`,
        );
      }
    });

    it('should label the button in English for an English-speaking person', async () => {
      const card = cardOf((await world.say(anna, 'export', 'en-GB'))[0]);
      assert.equal(downloadAction(card).title, 'Download as JSON');
      assert.match(cardText(card), /works for 15 minutes/);
    });

    it('should ask for confirmation, then delete personal data and texts, anonymise ids, keep anonymous counts, and be idempotent', async () => {
      const ask = cardOf((await world.say(anna, 'verwijder'))[0]);
      assert.match(cardText(ask), /Mijn gegevens verwijderen\?/);
      assert.ok(
        await world.store.read(SCHOOL_ID, 'profile', `profile-${anna.aadObjectId}`),
        'nothing deleted before confirming',
      );
      const forged = await world.act(anna, 'mydata.delete', { confirm: 'maybe' });
      assert.equal(forged.status, 400);
      const response = await world.act(anna, 'mydata.delete', actionData(ask, 'mydata.delete'));
      assert.equal(response.status, 200);
      assert.match(response.body.value, /Je gegevens zijn verwijderd/);
      // Nothing in the school partition names her any more.
      for (const type of ALL_TYPES) {
        for (const doc of await world.store.query(SCHOOL_ID, { type }))
          assert.ok(!JSON.stringify(doc).includes(anna.aadObjectId), `${type} ${doc.id} still names her`);
      }
      assert.equal(await world.store.read(SCHOOL_ID, 'profile', `profile-${anna.aadObjectId}`), undefined);
      assert.equal(await world.store.read(SCHOOL_ID, 'observation', 'obs-a1'), undefined, 'her text is gone');
      assert.equal(
        (await world.store.read(SCHOOL_ID, 'reflection', 'refl-b1'))?.text,
        'PARTNER-REFLECTIE',
        "the partner's text stays",
      );
      const visit = await world.store.read(SCHOOL_ID, 'visit', 'visit-a1');
      assert.match(visit!.observerId, /^anon-/);
      assert.equal(visit!.observedId, partnerId);
      const pairs = await world.store.query(SCHOOL_ID, { type: 'pair', personId: partnerId });
      assert.equal(pairs.length, 1);
      assert.ok(
        pairs[0]!.memberIds.some((id) => id === visit!.observerId),
        'the same token in pair and visit',
      );
      const [cycle] = await world.store.query(SCHOOL_ID, { type: 'cycle', pairId: pairs[0]!.id });
      assert.equal(cycle!.visitsCompleted, 1, 'anonymous counts stay');
      const membership = await world.store.read(tenantPartitionFor(TENANT), 'membership', `member-${anna.aadObjectId}`);
      assert.deepEqual(
        Object.keys(membership ?? {}).sort(),
        ['id', 'leftAt', 'personIds', 'schoolId', 'schoolIds', 'tenantId', 'type', 'updatedAt', 'userId', 'version'],
        'only ids and dates stay in the membership, marked as left',
      );
      assert.equal(
        await world.store.read(tenantPartitionFor(TENANT), 'personReference', personReferenceId(anna.aadObjectId)),
        undefined,
        'her conversation reference is gone',
      );
      // Again: nothing left to do, same friendly answer, no error.
      const again = await world.act(anna, 'mydata.delete', { confirm: 'yes' });
      assert.equal(again.status, 200);
      const leaderSchool = await world.store.read(SCHOOL_ID, 'school', SCHOOL_ID);
      assert.deepEqual(leaderSchool?.leaderIds, [LEADER.aadObjectId]);
    });

    it("should export a leader's digests and the nudges a teacher received, and nothing of the others'", async () => {
      await world.store.create({
        type: 'digest',
        id: 'digest-leader-w4',
        schoolId: SCHOOL_ID,
        personIds: [LEADER.aadObjectId],
        programmeId: 'programme-x',
        recipientId: LEADER.aadObjectId,
        period: '2026-W04',
        status: 'sent',
        createdAt: '2026-01-19T07:00:00.000Z',
      });
      await world.store.create({
        type: 'nudge',
        id: 'nudge-anna-w4',
        schoolId: SCHOOL_ID,
        personIds: [anna.aadObjectId],
        recipientId: anna.aadObjectId,
        kind: 'noVisitPlanned',
        period: '2026-W04',
        status: 'sent',
        createdAt: '2026-01-19T09:00:00.000Z',
      });
      const leaderLink = downloadAction(cardOf((await world.say(LEADER, 'export'))[0])).url;
      const leaderFile = await download(world.bot.service.url, leaderLink);
      assert.deepEqual(
        leaderFile.json.schools[0].documents.digest.map((d: any) => d.id),
        ['digest-leader-w4'],
      );
      assert.equal(leaderFile.json.schools[0].isLeader, true);
      assert.ok(!leaderFile.text.includes('nudge-anna-w4'));
      const annaFile = await download(
        world.bot.service.url,
        downloadAction(cardOf((await world.say(anna, 'export'))[0])).url,
      );
      assert.deepEqual(
        annaFile.json.schools[0].documents.nudge.map((d: any) => d.id),
        ['nudge-anna-w4'],
      );
      assert.ok(!annaFile.text.includes('digest-leader-w4'));
    });

    it('should remove a leader from the leaders when they delete their data', async () => {
      await world.act(LEADER, 'mydata.delete', { confirm: 'yes' }, 'en-GB');
      const school = await world.store.read(SCHOOL_ID, 'school', SCHOOL_ID);
      assert.deepEqual(school?.leaderIds, []);
      const [programme] = await world.store.query(SCHOOL_ID, { type: 'programme' });
      assert.match(programme!.createdBy, /^anon-/);
    });
  });
}
