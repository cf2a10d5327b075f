import { strict as assert } from 'node:assert';
import type { SchoolDocument } from '../../src/domain/entities';
import { DocumentCache } from '../../src/store/document-cache';
import type { Stored } from '../../src/store/store';
import { buildNudge, buildVisit } from './builders';

const stored = (doc: SchoolDocument): Stored<SchoolDocument> => ({ ...doc, version: '1' });

/** Read twice: the cache keeps what is read a second time. */
function keep(cache: DocumentCache, ...args: Parameters<DocumentCache['set']>): void {
  cache.set(...args);
  cache.set(...args);
}

function keepSelection(cache: DocumentCache, ...args: Parameters<DocumentCache['setSelection']>): void {
  cache.setSelection(...args);
  cache.setSelection(...args);
}

describe('DocumentCache (documents read by id, kept between reads; issue 12)', () => {
  it('should answer found and absent documents it was given, and nothing it was not', () => {
    const cache = new DocumentCache();
    const visit = stored(buildVisit({ id: 'v1' }));
    assert.equal(cache.get('school-a', 'visit', 'v1'), undefined, 'not known yet');
    keep(cache, 'school-a', 'visit', 'v1', visit, 300);
    keep(cache, 'school-a', 'visit', 'v2', undefined, 0);
    assert.equal(cache.get('school-a', 'visit', 'v1')?.doc, visit);
    assert.deepEqual(cache.get('school-a', 'visit', 'v2'), { type: 'visit', doc: undefined, characters: 64 });
    assert.equal(cache.get('school-b', 'visit', 'v1'), undefined, 'another school');
    assert.equal(cache.get('school-a', 'nudge', 'v1'), undefined, 'another type under the id: not known');
    assert.equal(cache.size, 2);
  });

  it('should forget a document by its id whatever its type, and everything on clear', () => {
    const cache = new DocumentCache();
    keep(cache, 'school-a', 'visit', 'v1', stored(buildVisit({ id: 'v1' })), 300);
    keep(cache, 'school-a', 'nudge', 'n1', stored(buildNudge({ id: 'n1' })), 200);
    cache.forget('school-a', 'v1');
    cache.forget('school-a', 'never-kept');
    assert.equal(cache.get('school-a', 'visit', 'v1'), undefined);
    assert.ok(cache.get('school-a', 'nudge', 'n1'));
    cache.clear();
    assert.equal(cache.size, 0);
    assert.equal(cache.get('school-a', 'nudge', 'n1'), undefined);
  });

  it('should keep a document under one type at a time: setting it as another replaces it', () => {
    const cache = new DocumentCache({ documents: 10, characters: 1000, selectionCharacters: 1000 });
    keep(cache, 'school-a', 'visit', 'x', stored(buildVisit({ id: 'x' })), 600);
    keep(cache, 'school-a', 'nudge', 'x', stored(buildNudge({ id: 'x' })), 600);
    assert.equal(cache.size, 1);
    assert.equal(cache.get('school-a', 'visit', 'x'), undefined);
    assert.equal(cache.get('school-a', 'nudge', 'x')?.doc?.type, 'nudge');
  });

  it('should hold its bounds of documents and characters, the least recently read going first', () => {
    const cache = new DocumentCache({ documents: 3, characters: 1000, selectionCharacters: 1000 });
    for (const id of ['a', 'b', 'c']) keep(cache, 's', 'visit', id, stored(buildVisit({ id })), 100);
    cache.get('s', 'visit', 'a'); // a is now the most recently read: b goes first
    keep(cache, 's', 'visit', 'd', stored(buildVisit({ id: 'd' })), 100);
    assert.deepEqual(
      ['a', 'b', 'c', 'd'].map((id) => cache.get('s', 'visit', id) !== undefined),
      [true, false, true, true],
    );
    // Read last: d (the look-ups above read a, c, d in that order). 850 characters more: the
    // oldest go until what is kept fits in 1,000 (a and c), d and the new one stay.
    keep(cache, 's', 'visit', 'e', stored(buildVisit({ id: 'e' })), 850);
    assert.deepEqual(
      ['a', 'c', 'd', 'e'].map((id) => cache.get('s', 'visit', id) !== undefined),
      [false, false, true, true],
    );
    keep(cache, 's', 'visit', 'huge', stored(buildVisit({ id: 'huge' })), 1001);
    assert.equal(cache.get('s', 'visit', 'huge'), undefined, 'larger than the whole bound: not kept');
    assert.ok(cache.get('s', 'visit', 'e'), 'and nothing pushed out for it');
    const none = new DocumentCache({ documents: 0, characters: 1000, selectionCharacters: 1000 });
    keep(none, 's', 'visit', 'a', stored(buildVisit({ id: 'a' })), 10);
    assert.equal(none.size, 0, 'documents: 0 keeps none');
  });

  it('should answer a partition read until a document of its partition is written, and not keep a long one', () => {
    const cache = new DocumentCache({ documents: 10, characters: 10_000, selectionCharacters: 500 });
    const visits = [stored(buildVisit({ id: 'v1' }))];
    keep(cache, 'school-a', 'visit', 'v1', visits[0], 300);
    keepSelection(cache, 'school-a', 'visit|pair-1', visits, 300);
    keepSelection(cache, 'school-b', 'visit|pair-1', [], 0);
    assert.equal(cache.getSelection('school-a', 'visit|pair-1'), visits);
    assert.equal(cache.getSelection('school-a', 'visit|pair-2'), undefined, 'other selections');
    cache.forget('school-b', 'anything');
    assert.equal(cache.getSelection('school-a', 'visit|pair-1'), visits, 'a write in another partition');
    assert.equal(cache.getSelection('school-b', 'visit|pair-1'), undefined, 'a write in its partition');
    cache.forget('school-a', 'n1');
    assert.equal(cache.getSelection('school-a', 'visit|pair-1'), undefined, 'any document of the partition');
    assert.equal(cache.get('school-a', 'visit', 'v1')?.doc, visits[0], 'documents by id stay: only n1 was written');
    keepSelection(cache, 'school-a', 'visit|pair-1', visits, 300);
    assert.equal(cache.getSelection('school-a', 'visit|pair-1'), visits, 'kept again after the write');
    keepSelection(cache, 'school-a', 'visit', visits, 501);
    assert.equal(cache.getSelection('school-a', 'visit'), undefined, 'longer than selectionCharacters');
    cache.clear();
    assert.equal(cache.getSelection('school-a', 'visit|pair-1'), undefined);
  });

  it('should keep a document or a partition read from its second read on, and again at once after a write forgot it', () => {
    const cache = new DocumentCache();
    const visit = stored(buildVisit({ id: 'v1' }));
    cache.set('school-a', 'visit', 'v1', visit, 300);
    cache.setSelection('school-a', 'visit|pair-1', [visit], 300);
    assert.equal(cache.get('school-a', 'visit', 'v1'), undefined, 'read once (a job passing by): not kept');
    assert.equal(cache.getSelection('school-a', 'visit|pair-1'), undefined);
    assert.equal(cache.size, 0, 'only the keys are remembered');
    cache.set('school-a', 'visit', 'v1', visit, 300);
    cache.setSelection('school-a', 'visit|pair-1', [visit], 300);
    assert.equal(cache.get('school-a', 'visit', 'v1')?.doc, visit, 'read again: kept');
    assert.deepEqual(cache.getSelection('school-a', 'visit|pair-1'), [visit]);

    cache.forget('school-a', 'v1');
    assert.equal(cache.get('school-a', 'visit', 'v1'), undefined);
    assert.equal(cache.getSelection('school-a', 'visit|pair-1'), undefined);
    cache.set('school-a', 'visit', 'v1', visit, 300);
    cache.setSelection('school-a', 'visit|pair-1', [visit], 300);
    assert.equal(cache.get('school-a', 'visit', 'v1')?.doc, visit, 'kept at once after the write');
    assert.deepEqual(cache.getSelection('school-a', 'visit|pair-1'), [visit]);
    cache.clear();
    cache.set('school-a', 'visit', 'v1', visit, 300);
    assert.equal(cache.get('school-a', 'visit', 'v1')?.doc, visit, 'and after everything was cleared');

    // The keys read once are bounded like the entries: the oldest are let go.
    const small = new DocumentCache({ documents: 2, characters: 10_000, selectionCharacters: 1000 });
    for (const id of ['a', 'b', 'c']) small.set('s', 'visit', id, stored(buildVisit({ id })), 10);
    small.set('s', 'visit', 'a', stored(buildVisit({ id: 'a' })), 10);
    assert.equal(small.get('s', 'visit', 'a'), undefined, 'a was let go as a key: read once again');
    small.set('s', 'visit', 'c', stored(buildVisit({ id: 'c' })), 10);
    assert.ok(small.get('s', 'visit', 'c'), 'c was still remembered');
  });
});
