// Cache keys (sha256 of canonical JSON over component type, sorted parameters, input content
// fingerprints and code version) and the cached-execution lookup, which skips executions whose
// outputs are not LIVE or whose files were deleted.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';

import {
  ArtifactState,
  cacheContext,
  canonicalJson,
  codeVersion,
  computeCacheKey,
  EventType,
  ExecutionState,
  FINGERPRINT_PROPERTY,
  fingerprintPath,
  MetadataStore,
} from '../../../src/metadata/index.js';

const dir = mkdtempSync(join(tmpdir(), 'arrowline-cache-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function file(rel: string, content: string): string {
  const p = join(dir, rel);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, content);
  return p;
}

const sha = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');
const CODE = { arrowline: '0.1.0', modules: {} };

describe('cache keys', () => {
  test('canonical JSON sorts keys at every depth and drops undefined', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: undefined, x: 2 }], c: 'é' } }), '{"a":{"c":"é","d":[3,{"x":2,"z":1}]},"b":1}');
  });

  test('fingerprints: a file is sha256 of its bytes; a directory covers names, sizes and bytes, not temporaries', () => {
    const f = file('one.txt', 'hello');
    assert.equal(fingerprintPath(f), sha('hello'));
    file('tree/a/x.bin', 'xx');
    file('tree/b.txt', 'b');
    const expected = sha(Buffer.concat([Buffer.from('a/x.bin\x002\x00xx'), Buffer.from('b.txt\x001\x00b')]));
    assert.equal(fingerprintPath(join(dir, 'tree')), expected);
    file('tree/.b.txt.arrowline-tmp-123-abc', 'partial');
    assert.equal(fingerprintPath(join(dir, 'tree')), expected, 'a stale temporary does not change the fingerprint');
    file('tree/b.txt', 'c');
    assert.notEqual(fingerprintPath(join(dir, 'tree')), expected);
    assert.throws(() => fingerprintPath(join(dir, 'missing')), { code: 'E_NOT_FOUND' });
  });

  test('the key is sha256 of the canonical JSON document; parameter order does not matter, values do', () => {
    const fp = sha('data');
    const key = computeCacheKey({ componentType: 'StatisticsGen', parameters: { b: 2, a: 1 }, inputs: { examples: [fp] }, codeVersion: CODE });
    const doc = `{"codeVersion":{"arrowline":"0.1.0","modules":{}},"componentType":"StatisticsGen","inputs":{"examples":["${fp}"]},"parameters":{"a":1,"b":2}}`;
    assert.equal(key, sha(doc));
    assert.equal(computeCacheKey({ componentType: 'StatisticsGen', parameters: { a: 1, b: 2 }, inputs: { examples: [fp] }, codeVersion: CODE }), key);
    assert.notEqual(computeCacheKey({ componentType: 'StatisticsGen', parameters: { a: 1, b: 3 }, inputs: { examples: [fp] }, codeVersion: CODE }), key);
    assert.notEqual(computeCacheKey({ componentType: 'SchemaGen', parameters: { a: 1, b: 2 }, inputs: { examples: [fp] }, codeVersion: CODE }), key);
    assert.notEqual(computeCacheKey({ componentType: 'StatisticsGen', parameters: { a: 1, b: 2 }, inputs: { examples: [sha('other')] }, codeVersion: CODE }), key);
    assert.notEqual(computeCacheKey({ componentType: 'StatisticsGen', parameters: { a: 1, b: 2 }, inputs: { examples: [fp] }, codeVersion: { ...CODE, arrowline: '0.2.0' } }), key);
  });

  test('input artifacts contribute their stored fingerprint, else the fingerprint of their uri', () => {
    const data = file('examples/part-00000.arrow', 'rows');
    const viaUri = computeCacheKey({ componentType: 'X', inputs: { examples: [{ uri: join(dir, 'examples') }] }, codeVersion: CODE });
    const viaProperty = computeCacheKey({ componentType: 'X', inputs: { examples: [{ uri: '/nowhere', customProperties: { [FINGERPRINT_PROPERTY]: { stringValue: fingerprintPath(join(dir, 'examples')) } } }] }, codeVersion: CODE });
    assert.equal(viaUri, viaProperty);
    writeFileSync(data, 'changed rows');
    assert.notEqual(computeCacheKey({ componentType: 'X', inputs: { examples: [{ uri: join(dir, 'examples') }] }, codeVersion: CODE }), viaUri);
  });

  test('the code version holds arrowline\'s version and the sha256 of each user module', () => {
    const mod = file('pipeline.js', 'export default 1;');
    const v = codeVersion([mod]);
    assert.match(v.arrowline, /^\d+\.\d+\.\d+/);
    assert.deepEqual(v.modules, { [mod]: sha('export default 1;') });
    const before = computeCacheKey({ componentType: 'Custom', moduleFiles: [mod] });
    writeFileSync(mod, 'export default 2;');
    assert.notEqual(computeCacheKey({ componentType: 'Custom', moduleFiles: [mod] }), before);
  });
});

