/**
 * Columns statistics cannot describe (DESIGN.md: struct columns and any type without a native
 * mapping): skipped with a warning naming each, or with `strict` an E_UNSUPPORTED_TYPE error, as
 * TFDV skips what its generators do not handle.
 */
import { type DataType, type Field, type RecordBatch, type Table, Type } from 'apache-arrow';

import { arrowlineError, isArrowlineError } from '../errors.js';
import { nativeTypeId } from '../native/typeId.js';

/** Why a column of `type` cannot be described, or undefined if it can (through dictionaries and lists). */
export function unsupportedReason(type: DataType, column: string): string | undefined {
  try {
    for (let t: DataType | undefined = type; t; ) {
      nativeTypeId(t, column);
      if (t.typeId === Type.Dictionary) t = (t as DataType & { dictionary: DataType }).dictionary;
      else if (t.typeId === Type.List || t.typeId === Type.FixedSizeList || t.typeId === Type.LargeList) t = (t.children[0] as Field).type;
      else t = undefined;
    }
    return undefined;
  } catch (err) {
    if (isArrowlineError(err) && err.code === 'E_UNSUPPORTED_TYPE') return `type ${String(type)} cannot be described`;
    throw err;
  }
}

/** `data` without the columns statistics cannot describe; each is a warning, or with `strict` an error. */
export function describableColumns<T extends Table | RecordBatch>(data: T, strict: boolean, warn: (message: string) => void, source?: string): T {
  const skipped = data.schema.fields.flatMap((f) => {
    const why = unsupportedReason(f.type, f.name);
    return why === undefined ? [] : [{ f, why }];
  });
  if (skipped.length === 0) return data;
  for (const { f, why } of skipped) {
    if (strict) throw arrowlineError('E_UNSUPPORTED_TYPE', `${why}: statistics describe bool, integer, float, string, binary, date and timestamp values, through dictionaries and lists`, { column: f.name, ...(source ? { file: source } : {}) });
    warn(`column '${f.name}' is skipped: ${why} (with --strict / strict: true this is an error)`);
  }
  const keep = data.schema.fields.filter((f) => !skipped.some((s) => s.f === f)).map((f) => f.name);
  return data.select(keep) as T;
}
