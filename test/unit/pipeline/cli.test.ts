// `arrowline run --example penguins` (what `npm start` runs) twice: the second run all cached;
// a user's pipeline module; `arrowline component` steps; errors.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'arrowline-run-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const cli = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin', 'arrowline.js'), ...args], { encoding: 'utf8', cwd: dir });

describe('arrowline run / component', () => {
  test('the example end to end, then entirely from the cache', () => {
    const r1 = cli('run', '--example', 'penguins', '--root', join(dir, 'root'));
    assert.equal(r1.status, 0, r1.stderr);
    assert.match(r1.stdout, /pipeline penguins, run .*: COMPLETE \(6 components, 0 from the cache\)/);
    assert.match(r1.stdout, /ExampleValidator +COMPLETE +\d+\.\d\d s +6 anomalies in /);
    assert.match(r1.stdout, /anomalies in split train:\n3 anomalies found/);
    assert.match(r1.stdout, /Island +error +Unexpected string values +Examples contain values missing from the schema: Anvers/);
    assert.match(r1.stdout, /lineage of the anomalies/);
    assert.match(r1.stderr, /component SchemaGen COMPLETE/);
    const r2 = cli('run', '--example', 'penguins', '--root', join(dir, 'root'));
    assert.equal(r2.status, 0, r2.stderr);
    assert.match(r2.stdout, /COMPLETE \(6 components, 6 from the cache\)/);
    const runs = cli('runs', '--store', join(dir, 'root', 'metadata.sqlite'), '--json');
    assert.equal((JSON.parse(runs.stdout) as unknown[]).length, 2);
  });

  test("a user's pipeline module; exit 1 when a component fails", () => {
    const dist = pathToFileURL(join(root, 'dist', 'index.js')).href;
    const file = join(dir, 'pipeline.mjs');
    writeFileSync(file, `import { defineComponent, ExampleGen, Pipeline } from '${dist}';
const Boom = defineComponent({ type: 'Boom', inputs: { examples: { type: 'Examples' } }, outputs: { out: { type: 'Out' } }, execute: () => { throw new Error('boom'); } });
export default ({ root }) => {
  const gen = new ExampleGen({ parameters: { input: ${JSON.stringify(join(root, 'node_modules', 'vega-datasets', 'data', 'cars.json'))} } });
  return new Pipeline({ name: 'mine', root: root ?? 'unused', components: [new Boom({ examples: gen.outputs.examples })] });
};
`);
    const r = cli('run', file, '--root', join(dir, 'mine'));
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /component ExampleGen COMPLETE/);
    assert.match(r.stderr, /component Boom FAILED: boom\n {4}log: .*\.logs\/\d+\.log/);
    assert.match(r.stdout, /pipeline mine, run .*: FAILED/);
  });

  test('component steps by path, recorded in a store', () => {
    const penguins = join(root, 'node_modules', 'vega-datasets', 'data', 'penguins.json');
    const store = join(dir, 'steps.sqlite');
    let r = cli('component', 'ExampleGen', '--param', `input=${penguins}`, '--param', 'splits=[{"name":"all","hashBuckets":1}]', '--output', `examples=${join(dir, 'ex')}`, '--store', store);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^examples: .*ex \(artifact 1\)\n$/);
    r = cli('component', 'StatisticsGen', '--input', `examples=${join(dir, 'ex')}`, '--output', `statistics=${join(dir, 'st')}`, '--store', store, '--json');
    assert.equal(r.status, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { outputs: { statistics: { uri: string } } }).outputs.statistics.uri, join(dir, 'st'));
    r = cli('lineage', join(dir, 'st'), '--store', store);
    assert.match(r.stdout, /<- examples\[0\]: artifact 1 Examples LIVE/);
    r = cli('component', 'StatisticsGen', '--input', `examples=${join(dir, 'nope')}`, '--output', `statistics=${join(dir, 'x')}`);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /E_NOT_FOUND: file '.*nope': input 'examples' does not exist/);
    r = cli('run');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /E_OPTION_INVALID: give a pipeline file or --example NAME/);
  });
});
