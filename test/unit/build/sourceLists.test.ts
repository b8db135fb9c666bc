/**
 * Build consistency: binding.gyp compiles the same CPU sources as CMakeLists.txt; every native
 * source file is in a list; the generated protobuf code matches proto/; and proto/ matches the
 * field tables of shared/reference/tfmd-fields.md.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const cmake = readFileSync(join(root, 'CMakeLists.txt'), 'utf8');

function cmakeList(name: string): string[] {
  const m = new RegExp(`set\\(${name}\\s+([^)]*)\\)`).exec(cmake);
  assert.ok(m, `CMakeLists.txt has no set(${name} ...)`);
  return m[1]!.split(/\s+/).filter(Boolean);
}

function gypSources(): string[] {
  const text = readFileSync(join(root, 'binding.gyp'), 'utf8').replace(/^\s*#.*$/gm, '');
  const gyp = JSON.parse(text) as { targets: Array<{ sources: string[] }> };
  return gyp.targets[0]!.sources;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

describe('build source lists', () => {
  test('binding.gyp lists exactly the CMake CPU, binding and no-CUDA sources', () => {
    const expected = [...cmakeList('ARROWLINE_CPU_SOURCES'), ...cmakeList('ARROWLINE_BINDING_SOURCES'), ...cmakeList('ARROWLINE_NO_CUDA_SOURCES')].sort();
    assert.deepEqual(gypSources().sort(), expected);
  });

  test('every .cc and .cu file under native/ is in a CMake list', () => {
    const listed = new Set([
      ...cmakeList('ARROWLINE_CPU_SOURCES'),
      ...cmakeList('ARROWLINE_BINDING_SOURCES'),
      ...cmakeList('ARROWLINE_CUDA_SOURCES'),
      ...cmakeList('ARROWLINE_NO_CUDA_SOURCES'),
    ]);
    const files = walk(join(root, 'native')).filter((f) => /\.(cc|cu)$/.test(f)).map((f) => relative(root, f));
    for (const f of files) assert.ok(listed.has(f), `${f} is in no source list`);
    for (const f of listed) assert.ok(existsSync(join(root, f)), `${f} is listed but missing`);
  });

  test('only native/binding includes napi.h', () => {
    for (const f of walk(join(root, 'native'))) {
      if (f.includes(`${join('native', 'binding')}`)) continue;
      assert.ok(!/#include\s*<napi\.h>|napi_setup\.h/.test(readFileSync(f, 'utf8')), `${relative(root, f)} includes Node-API`);
    }
  });
});

describe('protobuf definitions', () => {
  test('src/proto/gen is what `npm run proto` generates from proto/', (t) => {
    const buf = join(root, 'node_modules', '.bin', 'buf');
    if (!existsSync(buf)) {
      t.skip('buf is not installed');
      return;
    }
    const out = mkdtempSync(join(tmpdir(), 'arrowline-gen-'));
    const config = JSON.stringify({
      version: 'v2',
      inputs: [{ directory: 'proto' }],
      plugins: [{ local: join(root, 'node_modules', '.bin', 'protoc-gen-es'), out, opt: ['target=ts', 'import_extension=js'] }],
    });
    const r = spawnSync(buf, ['generate', '--template', config], { cwd: root, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const committed = join(root, 'src', 'proto', 'gen');
    const files = walk(committed).map((f) => relative(committed, f)).sort();
    assert.deepEqual(walk(out).map((f) => relative(out, f)).sort(), files);
    for (const f of files) assert.equal(readFileSync(join(out, f), 'utf8'), readFileSync(join(committed, f), 'utf8'), f);
  });

  test('proto/ matches the field tables of the reference', (t) => {
    const reference = join(root, '..', 'shared', 'reference', 'tfmd-fields.md');
    if (!existsSync(reference)) {
      t.skip(`${reference} is not present`);
      return;
    }
    const out = mkdtempSync(join(tmpdir(), 'arrowline-proto-'));
    const r = spawnSync(process.execPath, [join(root, 'scripts', 'proto-from-reference.mjs'), reference, out], { encoding: 'utf8', env: { ...process.env, QUIET: '1' } });
    assert.equal(r.status, 0, r.stderr);
    const committed = join(root, 'proto', 'tensorflow_metadata', 'proto', 'v0');
    for (const f of readdirSync(committed)) assert.equal(readFileSync(join(out, f), 'utf8'), readFileSync(join(committed, f), 'utf8'), f);
  });
});
