/**
 * Documents already read, parsed and frozen, so that reading them again costs a map look-up
 * instead of a statement and a JSON parse (issue 12: a status turn and a card refresh read the
 * same person's membership, reference, visit, pair, cycle and programme every time). Two kinds:
 * a document read by id (found, or that it is absent), and the documents a partition read with
 * selections answered (the person's active pairs, a pair's visits). The store that owns the
 * cache decides when it is valid: it forgets a document it writes, and with it every partition
 * read of that partition, before and after the write (also when the write fails), and clears
 * everything when someone else may have written (SQLite: another connection committed,
 * `PRAGMA data_version`).
 *
 * Kept from the second time it is read: a job's pass over every school (the digest, the nudges)
 * reads each partition once, and keeping those reads would only fill the heap and push out what
 * the people using the bot read again and again. Until then only the key is remembered (what was
 * asked, no document); a kept entry forgotten by a write becomes such a key again, so the next
 * read keeps it at once. Bounded by entries and by the length of the documents' stored text,
 * least recently used first out; a partition read longer than `selectionCharacters` (a whole
 * school for a digest) is not kept. The text itself is not kept, only the parsed documents.
 *
 * Not the service's LeastRecentlyUsed (src/domain/least-recently-used.ts): that one keeps
 * promised values by count; this one answers synchronously (within the step that checked it
 * valid), is bounded by size and knows partitions.
 */
import type { SchoolDocument } from '../domain/entities';
import { documentKey, type Stored } from './store';

export interface DocumentCacheLimits {
  /** Documents, absences and partition reads kept at most. */
  readonly documents: number;
  /** Characters of stored JSON the kept documents had at most (a bound on the memory they hold). */
  readonly characters: number;
  /** Characters of stored JSON one kept partition read has at most. */
  readonly selectionCharacters: number;
}

/**
 * About 4,000 memberships, references, visits and a person's pairs of the people using the bot
 * now, some 10-20 MB of heap; a partition read of up to 16 KB (a status card's needs 3-4 KB).
 */
export const DEFAULT_DOCUMENT_CACHE: DocumentCacheLimits = {
  documents: 4096,
  characters: 4 * 1024 * 1024,
  selectionCharacters: 16 * 1024,
};

interface DocumentEntry {
  readonly type: string;
  /** Undefined: no document of this type has this id. */
  readonly doc: Stored<SchoolDocument> | undefined;
  readonly characters: number;
}

interface SelectionEntry {
  readonly schoolId: string;
  /** The partition's writes counted when it was read: a write since makes it unknown. */
  readonly generation: number;
  readonly docs: readonly Stored<SchoolDocument>[];
  readonly characters: number;
}

type Entry = DocumentEntry | SelectionEntry;

/** What the cache answers for a document: known (found or absent), or not known. */
export type CachedRead = { readonly doc: Stored<SchoolDocument> | undefined } | undefined;

const selectionKeyOf = (schoolId: string, selections: string): string => `${schoolId}\u0001${selections}`;

/** Partitions whose writes are counted at most: beyond, everything is forgotten and counting starts again. */
const COUNTED_PARTITIONS = 65_536;

/** An absence costs its key, about as much as a short document's text. */
const ABSENT_CHARACTERS = 64;

export class DocumentCache {
  /** By partition and id, least recently used first (a Map keeps insertion order). */
  private readonly entries = new Map<string, Entry>();
  private characters = 0;
  /** Keys read once and not kept (yet), oldest first; bounded like the entries. */
  private readonly asked = new Set<string>();
  /** Writes per partition since the cache was last cleared (absent: none). */
  private readonly generations = new Map<string, number>();

  constructor(readonly limits: DocumentCacheLimits = DEFAULT_DOCUMENT_CACHE) {}

  /** How many documents, absences and partition reads are kept (for tests). */
  get size(): number {
    return this.entries.size;
  }

