/**
 * The native boundary: corrupt views are rejected with E_INPUT_MALFORMED naming the column,
 * unsupported types with E_UNSUPPORTED_TYPE, bad options with E_OPTION_INVALID, a missing
 * addon with E_ADDON_LOAD listing every attempt, and the exported names match binding.ts.
 */
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';

import * as A from 'apache-arrow';

import { AddonLoadError, InputError, OptionError, UnsupportedTypeError } from '../../../src/errors.js';
import { NATIVE_EXPORTS } from '../../../src/native/binding.js';
import {
  computeMomentsSync,
  describeData,
  loadAddon,
  NativeTypeId,
  profileColumnSync,
  validateColumnDescriptor,
} from '../../../src/native/index.js';
import { addonOrThrow, tryLoad } from '../../../src/native/loader.js';

function rejects(fn: () => unknown, fragment: string, cls: Function = InputError, code = 'E_INPUT_MALFORMED') {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof cls, `expected ${cls.name}, got ${String(e)}`);
    assert.equal((e as { code: string }).code, code);
    assert.ok((e as Error).message.includes(fragment), `message '${(e as Error).message}' lacks '${fragment}'`);
    return true;
  });
}

describe('corrupt views are rejected before any read', () => {
  test('values shorter than the declared length', () => {
    const d = { typeId: NativeTypeId.Float64, length: 10, offset: 0, values: new Float64Array(3) };
    rejects(() => validateColumnDescriptor(d, 'price'), "column 'price': values buffer has 24 bytes, the declared length needs 80");
    rejects(() => profileColumnSync(Object.assign(A.vectorFromArray([1, 2], new A.Float64()).data[0]!, { length: 9 }), 'p'), 'needs 72');
  });

  test('validity bitmap too short for offset + length', () => {
    const d = { typeId: NativeTypeId.Int32, length: 16, offset: 5, values: new Int32Array(16), validity: new Uint8Array(2) };
    rejects(() => validateColumnDescriptor(d, 'c'), 'validity buffer has 2 bytes, the declared length needs 3');
  });

  test('string offsets past the bytes, decreasing, or missing', () => {
    const values = new TextEncoder().encode('abc');
    rejects(
      () => validateColumnDescriptor({ typeId: NativeTypeId.Utf8, length: 2, offset: 0, values, offsets: Int32Array.of(0, 2, 9) }, 's'),
      'last offset 9 is past the end of the value bytes (3)',
    );
    rejects(
      () => validateColumnDescriptor({ typeId: NativeTypeId.Utf8, length: 2, offset: 0, values, offsets: Int32Array.of(0, 3, 1) }, 's'),
      'offsets decrease at row 1 (3 then 1)',
    );
    rejects(() => validateColumnDescriptor({ typeId: NativeTypeId.LargeUtf8, length: 2, offset: 0, values }, 's'), 'offsets buffer has 0 bytes');
  });

  test('list offsets past the child, dictionary index outside the dictionary', () => {
    const child = { typeId: NativeTypeId.Int32, length: 2, offset: 0, values: Int32Array.of(1, 2) };
    rejects(
      () => validateColumnDescriptor({ typeId: NativeTypeId.List, length: 1, offset: 0, offsets: Int32Array.of(0, 5), child }, 'l'),
      'last offset 5 is past the end of the child column (2)',
    );
    const dictionary = { typeId: NativeTypeId.Utf8, length: 1, offset: 0, values: new Uint8Array([120]), offsets: Int32Array.of(0, 1) };
    rejects(
      () =>
        validateColumnDescriptor(
          { typeId: NativeTypeId.Dictionary, indexType: NativeTypeId.Int32, length: 2, offset: 0, values: Int32Array.of(0, 7), dictionary },
          'd',
        ),
      'dictionary index 7 at row 1 is outside the dictionary of 1 values',
    );
  });

  test('malformed descriptors', () => {
    rejects(() => validateColumnDescriptor({ typeId: 99 as NativeTypeId, length: 1, offset: 0 }), 'unknown typeId 99');
    rejects(() => validateColumnDescriptor({ typeId: NativeTypeId.Int8, length: 1, offset: 0, values: [1] as unknown as Int8Array }), "'values' must be a TypedArray");
    rejects(() => validateColumnDescriptor({ typeId: NativeTypeId.Int8, length: 1.5, offset: 0 }), "'length' must be an integer");
  });
});

describe('types and options', () => {
  test('a struct column is E_UNSUPPORTED_TYPE naming the column', () => {
    const v = A.vectorFromArray([{ a: 1 }], new A.Struct([new A.Field('a', new A.Int32())]));
    rejects(() => describeData(v.data[0]!, 'point'), "column 'point': type Struct<{a:Int32}> is not supported", UnsupportedTypeError, 'E_UNSUPPORTED_TYPE');
  });

  test('moments of a string column is E_UNSUPPORTED_TYPE naming the column', () => {
    const v = A.vectorFromArray(['a'], new A.Utf8());
    rejects(() => computeMomentsSync(v.data[0]!, 'name'), "column 'name': moments: unsupported type utf8", UnsupportedTypeError, 'E_UNSUPPORTED_TYPE');
  });

  test('unknown and invalid options are E_OPTION_INVALID', () => {
    const d = A.vectorFromArray([1], new A.Float64()).data[0]!;
    rejects(() => computeMomentsSync(d, 'x', { device: 'tpu' as 'gpu' }), "device must be 'auto', 'cpu' or 'gpu', not 'tpu'", OptionError, 'E_OPTION_INVALID');
    rejects(() => computeMomentsSync(d, 'x', { threads: 0 }), 'threads must be an integer from 1 to 1024, not 0', OptionError, 'E_OPTION_INVALID');
    rejects(() => computeMomentsSync(d, 'x', { thread: 2 } as never), "unknown option 'thread' (expected device, threads)", OptionError, 'E_OPTION_INVALID');
  });
});

describe('the addon', () => {
  test('exports exactly what binding.ts declares', () => {
    assert.deepEqual(Object.keys(loadAddon()).sort(), [...NATIVE_EXPORTS].sort());
  });

  test('E_ADDON_LOAD lists every attempt and its reason', () => {
    const dir = mkdtempSync(join(tmpdir(), 'arrowline-'));
    const corrupt = join(dir, 'corrupt.node');
    writeFileSync(corrupt, 'not an ELF file');
    const result = tryLoad([join(dir, 'missing.node'), corrupt]);
    assert.equal(result.addon, undefined);
    assert.throws(() => addonOrThrow(result), (e: unknown) => {
      assert.ok(e instanceof AddonLoadError);
      assert.equal(e.code, 'E_ADDON_LOAD');
      assert.match(e.message, /^the native addon could not be loaded; tried \S+missing\.node: not found \(build it with `npm run build:native`, or `npm ci`\); /);
      assert.match(e.message, /corrupt\.node: .*(invalid ELF header|file too short)/);
      return true;
    });
  });
});
