/**
 * Video rules (the article: "a video camera can be used, with its own set of rules"): when a plan
 * says video, both partners confirm the school's video rules on the visit card; after the debrief
 * the observed teacher — the recording is theirs — confirms it was deleted. Tweetal never stores
 * video: only who confirmed what, and when. Pure.
 */
import type { Visit } from './entities';

const isMember = (visit: Visit, userId: string) => visit.observerId === userId || visit.observedId === userId;

/** The viewer still has to confirm the video rules of this visit. */
export function mustConfirmVideoRules(visit: Visit, userId: string): boolean {
  return (
    visit.video &&
    isMember(visit, userId) &&
    visit.state !== 'cancelled' &&
    !(visit.videoConfirmedBy ?? []).includes(userId)
  );
}

/** Both members confirmed the video rules. */
export const videoRulesConfirmed = (visit: Visit): boolean =>
  [visit.observerId, visit.observedId].every((id) => (visit.videoConfirmedBy ?? []).includes(id));

/** After the debrief, the observed teacher is asked to delete the recording and confirm it. */
export function mustConfirmVideoDeleted(visit: Visit, userId: string): boolean {
  return visit.video && visit.state === 'debriefed' && visit.observedId === userId && !visit.videoDeletedAt;
}
