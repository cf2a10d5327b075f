/**
 * The PersonDirectory port: what the jobs need to know about a person to address them — their
 * name, language and whether Tweetal can reach them (their stored conversation reference).
 * The jobs layer implements it on the store; tests may use a map.
 */
import type { Locale } from '../../domain/entities';

export interface PersonInfo {
  readonly userId: string;
  /** The name Teams sent with the person's own messages ('' when none). */
  readonly name: string;
  /** The team roster's name, when the roster was read (the first choice of the one name rule). */
  readonly rosterName?: string;
  readonly locale?: Locale;
  /** false after the person removed the app or blocked the bot; also false when no reference is stored. */
  readonly reachable: boolean;
}

export interface PersonDirectory {
  /** The people of a tenant among `userIds`; unknown people are absent from the map. */
  people(tenantId: string, userIds: readonly string[]): Promise<ReadonlyMap<string, PersonInfo>>;
}
