/**
 * The Teams deep link that opens a new meeting with subject, start, end and attendees filled in
 * (https://teams.microsoft.com/l/meeting/new). Attendees are UPNs or e-mail addresses; when none
 * is known the parameter is left out and the organiser adds the partner.
 */
import type { DateTime } from 'luxon';

export function teamsMeetingLink(
  subject: string,
  start: DateTime,
  end: DateTime,
  attendees: readonly string[],
): string {
  const params = [
    `subject=${encodeURIComponent(subject)}`,
    `startTime=${encodeURIComponent(start.toUTC().toISO({ suppressMilliseconds: true })!)}`,
    `endTime=${encodeURIComponent(end.toUTC().toISO({ suppressMilliseconds: true })!)}`,
  ];
  const known = attendees.filter((a) => a.includes('@'));
  if (known.length > 0) params.push(`attendees=${encodeURIComponent(known.join(','))}`);
  return `https://teams.microsoft.com/l/meeting/new?${params.join('&')}`;
}

export const DEBRIEF_MINUTES = 30;
