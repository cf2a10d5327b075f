/**
 * Structured logs (pino). Log ids and codes, never what a teacher wrote: the redaction list
 * below is a second line of defence for fields that might carry text by mistake.
 */
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

export const REDACTED_FIELDS = [
  'text',
  'value',
  'facts',
  'questions',
  'agreements',
  'nextStep',
  'reflection',
  'body',
  'activity.text',
  'activity.value',
  '*.text',
  '*.value',
  '*.facts',
  '*.questions',
  '*.agreements',
  '*.nextStep',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'tweetal' },
    redact: { paths: REDACTED_FIELDS, censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}
