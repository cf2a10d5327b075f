/**
 * The Messenger port: a proactive 1:1 message to a person, in their stored conversation. The
 * Teams adapter (rate-limited, retrying sender in src/teams) implements it; app-level tests use
 * a recording fake. It never throws for an expected outcome: a person who removed the app or
 * blocked the bot is `unreachable`, a send that kept failing after retries is `failed`.
 */
export interface OutgoingMessage {
  /** An Adaptive Card (already rendered). */
  readonly card?: object;
  readonly text?: string;
}

export type SendStatus = 'sent' | 'unreachable' | 'failed';

export interface SendOutcome {
  readonly status: SendStatus;
  /** With 'failed': the reason passes (throttled, 5xx, timeout, refused), so a later try may get through. */
  readonly retryable?: boolean;
  /** How many HTTP attempts the send took (1 when it went through at once). */
  readonly attempts: number;
  /** The id of the sent activity, when sent. */
  readonly activityId?: string;
  /** The conversation it went to, when known. */
  readonly conversationId?: string;
  /** The last HTTP status seen, when any. */
  readonly httpStatus?: number;
  /** A short, non-personal reason for unreachable/failed (e.g. 'MessageWritesBlocked', 'no reference'). */
  readonly reason?: string;
}

export interface Messenger {
  sendToPerson(tenantId: string, userId: string, message: OutgoingMessage): Promise<SendOutcome>;
}
