/**
 * Slice names as TFDV's feature value slicer makes them: "<column>_<value>", several columns
 * joined with "_" in the order given, and the default slice "All Examples". Values print as
 * Python's str() would print what TFDV sees: integers plainly, floats with a fraction ("1.0"),
 * strings as they are, bytes decoded as UTF-8, bool as 0/1 (TFDV reads bool as INT).
 */
import { type RecordBatch, Type } from 'apache-arrow';

export const DEFAULT_SLICE_NAME = 'All Examples';

function valueText(v: unknown, typeId: Type): string {
  if (v instanceof Uint8Array) return Buffer.from(v).toString('utf8');
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'number' && typeId === Type.Float && Number.isInteger(v)) return `${v}.0`;
  if (v instanceof Date) return String(v.getTime());
  return String(v);
}

/** The name of the slice that row `row` of `batch` belongs to. */
export function sliceName(batch: RecordBatch, columns: readonly string[], row: number): string {
  return columns
    .map((c) => {
      const child = batch.getChild(c)!;
      const typeId = child.type.typeId === Type.Dictionary ? (child.type as { dictionary: { typeId: Type } }).dictionary.typeId : child.type.typeId;
      return `${c}_${valueText(child.get(row), typeId)}`;
    })
    .join('_');
}
