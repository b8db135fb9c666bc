/**
 * `arrowline info` through the committed bin shim (so dist/ must be built: `npm ci` or
 * `npm run build`): the --json shape DESIGN.md fixes, one JSON document on stdout, exit codes.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = fileURLToPath(new URL('../../../bin/arrowline.js', import.meta.url));

function arrowline(...args: string[]) {
  return run({}, ...args);
}

function run(env: Record<string, string>, ...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0', ...env } });
}

describe('arrowline info', () => {
  test('dist/ is built', () => {
    assert.ok(existsSync(new URL('../../../dist/cli/main.js', import.meta.url)), 'dist/ is missing: run `npm run build:ts`');
  });

  test('--json prints exactly one JSON document with the documented shape', () => {
    const r = arrowline('info', '--json');
    assert.equal(r.status, 0, r.stderr);
    const info = JSON.parse(r.stdout);
    assert.equal(typeof info.version, 'string');
    assert.equal(info.addon.version, info.version);
    assert.equal(typeof info.addon.cudaCompiled, 'boolean');
    assert.match(info.addon.simd, /^(avx2|sse2|scalar)$/);
    assert.ok(Array.isArray(info.cuda.devices));
    for (const d of info.cuda.devices) {
      assert.equal(typeof d.name, 'string');
      assert.ok(d.memoryBytes > 0);
    }
    if (info.cuda.devices.length === 0) assert.equal(typeof info.cuda.reason, 'string');
    assert.match(info.tfjs.backend, /^(tensorflow|wasm|cpu)$/);
    assert.ok(Array.isArray(info.tfjs.tried));
    for (const t of info.tfjs.tried) assert.ok(t.name && t.reason);
    assert.equal(info.versions.node, process.versions.node);
    assert.match(info.versions.arrow, /^21\./);
  });

  test('--json reports cudaCompiled true when nvcc was present at build time', (t) => {
    const hasNvcc = spawnSync('nvcc', ['--version']).status === 0;
    if (!hasNvcc) {
      t.skip('no nvcc on this machine');
      return;
    }
    assert.equal(JSON.parse(arrowline('info', '--json').stdout).addon.cudaCompiled, true);
  });

  test('without --json prints a readable summary', () => {
    const r = arrowline('info');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^arrowline \d+\.\d+\.\d+\n {2}addon/);
    assert.match(r.stdout, /tfjs backend/);
  });

  test('bad usage exits 2', () => {
    const r = arrowline('no-such-command');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /unknown command 'no-such-command'/);
    assert.equal(arrowline('info', '--bogus').status, 2);
  });

  test('an addon that cannot load is one stderr line with E_ADDON_LOAD and exit 70; --verbose adds the stack', () => {
    const r = run({ ARROWLINE_ADDON: '/nonexistent/arrowline.node' }, 'info', '--json');
    assert.equal(r.status, 70);
    assert.equal(r.stdout, '');
    assert.equal(
      r.stderr,
      'arrowline: E_ADDON_LOAD: the native addon could not be loaded; tried /nonexistent/arrowline.node: not found (build it with `npm run build:native`, or `npm ci`)\n',
    );
    const v = run({ ARROWLINE_ADDON: '/nonexistent/arrowline.node' }, 'info', '--verbose');
    assert.match(v.stderr, /^arrowline: E_ADDON_LOAD: [^\n]+\nAddonLoadError: [\s\S]*at /);
  });

  test('--version prints the package version', () => {
    const r = arrowline('--version');
    assert.equal(r.status, 0);
    assert.match(r.stdout.trim(), /^\d+\.\d+\.\d+$/);
  });
});
