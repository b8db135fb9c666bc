/**
 * Partial statistics: what `stats --partial` writes and `stats merge` reads. Unweighted runs keep
 * the accumulator's own format ("ALST", unchanged); a run with a weight feature packs both
 * states: "ALPW", uint32 version 1, the weight feature (uint32 length + UTF-8), then the
 * unweighted and the weighted state, each as uint64 length + bytes. Little-endian.
 */
import { arrowlineError } from '../errors.js';
import { DatasetStatsAccumulator, WeightedStatsAccumulator } from '../native/index.js';

export interface PartialStatistics {
  acc: DatasetStatsAccumulator;
  weighted?: WeightedStatsAccumulator;
}

const PACK = Buffer.from('ALPW');

export function encodePartial(p: PartialStatistics): Uint8Array {
  if (!p.weighted) return p.acc.serialize();
  const name = Buffer.from(p.weighted.weightFeature, 'utf8');
  const a = p.acc.serialize();
  const w = p.weighted.serialize();
  const out = Buffer.alloc(4 + 4 + 4 + name.length + 8 + a.length + 8 + w.length);
  let o = 0;
  PACK.copy(out, o);
  o += 4;
  out.writeUInt32LE(1, o);
  o += 4;
  out.writeUInt32LE(name.length, o);
  o += 4;
  name.copy(out, o);
  o += name.length;
  out.writeBigUInt64LE(BigInt(a.length), o);
  o += 8;
  out.set(a, o);
  o += a.length;
  out.writeBigUInt64LE(BigInt(w.length), o);
  o += 8;
  out.set(w, o);
  return out;
}

export function decodePartial(bytes: Uint8Array, source?: string): PartialStatistics {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length < 4 || !b.subarray(0, 4).equals(PACK)) return { acc: DatasetStatsAccumulator.deserialize(bytes, source) };
  const bad = () => arrowlineError('E_INPUT_MALFORMED', 'weighted partial statistics are truncated or corrupt', source ? { file: source } : {});
  let o = 4;
  if (b.length < o + 8 || b.readUInt32LE(o) !== 1) throw arrowlineError('E_INPUT_MALFORMED', 'weighted partial statistics of an unknown version', source ? { file: source } : {});
  o += 4;
  const n = b.readUInt32LE(o);
  o += 4;
  if (b.length < o + n + 8) throw bad();
  const weightFeature = b.subarray(o, o + n).toString('utf8');
  o += n;
  const la = Number(b.readBigUInt64LE(o));
  o += 8;
  if (b.length < o + la + 8) throw bad();
  const acc = DatasetStatsAccumulator.deserialize(b.subarray(o, o + la), source);
  o += la;
  const lw = Number(b.readBigUInt64LE(o));
  o += 8;
  if (b.length !== o + lw) throw bad();
  return { acc, weighted: WeightedStatsAccumulator.deserialize(b.subarray(o, o + lw), weightFeature, source) };
}

/** Merges `from` into `into` (both weighted with the same feature, or both unweighted). */
export function mergePartial(into: PartialStatistics, from: PartialStatistics): PartialStatistics {
  if (Boolean(into.weighted) !== Boolean(from.weighted) || (into.weighted && into.weighted.weightFeature !== from.weighted!.weightFeature)) {
    throw arrowlineError('E_OPTION_INVALID', 'partial statistics computed with different weight features cannot be merged');
  }
  into.acc.merge(from.acc);
  if (into.weighted) into.weighted.merge(from.weighted!);
  return into;
}
