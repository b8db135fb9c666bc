// The store API over SQLite: putExecution atomicity, field masks, paging, filter queries over
// each field kind, and lineage over several hops in both directions with hop limits.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { ArrowlineError } from '../../../src/errors.js';
import { type Artifact, ArtifactState, EventType, ExecutionState, MetadataStore, PropertyType } from '../../../src/metadata/index.js';

function setup() {
  const store = MetadataStore.inMemory();
  const examples = store.putArtifactType({ name: 'Examples', properties: { span: PropertyType.INT, split_names: PropertyType.STRING } });
  const model = store.putArtifactType({ name: 'Model' });
  const step = store.putExecutionType({ name: 'Step', properties: { note: PropertyType.STRING } });
  const pipeline = store.putContextType({ name: 'pipeline' });
  return { store, examples, model, step, pipeline };
}

/** a0 -> e1 -> a1 -> e2 -> a2 -> e3 -> a3: a chain of executions, each reading one artifact and writing the next. */
function chain(n: number) {
  const s = setup();
  const a: number[] = [];
  const e: number[] = [];
  const [first] = s.store.putArtifacts([{ typeId: s.examples, name: 'a0', uri: '/data/a0', state: ArtifactState.LIVE }]);
  a.push(first!);
  for (let i = 1; i <= n; i++) {
    const r = s.store.putExecution({ typeId: s.step, name: `e${i}`, lastKnownState: ExecutionState.COMPLETE }, [
      { artifact: { id: a[i - 1]! }, event: { type: EventType.INPUT, path: { steps: [{ key: 'in' }, { index: 0 }] } } },
      { artifact: { typeId: s.examples, name: `a${i}`, uri: `/data/a${i}`, state: ArtifactState.LIVE }, event: { type: EventType.OUTPUT, path: { steps: [{ key: 'out' }, { index: 0 }] } } },
    ]);
    e.push(r.executionId);
    a.push(r.artifactIds[1]!);
  }
  return { ...s, a, e };
}

const names = (nodes: { name?: string }[]) => nodes.map((x) => x.name).sort();

