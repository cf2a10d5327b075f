import { strict as assert } from 'node:assert';
import type { SchoolDocument } from '../../src/domain/entities';
import { DocumentCache } from '../../src/store/document-cache';
import type { Stored } from '../../src/store/store';
import { buildNudge, buildVisit } from './builders';

const stored = (doc: SchoolDocument): Stored<SchoolDocument> => ({ ...doc, version: '1' });

describe('DocumentCache (documents read by id, kept between reads; issue 12)', () => {
  it('should answer found and absent documents it was given, and nothing it was not', () => {
    const cache = new DocumentCache();
    const visit = stored(buildVisit({ id: 'v1' }));
    assert.equal(cache.get('school-a', 'visit', 'v1'), undefined, 'not known yet');
    cache.set('school-a', 'visit', 'v1', visit, 300);
    cache.set('school-a', 'visit', 'v2', undefined, 0);
    assert.equal(cache.get('school-a', 'visit', 'v1')?.doc, visit);
    assert.deepEqual(cache.get('school-a', 'visit', 'v2'), { type: 'visit', doc: undefined, characters: 64 });
    assert.equal(cache.get('school-b', 'visit', 'v1'), undefined, 'another school');
    assert.equal(cache.get('school-a', 'nudge', 'v1'), undefined, 'another type under the id: not known');
    assert.equal(cache.size, 2);
  });

  it('should forget a document by its id whatever its type, and everything on clear', () => {
    const cache = new DocumentCache();
    cache.set('school-a', 'visit', 'v1', stored(buildVisit({ id: 'v1' })), 300);
    cache.set('school-a', 'nudge', 'n1', stored(buildNudge({ id: 'n1' })), 200);
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
    cache.set('school-a', 'visit', 'x', stored(buildVisit({ id: 'x' })), 600);
    cache.set('school-a', 'nudge', 'x', stored(buildNudge({ id: 'x' })), 600);
    assert.equal(cache.size, 1);
    assert.equal(cache.get('school-a', 'visit', 'x'), undefined);
    assert.equal(cache.get('school-a', 'nudge', 'x')?.doc?.type, 'nudge');
  });

  it('should hold its bounds of documents and characters, the least recently read going first', () => {
    const cache = new DocumentCache({ documents: 3, characters: 1000, selectionCharacters: 1000 });
    for (const id of ['a', 'b', 'c']) cache.set('s', 'visit', id, stored(buildVisit({ id })), 100);
    cache.get('s', 'visit', 'a'); // a is now the most recently read: b goes first
    cache.set('s', 'visit', 'd', stored(buildVisit({ id: 'd' })), 100);
    assert.deepEqual(
      ['a', 'b', 'c', 'd'].map((id) => cache.get('s', 'visit', id) !== undefined),
      [true, false, true, true],
    );
    // Read last: d (the look-ups above read a, c, d in that order). 850 characters more: the
    // oldest go until what is kept fits in 1,000 (a and c), d and the new one stay.
    cache.set('s', 'visit', 'e', stored(buildVisit({ id: 'e' })), 850);
    assert.deepEqual(
      ['a', 'c', 'd', 'e'].map((id) => cache.get('s', 'visit', id) !== undefined),
      [false, false, true, true],
    );
    cache.set('s', 'visit', 'huge', stored(buildVisit({ id: 'huge' })), 1001);
    assert.equal(cache.get('s', 'visit', 'huge'), undefined, 'larger than the whole bound: not kept');
    assert.ok(cache.get('s', 'visit', 'e'), 'and nothing pushed out for it');
    const none = new DocumentCache({ documents: 0, characters: 1000, selectionCharacters: 1000 });
    none.set('s', 'visit', 'a', stored(buildVisit({ id: 'a' })), 10);
    assert.equal(none.size, 0, 'documents: 0 keeps none');
  });

  it('should answer a partition read until a document of its partition is written, and not keep a long one', () => {
    const cache = new DocumentCache({ documents: 10, characters: 10_000, selectionCharacters: 500 });
    const visits = [stored(buildVisit({ id: 'v1' }))];
    cache.set('school-a', 'visit', 'v1', visits[0], 300);
    cache.setSelection('school-a', 'visit|pair-1', visits, 300);
    cache.setSelection('school-b', 'visit|pair-1', [], 0);
    assert.equal(cache.getSelection('school-a', 'visit|pair-1'), visits);
    assert.equal(cache.getSelection('school-a', 'visit|pair-2'), undefined, 'other selections');
    cache.forget('school-b', 'anything');
    assert.equal(cache.getSelection('school-a', 'visit|pair-1'), visits, 'a write in another partition');
    assert.equal(cache.getSelection('school-b', 'visit|pair-1'), undefined, 'a write in its partition');
    cache.forget('school-a', 'n1');
    assert.equal(cache.getSelection('school-a', 'visit|pair-1'), undefined, 'any document of the partition');
    assert.equal(cache.get('school-a', 'visit', 'v1')?.doc, visits[0], 'documents by id stay: only n1 was written');
    cache.setSelection('school-a', 'visit|pair-1', visits, 300);
    assert.equal(cache.getSelection('school-a', 'visit|pair-1'), visits, 'kept again after the write');
    cache.setSelection('school-a', 'visit', visits, 501);
    assert.equal(cache.getSelection('school-a', 'visit'), undefined, 'longer than selectionCharacters');
    cache.clear();
    assert.equal(cache.getSelection('school-a', 'visit|pair-1'), undefined);
  });
});