  /** The document of this type and id as last read, or that it is absent; undefined when not known. */
  get(schoolId: string, type: string, id: string): CachedRead {
    const key = documentKey(schoolId, id);
    const entry = this.entries.get(key);
    // Of another type: a look-up by this type finds nothing, but that was never read; ask the store.
    if (entry === undefined || !('type' in entry) || entry.type !== type) return undefined;
    this.touch(key, entry);
    return entry;
  }

  /** The documents a partition read with these selections (their `selectionsKey`) answered, if no write in the partition came since. */
  getSelection(schoolId: string, selections: string): readonly Stored<SchoolDocument>[] | undefined {
    const key = selectionKeyOf(schoolId, selections);
    const entry = this.entries.get(key);
    if (entry === undefined || !('generation' in entry)) return undefined;
    if (entry.generation !== (this.generations.get(schoolId) ?? 0)) {
      this.invalidate(key, entry);
      return undefined;
    }
    this.touch(key, entry);
    return entry.docs;
  }

  /** Keeps what a partition read with selections answered (frozen documents), when it is short enough. */
  setSelection(
    schoolId: string,
    selections: string,
    docs: readonly Stored<SchoolDocument>[],
    characters: number,
  ): void {
    if (characters > this.limits.selectionCharacters) return;
    const key = selectionKeyOf(schoolId, selections);
    const old = this.entries.get(key);
    if (old !== undefined) this.remove(key, old);
    else if (!this.askedBefore(key)) return;
    this.add(key, { schoolId, generation: this.generations.get(schoolId) ?? 0, docs, characters });
  }

  /** Keeps what a look-up by id found (a frozen document) or that it found nothing. */
  set(schoolId: string, type: string, id: string, doc: Stored<SchoolDocument> | undefined, characters: number): void {
    const key = documentKey(schoolId, id);
    const old = this.entries.get(key);
    if (old !== undefined) this.remove(key, old);
    else if (!this.askedBefore(key)) return;
    this.add(key, { type, doc, characters: doc === undefined ? ABSENT_CHARACTERS : characters });
  }

  /** Forgets a document (a write to it, whatever its type) and every partition read of its partition. */
  forget(schoolId: string, id: string): void {
    const key = documentKey(schoolId, id);
    const entry = this.entries.get(key);
    if (entry !== undefined) this.invalidate(key, entry);
    if (this.generations.size >= COUNTED_PARTITIONS && !this.generations.has(schoolId)) this.clear();
    this.generations.set(schoolId, (this.generations.get(schoolId) ?? 0) + 1);
  }

  /** Forgets everything (someone else may have written). */
  clear(): void {
    for (const key of this.entries.keys()) this.remember(key);
    this.entries.clear();
    this.generations.clear();
    this.characters = 0;
  }

  private add(key: string, entry: Entry): void {
    if (this.limits.documents <= 0 || entry.characters > this.limits.characters) return;
    this.entries.set(key, entry);
    this.characters += entry.characters;
    for (const [oldest, old] of this.entries) {
      if (this.entries.size <= this.limits.documents && this.characters <= this.limits.characters) break;
      this.remove(oldest, old);
    }
  }

  /** Whether `key` was read before and not kept; if not, it is remembered as read now. */
  private askedBefore(key: string): boolean {
    if (this.asked.delete(key)) return true;
    this.remember(key);
    return false;
  }

  private remember(key: string): void {
    if (this.limits.documents <= 0) return;
    this.asked.delete(key);
    this.asked.add(key);
    for (const oldest of this.asked) {
      if (this.asked.size <= this.limits.documents) break;
      this.asked.delete(oldest);
    }
  }

  /** Forgets an entry that is no longer true: read again, it is kept at once. */
  private invalidate(key: string, entry: Entry): void {
    this.remove(key, entry);
    this.remember(key);
  }

  private touch(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
  }

  private remove(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.characters -= entry.characters;
  }
}