describe('metadata store', () => {
  test('putExecution writes execution, artifacts, events, contexts, attributions and associations in one call', () => {
    const { store, examples, step, pipeline } = setup();
    const r = store.putExecution(
      { typeId: step, lastKnownState: ExecutionState.RUNNING, properties: { note: { stringValue: 'x' } } },
      [
        { artifact: { typeId: examples, uri: '/in', state: ArtifactState.LIVE }, event: { type: EventType.INPUT, path: { steps: [{ key: 'examples' }, { index: 0 }] } } },
        { artifact: { typeId: examples, uri: '/unlinked' } },
      ],
      [{ typeId: pipeline, name: 'p' }],
    );
    assert.equal(r.artifactIds.length, 2);
    assert.equal(store.getEventsByExecutionIds([r.executionId]).length, 1, 'a pair without an event inserts only the artifact');
    assert.deepEqual(store.getAttributions(r.artifactIds).map((x) => x.contextId), [r.contextIds[0], r.contextIds[0]]);
    assert.deepEqual(store.getAssociations([r.executionId]), [{ executionId: r.executionId, contextId: r.contextIds[0] }]);
    assert.deepEqual(store.getArtifactsByContext(r.contextIds[0]!).map((x) => x.uri), ['/in', '/unlinked']);
    assert.deepEqual(store.getContextsByExecution(r.executionId).map((c) => c.name), ['p']);
    // the same context again: ALREADY_EXISTS unless reuse is asked for
    assert.throws(() => store.putExecution({ typeId: step }, [], [{ typeId: pipeline, name: 'p' }]), { code: 'E_ALREADY_EXISTS' });
    const again = store.putExecution({ typeId: step }, [], [{ typeId: pipeline, name: 'p' }], { reuseContextIfAlreadyExist: true });
    assert.deepEqual(again.contextIds, r.contextIds);
  });

  test('putExecution is atomic: a failure mid-way leaves nothing behind', () => {
    const { store, examples, step, pipeline } = setup();
    const before = { a: store.getArtifacts().length, e: store.getExecutions().length, c: store.getContexts().length };
    assert.throws(
      () =>
        store.putExecution(
          { typeId: step, lastKnownState: ExecutionState.COMPLETE },
          [
            { artifact: { typeId: examples, uri: '/ok', state: ArtifactState.LIVE }, event: { type: EventType.OUTPUT } },
            { artifact: { typeId: examples, uri: '/bad', properties: { nope: { intValue: 1 } } }, event: { type: EventType.OUTPUT } },
          ],
          [{ typeId: pipeline, name: 'p' }],
        ),
      (err: unknown) => err instanceof ArrowlineError && err.code === 'E_OPTION_INVALID' && /Found unknown property: nope/.test(err.message),
    );
    assert.deepEqual({ a: store.getArtifacts().length, e: store.getExecutions().length, c: store.getContexts().length }, before);
    assert.equal(store.getArtifactsByUri('/ok').length, 0);
    // and a failing event at the very end (a duplicate event triple) also rolls everything back
    const [a] = store.putArtifacts([{ typeId: examples }]);
    assert.throws(
      () => store.putExecution({ typeId: step }, [{ artifact: { id: a }, event: { type: EventType.INPUT } }, { artifact: { id: a }, event: { type: EventType.INPUT } }], [{ typeId: pipeline, name: 'q' }]),
      { code: 'E_ALREADY_EXISTS' },
    );
    assert.equal(store.getExecutions().length, 0);
    assert.equal(store.getContextByTypeAndName('pipeline', 'q'), undefined);
  });

  test('updates: without a mask the node is replaced; with one only the masked fields change', () => {
    const { store, examples } = setup();
    const [id] = store.putArtifacts([{ typeId: examples, uri: '/u', properties: { span: { intValue: 1 }, split_names: { stringValue: '["train"]' } }, customProperties: { a: { intValue: 1 }, b: { intValue: 2 } } }]);
    const created = store.getArtifactsByIds([id!])[0]!;
    store.putArtifacts([{ id, customProperties: { b: { intValue: 3 } }, uri: '/v' }], ['custom_properties.b', 'properties.span']);
    let got = store.getArtifactsByIds([id!])[0]!;
    assert.equal(got.uri, '/u', 'uri is not in the mask');
    assert.deepEqual(got.customProperties, { a: { intValue: 1 }, b: { intValue: 3 } });
    assert.deepEqual(got.properties, { split_names: { stringValue: '["train"]' } }, 'a masked property absent from the request is deleted');
    assert.ok(got.lastUpdateTimeSinceEpoch! > created.lastUpdateTimeSinceEpoch!);
    assert.equal(got.createTimeSinceEpoch, created.createTimeSinceEpoch);
    store.putArtifacts([{ id, uri: '/w', state: ArtifactState.LIVE }]);
    got = store.getArtifactsByIds([id!])[0]!;
    assert.equal(got.uri, '/w');
    assert.deepEqual(got.properties, {});
    assert.deepEqual(got.customProperties, {});
    // an unchanged re-put does not bump the update time
    const t = got.lastUpdateTimeSinceEpoch;
    store.putArtifacts([{ id, uri: '/w', state: ArtifactState.LIVE }]);
    assert.equal(store.getArtifactsByIds([id!])[0]!.lastUpdateTimeSinceEpoch, t);
  });

  test('every value kind round-trips (int, double, string, bool, struct, proto)', () => {
    const { store, examples } = setup();
    const custom = {
      i: { intValue: -42 },
      d: { doubleValue: 0.1 },
      s: { stringValue: 'héllo 😀' },
      b: { boolValue: false },
      st: { structValue: { nested: [1, 'two', { three: true }] } },
      p: { protoValue: { typeUrl: 'type.googleapis.com/x.Y', value: new Uint8Array([0, 1, 255]) } },
    };
    const [id] = store.putArtifacts([{ typeId: examples, customProperties: custom }]);
    assert.deepEqual(store.getArtifactsByIds([id!])[0]!.customProperties, custom);
  });

  test('listing pages through more than the 100-row page size in id, create-time and update-time order', () => {
    const { store, examples } = setup();
    const ids = store.putArtifacts(Array.from({ length: 250 }, (_, i) => ({ typeId: examples, name: `n${i}` })));
    assert.deepEqual(store.getArtifacts().map((a) => a.id), ids);
    assert.deepEqual(store.getArtifacts({ limit: 120, isAsc: false }).map((a) => a.id), [...ids].reverse().slice(0, 120));
    assert.deepEqual(store.getArtifacts({ orderBy: 'CREATE_TIME' }).map((a) => a.id), ids);
    let page = store.listArtifacts({ limit: 100, orderBy: 'UPDATE_TIME' });
    const seen: number[] = [];
    for (;;) {
      seen.push(...page.items.map((a) => a.id!));
      if (!page.nextPageToken) break;
      page = store.listArtifacts({ limit: 100, orderBy: 'UPDATE_TIME', pageToken: page.nextPageToken });
    }
    assert.deepEqual(seen, ids);
  });

  test('filter queries over each field kind', () => {
    const { store, examples, model, step, pipeline } = setup();
    // MLMD's own example: custom_properties.p.int_value < 21 AND name LIKE 'node_2%' over node_0..node_199 with p = i
    store.putArtifacts(Array.from({ length: 200 }, (_, i) => ({ typeId: examples, name: `node_${i}`, uri: `/n/${i}`, customProperties: { p: { intValue: i } } })));
    assert.deepEqual(store.getArtifacts({ filterQuery: "custom_properties.p.int_value < 21 AND name LIKE 'node_2%'" }).map((a) => a.name), ['node_2', 'node_20']);
    const [m1, m2] = store.putArtifacts([
      { typeId: model, name: 'm1', uri: '/m/1', state: ArtifactState.LIVE, externalId: 'x-1', customProperties: { acc: { doubleValue: 0.91 }, 'my:flag': { boolValue: true } } },
      { typeId: model, name: 'm2', uri: '/m/2', state: ArtifactState.PENDING, customProperties: { acc: { doubleValue: 0.5 }, 'my:flag': { boolValue: false } } },
    ]);
    const [s1] = store.putArtifacts([{ typeId: examples, name: 's1', properties: { span: { intValue: 7 }, split_names: { stringValue: 'train,eval' } } }]);
    const q = (filterQuery: string) => store.getArtifacts({ filterQuery }).map((a) => a.id);
    assert.deepEqual(q("type = 'Model'"), [m1, m2]);
    assert.deepEqual(q(`type_id = ${model} AND id != ${m1}`), [m2]);
    assert.deepEqual(q("uri = '/m/2' OR external_id = 'x-1'"), [m1, m2]);
    assert.deepEqual(q('state = LIVE'), [m1]);
    assert.deepEqual(q('state IN (PENDING, LIVE)'), [m1, m2]);
    assert.deepEqual(q("NOT (type = 'Examples')"), [m1, m2]);
    assert.deepEqual(q("name IN ('m2', 's1')"), [m2, s1]);
    assert.deepEqual(q('external_id IS NOT NULL'), [m1]);
    assert.deepEqual(q('custom_properties.acc.double_value > 0.9'), [m1]);
    assert.deepEqual(q('custom_properties.`my:flag`.bool_value = true'), [m1]);
    assert.deepEqual(q('properties.span.int_value >= 7'), [s1]);
    assert.deepEqual(q("properties.split_names.string_value LIKE '%eval%'"), [s1]);
    const created = store.getArtifactsByIds([m2!])[0]!.createTimeSinceEpoch!;
    assert.deepEqual(q(`create_time_since_epoch >= ${created} AND type = 'Model'`), [m2]);
    assert.ok(q(`last_update_time_since_epoch < ${created}`).length >= 200);
    // neighbourhood: contexts of artifacts and executions, events of executions
    const r = store.putExecution({ typeId: step, name: 'train-1', lastKnownState: ExecutionState.COMPLETE, properties: { note: { stringValue: 'first' } } }, [
      { artifact: { id: s1 }, event: { type: EventType.INPUT } },
      { artifact: { id: m1 }, event: { type: EventType.OUTPUT } },
    ], [{ typeId: pipeline, name: 'penguins' }]);
    assert.deepEqual(q("contexts_a.name = 'penguins' AND type = 'Model'"), [m1]);
    assert.deepEqual(q("contexts_a.type = 'pipeline' AND contexts_a.name = 'penguins'"), [s1, m1].sort((x, y) => x! - y!));
    assert.deepEqual(store.getExecutions({ filterQuery: "properties.note.string_value = 'first' AND contexts_p.name = 'penguins'" }).map((e) => e.id), [r.executionId]);
    assert.deepEqual(store.getExecutions({ filterQuery: `events_0.artifact_id = ${m1} AND events_0.type = OUTPUT` }).map((e) => e.id), [r.executionId]);
    assert.deepEqual(store.getExecutions({ filterQuery: `events_0.artifact_id = ${m1} AND events_0.type = INPUT` }), []);
    assert.deepEqual(store.getArtifacts({ filterQuery: `events_0.execution_id = ${r.executionId}` }).map((a) => a.id), [m1, s1].sort((x, y) => x! - y!));
    assert.deepEqual(store.getContexts({ filterQuery: "executions_e.name = 'train-1'" }).map((c) => c.name), ['penguins']);
    assert.deepEqual(store.getContexts({ filterQuery: "artifacts_a.name = 'm1'" }).map((c) => c.name), ['penguins']);
    const [child] = store.putContexts([{ typeId: pipeline, name: 'run-1' }]);
    store.putParentContexts([{ childId: child!, parentId: r.contextIds[0]! }]);
    assert.deepEqual(store.getContexts({ filterQuery: "parent_contexts_a.name = 'penguins'" }).map((c) => c.name), ['run-1']);
    assert.deepEqual(store.getContexts({ filterQuery: "child_contexts_a.name = 'run-1'" }).map((c) => c.name), ['penguins']);
    // filters combine with context listing and paging
    assert.deepEqual(store.getArtifactsByContext(r.contextIds[0]!, { filterQuery: "type = 'Model'" }).map((a) => a.id), [m1]);
  });

  test('lineage: downstream and upstream over several hops, with hop limits', () => {
    const { store, a, e } = chain(3);
    const down = store.getLineageSubgraph({ startingArtifacts: { filterQuery: "name = 'a1'" }, direction: 'DOWNSTREAM', maxNumHops: 2 });
    assert.deepEqual(names(down.artifacts), ['a1', 'a2']);
    assert.deepEqual(names(down.executions), ['e2']);
    assert.equal(down.events.length, 2);
    const downAll = store.getLineageSubgraph({ startingArtifacts: { filterQuery: "name = 'a1'" }, direction: 'DOWNSTREAM' });
    assert.deepEqual(names(downAll.artifacts), ['a1', 'a2', 'a3']);
    assert.deepEqual(names(downAll.executions), ['e2', 'e3']);
    const up = store.getLineageSubgraph({ startingArtifacts: { filterQuery: "name = 'a2'" }, direction: 'UPSTREAM', maxNumHops: 3 });
    assert.deepEqual(names(up.artifacts), ['a1', 'a2']);
    assert.deepEqual(names(up.executions), ['e1', 'e2']);
    const zero = store.getLineageSubgraph({ startingArtifacts: { filterQuery: "name = 'a2'" }, maxNumHops: 0 });
    assert.deepEqual(names(zero.artifacts), ['a2']);
    assert.deepEqual(zero.executions, []);
    const both = store.getLineageSubgraph({ startingExecutions: { filterQuery: `id = ${e[1]}` }, direction: 'BIDIRECTIONAL', maxNumHops: 1 });
    assert.deepEqual(names(both.artifacts), ['a1', 'a2']);
    assert.deepEqual(names(both.executions), ['e2']);
    const ending = store.getLineageSubgraph({ startingArtifacts: { filterQuery: "name = 'a0'" }, direction: 'DOWNSTREAM', endingExecutions: { filterQuery: "name = 'e2'" } });
    assert.deepEqual(names(ending.executions), ['e1']);
    assert.deepEqual(names(ending.artifacts), ['a0', 'a1']);
    const endingIncluded = store.getLineageSubgraph({ startingArtifacts: { filterQuery: "name = 'a0'" }, direction: 'DOWNSTREAM', endingExecutions: { filterQuery: "name = 'e2'", includeEndingNodes: true } });
    assert.deepEqual(names(endingIncluded.executions), ['e1', 'e2']);
    assert.deepEqual(names(endingIncluded.artifacts), ['a0', 'a1']);
    const masked = store.getLineageSubgraph({ startingArtifacts: { filterQuery: `id = ${a[0]}` }, fieldMaskPaths: ['artifacts'] });
    assert.equal(masked.artifacts.length, 4);
    assert.deepEqual(masked.executions, []);
    assert.deepEqual(masked.events, []);
    assert.throws(() => store.getLineageSubgraph({ maxNumHops: 1 }), { code: 'E_OPTION_INVALID' });
  });

  test('lineage with branches: a fan-out and a fan-in, types included', () => {
    const { store, examples, model, step } = setup();
    const [raw] = store.putArtifacts([{ typeId: examples, name: 'raw', uri: '/raw', state: ArtifactState.LIVE }]);
    const io = (inputs: number[], outputs: Artifact[]) => [
      ...inputs.map((id) => ({ artifact: { id }, event: { type: EventType.INPUT } })),
      ...outputs.map((artifact) => ({ artifact, event: { type: EventType.OUTPUT } })),
    ];
    const s = store.putExecution({ typeId: step, name: 'split' }, io([raw!], [{ typeId: examples, name: 'train' }, { typeId: examples, name: 'eval' }]));
    const [train, evalA] = s.artifactIds.slice(1);
    store.putExecution({ typeId: step, name: 'fit' }, io([train!, evalA!], [{ typeId: model, name: 'model' }]));
    const g = store.getLineageSubgraph({ startingArtifacts: { filterQuery: "name = 'model'" }, direction: 'UPSTREAM' });
    assert.deepEqual(names(g.artifacts), ['eval', 'model', 'raw', 'train']);
    assert.deepEqual(names(g.executions), ['fit', 'split']);
    assert.deepEqual(g.artifactTypes.map((t) => t.name).sort(), ['Examples', 'Model']);
    assert.deepEqual(g.executionTypes.map((t) => t.name), ['Step']);
    assert.equal(g.events.length, 6);
  });
});
