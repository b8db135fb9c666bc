/**
 * MomentsAccumulator from TypeScript: async and sync agree, merge == one pass, serialized
 * states round-trip and travel between threads, the addon runs in two worker threads at once,
 * and the GPU path either runs or fails with E_DEVICE_UNAVAILABLE (never crashes).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Worker } from 'node:worker_threads';

import * as A from 'apache-arrow';

import { DeviceError, InputError } from '../../../src/errors.js';
import { computeMoments, MomentsAccumulator, nativeInfo } from '../../../src/native/index.js';
import { rng } from '../../helpers/random.js';
import { referenceMoments } from '../../helpers/reference.js';

function randomValues(n: number, seed: number): Float64Array {
  const r = rng(seed);
  return Float64Array.from({ length: n }, () => (r() < 0.02 ? NaN : (r() - 0.3) * 1000));
}

function close(a: number, b: number, rel = 1e-9) {
  assert.ok(Math.abs(a - b) <= rel * (1 + Math.abs(b)), `${a} vs ${b}`);
}

describe('MomentsAccumulator', () => {
  test('merge of shards equals one pass, and merge leaves its argument unchanged', async () => {
    const x = randomValues(50_000, 1);
    const whole = (await MomentsAccumulator.create().update(A.makeVector(x))).finalize();
    const a = await MomentsAccumulator.create().update(A.makeVector(x.subarray(0, 12_345)));
    const b = await MomentsAccumulator.create().update(A.makeVector(x.subarray(12_345)));
    const bBefore = b.serialize();
    const merged = a.merge(b).finalize();
    assert.deepEqual(b.serialize(), bBefore);
    for (const k of ['count', 'nanCount', 'nullCount', 'zeros', 'min', 'max'] as const) assert.equal(merged[k], whole[k]);
    close(merged.mean, whole.mean, 1e-12);
    close(merged.m2, whole.m2, 1e-10);
    const ref = referenceMoments(Array.from(x));
    close(whole.mean, ref.mean);
    close(whole.variance, ref.m2 / ref.count);
    close(whole.stdDev, Math.sqrt(ref.m2 / ref.count));
  });

  test('serialize / deserialize round-trips; foreign bytes are E_INPUT_MALFORMED', () => {
    const acc = MomentsAccumulator.create().updateSync(A.makeVector(randomValues(1000, 2)));
    const bytes = acc.serialize();
    assert.equal(bytes.byteLength, 104);
    assert.deepEqual([...bytes.subarray(0, 8)], [65, 76, 77, 79, 1, 0, 0, 0]); // "ALMO", v1
    assert.deepEqual(MomentsAccumulator.deserialize(bytes).finalize(), acc.finalize());
    assert.throws(() => MomentsAccumulator.deserialize(new Uint8Array(10)), (e: unknown) =>
      e instanceof InputError && e.code === 'E_INPUT_MALFORMED' && e.message === 'moments state must be 104 bytes, got 10');
    const bad = bytes.slice();
    bad[4] = 2;
    assert.throws(() => MomentsAccumulator.deserialize(bad), /moments state version 2 is not supported \(expected 1\)/);
  });

  test('threads give the same counts and the same moments within rounding', async () => {
    const v = A.makeVector(randomValues(1 << 20, 3));
    const one = await computeMoments(v.data[0]!, 'x', { threads: 1, device: 'cpu' });
    const two = await computeMoments(v.data[0]!, 'x', { threads: 2, device: 'cpu' });
    assert.equal(one.device, 'cpu');
    assert.equal(two.count, one.count);
    assert.equal(two.min, one.min);
    close(two.mean, one.mean, 1e-12);
    close(two.m2, one.m2, 1e-10);
  });

  test("device 'gpu' runs on a GPU or fails with E_DEVICE_UNAVAILABLE", async (t) => {
    const data = A.makeVector(randomValues(1000, 4)).data[0]!;
    const info = nativeInfo();
    if (info.cuda.devices.length > 0) {
      const gpu = await computeMoments(data, 'x', { device: 'gpu' });
      const cpu = await computeMoments(data, 'x', { device: 'cpu' });
      assert.equal(gpu.device, 'gpu');
      assert.equal(gpu.count, cpu.count);
      close(gpu.mean, cpu.mean, 1e-12);
      return;
    }
    t.diagnostic(`no CUDA device (${info.cuda.reason}): checking the error path only`);
    await assert.rejects(computeMoments(data, 'price', { device: 'gpu' }), (e: unknown) => {
      assert.ok(e instanceof DeviceError);
      assert.equal(e.code, 'E_DEVICE_UNAVAILABLE');
      assert.match(e.message, /^column 'price': device 'gpu' was requested but no GPU is usable: /);
      return true;
    });
    const auto = await computeMoments(data, 'x', { device: 'auto' });
    assert.equal(auto.device, 'cpu');
  });

  test('merge rejects anything but an accumulator', () => {
    const acc = MomentsAccumulator.create();
    assert.throws(() => (acc as unknown as { handle: { merge(x: unknown): void } }).handle.merge({}), (e: unknown) =>
      e instanceof InputError && e.message === 'MomentsAccumulator.merge expects another MomentsAccumulator');
  });
});

describe('worker threads', () => {
  test('the addon loads and runs in two worker threads at once; states merge in shard order', async () => {
    const shards = [randomValues(200_000, 10), randomValues(150_000, 11)];
    const run = (values: Float64Array) =>
      new Promise<Uint8Array>((resolve, reject) => {
        const entry = new URL('../../helpers/momentsWorker.ts', import.meta.url).href;
        const w = new Worker(new URL('../../helpers/tsWorker.mjs', import.meta.url), { workerData: { entry, values, repeat: 3 } });
        w.once('message', resolve);
        w.once('error', reject);
      });
    const states = await Promise.all(shards.map(run));
    const merged = MomentsAccumulator.deserialize(states[0]!).merge(MomentsAccumulator.deserialize(states[1]!)).finalize();
    const local = MomentsAccumulator.create();
    for (const s of shards) for (let i = 0; i < 3; i++) local.updateSync(A.makeVector(s));
    const expected = local.finalize();
    assert.equal(merged.count, expected.count);
    assert.equal(merged.nanCount, expected.nanCount);
    close(merged.mean, expected.mean, 1e-12);
    close(merged.m2, expected.m2, 1e-10);
  });
});
