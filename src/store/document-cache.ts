/**
 * Documents already read by id, parsed and frozen, so that reading one again costs a map look-up
 * instead of a statement and a JSON parse (issue 12: a status turn and a card refresh read the
 * same person's membership, reference, visit, pair, cycle and programme every time). The store
 * that owns the cache decides when it is valid: it forgets a document it writes (before and
 * after the write, also when the write fails) and clears everything when someone else may have
 * written (SQLite: another connection committed, `PRAGMA data_version`).
 *
 * Also remembered: that a document is absent (a look-up that found nothing), until it is
 * written. Bounded by documents and by the length of their stored text, least recently used
 * first out; the text itself is not kept, only the parsed document.
 */
import type { SchoolDocument } from '../domain/entities';
import type { Stored } from './store';

export interface DocumentCacheLimits {
  /** Documents (and absences) kept at most. */
  readonly documents: number;
  /** Characters of stored JSON the kept documents had at most (a bound on the memory they hold). */
  readonly characters: number;
}

/** About 4,000 memberships, references and visits of the people using the bot now; some 10-20 MB of heap. */
export const DEFAULT_DOCUMENT_CACHE: DocumentCacheLimits = { documents: 4096, characters: 4 * 1024 * 1024 };

interface Entry {
  readonly type: string;
  /** Undefined: no document of this type has this id. */
  readonly doc: Stored<SchoolDocument> | undefined;
  readonly characters: number;
}

/** What the cache answers for a document: known (found or absent), or not known. */
export type CachedRead = { readonly doc: Stored<SchoolDocument> | undefined } | undefined;

const keyOf = (schoolId: string, id: string): string => `${schoolId}\u0000${id}`;

/** An absence costs its key, about as much as a short document's text. */
const ABSENT_CHARACTERS = 64;

export class DocumentCache {
  /** By partition and id, least recently used first (a Map keeps insertion order). */
  private readonly entries = new Map<string, Entry>();
  private characters = 0;

  constructor(private readonly limits: DocumentCacheLimits = DEFAULT_DOCUMENT_CACHE) {}

  /** How many documents and absences are kept (for tests and the bench). */
  get size(): number {
    return this.entries.size;
  }

  /** The document of this type and id as last read, or that it is absent; undefined when not known. */
  get(schoolId: string, type: string, id: string): CachedRead {
    const key = keyOf(schoolId, id);
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    // Of another type: a look-up by this type finds nothing, but that was never read; ask the store.
    if (entry.type !== type) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  /** Keeps what a look-up by id found (a frozen document) or that it found nothing. */
  set(schoolId: string, type: string, id: string, doc: Stored<SchoolDocument> | undefined, characters: number): void {
    const size = doc === undefined ? ABSENT_CHARACTERS : characters;
    if (this.limits.documents <= 0 || size > this.limits.characters) return;
    this.forget(schoolId, id);
    this.entries.set(keyOf(schoolId, id), { type, doc, characters: size });
    this.characters += size;
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.limits.documents && this.characters <= this.limits.characters) break;
      this.entries.delete(key);
      this.characters -= entry.characters;
    }
  }

  /** Forgets a document (a write to it, whatever its type). */
  forget(schoolId: string, id: string): void {
    const key = keyOf(schoolId, id);
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.entries.delete(key);
    this.characters -= entry.characters;
  }

  /** Forgets everything (someone else may have written). */
  clear(): void {
    this.entries.clear();
    this.characters = 0;
  }
}
