/**
 * The export is complete as JSON and as the readable card (issue 13 item 3), on both stores: the
 * card shows the person's own texts (escaped, within Teams' card size) and links to a readable
 * page at the same 15-minute link, which holds every document of the file with every text —
 * also the partner's texts on the person's visits — HTML-escaped. With the programme's "texts
 * only in the tab" on, the card shows none of the texts, only where they are.
 */
import { strict as assert } from 'node:assert';
import type { Visit } from '../../src/domain/entities';
import {
  cardOf,
  cardText,
  composePairs,
  SCHOOL_ID,
  setUpProgramme,
  startWorld,
  STORE_KINDS,
  TEACHERS,
  type World,
} from './programme-world';

const [anna] = TEACHERS;
const TEAMS_CARD_LIMIT = 28 * 1024;
const HOSTILE = '<script>alert(1)</script> **vet** [link](https://evil.example)';

for (const kind of STORE_KINDS) {
  describe(`my data: the readable export (${kind})`, function () {
    this.timeout(60_000);
    let world: World;
    let pairId: string;
    let partnerId: string;
    let programmeId: string;

    async function visit(id: string, sequence: number, texts: Partial<Visit> = {}) {
      const [cycle] = await world.store.query(SCHOOL_ID, { type: 'cycle', pairId });
      await world.store.create({
        schoolId: SCHOOL_ID,
        pairId,
        personIds: [anna.aadObjectId, partnerId],
        type: 'visit',
        id,
        cycleId: cycle!.id,
        sequence,
        observerId: anna.aadObjectId,
        observedId: partnerId,
        state: 'debriefed',
        startsAt: `2026-02-1${sequence}T08:00:00.000Z`,
        durationMinutes: 50,
        lesson: `ANNA-LES-${sequence}`,
        focus: `ANNA-KIJKDOEL-${sequence}`,
        discussionGoal: '',
        feedbackPreference: 'questions',
        video: false,
        proposedBy: anna.aadObjectId,
        plannedBy: anna.aadObjectId,
        debriefMoments: [],
        updatedAt: '2026-02-12T08:00:00.000Z',
        ...texts,
      } as Visit);
    }
    const base = () => ({ schoolId: SCHOOL_ID, pairId, personIds: [anna.aadObjectId, partnerId] });

    beforeEach(async () => {
      world = await startWorld(kind);
      programmeId = await setUpProgramme(world);
      const pairs = await composePairs(world);
      const mine = pairs.find((p) => p.memberIds.includes(anna.aadObjectId))!;
      pairId = mine.id;
      partnerId = mine.memberIds.find((id) => id !== anna.aadObjectId)!;
      await visit('visit-r1', 1);
      await world.store.create({
        ...base(),
        type: 'observation',
        id: 'observation-visit-r1',
        visitId: 'visit-r1',
        authorId: anna.aadObjectId,
        facts: `ANNA-FEITEN ${HOSTILE}`,
        questions: 'ANNA-VRAAG',
        postedAt: '2026-02-11T12:00:00.000Z',
      });
      await world.store.create({
        ...base(),
        type: 'reflection',
        id: 'reflection-visit-r1',
        visitId: 'visit-r1',
        authorId: partnerId,
        text: 'PARTNER-REFLECTIE',
        postedAt: '2026-02-11T13:00:00.000Z',
      });
      await world.store.create({
        ...base(),
        type: 'debriefNote',
        id: 'debrief-visit-r1',
        visitId: 'visit-r1',
        authorId: anna.aadObjectId,
        agreements: 'ANNA-AFSPRAKEN',
        nextStep: 'ANNA-STAP',
        recordedAt: '2026-02-12T12:00:00.000Z',
      });
    });
    afterEach(async () => world.stop());

    async function exportCard() {
      const replies = await world.say(anna, 'export');
      const card = cardOf(replies.find((a) => cardOf(a)));
      const links = (card.actions ?? []).filter((a: any) => a.type === 'Action.OpenUrl');
      const page = links.find((a: any) => a.url.endsWith('/page'));
      assert.ok(page, 'a "read as a page" link');
      assert.equal(page.title, 'Lezen als pagina');
      return { card, json: JSON.stringify(card), pageUrl: page.url as string };
    }

    async function readPage(url: string) {
      const response = await fetch(`${world.bot.service.url}${new URL(url).pathname}`);
      return { status: response.status, headers: response.headers, html: await response.text() };
    }

    it("should show the person's own texts on the card, escaped, and every document with every text on the readable page", async () => {
      const { card, json, pageUrl } = await exportCard();
      const text = cardText(card);
      assert.match(text, /Wat je schreef/);
      for (const own of ['ANNA-FEITEN', 'ANNA-VRAAG', 'ANNA-AFSPRAKEN', 'ANNA-STAP', 'ANNA-LES-1', 'ANNA-KIJKDOEL-1'])
        assert.ok(json.includes(own), `${own} is on the card`);
      assert.ok(!json.includes('PARTNER-REFLECTIE'), "the card shows her own texts; the partner's are on the page");
      assert.ok(!json.includes('](https://evil.example)'), 'markdown in a text shows literally on the card');
      assert.ok(Buffer.byteLength(json) < TEAMS_CARD_LIMIT);

      const page = await readPage(pageUrl);
      assert.equal(page.status, 200);
      assert.match(page.headers.get('content-type')!, /^text\/html/);
      assert.equal(page.headers.get('cache-control'), 'no-store');
      assert.match(page.headers.get('content-security-policy')!, /default-src 'none'/);
      for (const all of ['ANNA-FEITEN', 'ANNA-VRAAG', 'ANNA-AFSPRAKEN', 'ANNA-STAP', 'ANNA-LES-1', 'PARTNER-REFLECTIE'])
        assert.ok(page.html.includes(all), `${all} is on the page`);
      assert.ok(!page.html.includes('<script>'), 'typed text is escaped on the page');
      assert.ok(page.html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
      for (const label of [
        'Mijn gegevens in Tweetal',
        'Profiel',
        'Lesbezoeken',
        'Observaties',
        'Kijkdoel',
        'Afspraken',
      ])
        assert.ok(page.html.includes(label), `the page says "${label}"`);
      const file = await (
        await fetch(`${world.bot.service.url}${new URL(pageUrl).pathname.replace(/\/page$/, '')}`)
      ).json();
      for (const docs of Object.values(file.schools[0].documents) as { id: string }[][])
        for (const doc of docs) assert.ok(page.html.includes(doc.id), `document ${doc.id} of the file is on the page`);
    });

    it('should keep the card within Teams’ size and put the texts that do not fit on the readable page', async () => {
      for (let n = 2; n <= 8; n++) await visit(`visit-r${n}`, n, { lesson: `LANG-${n} ${'x'.repeat(2900)}` });
      const { json, card, pageUrl } = await exportCard();
      assert.ok(Buffer.byteLength(json) < TEAMS_CARD_LIMIT, `${Buffer.byteLength(json)} bytes`);
      assert.match(cardText(card), /Nog \d+ teksten op de leesbare pagina/);
      const page = await readPage(pageUrl);
      for (let n = 2; n <= 8; n++) assert.ok(page.html.includes(`LANG-${n}`), `visit ${n} on the page`);
    });

    it('should show no texts on the card when the programme keeps texts in the tab, and all of them on the page', async () => {
      const programme = (await world.store.read(SCHOOL_ID, 'programme', programmeId))!;
      await world.store.replace({ ...programme, textsInTabOnly: true });
      const { json, card, pageUrl } = await exportCard();
      for (const own of ['ANNA-FEITEN', 'ANNA-AFSPRAKEN', 'ANNA-LES-1'])
        assert.ok(!json.includes(own), `${own} is not on the card`);
      assert.match(cardText(card), /je teksten staan op de leesbare pagina/);
      const page = await readPage(pageUrl);
      for (const own of ['ANNA-FEITEN', 'ANNA-AFSPRAKEN', 'ANNA-LES-1', 'PARTNER-REFLECTIE'])
        assert.ok(page.html.includes(own), `${own} is on the page`);
    });

    it('should answer 404 on the page for an unknown token, like the file', async () => {
      const response = await fetch(`${world.bot.service.url}/api/export/${'A'.repeat(43)}/page`);
      assert.equal(response.status, 404);
    });
  });
}
