// `arrowline lineage` and `arrowline runs` over a store recorded the way TFX records a pipeline
// (pipeline, pipeline_run and node contexts; INPUT/OUTPUT events with [key, index] paths).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { type Artifact, ArtifactState, EventType, ExecutionState, MetadataStore } from '../../../src/metadata/index.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'arrowline-lineage-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function arrowline(...args: string[]) {
  return spawnSync(process.execPath, [join(root, 'bin', 'arrowline.js'), ...args], { cwd: dir, encoding: 'utf8' });
}

/** ExampleGen -> StatisticsGen -> SchemaGen, and ExampleValidator reading statistics and schema; a second run fails in StatisticsGen. */
function recordPipeline(path: string): { anomalies: number; examples: number } {
  const store = MetadataStore.open(path);
  const types = Object.fromEntries(['Examples', 'ExampleStatistics', 'Schema', 'ExampleAnomalies'].map((n) => [n, store.putArtifactType({ name: n })]));
  const ctxTypes = Object.fromEntries(['pipeline', 'pipeline_run', 'node'].map((n) => [n, store.putContextType({ name: n })]));
  const [pipelineCtx] = store.putContexts([{ typeId: ctxTypes.pipeline, name: 'penguins' }]);
  const runCtx = (name: string) => {
    const [id] = store.putContexts([{ typeId: ctxTypes.pipeline_run, name }]);
    store.putParentContexts([{ childId: id!, parentId: pipelineCtx! }]);
    return store.getContextsByIds([id!])[0]!;
  };
  const nodeCtx = (component: string) => {
    const existing = store.getContextByTypeAndName('node', `penguins.${component}`);
    if (existing) return existing;
    const [id] = store.putContexts([{ typeId: ctxTypes.node, name: `penguins.${component}` }]);
    return store.getContextsByIds([id!])[0]!;
  };
  const run = (r: ReturnType<typeof runCtx>, component: string, inputs: Record<string, Artifact>, outputs: Record<string, string>, state = ExecutionState.COMPLETE) => {
    const typeId = store.putExecutionType({ name: component });
    const io = [
      ...Object.entries(inputs).map(([k, a]) => ({ artifact: a, event: { type: EventType.INPUT, path: { steps: [{ key: k }, { index: 0 }] } } })),
      ...Object.entries(outputs).map(([k, t]) => ({ artifact: { typeId: types[t]!, uri: join(dir, 'root', component, k, r.name!.slice(11, 13)), state: ArtifactState.LIVE }, event: { type: EventType.OUTPUT, path: { steps: [{ key: k }, { index: 0 }] } } })),
    ];
    const res = store.putExecution({ typeId, lastKnownState: state }, state === ExecutionState.FAILED ? [] : io, [r, nodeCtx(component)], { forceReuseContext: true });
    return store.getArtifactsByIds(res.artifactIds.slice(Object.keys(inputs).length));
  };
  const r1 = runCtx('2026-12-04T06:00:00.000Z');
  const [examples] = run(r1, 'ExampleGen', {}, { examples: 'Examples' });
  const [stats] = run(r1, 'StatisticsGen', { examples: examples! }, { statistics: 'ExampleStatistics' });
  const [schema] = run(r1, 'SchemaGen', { statistics: stats! }, { schema: 'Schema' });
  const [anomalies] = run(r1, 'ExampleValidator', { statistics: stats!, schema: schema! }, { anomalies: 'ExampleAnomalies' });
  const r2 = runCtx('2026-12-04T07:00:00.000Z');
  run(r2, 'ExampleGen', {}, { examples: 'Examples' });
  run(r2, 'StatisticsGen', {}, {}, ExecutionState.FAILED);
  store.close();
  return { anomalies: anomalies!.id!, examples: examples!.id! };
}

describe('arrowline lineage / runs', () => {
  const storePath = join(dir, 'metadata.sqlite');
  const ids = recordPipeline(storePath);

  test('lineage of the anomalies artifact: its whole upstream as a tree, by id', () => {
    const r = arrowline('lineage', String(ids.anomalies), '--store', storePath);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.split('\n');
    assert.match(lines[0]!, new RegExp(`^artifact ${ids.anomalies} ExampleAnomalies LIVE  .*ExampleValidator/anomalies/06  \\d{4}-\\d\\d-\\d\\dT`));
    assert.equal(lines[1], 'upstream (what it was made from):');
    assert.match(lines[2]!, /^ {2}└─<- anomalies\[0\]: execution \d+ ExampleValidator COMPLETE/);
    assert.match(r.stdout, /└─<- schema\[0\]: artifact \d+ Schema LIVE/);
    assert.match(r.stdout, /<- statistics\[0\]: artifact \d+ ExampleStatistics LIVE/);
    assert.match(r.stdout, /<- examples\[0\]: artifact \d+ Examples LIVE/);
    assert.match(r.stdout, /\(shown above\)/, 'statistics reached twice (directly and through SchemaGen) is printed once');
    assert.match(r.stdout, /downstream \(what was made from it\):\n {2}\(none\)/);
  });

  test('lineage by uri, downstream, and --json', () => {
    const uri = join(dir, 'root', 'ExampleGen', 'examples', '06');
    const r = arrowline('lineage', uri, '--store', storePath, '--json');
    assert.equal(r.status, 0, r.stderr);
    const docs = JSON.parse(r.stdout) as { artifact: { id: number }; downstream: { type: string; children: { type: string }[] }[] }[];
    const first = Array.isArray(docs) ? docs[0]! : (docs as unknown as (typeof docs)[0]);
    assert.equal(first.artifact.id, ids.examples);
    assert.equal(first.downstream[0]!.type, 'StatisticsGen');
    assert.equal(first.downstream[0]!.children[0]!.type, 'ExampleStatistics');
    const limited = JSON.parse(arrowline('lineage', String(ids.examples), '--store', storePath, '--json', '--max-hops', '1').stdout) as { downstream: { children: unknown[] }[] };
    assert.deepEqual(limited.downstream[0]!.children, [], 'one hop reaches the execution only');
  });

  test('runs: newest first, each execution with its state; the failed run says FAILED', () => {
    const r = arrowline('runs', '--store', storePath);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0]!, /^penguins run 2026-12-04T07:00:00\.000Z {2}FAILED {2}started /);
    assert.match(lines[1]!, /^ {2}execution +component +state +duration$/);
    assert.match(lines[2]!, /^ {2}\d+ +ExampleGen +COMPLETE +\d+\.\d\d s$/);
    assert.match(lines[3]!, /^ {2}\d+ +StatisticsGen +FAILED /);
    assert.match(lines[4]!, /^penguins run 2026-12-04T06:00:00\.000Z {2}COMPLETE/);
    const json = JSON.parse(arrowline('runs', '--store', storePath, '--json', '--limit', '1').stdout) as { run: string; executions: unknown[] }[];
    assert.equal(json.length, 1);
    assert.equal(json[0]!.executions.length, 2);
  });

  test('errors: a missing store, an unknown id or uri (exit 2, one line)', () => {
    let r = arrowline('runs', '--store', join(dir, 'nope.sqlite'));
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^arrowline: E_NOT_FOUND: file '.*nope\.sqlite': no metadata store there \(run a pipeline first, or pass --store FILE\)\n$/);
    r = arrowline('lineage', '999', '--store', storePath);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'arrowline: E_NOT_FOUND: no artifact with id 999 in the metadata store\n');
    r = arrowline('lineage', '/no/such/uri', '--store', storePath);
    assert.match(r.stderr, /E_NOT_FOUND: no artifact with uri \/no\/such\/uri/);
  });
});
