/**
 * One person's playground tab: type a message, wait for the bot's cards, fill and submit card
 * inputs. Every wait is bounded. Selectors are the playground's (Fluent UI + Adaptive Cards).
 */
import type { Browser, Locator, Page } from 'playwright-core';

export const SELECTORS = {
  messageBox: '[role="textbox"][contenteditable="true"]',
  send: 'button[aria-label="Send Message"]',
  botMessage: '.fai-OutputCard',
  card: '.ac-adaptiveCard',
  datePicker: '.fui-DatePicker input',
} as const;

export const WAIT_MS = 15_000;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export class ChatPage {
  private constructor(
    readonly page: Page,
    readonly who: string,
  ) {}

  static async open(browser: Browser, url: string, who: string): Promise<ChatPage> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // Loopback only: the playground's page also asks for fonts and animations from a CDN.
    await context.route(
      (address) => !LOOPBACK.has(address.hostname),
      (route) => route.abort(),
    );
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    await page.goto(url, { timeout: 30_000 });
    await page.locator(SELECTORS.messageBox).waitFor({ state: 'visible', timeout: 30_000 });
    return new ChatPage(page, who);
  }

  /** The bot's cards, oldest first. */
  cards(): Locator {
    return this.page.locator(`${SELECTORS.botMessage} ${SELECTORS.card}`);
  }

  async cardCount(): Promise<number> {
    return this.cards().count();
  }

  /** Type into the message box and send. */
  async say(text: string): Promise<void> {
    const box = this.page.locator(SELECTORS.messageBox);
    await box.click();
    await box.pressSequentially(text, { delay: 5 });
    await this.page.locator(SELECTORS.send).click();
  }

  /** The first bot card (after `after` earlier ones) whose text contains `text`. */
  async cardWith(text: string | RegExp, options: { after?: number; timeoutMs?: number } = {}): Promise<Locator> {
    const card = this.cards().filter({ hasText: text });
    const deadline = Date.now() + (options.timeoutMs ?? WAIT_MS);
    for (;;) {
      const count = await card.count();
      for (let i = count - 1; i >= 0; i--) {
        const candidate = card.nth(i);
        if ((await this.indexOf(candidate)) >= (options.after ?? 0)) return candidate;
      }
      if (Date.now() > deadline) {
        throw new Error(
          `${this.who}: no card with ${String(text)} within ${options.timeoutMs ?? WAIT_MS} ms; the page shows:\n${await this.transcript()}`,
        );
      }
      await this.page.waitForTimeout(200);
    }
  }

  private async indexOf(card: Locator): Promise<number> {
    return card.evaluate(
      (element, selector) => Array.from(document.querySelectorAll(selector)).indexOf(element),
      `${SELECTORS.botMessage} ${SELECTORS.card}`,
    );
  }

  /** Wait until some bot message (card or text) contains `text`. */
  async waitForBotText(text: string | RegExp, timeoutMs = WAIT_MS): Promise<Locator> {
    const message = this.page.locator(SELECTORS.botMessage).filter({ hasText: text }).last();
    try {
      await message.waitFor({ state: 'visible', timeout: timeoutMs });
    } catch {
      throw new Error(
        `${this.who}: no bot message with ${String(text)} within ${timeoutMs} ms; the page shows:\n${await this.transcript()}`,
      );
    }
    return message;
  }

  /** Everything the bot's messages show, for assertions and failure messages. */
  async transcript(): Promise<string> {
    const texts = await this.page.locator(SELECTORS.botMessage).allInnerTexts();
    return texts.map((t, i) => `[${i}] ${t.replace(/\s+/g, ' ').trim()}`).join('\n');
  }

  async screenshot(file: string): Promise<void> {
    await this.page.screenshot({ path: file });
  }
}
