import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { jsonText, unchangingValue } from '../../src/domain/json-text';

const card = () => ({
  type: 'AdaptiveCard',
  version: '1.5',
  body: [{ type: 'TextBlock', text: 'Anna kijkt bij "Bram" \u2028 <b>', wrap: true }],
  actions: [{ type: 'Action.Execute', verb: 'visit.refresh', data: { visitId: 'v1', n: 1.5, none: null } }],
});

describe('jsonText (the JSON text of an unchanging value made once; issue 12)', () => {
  afterEach(() => sinon.restore());

  it('should give what JSON.stringify gives, for plain values and for bodies around an unchanging card', () => {
    const values: unknown[] = [
      null,
      1,
      'tekst',
      [1, 'twee', { drie: 3 }],
      { a: 1, b: undefined, c: () => 1, d: [undefined], e: new Date('2026-12-04T10:00:00Z') },
      card(),
      { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: unchangingValue(card()) },
      { skipped: undefined, value: unchangingValue(card()), after: { x: [1, 2] }, fn: () => 2 },
      unchangingValue(card()),
      { toJSON: () => ({ replaced: true }), value: unchangingValue(card()) },
    ];
    for (const value of values) assert.equal(jsonText(value), JSON.stringify(value));
  });

  it('should write an unchanging card from its kept text after the first time, and freeze it', () => {
    const kept = unchangingValue(card());
    assert.ok(Object.isFrozen(kept.body[0]), 'deep-frozen');
    const first = jsonText({ statusCode: 200, value: kept });
    const stringify = sinon.spy(JSON, 'stringify');
    const second = jsonText({ statusCode: 200, value: kept });
    assert.equal(second, first);
    assert.ok(
      stringify.getCalls().every((call) => call.args[0] !== kept),
      'the card was not stringified again',
    );
    // A card that was not made unchanging is written anew each time.
    const plain = card();
    const body = { value: plain };
    jsonText(body);
    assert.ok(stringify.getCalls().some((call) => call.args[0] === body || call.args[0] === plain));
  });
});
