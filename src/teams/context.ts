/** What every Teams handler gets: who acts, where, in which language, at what time, with which services. */
import type { TurnContext } from 'botbuilder';
import type { DateTime } from 'luxon';
import type { Config } from '../config';
import type { Locale } from '../domain/entities';
import type { Logger } from '../logging/logger';
import type { Store } from '../store/store';
import type { Messenger } from '../app/messenger';
import type { Encourage } from '../app/nudges/encourage';
import type { PersonDirectory } from '../app/nudges/people';
import type { Background } from './background';
import type { RememberedCards } from '../cards/remembered-cards';
import type { ReadPlans } from './read-plans';

export interface Services {
  readonly config: Config;
  readonly store: Store;
  readonly logger: Logger;
  /** The current time; tests pass a fixed clock. */
  readonly clock: () => DateTime;
  /** Proactive 1:1 messages within Teams' limits (src/teams/proactive/sender.ts). */
  readonly messenger?: Messenger;
  /** Work started after answering (proactive sends to other people); see src/teams/background.ts. */
  readonly background: Background;
  /** Names, languages and reachability of people (a fresh, caching directory per call). */
  readonly directory: () => PersonDirectory;
  /** The leader's "encourage the pairs that are behind", run by the jobs (handed in by src/service.ts). */
  readonly encourage: Encourage;
  /** Scheme and host of links to this service: PUBLIC_URL, else its own listening address. */
  readonly publicUrl: () => string;
  /** Rendered visit cards of this running service, kept for the refreshes that ask for them again (issue 12). */
  readonly rememberedCards: RememberedCards;
  /** What each person's last turn of each kind read, read ahead at their next (src/teams/read-plans.ts). */
  readonly readPlans: ReadPlans;
}

export interface TurnInfo {
  /** Entra object id of the person (from.aadObjectId), else the channel account id. */
  readonly userId: string;
  readonly userName: string;
  readonly tenantId: string;
  readonly conversationType: 'personal' | 'channel' | 'groupChat';
  /** The team (school) of a channel conversation; absent in 1:1 chat. */
  readonly teamId?: string;
  readonly locale: Locale;
  readonly now: DateTime;
}

export interface HandlerContext extends TurnInfo {
  readonly turn: TurnContext;
  readonly services: Services;
}

export interface CommandContext extends HandlerContext {
  /** The command word as matched (normalised), and the rest of the text. */
  readonly command: string;
  readonly args: string;
  /** The text as the person typed it (the bot's @mention removed). */
  readonly text: string;
}

export interface ActionContext extends HandlerContext {
  readonly verb: string;
  /**
   * The card's `data` with its input values, as sent by the client: untrusted. The verb's schema
   * parses the ids (`data` of the verb context); form values are read from here by the use cases.
   */
  readonly inputs: Readonly<Record<string, unknown>>;
}
