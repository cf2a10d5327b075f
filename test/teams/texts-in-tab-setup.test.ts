/**
 * The "texts only in the personal tab" setting on the programme setup card, over HTTP on both
 * stores: the card explains it in the leader's language, it is off by default, the leader switches
 * it on and off with the card, and the card shows what was saved.
 */
import { strict as assert } from 'node:assert';
import {
  actionData,
  cardOf,
  cardText,
  LEADER,
  programmeForm,
  SCHOOL_ID,
  setUpProgramme,
  startWorld,
  STORE_KINDS,
  type World,
} from './programme-world';

const toggleOf = (card: any): any => {
  const found: any[] = [];
  const walk = (node: any) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if (node.type === 'Input.Toggle' && node.id === 'textsInTabOnly') found.push(node);
      Object.values(node).forEach(walk);
    }
  };
  walk(card);
  assert.equal(found.length, 1, 'one toggle for the setting');
  return found[0];
};

for (const kind of STORE_KINDS) {
  describe(`programme setup: teachers' texts only in the personal tab (${kind})`, function () {
    this.timeout(60_000);
    let world: World;
    beforeEach(async () => {
      world = await startWorld(kind);
    });
    afterEach(async () => world.stop());

    it('should explain the setting, default it to off, and save it on and off from the card', async () => {
      const card = cardOf((await world.say(LEADER, 'traject'))[0]);
      const toggle = toggleOf(card);
      assert.equal(toggle.title, 'Teksten van leraren alleen in het persoonlijke tabblad');
      assert.equal(toggle.value, 'false', 'off by default');
      assert.match(cardText(card), /De formulieren en de aantekeningen openen dan in het tabblad Tweetal/);

      const id = await setUpProgramme(world);
      assert.equal((await world.store.read(SCHOOL_ID, 'programme', id))?.textsInTabOnly, undefined);

      const edit = cardOf((await world.say(LEADER, 'traject'))[0]);
      const on = await world.act(LEADER, 'programme.save', {
        ...actionData(edit, 'programme.save'),
        ...programmeForm({ textsInTabOnly: 'true' }),
      });
      assert.equal(on.status, 200, JSON.stringify(on.body));
      assert.equal((await world.store.read(SCHOOL_ID, 'programme', id))?.textsInTabOnly, true);
      assert.equal(toggleOf(on.body.value).value, 'true', 'the card shows what was saved');

      const off = await world.act(LEADER, 'programme.save', {
        ...actionData(on.body.value, 'programme.save'),
        ...programmeForm({ textsInTabOnly: 'false' }),
      });
      assert.equal(off.status, 200);
      assert.equal((await world.store.read(SCHOOL_ID, 'programme', id))?.textsInTabOnly, undefined);
    });

    it('should explain it in English to an English-speaking leader', async () => {
      const card = cardOf((await world.say(LEADER, 'setup', 'en-US'))[0]);
      assert.equal(toggleOf(card).title, "Teachers' texts only in the personal tab");
      assert.match(cardText(card), /The forms and the notes then open in the Tweetal tab/);
    });
  });
}
