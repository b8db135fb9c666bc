// Row selection in the addon: take over every type (whole, sliced at odd offsets, with nulls,
// repeated and empty indices) equals a JS gather of the same rows; row hashes are independent
// of chunking, slicing, dictionary encoding and int/float typing; hash splits are stable.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import * as A from 'apache-arrow';

import { hashSplitRows, rowHashes, takeBatch, takeData } from '../../../src/native/index.js';
import { randInt, rng } from '../../helpers/random.js';
import { build, CASES } from '../../helpers/typeCases.js';

function plain(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof Uint8Array) return [...v];
  if (typeof v === 'object' && v !== null && Symbol.iterator in v && typeof v !== 'string') return [...(v as Iterable<unknown>)].map(plain);
  if (typeof v === 'number' && Number.isNaN(v)) return 'NaN';
  return v;
}

const rowsOf = (vector: A.Vector) => Array.from({ length: vector.length }, (_, i) => plain(vector.get(i)));

function batchOf(columns: Record<string, A.Vector>): A.RecordBatch {
  return new A.Table(columns).batches[0]!;
}

describe('take', () => {
  for (const c of CASES) {
    test(c.name, () => {
      for (const nullRate of [0, 0.3]) {
        const { vector } = build(c, 157, c.name.length * 7 + nullRate * 10, nullRate);
        const r = rng(c.name.length);
        for (const [label, data] of [['whole', vector.data[0]!], ['sliced at 13', vector.slice(13, 150).data[0]!], ['sliced at 3', vector.slice(3, 4).data[0]!]] as const) {
          const source = new A.Vector([data]);
          const indices = Int32Array.from({ length: 300 }, () => randInt(r, 0, data.length - 1));
          const taken = new A.Vector([takeData(data, indices, c.name)]);
          const expected = [...indices].map((i) => plain(source.get(i)));
          assert.deepEqual(rowsOf(taken), expected, `${c.name} ${label} null rate ${nullRate}`);
          assert.equal(taken.nullCount, expected.filter((x) => x === null).length, `${c.name} ${label}: null count`);
          assert.equal(takeData(data, new Int32Array(0), c.name).length, 0);
        }
      }
    });
  }

  test('a record batch keeps its schema; out-of-range indices are E_INPUT_MALFORMED naming the column', () => {
    const batch = batchOf({ a: A.vectorFromArray([1, 2, 3], new A.Int32()), s: A.vectorFromArray(['x', null, 'zé'], new A.Utf8()) });
    const t = takeBatch(batch, Int32Array.from([2, 0, 2]));
    assert.deepEqual(t.schema.fields.map((f) => f.name), ['a', 's']);
    assert.deepEqual(new A.Table([t]).toArray().map((r) => r.toJSON()), [{ a: 3, s: 'zé' }, { a: 1, s: 'x' }, { a: 3, s: 'zé' }]);
    assert.throws(() => takeData(batch.getChild('s')!.data[0]!, Int32Array.from([3]), 's'), { code: 'E_INPUT_MALFORMED', message: /column 's'.*row index 3 is outside 0\.\.2/ });
    assert.throws(() => takeData(batch.getChild('s')!.data[0]!, Int32Array.from([-1]), 's'), { code: 'E_INPUT_MALFORMED' });
  });
});

describe('row hashes', () => {
  test('independent of slicing, dictionary encoding and int vs integral float; NaN, -0 and null handled', () => {
    const ints = A.vectorFromArray([1n, 2n, null, 0n, 5n], new A.Int64());
    const floats = A.vectorFromArray([1, 2, null, -0, 5], new A.Float64());
    assert.deepEqual(rowHashes(batchOf({ k: ints })), rowHashes(batchOf({ k: floats })));
    const strs = ['a', 'b', 'a', null, 'é'];
    const plainStr = A.vectorFromArray(strs, new A.Utf8());
    const dict = A.vectorFromArray(strs, new A.Dictionary(new A.Utf8(), new A.Int32()));
    assert.deepEqual(rowHashes(batchOf({ k: plainStr })), rowHashes(batchOf({ k: dict })));
    const h = rowHashes(batchOf({ k: plainStr }));
    assert.equal(h[0], h[2], 'equal values hash alike');
    assert.notEqual(h[0], h[1]);
    const sliced = rowHashes(batchOf({ k: A.vectorFromArray(['zz', ...strs], new A.Utf8()).slice(1) }));
    assert.deepEqual(sliced, h);
    const nan = rowHashes(batchOf({ k: A.vectorFromArray([NaN, -NaN, 0.5], new A.Float64()) }));
    assert.equal(nan[0], nan[1]);
    const lists = rowHashes(batchOf({ k: A.vectorFromArray([[1, 2], [12], [], null], new A.List(new A.Field('item', new A.Int32(), true))) }));
    assert.equal(new Set(lists).size, 4, '[1,2], [12], [] and null all differ');
  });

  test('column order matters; a named key column is used alone', () => {
    const batch = batchOf({ a: A.vectorFromArray(['x', 'y'], new A.Utf8()), b: A.vectorFromArray(['y', 'x'], new A.Utf8()) });
    const ab = rowHashes(batch);
    assert.notEqual(ab[0], ab[1]);
    assert.deepEqual(rowHashes(batch, ['a']), rowHashes(batchOf({ a: A.vectorFromArray(['x', 'y'], new A.Utf8()) })));
    assert.throws(() => rowHashes(batch, ['c']), { code: 'E_NOT_FOUND', message: /no column 'c' to hash/ });
  });

  test('hash splits: every row exactly once, ratios near the bucket shares, same rows on every run', () => {
    const n = 30000;
    const batch = batchOf({ id: A.vectorFromArray(Array.from({ length: n }, (_, i) => i), new A.Int32()) });
    const [train, evalRows] = hashSplitRows(batch, [2, 3]);
    assert.equal(train!.length + evalRows!.length, n);
    const all = new Set([...train!, ...evalRows!]);
    assert.equal(all.size, n);
    assert.ok(Math.abs(train!.length / n - 2 / 3) < 0.02, `train share ${train!.length / n}`);
    assert.deepEqual(hashSplitRows(batch, [2, 3]), [train, evalRows]);
    // a row's split depends on its value only: the same rows, shuffled, land in the same splits
    const reversed = batchOf({ id: A.vectorFromArray(Array.from({ length: n }, (_, i) => n - 1 - i), new A.Int32()) });
    const [trainRev] = hashSplitRows(reversed, [2, 3]);
    assert.deepEqual(new Set([...trainRev!].map((r) => n - 1 - r)), new Set(train));
    assert.throws(() => hashSplitRows(batch, [2, 2]), { code: 'E_INPUT_MALFORMED', message: /at least one hash bucket/ });
  });
});
