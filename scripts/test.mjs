#!/usr/bin/env node
// `npm test`: every TypeScript test file under test/unit (node's test runner through tsx) and
// the GoogleTest suites (test/native, test/cuda) built with CMake from Debian's libgtest-dev.
// Fails when any test fails or when no test ran at all.
//   --js-only / --native-only   run one half
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const totals = { passed: 0, failed: 0, skipped: 0 };

function listTests(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? listTests(p) : e.name.endsWith('.test.ts') ? [p] : [];
  }).sort();
}

function run(cmd, argv, opts = {}) {
  const r = spawnSync(cmd, argv, { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...opts });
  if (r.stdout) process.stdout.write(r.stdout);
  if (r.stderr) process.stderr.write(r.stderr);
  if (r.error) throw r.error;
  return r;
}

function count(text, re) {
  let n = 0;
  for (const m of text.matchAll(re)) n = Number(m[1]);
  return n;
}

function jsTests() {
  const files = listTests(join(root, 'test', 'unit')).map((f) => relative(root, f));
  console.log(`\n== TypeScript tests: ${files.length} files ==`);
  if (files.length === 0) return;
  const r = run(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=tap', ...files]);
  const out = r.stdout ?? '';
  const pass = count(out, /^# pass (\d+)$/gm);
  const fail = count(out, /^# fail (\d+)$/gm) + count(out, /^# cancelled (\d+)$/gm);
  const skip = count(out, /^# skipped (\d+)$/gm);
  totals.passed += pass;
  totals.failed += fail + (r.status !== 0 && fail === 0 ? 1 : 0);
  totals.skipped += skip;
}

function nativeTests() {
  const dir = join(root, 'build', 'native-tests');
  console.log('\n== C++ tests (GoogleTest) ==');
  const configure = run('cmake', ['-S', '.', '-B', dir, '-DARROWLINE_BUILD_TESTS=ON', '-DCMAKE_BUILD_TYPE=Release']);
  if (configure.status !== 0) {
    console.error('cmake configure failed (is libgtest-dev installed? `apt-get install libgtest-dev`)');
    totals.failed += 1;
    return;
  }
  const build = run('cmake', ['--build', dir, '-j', String(Math.max(2, Number(process.env.JOBS ?? 2)))]);
  if (build.status !== 0) {
    totals.failed += 1;
    return;
  }
  for (const exe of ['arrowline_native_tests', 'arrowline_cuda_tests']) {
    const r = run(join(dir, exe), ['--gtest_color=no']);
    const out = r.stdout ?? '';
    totals.passed += count(out, /^\[  PASSED  \] (\d+) tests?/gm);
    totals.failed += count(out, /^\[  FAILED  \] (\d+) tests?, listed below/gm) + (r.status !== 0 ? (/FAILED  \] \d+ tests?, listed/.test(out) ? 0 : 1) : 0);
    totals.skipped += count(out, /^\[  SKIPPED \] (\d+) tests?, listed below/gm);
  }
}

if (!args.has('--native-only')) jsTests();
if (!args.has('--js-only')) nativeTests();
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
if (totals.passed + totals.failed === 0) {
  console.error('no test ran');
  process.exit(1);
}
process.exit(totals.failed > 0 ? 1 : 0);
