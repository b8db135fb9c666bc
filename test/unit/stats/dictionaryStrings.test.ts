// Dictionary-encoded string columns (each dictionary entry checked and hashed once, then a lookup
// per row) give exactly the statistics of the same strings stored plainly: random values with a
// fixed seed, nulls in the indices, unused entries, invalid UTF-8, unicode,
// empty strings, more distinct values than the distinct sketch keeps, sliced and chunked columns,
// and dictionaries larger than the chunk (the per-row path).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import * as A from 'apache-arrow';

import { computeStatistics } from '../../../src/stats/index.js';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

// A dictionary of `size` entries (some invalid UTF-8, some empty) and `rows` indices into it.
// (A null dictionary entry has no plain equivalent: its rows count as present with a null value.)
function columns(rows: number, size: number, seed: number): { plain: A.Vector; dict: A.Vector } {
  const r = rng(seed);
  const entries: (Uint8Array | null)[] = Array.from({ length: size }, (_, d) => {
    if (d % 89 === 3) return Uint8Array.from([0xff, 0xfe, d & 255]);
    const text = d % 13 === 0 ? '' : d % 7 === 0 ? `ünï-${d}` : `k${d}`;
    return new TextEncoder().encode(text);
  });
  const indices = new Int32Array(rows);
  const valid: boolean[] = [];
  for (let i = 0; i < rows; i++) {
    // skewed: a few hot entries and a long tail; some entries never used
    indices[i] = r() < 0.3 ? Math.floor(r() * 5) : Math.floor(r() * r() * size);
    valid.push(r() > 0.05);
  }
  const plain = A.vectorFromArray(Array.from(indices, (k, i) => (valid[i] ? entries[k] ?? null : null)), new A.Binary());
  const dictionary = A.makeData({ type: new A.Binary(), length: size, ...binaryBuffers(entries) });
  const type = new A.Dictionary(new A.Binary(), new A.Int32());
  const nullBitmap = new Uint8Array(Math.ceil(rows / 8));
  valid.forEach((v, i) => {
    if (v) nullBitmap[i >> 3]! |= 1 << (i & 7);
  });
  const dict = A.makeVector(A.makeData({ type, length: rows, nullBitmap, data: indices, dictionary: A.makeVector(dictionary) }));
  return { plain, dict };
}

function binaryBuffers(entries: (Uint8Array | null)[]): { valueOffsets: Int32Array; data: Uint8Array; nullBitmap: Uint8Array } {
  const valueOffsets = new Int32Array(entries.length + 1);
  const parts: Uint8Array[] = [];
  const nullBitmap = new Uint8Array(Math.ceil(entries.length / 8));
  let at = 0;
  entries.forEach((e, i) => {
    if (e) {
      parts.push(e);
      at += e.length;
      nullBitmap[i >> 3]! |= 1 << (i & 7);
    }
    valueOffsets[i + 1] = at;
  });
  const data = new Uint8Array(at);
  let o = 0;
  for (const p of parts) {
    data.set(p, o);
    o += p.length;
  }
  return { valueOffsets, data, nullBitmap };
}

const features = (t: A.Table) => computeStatistics(t, { threads: 1 }).then((s) => s.datasets[0]!.features);

describe('dictionary-encoded strings', () => {
  test('the same statistics as plain strings: small dictionary, many rows', async () => {
    const { plain, dict } = columns(50_000, 300, 1);
    assert.deepEqual(await features(new A.Table({ s: dict })), await features(new A.Table({ s: plain })));
  });

  test('more distinct values than the sketches keep, sliced and chunked', async () => {
    const { plain, dict } = columns(120_000, 40_000, 2);
    const p = new A.Table({ s: plain });
    const d = new A.Table({ s: dict });
    assert.deepEqual(await features(d), await features(p));
    assert.deepEqual(await features(d.slice(1234, 90_000)), await features(p.slice(1234, 90_000)));
    // chunks smaller than the dictionary take the per-row path
    const chunked = (t: A.Table) => new A.Table([t.slice(0, 5_000), t.slice(5_000, 7_000), t.slice(7_000)].flatMap((x) => x.batches));
    assert.deepEqual(await features(chunked(d)), await features(chunked(p)));
  });
});
