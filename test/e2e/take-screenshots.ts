/**
 * Regenerates the README's playground screenshots: `npx tsx test/e2e/take-screenshots.ts`.
 * Same world as the end-to-end test (seeded pair, two playgrounds, headless chromium): Anna asks
 * for help and plans a visit in Dutch (docs/screenshots/playground.png); Bram receives the
 * proposal in English in his own playground (docs/screenshots/playground-partner.png).
 */
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/project-root';
import { at, startPlaygroundWorld } from './playground-world';

async function main(): Promise<void> {
  const out = path.join(projectRoot(), 'docs', 'screenshots');
  fs.mkdirSync(out, { recursive: true });
  const world = await startPlaygroundWorld({ now: at('2026-03-02T10:00') });
  try {
    const { anna, bram } = world;
    await anna.waitForBotText('Hallo van Tweetal');
    await bram.say('help');
    await bram.cardWith('Tweetal: coaching in pairs');
    await anna.say('plannen');
    const plan = await anna.cardWith('Lesbezoek plannen');
    await plan.locator('.fui-DatePicker input').pressSequentially('2026-03-04', { delay: 5 });
    await anna.page.keyboard.press('Tab');
    await plan.getByRole('combobox', { name: /Tijd/ }).pressSequentially('09:00', { delay: 5 });
    await anna.page.keyboard.press('Tab');
    await plan.getByRole('textbox', { name: /Klas of les/ }).pressSequentially('3B wiskunde, 2e uur');
    await plan.getByRole('combobox', { name: /Kijkdoel/ }).click();
    await anna.page.getByRole('option', { name: 'Duidelijke instructie' }).click();
    await plan
      .getByRole('textbox', { name: /Bespreekdoel/ })
      .pressSequentially('Hoe controleer ik of iedereen het snapt?');
    await plan.getByRole('button', { name: 'Stel dit bezoek voor' }).click();
    await anna.waitForBotText('wacht op bevestiging');
    const proposal = await bram.cardWith('Anna de Vries observes Bram Jansen', { timeoutMs: 20_000 });
    await anna.page.waitForTimeout(500);
    await anna.screenshot(path.join(out, 'playground.png'));
    await proposal.scrollIntoViewIfNeeded();
    await bram.page.waitForTimeout(500);
    await bram.screenshot(path.join(out, 'playground-partner.png'));
    process.stdout.write(`Wrote ${path.join(out, 'playground.png')} and playground-partner.png\n`);
  } finally {
    await world.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