describe('findCachedExecution', () => {
  function record(store: MetadataStore, key: string, state: ExecutionState, outputs: { uri: string; state: ArtifactState }[]) {
    const typeId = store.putExecutionType({ name: 'StatisticsGen' });
    const artifactType = store.putArtifactType({ name: 'ExampleStatistics' });
    const ctx = cacheContext(store, key);
    return store.putExecution(
      { typeId, lastKnownState: state },
      outputs.map((o, i) => ({ artifact: { typeId: artifactType, uri: o.uri, state: o.state }, event: { type: EventType.OUTPUT, path: { steps: [{ key: 'statistics' }, { index: i }] } } })),
      [ctx],
      { forceReuseContext: true },
    );
  }

  test('newest COMPLETE or CACHED execution whose outputs are LIVE and on disk, with outputs by key', () => {
    const store = MetadataStore.inMemory();
    const key = 'k'.repeat(64);
    assert.equal(store.findCachedExecution(key), undefined, 'no context yet');
    const old = record(store, key, ExecutionState.COMPLETE, [{ uri: file('old/stats.pb', 'o'), state: ArtifactState.LIVE }]);
    const newer = record(store, key, ExecutionState.CACHED, [{ uri: file('newer/a.pb', 'a'), state: ArtifactState.LIVE }, { uri: file('newer/b.pb', 'b'), state: ArtifactState.LIVE }]);
    record(store, key, ExecutionState.FAILED, [{ uri: file('failed/x.pb', 'x'), state: ArtifactState.LIVE }]);
    record(store, key, ExecutionState.RUNNING, [{ uri: file('running/x.pb', 'x'), state: ArtifactState.PENDING }]);
    let hit = store.findCachedExecution(key)!;
    assert.equal(hit.execution.id, newer.executionId);
    assert.deepEqual(hit.outputs.statistics!.map((a) => a.id), newer.artifactIds);

    // deleting one output file of the newest makes the lookup fall back to the older one
    rmSync(join(dir, 'newer/b.pb'));
    hit = store.findCachedExecution(key)!;
    assert.equal(hit.execution.id, old.executionId);
    assert.deepEqual(Object.keys(hit.outputs), ['statistics']);

    // a non-LIVE output also disqualifies
    store.putArtifacts([{ id: old.artifactIds[0], state: ArtifactState.DELETED }], ['state']);
    assert.equal(store.findCachedExecution(key), undefined);
    assert.equal(store.findCachedExecution('another-key'), undefined);
  });

  test('the cache context is created once and reused', () => {
    const store = MetadataStore.inMemory();
    const a = cacheContext(store, 'abc');
    const b = cacheContext(store, 'abc');
    assert.equal(a.id, b.id);
    assert.equal(store.getContextsByType('execution_cache').length, 1);
  });
});
