import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  AddonLoadError,
  ArrowlineError,
  arrowlineError,
  DeviceError,
  ERROR_CODES,
  type ErrorCode,
  errorFromNative,
  InputError,
  InternalError,
  MetadataStoreError,
  NATIVE_STATUS_CODES,
  OptionError,
  SchemaError,
  UnsupportedTypeError,
  withContext,
  withContextAsync,
} from '../../src/errors.js';

describe('errors', () => {
  test('every code builds its class, keeps its code and is an ArrowlineError', () => {
    const expected: Record<ErrorCode, Function> = {
      E_INPUT_MALFORMED: InputError,
      E_SCHEMA_MISMATCH: SchemaError,
      E_SCHEMA_PARSE: SchemaError,
      E_UNSUPPORTED_TYPE: UnsupportedTypeError,
      E_ADDON_LOAD: AddonLoadError,
      E_DEVICE_UNAVAILABLE: DeviceError,
      E_CUDA: DeviceError,
      E_OPTION_INVALID: OptionError,
      E_NOT_FOUND: MetadataStoreError,
      E_ALREADY_EXISTS: MetadataStoreError,
      E_FAILED_PRECONDITION: MetadataStoreError,
      E_STORE_BUSY: MetadataStoreError,
      E_INTERNAL: InternalError,
    };
    assert.deepEqual(Object.keys(expected).sort(), Object.keys(ERROR_CODES).sort());
    for (const [code, cls] of Object.entries(expected)) {
      const e = arrowlineError(code as ErrorCode, 'boom');
      assert.ok(e instanceof cls, code);
      assert.ok(e instanceof ArrowlineError);
      assert.equal(e.code, code);
      assert.equal(e.message, 'boom');
      assert.equal(e.name, cls.name);
    }
  });

  test('messages name file, column, line and row', () => {
    const e = arrowlineError('E_INPUT_MALFORMED', 'ragged row', { file: 'a.csv', column: 'age', line: 3, row: 2 });
    assert.equal(e.message, "file 'a.csv', column 'age', line 3, row 2: ragged row");
    assert.equal(e.file, 'a.csv');
    assert.equal(e.column, 'age');
  });

  test('native status names map onto the table', () => {
    assert.equal(errorFromNative('InvalidArgument', 'x').code, 'E_INPUT_MALFORMED');
    assert.equal(errorFromNative('NotImplemented', 'x').code, 'E_UNSUPPORTED_TYPE');
    assert.equal(errorFromNative('DeviceUnavailable', 'x').code, 'E_DEVICE_UNAVAILABLE');
    assert.equal(errorFromNative('CudaError', 'x').code, 'E_CUDA');
    assert.equal(errorFromNative('Serialization', 'x').code, 'E_INPUT_MALFORMED');
    assert.equal(errorFromNative('SomethingNew', 'x').code, 'E_INTERNAL');
    for (const code of Object.values(NATIVE_STATUS_CODES)) assert.ok(code in ERROR_CODES);
  });

  test('withContext adds the column once, keeps the code and leaves other errors alone', async () => {
    assert.throws(
      () => withContext({ column: 'x' }, () => { throw arrowlineError('E_INPUT_MALFORMED', 'bad offsets'); }),
      (e: unknown) => e instanceof InputError && e.message === "column 'x': bad offsets" && e.column === 'x',
    );
    assert.throws(
      () => withContext({ column: 'outer' }, () => withContext({ column: 'inner' }, () => { throw arrowlineError('E_INTERNAL', 'm'); })),
      (e: unknown) => e instanceof InternalError && e.message === "column 'inner': m",
    );
    assert.throws(() => withContext({ column: 'x' }, () => { throw new TypeError('plain'); }), TypeError);
    await assert.rejects(
      withContextAsync({ file: 'f.arrow' }, async () => { throw arrowlineError('E_CUDA', 'launch failed'); }),
      (e: unknown) => e instanceof DeviceError && e.message === "file 'f.arrow': launch failed" && /errors\.test\.ts/.test(e.stack ?? ''),
    );
  });
});
