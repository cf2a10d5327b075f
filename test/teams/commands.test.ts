/**
 * Commands a person would type (issue 11 item 4): both languages, any case, accents and
 * punctuation around them ignored, the synonyms people use, one table (COMMAND_WORDS) for the
 * router and the help card; unknown text gets "I did not understand …" with the help; and every
 * command the bot's own texts tell people to type is one the router knows.
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import { createRouter } from '../../src/teams/features';
import { helpView } from '../../src/teams/features/help/help-card';
import { allWordsOf, COMMAND_WORDS, normaliseCommandText, type CommandName } from '../../src/teams/router';
import { userTexts } from '../i18n/user-texts';
import { startTestBot, type TestBot } from '../support/test-bot';
import { person, personalMessage } from '../support/teams-activities';

const router = createRouter();
const nameOf = (text: string): CommandName | undefined => router.matchCommand(text).spec?.name;

/** Words that introduce a command in a hint: "Type "plan"", "Stuur "profiel"", "start one with "setup"". */
const HINT_VERB = /(?<!\p{L})(?:typ|type|typing|stuur|send|tik|zeg|say|with|met)(?!\p{L})/iu;
/** The Dutch verb at the end: "… kunnen vóór die datum "exporteer" typen." */
const HINT_VERB_AFTER = /^\s*(?:typen|intypen|sturen|tikken|zeggen)(?!\p{L})/iu;
/** A quoted piece: straight, curly or backtick quotes (one line, paired in order). */
const QUOTED = /"([^"\n]*)"|“([^”\n]*)”|‘([^’\n]*)’|`([^`\n]*)`/g;

/**
 * The commands a text tells people to type: short quoted pieces (at most three words, no value)
 * that follow a hint verb in the same sentence, come before a Dutch one ("\"exporteer\" typen") or stand
 * in parentheses ("(\"profile\")").
 */
