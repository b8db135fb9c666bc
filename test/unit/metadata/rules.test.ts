// MLMD's rules and errors (reference/mlmd.md §2), each with its code and message, on an
// in-memory store.
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';

import { ArrowlineError } from '../../../src/errors.js';
import { ArtifactState, EventType, ExecutionState, MetadataStore, PropertyType } from '../../../src/metadata/index.js';

function throwsCode(fn: () => unknown, code: string, message: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof ArrowlineError, `expected an ArrowlineError, got ${String(err)}`);
    assert.equal(err.code, code);
    assert.match(err.message, message);
    return true;
  });
}

describe('metadata store rules', () => {
  let store: MetadataStore;
  let examplesType: number;
  let trainerType: number;
  let pipelineType: number;
  beforeEach(() => {
    store = MetadataStore.inMemory();
    examplesType = store.putArtifactType({ name: 'Examples', properties: { span: PropertyType.INT, split_names: PropertyType.STRING } });
    trainerType = store.putExecutionType({ name: 'Trainer', properties: { steps: PropertyType.INT } });
    pipelineType = store.putContextType({ name: 'pipeline' });
  });

  test('an identical re-put of a type returns the same id', () => {
    assert.equal(store.putArtifactType({ name: 'Examples', properties: { span: PropertyType.INT, split_names: PropertyType.STRING } }), examplesType);
    assert.equal(store.getArtifactType('Examples').id, examplesType);
  });

  test('a retyped property always fails, even with canAddFields and canOmitFields', () => {
    throwsCode(
      () => store.putArtifactType({ name: 'Examples', properties: { span: PropertyType.STRING, split_names: PropertyType.STRING } }, { canAddFields: true, canOmitFields: true }),
      'E_ALREADY_EXISTS',
      /Type already exists with different properties: artifact type 'Examples' has property 'span' of type INT, the request declares STRING/,
    );
  });

  test('adding properties needs canAddFields; omitting needs canOmitFields; omitted ones stay stored', () => {
    const more = { name: 'Examples', properties: { span: PropertyType.INT, split_names: PropertyType.STRING, version: PropertyType.INT } };
    throwsCode(() => store.putArtifactType(more), 'E_ALREADY_EXISTS', /the request adds version to artifact type 'Examples' \(pass canAddFields\)/);
    assert.equal(store.putArtifactType(more, { canAddFields: true }), examplesType);
    throwsCode(() => store.putArtifactType({ name: 'Examples', properties: { span: PropertyType.INT } }), 'E_ALREADY_EXISTS', /the request omits split_names, version/);
    assert.equal(store.putArtifactType({ name: 'Examples', properties: { span: PropertyType.INT } }, { canOmitFields: true }), examplesType);
    assert.deepEqual(store.getArtifactType('Examples').properties, { span: PropertyType.INT, split_names: PropertyType.STRING, version: PropertyType.INT });
  });

  test('type lookups: missing name is INVALID_ARGUMENT, an unknown type NOT_FOUND, versions are separate types', () => {
    throwsCode(() => store.putArtifactType({ name: '' }), 'E_OPTION_INVALID', /No type name is specified for the artifact type/);
    throwsCode(() => store.getArtifactType('Nope'), 'E_NOT_FOUND', /No artifact type found for name 'Nope'/);
    const v2 = store.putArtifactType({ name: 'Examples', version: 'v2', properties: { span: PropertyType.STRING } });
    assert.notEqual(v2, examplesType);
    assert.equal(store.getArtifactType('Examples', 'v2').properties!.span, PropertyType.STRING);
    throwsCode(() => store.getArtifactType('Examples', 'v3'), 'E_NOT_FOUND', /and version 'v3'/);
    assert.deepEqual(store.getArtifactsByType('Nope'), []);
  });

  test('a property not declared on the type, or of another kind, is rejected', () => {
    throwsCode(() => store.putArtifacts([{ typeId: examplesType, properties: { spam: { intValue: 1 } } }]), 'E_OPTION_INVALID', /^Found unknown property: spam$/);
    throwsCode(() => store.putArtifacts([{ typeId: examplesType, properties: { span: { stringValue: '1' } } }]), 'E_OPTION_INVALID', /^Found unmatched property type: span$/);
    throwsCode(() => store.putExecutions([{ typeId: trainerType, properties: { steps: { doubleValue: 1.5 } } }]), 'E_OPTION_INVALID', /^Found unmatched property type: steps$/);
    // custom properties need no declaration
    const [id] = store.putArtifacts([{ typeId: examplesType, customProperties: { anything: { doubleValue: 2.5 }, flag: { boolValue: true } } }]);
    assert.deepEqual(store.getArtifactsByIds([id!])[0]!.customProperties, { anything: { doubleValue: 2.5 }, flag: { boolValue: true } });
  });

  test('names are unique per type, also within one batch; the same name under another type is fine', () => {
    store.putArtifacts([{ typeId: examplesType, name: 'a' }]);
    throwsCode(() => store.putArtifacts([{ typeId: examplesType, name: 'a' }]), 'E_ALREADY_EXISTS', /Given node already exists: artifact name 'a' is taken for type 'Examples'/);
    throwsCode(() => store.putArtifacts([{ typeId: examplesType, name: 'b' }, { typeId: examplesType, name: 'b' }]), 'E_ALREADY_EXISTS', /name 'b' is taken/);
    assert.equal(store.getArtifactByTypeAndName('Examples', 'b'), undefined, 'the failed batch wrote nothing');
    const other = store.putArtifactType({ name: 'Schema' });
    store.putArtifacts([{ typeId: other, name: 'a' }]);
    throwsCode(() => store.putContexts([{ typeId: pipelineType, name: '' }]), 'E_OPTION_INVALID', /^Context name should not be empty$/);
  });

  test('external ids are unique per node kind', () => {
    store.putArtifacts([{ typeId: examplesType, externalId: 'ext-1' }]);
    throwsCode(() => store.putArtifacts([{ typeId: examplesType, externalId: 'ext-1' }]), 'E_ALREADY_EXISTS', /another artifact has external_id 'ext-1'/);
    store.putExecutions([{ typeId: trainerType, externalId: 'ext-1' }]);
    assert.equal(store.getArtifactsByExternalIds(['ext-1']).length, 1);
  });

  test('unknown ids and type ids', () => {
    throwsCode(() => store.putArtifacts([{ id: 99, typeId: examplesType }]), 'E_OPTION_INVALID', /^Cannot find the given id: 99$/);
    throwsCode(() => store.putArtifacts([{ typeId: 12345 }]), 'E_NOT_FOUND', /No artifact type with the given id: 12345/);
    throwsCode(() => store.putArtifacts([{}]), 'E_OPTION_INVALID', /No type id is specified for the artifact/);
    assert.deepEqual(store.getArtifactsByIds([99]), []);
  });

  test('type ids and set names are immutable on update', () => {
    const [id] = store.putArtifacts([{ typeId: examplesType, name: 'a' }]);
    const other = store.putArtifactType({ name: 'Schema' });
    throwsCode(() => store.putArtifacts([{ id, typeId: other }]), 'E_OPTION_INVALID', /does not match the stored type_id/);
    throwsCode(() => store.putArtifacts([{ id, name: 'b' }]), 'E_OPTION_INVALID', /Name of artifact \d+ is immutable: 'a' cannot become 'b'/);
  });

  test('events: ids and a type required, nodes must exist, duplicates rejected', () => {
    const [a] = store.putArtifacts([{ typeId: examplesType }]);
    const [e] = store.putExecutions([{ typeId: trainerType }]);
    throwsCode(() => store.putEvents([{ executionId: e, type: EventType.INPUT }]), 'E_OPTION_INVALID', /^No artifact id is specified\.$/);
    throwsCode(() => store.putEvents([{ artifactId: a, type: EventType.INPUT }]), 'E_OPTION_INVALID', /^No execution id is specified\.$/);
    throwsCode(() => store.putEvents([{ artifactId: a, executionId: e, type: EventType.UNKNOWN }]), 'E_OPTION_INVALID', /^No event type is specified\.$/);
    throwsCode(() => store.putEvents([{ artifactId: 77, executionId: e, type: EventType.INPUT }]), 'E_OPTION_INVALID', /No artifact with the given id 77/);
    throwsCode(() => store.putEvents([{ artifactId: a, executionId: 78, type: EventType.INPUT }]), 'E_OPTION_INVALID', /No execution with the given id 78/);
    store.putEvents([{ artifactId: a, executionId: e, type: EventType.INPUT, path: { steps: [{ key: 'examples' }, { index: 0 }] } }]);
    throwsCode(() => store.putEvents([{ artifactId: a, executionId: e, type: EventType.INPUT }]), 'E_ALREADY_EXISTS', /Given event already exists/);
    const [ev] = store.getEventsByArtifactIds([a!]);
    assert.deepEqual(ev!.path, { steps: [{ key: 'examples' }, { index: 0 }] });
    assert.equal(ev!.type, EventType.INPUT);
  });

  test('parent contexts: unknown ids, duplicates and cycles rejected', () => {
    const [p, c, g] = store.putContexts([{ typeId: pipelineType, name: 'p' }, { typeId: pipelineType, name: 'c' }, { typeId: pipelineType, name: 'g' }]);
    store.putParentContexts([{ childId: c!, parentId: p! }, { childId: g!, parentId: c! }]);
    throwsCode(() => store.putParentContexts([{ childId: c!, parentId: p! }]), 'E_ALREADY_EXISTS', /Given parent context already exists/);
    throwsCode(() => store.putParentContexts([{ childId: p!, parentId: g! }]), 'E_OPTION_INVALID', /There is a cycle detected of the given relationship/);
    throwsCode(() => store.putParentContexts([{ childId: p!, parentId: p! }]), 'E_OPTION_INVALID', /cycle/);
    throwsCode(() => store.putParentContexts([{ childId: p!, parentId: 404 }]), 'E_OPTION_INVALID', /No context with the given id/);
    assert.deepEqual(store.getParentContextsByContext(g!).map((x) => x.name), ['c']);
    assert.deepEqual(store.getChildrenContextsByContext(p!).map((x) => x.name), ['c']);
  });

  test('list options: a limit below 1 and a foreign page token are INVALID_ARGUMENT', () => {
    throwsCode(() => store.listArtifacts({ limit: 0 }), 'E_OPTION_INVALID', /limit must be a positive integer/);
    store.putArtifacts(Array.from({ length: 3 }, () => ({ typeId: examplesType })));
    const page = store.listArtifacts({ limit: 2 });
    throwsCode(() => store.listArtifacts({ limit: 2, pageToken: page.nextPageToken, isAsc: false }), 'E_OPTION_INVALID', /invalid page token: the page token was made for other list options/);
    throwsCode(() => store.listArtifacts({ pageToken: 'garbage' }), 'E_OPTION_INVALID', /invalid page token/);
  });

  test('a filter query that does not parse names the position', () => {
    throwsCode(() => store.getArtifacts({ filterQuery: "name = 'a' AND" }), 'E_OPTION_INVALID', /filter query does not parse at position \d+/);
    throwsCode(() => store.getArtifacts({ filterQuery: 'properties.span = 1' }), 'E_OPTION_INVALID', /position 1/);
  });

  test('states are stored and read back by name-compatible numbers', () => {
    const [a] = store.putArtifacts([{ typeId: examplesType, state: ArtifactState.PENDING }]);
    const [e] = store.putExecutions([{ typeId: trainerType, lastKnownState: ExecutionState.RUNNING }]);
    store.putArtifacts([{ id: a, typeId: examplesType, state: ArtifactState.LIVE }]);
    store.putExecutions([{ id: e, typeId: trainerType, lastKnownState: ExecutionState.COMPLETE }]);
    assert.equal(store.getArtifactsByIds([a!])[0]!.state, ArtifactState.LIVE);
    assert.equal(store.getExecutionsByIds([e!])[0]!.lastKnownState, ExecutionState.COMPLETE);
    assert.deepEqual(store.getArtifacts({ filterQuery: 'state = LIVE' }).map((x) => x.id), [a]);
    assert.deepEqual(store.getExecutions({ filterQuery: 'last_known_state IN (COMPLETE, CACHED)' }).map((x) => x.id), [e]);
  });
});
