/** The Teams host, through @microsoft/teams-js: initialize, context, the SSO token, deep links. */
import { app, authentication } from '@microsoft/teams-js';

export interface HostInfo {
  readonly locale: string | undefined;
  readonly theme: string;
  readonly subPageId: string | undefined;
}

/** Extra origins allowed to host the tab (config TAB_HOST_ORIGINS), put in the page by the server. */
function extraHostOrigins(): string[] {
  const content = document.querySelector('meta[name="tweetal-host-origins"]')?.getAttribute('content') ?? '';
  return content.split(/\s+/).filter((origin) => origin !== '');
}

export async function connect(): Promise<HostInfo> {
  const origins = extraHostOrigins();
  await app.initialize(origins.length > 0 ? origins : undefined);
  const context = await app.getContext();
  return { locale: context.app.locale, theme: context.app.theme ?? 'default', subPageId: context.page.subPageId };
}

export function ready(): void {
  try {
    void app.notifySuccess().catch(() => undefined);
  } catch {
    /* older hosts: nothing to tell */
  }
}

export function ssoToken(): Promise<string> {
  return authentication.getAuthToken();
}

/** Opens a Teams deep link (the chat with the bot) through the host. */
export function openDeepLink(url: string): void {
  void app.openLink(url).catch(() => window.open(url, '_blank', 'noopener'));
}
