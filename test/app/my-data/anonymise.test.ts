import { strict as assert } from 'node:assert';
import { anonymise } from '../../../src/app/my-data/delete';

describe('anonymise', () => {
  it('should replace the id wherever it is a whole value, and leave texts that merely contain it', () => {
    const doc = { observerId: 'u1', personIds: ['u1', 'u2'], nested: { by: 'u1' }, note: 'about u1', version: 'u1' };
    assert.deepEqual(anonymise(doc, 'u1', 'anon-x'), {
      observerId: 'anon-x',
      personIds: ['anon-x', 'u2'],
      nested: { by: 'anon-x' },
      note: 'about u1',
      version: 'u1',
    });
  });
});