function quotedCommands(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(QUOTED)) {
    const quoted = (match[1] ?? match[2] ?? match[3] ?? match[4] ?? '').trim();
    // A command is words (letters, spaces, an apostrophe) or "?": not a header, a value or a path.
    if (!/^(?:[\p{L}' ’]+|\?)$/u.test(quoted) || quoted.split(/\s+/).length > 3) continue;
    const before = text.slice(0, match.index);
    const sentence = before.slice(Math.max(before.lastIndexOf('. '), before.lastIndexOf(': '), 0));
    const after = text.slice(match.index + match[0].length);
    if (HINT_VERB.test(sentence.slice(-40)) || HINT_VERB_AFTER.test(after) || /\(\s*$/.test(before)) found.push(quoted);
  }
  return found;
}

describe('Commands a person would type (one table, both languages)', () => {
  it('should route every synonym people use to its command when typed in any case, with accents or punctuation', () => {
    const cases: [string, CommandName][] = [
      ['programme', 'setup'],
      ['Program', 'setup'],
      ['SETUP', 'setup'],
      ['set-up', 'setup'],
      ['traject', 'setup'],
      ['Opzet', 'setup'],
      ['pairs', 'pairs'],
      ['Tweetallen', 'pairs'],
      ['koppels', 'pairs'],
      ["duo's", 'pairs'],
      ['Duo’s', 'pairs'],
      ['status', 'status'],
      ['Mijn  cyclus', 'status'],
      ['my cycle', 'status'],
      ['voortgang', 'status'],
      ['plan', 'plan'],
      ['plannen', 'plan'],
      ['Inplannen', 'plan'],
      ['plan een bezoek', 'plan'],
      ['observe', 'observe'],
      ['observation', 'observe'],
      ['OBSERVATIE', 'observe'],
      ['observeren', 'observe'],
      ['óbservátie', 'observe'],
      ['debrief', 'debrief'],
      ['nagesprek', 'debrief'],
      ['Profiél', 'profile'],
      ['profile', 'profile'],
      ['switch', 'switch'],
      ['wissel', 'switch'],
      ['wisselen', 'switch'],
      ['export', 'export'],
      ['exporteren', 'export'],
      ['Mijn gegevens', 'export'],
      ['delete', 'delete'],
      ['verwijder', 'delete'],
      ['verwijderen', 'delete'],
      ['help', 'help'],
      ['Hulp', 'help'],
      ['?', 'help'],
      ['??', 'help'],
      ['help?', 'help'],
      ['digest', 'digest'],
      ['Overzicht', 'digest'],
      ['leaders', 'leaders'],
      ['leiders', 'leaders'],
      // Around the text: punctuation, a slash, markdown, extra spaces and an @mention of the bot.
      ['  status!  ', 'status'],
      ['/plan', 'plan'],
      ['"traject".', 'setup'],
      ['**hulp**', 'help'],
      ['<at>Tweetal</at> overzicht', 'digest'],
      ['@Tweetal  mijn cyclus?', 'status'],
    ];
    const wrong = cases
      .filter(([text, name]) => nameOf(text) !== name)
      .map(([text, name]) => `${text} → ${nameOf(text)} (want ${name})`);
    assert.deepEqual(wrong, []);
  });

  it('should leave text that is no command unmatched when it only resembles one', () => {
    for (const text of ['', '   ', 'planning', 'statuses', 'wat is dit allemaal', '@Tweetal', 'hoi!']) {
      assert.equal(nameOf(text), undefined, text);
    }
  });

  it('should register every command of the table, each of its words matching it, and no word twice', () => {
    const registered = router
      .commandSpecs()
      .map((spec) => spec.name)
      .sort();
    assert.deepEqual(registered, (Object.keys(COMMAND_WORDS) as CommandName[]).sort());
    for (const name of Object.keys(COMMAND_WORDS) as CommandName[])
      for (const word of allWordsOf(name)) assert.equal(nameOf(word), name, word);
  });

  it('should normalise the way the router compares: case, accents, apostrophes, spacing, surrounding punctuation', () => {
    assert.equal(normaliseCommandText('  Récap   Ça, Va?! '), 'recap ca, va');
    assert.equal(normaliseCommandText('Duo’s'), 'duos');
    assert.equal(normaliseCommandText('…?'), '?');
    assert.equal(normaliseCommandText('!!!'), '');
  });

  it('should recognise every command the bot tells people to type, in every string table and tab text of both languages', () => {
    const hints = userTexts().flatMap((u) => quotedCommands(u.words).map((command) => ({ where: u.where, command })));
    // The extraction finds the hints it is for (else the check below would pass on nothing).
    const commands = new Set(hints.map((h) => h.command));
    for (const expected of ['hulp', 'help', 'traject', 'setup', 'mijn cyclus', 'tweetallen', 'pairs', 'exporteer'])
      assert.ok(commands.has(expected), `no hint names "${expected}"`);
    const unknown = hints.filter((h) => nameOf(h.command) === undefined).map((h) => `${h.where}: "${h.command}"`);
    assert.deepEqual(unknown, []);
  });

  it('should recognise every command the Teams app manifest offers in its command menu, in English and Dutch', () => {
    const manifestDir = path.join(__dirname, '..', '..', 'manifest');
    const manifest = JSON.parse(fs.readFileSync(path.join(manifestDir, 'manifest.json'), 'utf8')) as {
      bots: { commandLists: { commands: { title: string }[] }[] }[];
    };
    const dutch = JSON.parse(fs.readFileSync(path.join(manifestDir, 'nl.json'), 'utf8')) as Record<string, string>;
    const titles = [
      ...manifest.bots.flatMap((bot) => bot.commandLists.flatMap((list) => list.commands.map((c) => c.title))),
      ...Object.entries(dutch)
        .filter(([key]) => /commands\[\d+\]\.title$/.test(key))
        .map(([, title]) => title),
    ];
    assert.ok(titles.length >= 20, `${titles.length} titles`);
    assert.deepEqual(
      titles.filter((title) => nameOf(title) === undefined),
      [],
    );
  });

  it('should name in the README only commands that work, and every command of the table', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    const paragraph = /^Commands \(Dutch or English[\s\S]*?\n\n/m.exec(readme)?.[0] ?? '';
    const words = [...paragraph.matchAll(/`([^`]+)`/g)]
      .map((m) => m[1]!)
      .filter((w) => !w.includes('/') && w !== 'COMMAND_WORDS');
    assert.deepEqual(
      words.filter((word) => nameOf(word) === undefined),
      [],
    );
    assert.deepEqual(
      (Object.keys(COMMAND_WORDS) as CommandName[]).filter((name) => !words.some((word) => nameOf(word) === name)),
      [],
    );
  });

  it('should extract quoted commands after a hint verb or in parentheses, not quoted examples (self-check)', () => {
    assert.deepEqual(quotedCommands('Type "plan" or "plannen" to start.'), ['plan', 'plannen']);
    assert.deepEqual(quotedCommands('Start er een in de chat met “setup”.'), ['setup']);
    assert.deepEqual(quotedCommands('Vul je profiel in ("profiel"), daarna de tweetallen ("tweetallen").'), [
      'profiel',
      'tweetallen',
    ]);
    assert.deepEqual(quotedCommands('Typ `programma` om te beginnen.'), ['programma']);
    assert.deepEqual(quotedCommands('Wie wil, kan vóór die datum "exporteer" typen.'), ['exporteer']);
    assert.deepEqual(
      quotedCommands(
        'Write what you saw: "three pupils stood up during the instruction" rather than "a restless class".',
      ),
      [],
    );
    assert.deepEqual(quotedCommands('Please fill in "{field}".'), []);
    assert.deepEqual(quotedCommands('Sign in: send the token as "Authorization: Bearer <token>".'), []);
    assert.deepEqual(quotedCommands('Typ "?" voor hulp.'), ['?']);
  });

  it('should list on the help card the commands of the one table, the reader’s language first', () => {
    const nl = helpView(router, 'nl');
    const en = helpView(router, 'en');
    const all = (view: typeof nl) => [...view.commands, ...view.leaderCommands].map((c) => c.words);
    assert.equal(all(nl).length, Object.keys(COMMAND_WORDS).length);
    assert.ok(all(nl).includes('plannen / inplannen / plan'), all(nl).join(' | '));
    assert.ok(all(en).includes('plan / plannen'), all(en).join(' | '));
    assert.ok(all(nl).includes('tweetallen / pairs'), all(nl).join(' | '));
    assert.ok(all(nl).includes('traject / opzet / setup'), all(nl).join(' | '));
    assert.ok(all(en).includes('setup / set up / programme / traject'), all(en).join(' | '));
    assert.ok(all(nl).includes('hulp / help') && all(en).includes('help / hulp'), 'no "?" inside a line of words');
    // The synonyms the glossary keeps out of Tweetal's texts are understood, not taught.
    for (const word of ['?', 'programma', 'program', 'koppels', "duo's"]) {
      assert.ok(nameOf(word), word);
      assert.ok(![...all(nl), ...all(en)].some((words) => words.split(' / ').includes(word)), word);
    }
    // Every word shown is one the router answers to.
    for (const words of [...all(nl), ...all(en)]) for (const word of words.split(' / ')) assert.ok(nameOf(word), word);
    assert.equal(nl.notUnderstood, '');
  });

  describe('over HTTP', () => {
    let bot: TestBot;
    const anna = person(1, 'Anna de Vries');
    beforeEach(async () => {
      bot = await startTestBot();
    });
    afterEach(async () => bot.stop());

    it('should answer unknown text with "Dat begreep ik niet" and the help card in Dutch', async () => {
      await bot.post(personalMessage(bot.connector.url, anna, 'plannnen'));
      const cards = bot.connector.sentCards();
      assert.equal(cards.length, 1);
      const [first, title] = cards[0].body;
      assert.equal(first.text, 'Dat begreep ik niet: “plannnen”.');
      assert.equal(title.text, 'Tweetal: coachen in tweetallen');
      assert.match(JSON.stringify(cards[0]), /mijn cyclus \/ status \/ voortgang/);
    });

    it('should answer unknown text with "I did not understand" and the help card in English, a long text not repeated', async () => {
      await bot.post(personalMessage(bot.connector.url, anna, 'what can you do', { locale: 'en-GB' }));
      const long = 'I saw three pupils stand up during the instruction and nobody reacted to it, not even once';
      await bot.post(personalMessage(bot.connector.url, anna, long, { locale: 'en-GB' }));
      const [short, pasted] = bot.connector.sentCards();
      assert.equal(short.body[0].text, 'I did not understand “what can you do”.');
      assert.equal(short.body[1].text, 'Tweetal: coaching in pairs');
      assert.equal(pasted.body[0].text, 'I did not understand that.');
      assert.ok(!JSON.stringify(pasted).includes('pupils'));
    });

    it('should answer a synonym typed with an @mention, capitals and an accent with its command, not the help', async () => {
      await bot.post(personalMessage(bot.connector.url, anna, '<at>Tweetal</at> HÚLP!'));
      const [card] = bot.connector.sentCards();
      assert.equal(card.body[0].text, 'Tweetal: coachen in tweetallen', 'the help card without "Dat begreep ik niet"');
    });
  });
});
