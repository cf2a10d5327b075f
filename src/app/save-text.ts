/**
 * No silent drop of anyone's text (issue 10, acceptance 3). Observations, reflections and the
 * debrief's agreements are saved against the version the form was opened with (hidden card data;
 * none when the form was opened before the text existed):
 *
 * - nothing stored yet: create it (deterministic id, so two creates give one document);
 * - the stored text is exactly what is submitted: "unchanged" — the same submit again (Teams
 *   retries an invoke), or the same words from two windows; saved once, answered the same;
 * - the stored version is the one the form was opened with: replace it (optimistic concurrency:
 *   a write in between makes the store refuse, and the loop looks again);
 * - else someone saved a different text since the form was opened (the partner, or the same
 *   person in another window): "conflict" with the stored text — nothing is written, and the
 *   writer is shown both texts to choose (keep theirs, keep mine, or merge), which submits again
 *   with the stored version.
 */
import { StoreError, isStoreError, type DocOf, type Store, type Stored } from '../store/store';

export type TextType = 'observation' | 'reflection' | 'debriefNote';

export type SaveOutcome<T> =
  | { readonly kind: 'created' | 'replaced' | 'unchanged'; readonly note: Stored<T> }
  | { readonly kind: 'conflict'; readonly theirs: Stored<T> };

export interface SaveTextOptions<T> {
  /** Whether the stored document already holds exactly the submitted words. */
  readonly sameText: (stored: T, submitted: T) => boolean;
  /** What a replacement keeps of the stored document (e.g. when it was first recorded). */
  readonly keep?: (stored: Stored<T>) => Partial<T>;
}

export async function saveText<K extends TextType>(
  store: Store,
  doc: DocOf<K>,
  openedVersion: string | undefined,
  options: SaveTextOptions<DocOf<K>>,
  attempts = 5,
): Promise<SaveOutcome<DocOf<K>>> {
  const type = doc.type as K;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const current = await store.read(doc.schoolId, type, doc.id);
    if (!current) {
      try {
        return { kind: 'created', note: await store.create(doc) };
      } catch (error) {
        if (isStoreError(error, 'exists')) continue; // created in between: look at it
        throw error;
      }
    }
    if (options.sameText(current, doc)) return { kind: 'unchanged', note: current };
    if (!openedVersion || openedVersion !== current.version) return { kind: 'conflict', theirs: current };
    try {
      const next = { ...doc, ...options.keep?.(current), version: current.version } as Stored<DocOf<K>>;
      return { kind: 'replaced', note: await store.replace(next) };
    } catch (error) {
      if (isStoreError(error, 'conflict') || isStoreError(error, 'not_found')) continue;
      throw error;
    }
  }
  throw new StoreError('conflict', `text ${doc.id} kept changing; gave up after ${attempts} attempts`);
}
