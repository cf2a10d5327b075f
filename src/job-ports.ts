/**
 * Part of the composition root: what the Teams side lends the jobs — the person directory on
 * the stored conversation references and the digest, nudge and needs card renderers. The service
 * (src/service.ts) and the job CLI (scripts/run-job.ts) both build the jobs with it, so
 * src/jobs never imports src/teams.
 */
import type { JobPorts } from './jobs/job-runner';
import type { Store } from './store/store';
import { renderDigestMessage } from './teams/features/digest/digest-card';
import { renderNudgeMessage } from './teams/features/nudges/nudge-card';
import { renderNeedsBatchMessage } from './teams/features/needs/leader-card';
import { storePersonDirectory } from './teams/person-directory';

export const jobPortsFor = (store: Store): JobPorts => ({
  directory: () => storePersonDirectory(store),
  renderNudge: renderNudgeMessage,
  renderDigest: renderDigestMessage,
  renderNeedsBatch: renderNeedsBatchMessage,
});
