/**
 * Create or change a programme (traject). A new programme gets the id the setup card carried
 * (created once, whatever the number of clicks) and archives the earlier active ones; a change
 * must carry the version the leader saw, else STALE_VERSION and nothing changes.
 */
import type { DateTime } from 'luxon';
import type { Programme } from '../../domain/entities';
import { DomainError } from '../../domain/errors';
import { isStoreError, type Store, type Stored } from '../../store/store';
import type { ProgrammeSettings } from './programme-input';

export const PROGRAMME_ID = /^programme-[a-z0-9]{8,40}$/;

export async function createProgramme(
  store: Store,
  schoolId: string,
  programmeId: string,
  settings: ProgrammeSettings,
  actorId: string,
  now: DateTime,
): Promise<{ programme: Stored<Programme>; created: boolean }> {
  if (!PROGRAMME_ID.test(programmeId)) throw new DomainError('INVALID_INPUT', { field: 'programmeId' });
  const doc: Programme = {
    type: 'programme',
    id: programmeId,
    schoolId,
    ...settings,
    status: 'active',
    createdBy: actorId,
    personIds: [actorId],
    createdAt: now.toUTC().toISO()!,
  };
  let programme: Stored<Programme>;
  let created = true;
  try {
    programme = await store.create(doc);
  } catch (error) {
    if (!isStoreError(error, 'exists')) throw error;
    // A double click or a Teams retry: the programme is there already.
    const existing = await store.read(schoolId, 'programme', programmeId);
    if (!existing) throw error;
    programme = existing;
    created = false;
  }
  if (created) await archiveOthers(store, schoolId, programmeId);
  return { programme, created };
}

async function archiveOthers(store: Store, schoolId: string, keepId: string): Promise<void> {
  const active = await store.query(schoolId, { type: 'programme', where: { status: 'active' } });
  for (const other of active.filter((p) => p.id !== keepId)) {
    try {
      await store.replace({ ...other, status: 'archived' });
    } catch (error) {
      if (!isStoreError(error, 'conflict')) throw error; // changed meanwhile: the next setup archives it
    }
  }
}

export async function updateProgramme(
  store: Store,
  schoolId: string,
  programmeId: string,
  version: string,
  settings: ProgrammeSettings,
): Promise<Stored<Programme>> {
  const current = await store.read(schoolId, 'programme', programmeId);
  if (!current) throw new DomainError('NOT_FOUND');
  if (current.version !== version) throw new DomainError('STALE_VERSION');
  try {
    const { nudgePersonalLine: _old, videoRules: _oldRules, textsInTabOnly: _oldTexts, ...rest } = current;
    return await store.replace({ ...rest, ...settings });
  } catch (error) {
    if (isStoreError(error, 'conflict')) throw new DomainError('STALE_VERSION');
    throw error;
  }
}
