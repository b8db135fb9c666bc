// LocalRunner with the metadata store: the penguins example finds exactly the injected
// problems; a second run is all CACHED; a changed parameter re-runs that component and its
// dependents only; a failing component is FAILED with dependents SKIPPED and the rerun resumes;
// SIGKILL mid-run leaves a consistent store and the next run completes; a component CLI step
// writes the same artifacts as the runner.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { ANOMALIES_FILE, STATS_FILE } from '../../../src/components/index.js';
import { ArtifactState, ExecutionState, MetadataStore } from '../../../src/metadata/index.js';
import { NEW_ISLAND, penguinsPipeline } from '../../../src/pipeline/examples/penguins.js';
import { defineComponent, LocalRunner, Pipeline } from '../../../src/pipeline/index.js';
import { runStandalone } from '../../../src/pipeline/standalone.js';
import { readMessageFile } from '../../../src/proto/messageFiles.js';
import { AnomaliesSchema } from '../../../src/proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import { smallPipeline } from '../../helpers/pipelines.js';

const dir = mkdtempSync(join(tmpdir(), 'arrowline-runner-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const states = (r: { results: { id: string; state: string }[] }) => Object.fromEntries(r.results.map((x) => [x.id, x.state]));

describe('LocalRunner', () => {
  test('the penguins example: exactly the injected anomalies, then everything from the cache', async () => {
    const root = join(dir, 'penguins');
    const first = await new LocalRunner().run(penguinsPipeline(root));
    assert.ok(first.ok);
    assert.ok(first.results.every((r) => r.state === 'COMPLETE'));
    const validator = first.results.find((r) => r.id === 'ExampleValidator')!;
    const uri = validator.outputs.anomalies![0]!.uri;
    for (const split of ['train', 'eval']) {
      const a = readMessageFile(AnomaliesSchema, join(uri, `Split-${split}`, ANOMALIES_FILE));
      // keys are TFDV's serialized paths: a name with spaces is quoted
      assert.deepEqual(Object.keys(a.anomalyInfo).sort(), ["'Body Mass (g)'", 'Island', 'Species'], split);
      assert.match(a.anomalyInfo.Island!.description, new RegExp(`values missing from the schema: ${NEW_ISLAND}`));
      assert.ok(a.anomalyInfo.Species!.reason.some((r) => /present in fewer examples than expected/.test(r.description)));
      assert.ok(a.anomalyInfo["'Body Mass (g)'"]!.reason.some((r) => /Jensen-Shannon divergence/.test(r.description)));
      assert.ok(existsSync(join(uri, `Split-${split}`, 'drift.json')));
    }
    assert.equal(validator.outputs.anomalies![0]!.properties.anomalies_found, 6);
    const second = await new LocalRunner().run(penguinsPipeline(root));
    assert.ok(second.results.every((r) => r.state === 'CACHED'), JSON.stringify(states(second)));
    assert.equal(second.results.find((r) => r.id === 'ExampleValidator')!.outputs.anomalies![0]!.uri, uri);
    const forced = await new LocalRunner({ noCache: true }).run(penguinsPipeline(root));
    assert.ok(forced.results.every((r) => r.state === 'COMPLETE'));
    // the store: three runs, each execution with its contexts, every output LIVE
    const store = MetadataStore.open(join(root, 'metadata.sqlite'), { readonly: true });
    try {
      assert.equal(store.getContextsByType('pipeline_run').length, 3);
      assert.equal(store.getExecutions({ filterQuery: 'last_known_state = CACHED' }).length, 6);
      assert.equal(store.getExecutions({ filterQuery: 'last_known_state = COMPLETE' }).length, 12);
      assert.equal(store.getArtifacts({ filterQuery: 'state = PENDING' }).length, 0);
    } finally {
      store.close();
    }
  });

  test('a changed parameter re-runs that component and its dependents only', async () => {
    const root = join(dir, 'changed');
    const control = join(dir, 'control-changed');
    mkdirSync(control, { recursive: true });
    await new LocalRunner().run(smallPipeline(root, control));
    const again = await new LocalRunner().run(smallPipeline(root, control, 100));
    assert.deepEqual(states(again), { ExampleGen: 'COMPLETE', StatisticsGen: 'COMPLETE', Summarize: 'COMPLETE' });
    const third = await new LocalRunner().run(smallPipeline(root, control, 100));
    assert.deepEqual(states(third), { ExampleGen: 'CACHED', StatisticsGen: 'CACHED', Summarize: 'CACHED' });
    // a new parameter on the last component only
    const p = smallPipeline(root, control, 100);
    (p.components.at(-1)!.parameters as Record<string, unknown>).extra = 1;
    assert.deepEqual(states(await new LocalRunner().run(p)), { ExampleGen: 'CACHED', StatisticsGen: 'CACHED', Summarize: 'COMPLETE' });
  });

  test('a failing component: FAILED, dependents SKIPPED, outputs kept; the rerun resumes from the cache', async () => {
    const root = join(dir, 'failing');
    const control = join(dir, 'control-failing');
    mkdirSync(control, { recursive: true });
    writeFileSync(join(control, 'fail'), '');
    const base = smallPipeline(root, control);
    const summarize = base.components.at(-1)!;
    const failed = await new LocalRunner().run(base);
    assert.equal(failed.ok, false);
    const r = failed.results.find((x) => x.id === summarize.id)!;
    assert.equal(r.state, 'FAILED');
    assert.match(r.error!, /Summarize was told to fail/);
    assert.match(readFileSync(r.logPath!, 'utf8'), /FAILED: Summarize was told to fail/);
    const store = MetadataStore.open(join(root, 'metadata.sqlite'));
    const failedExec = store.getExecutionsByIds([r.executionId!])[0]!;
    assert.equal(failedExec.lastKnownState, ExecutionState.FAILED);
    assert.match((failedExec.customProperties!.error as { stringValue: string }).stringValue, /told to fail/);
    assert.equal(store.getArtifacts({ filterQuery: 'state = ABANDONED' }).length, 1);
    store.close();
    rmSync(join(control, 'fail'));
    const resumed = await new LocalRunner().run(smallPipeline(root, control));
    assert.deepEqual(states(resumed), { ExampleGen: 'CACHED', StatisticsGen: 'CACHED', Summarize: 'COMPLETE' });
  });

  test('dependents of a failed component are SKIPPED', async () => {
    const root = join(dir, 'skipped');
    const control = join(dir, 'control-skipped');
    mkdirSync(control, { recursive: true });
    writeFileSync(join(control, 'fail'), '');
    const p = smallPipeline(root, control);
    const failing = p.components.at(-1)!;
    const Chained = defineComponent({
      type: 'Chained',
      inputs: { summary: { type: 'Summary' } },
      outputs: { done: { type: 'Done' } },
      execute: () => undefined,
    });
    const chained = new Chained({ summary: failing.outputs.summary }, { id: 'Chained' });
    const result = await new LocalRunner().run(new Pipeline({ name: 'small', root, components: [chained] }));
    assert.equal(states(result).Chained, 'SKIPPED');
    assert.equal(states(result).Summarize, 'FAILED');
  });

  test('SIGKILL in the middle of a run leaves a consistent store; the next run completes', { timeout: 120_000 }, async () => {
    const root = join(dir, 'killed');
    const control = join(dir, 'control-killed');
    mkdirSync(control, { recursive: true });
    writeFileSync(join(control, 'slow'), '');
    const helper = fileURLToPath(new URL('../../helpers/runSmallPipeline.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', helper, root, control], { stdio: 'ignore' });
    const logs = join(root, 'small', 'Summarize', '.logs');
    const deadline = Date.now() + 60_000;
    while (!(existsSync(logs) && readdirSync(logs).some((f) => readFileSync(join(logs, f), 'utf8').includes('sleeping')))) {
      if (Date.now() > deadline) throw new Error('the child never reached the slow component');
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.on('close', r));
    rmSync(join(control, 'slow'));
    const next = await new LocalRunner().run(smallPipeline(root, control));
    assert.deepEqual(states(next), { ExampleGen: 'CACHED', StatisticsGen: 'CACHED', Summarize: 'COMPLETE' });
    const store = MetadataStore.open(join(root, 'metadata.sqlite'));
    try {
      const interrupted = store.getExecutions({ filterQuery: 'last_known_state = FAILED' });
      assert.equal(interrupted.length, 1);
      assert.match((interrupted[0]!.customProperties!.error as { stringValue: string }).stringValue, /interrupted: process \d+ ended/);
      assert.equal(store.getExecutions({ filterQuery: 'last_known_state = RUNNING' }).length, 0);
      assert.equal(store.getArtifacts({ filterQuery: 'state = PENDING' }).length, 0);
      for (const a of store.getArtifacts({ filterQuery: 'state = LIVE' })) assert.ok(existsSync(a.uri!), `${a.uri} exists`);
      assert.equal(store.getArtifacts({ filterQuery: 'state = ABANDONED' }).length, 1);
    } finally {
      store.close();
    }
    const outDir = join(root, 'small', 'Summarize', 'summary');
    assert.deepEqual(readdirSync(outDir).filter((n) => n.includes('arrowline-tmp')), [], 'the killed run left no staging directory behind');
  });

  test('a component CLI step writes the same artifacts as the runner and records them', async () => {
    const root = join(dir, 'cli-step');
    const run = await new LocalRunner().run(smallPipeline(root, ''));
    const examples = run.results.find((r) => r.id === 'ExampleGen')!.outputs.examples![0]!.uri;
    const runnerStats = run.results.find((r) => r.id === 'StatisticsGen')!.outputs.statistics![0]!.uri;
    const out = join(dir, 'cli-step-stats');
    const store = join(dir, 'cli-step.sqlite');
    const r = await runStandalone({ component: 'StatisticsGen', inputs: { examples }, outputs: { statistics: out }, store });
    for (const split of ['train', 'eval']) {
      assert.deepEqual(readFileSync(join(out, `Split-${split}`, STATS_FILE)), readFileSync(join(runnerStats, `Split-${split}`, STATS_FILE)), split);
    }
    const s = MetadataStore.open(store, { readonly: true });
    try {
      assert.equal(s.getArtifactsByIds([r.outputs.statistics!.id!])[0]!.state, ArtifactState.LIVE);
      assert.equal(s.getExecutions({ filterQuery: "type = 'StatisticsGen' AND last_known_state = COMPLETE" }).length, 1);
      assert.equal(s.getArtifactsByUri(examples)[0]!.state, ArtifactState.LIVE, 'the input was registered by uri');
    } finally {
      s.close();
    }
    await assert.rejects(runStandalone({ component: 'Nope', inputs: {}, outputs: {} }), { code: 'E_OPTION_INVALID', message: /no component 'Nope'/ });
    await assert.rejects(runStandalone({ component: 'StatisticsGen', inputs: { examples }, outputs: {} }), { code: 'E_OPTION_INVALID', message: /needs --output statistics=PATH/ });
  });
});
