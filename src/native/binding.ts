/**
 * The shape of the native addon's exports (native/binding/addon.cc). test/unit/native/binding.test.ts
 * checks these names against what the loaded addon actually exports.
 */
import type { ColumnDescriptor } from './columnView.js';

/** Native device selector: the one translation of 'auto' | 'cpu' | 'gpu'. */
export const NATIVE_DEVICE = { auto: 0, cpu: 1, gpu: 2 } as const;
export type Device = keyof typeof NATIVE_DEVICE;

export interface NativeExecOptions {
  device?: number;
  threads?: number;
  /** Statistics updates: integer features to describe as categorical. */
  categorical?: string[];
  /** Statistics updates: features with bytes statistics (no top-k or distinct sketches). */
  bytes?: string[];
}

export interface NativeMoments {
  nullCount: number;
  nanCount: number;
  count: number;
  zeros: number;
  posInf: number;
  negInf: number;
  /** +inf / -inf when infinities of one sign occur, NaN for both, else the mean. */
  mean: number;
  m2: number;
  variance: number;
  stdDev: number;
  min: number;
  max: number;
}

export interface NativeLevelProfile {
  elements: number;
  nulls: number;
  minLength: number;
  maxLength: number;
  totalLength: number;
}

export interface NativeColumnProfile {
  valueType: string;
  rows: number;
  nulls: number;
  levels: NativeLevelProfile[];
  leafValues: number;
  leafNulls: number;
  valueBytes: number;
  moments?: NativeMoments;
}

export interface NativeInfo {
  version: string;
  napiVersion: number;
  cudaCompiled: boolean;
  simd: string;
  cuda: {
    devices: Array<{ index: number; name: string; memoryBytes: number; computeCapability: string }>;
    reason?: string;
  };
}

/** Branded so a plain object cannot pass for a native handle. */
export interface NativeMomentsAccumulator {
  readonly __arrowline: 'moments-accumulator';
  update(column: ColumnDescriptor, options?: NativeExecOptions): void;
  updateAsync(column: ColumnDescriptor, options?: NativeExecOptions): Promise<void>;
  merge(other: NativeMomentsAccumulator): void;
  serialize(): Uint8Array;
  finalize(): NativeMoments;
}

export interface NativeLevelStats {
  numNonMissing: number;
  numMissing: number;
  minNumValues: number;
  maxNumValues: number;
  totNumValues: number;
}

/** One feature of a finalized StatsAccumulator (native/kernels/stats/feature_stats.h). */
export interface NativeFeatureStats {
  name: string;
  kind: 'INT' | 'FLOAT' | 'STRING' | 'UNKNOWN';
  /** List nesting depth; 0 for a flat column, -1 when only null-typed chunks were seen. */
  listDepth: number;
  numNonMissing: number;
  minNumValues: number;
  maxNumValues: number;
  totNumValues: number;
  /** Values at the innermost level (NaN and inner nulls included). */
  leafValues: number;
  levels: NativeLevelStats[];
  moments: NativeMoments;
  stringBytes: number;
  invalidUtf8: number;
  /** Shortest / longest non-null string value in bytes (absent when none, or unknown in a v1 state). */
  minValueBytes?: number;
  maxValueBytes?: number;
  histograms: NativeFeatureHistograms;
}

export interface NativeBucket {
  low: number;
  high: number;
  count: number;
}

/** Histograms derived from the sketches at finalize (native/kernels/stats/feature_summary.h). */
export interface NativeFeatureHistograms {
  median?: number;
  standard?: NativeBucket[];
  quantiles?: NativeBucket[];
  numValues?: NativeBucket[];
  /** Nest levels 2.. of a nested list feature. */
  levels: Array<{ quantiles: NativeBucket[]; standard: NativeBucket[] }>;
  /** String features with values: the KMV distinct count and the ranked top values. */
  unique?: number;
  top?: Array<{ value: string; count: number }>;
}

export interface NativeHistogramOptions {
  numHistogramBuckets?: number;
  numQuantilesHistogramBuckets?: number;
  numValuesHistogramBuckets?: number;
  numTopValues?: number;
  numRankHistogramBuckets?: number;
  frequencyThreshold?: number;
}

export interface NativeDatasetStats {
  epsilon: number;
  numExamples: number;
  features: NativeFeatureStats[];
}

export interface NativeBatch {
  numRows: number;
  columns: Array<{ name: string; column: ColumnDescriptor }>;
}

export interface NativeStatsAccumulator {
  readonly __arrowline: 'stats-accumulator';
  update(batches: NativeBatch | NativeBatch[], options?: NativeExecOptions): void;
  updateAsync(batches: NativeBatch | NativeBatch[], options?: NativeExecOptions): Promise<void>;
  merge(other: NativeStatsAccumulator): void;
  serialize(): Uint8Array;
  finalize(options?: NativeHistogramOptions): NativeDatasetStats;
}

/** Constraints of one column for the batch check (native/kernels/validate/batch_check.h). */
export interface NativeColumnConstraints {
  required?: boolean;
  levels?: { min?: number | bigint; max?: number | bigint }[];
  fixedCount?: number;
  /** 0 none, 1 int range, 2 float range, 3 bool (0/1), 4 string set, 5 ints written as strings. */
  leaf?: number;
  intMin?: number | bigint;
  intMax?: number | bigint;
  floatMin?: number;
  floatMax?: number;
  disallowNan?: boolean;
  disallowInf?: boolean;
  strings?: string[];
}

export interface NativeBatchFindings {
  rows: Float64Array;
  /** RowIssue codes. */
  issues: Int32Array;
  levels: Int32Array;
  /** Leaf row of the offending value, -1 for row-level findings. */
  leaves: Float64Array;
  truncated: boolean;
}

/** A column the addon built (native/binding/owned_column_js.h): raw bytes per buffer. */
export interface NativeOwnedColumn {
  typeId: number;
  length: number;
  nullCount: number;
  validity?: Uint8Array;
  values: Uint8Array;
  offsets: Uint8Array;
  child?: NativeOwnedColumn;
}

export interface NativeCsvOptions {
  delimiter: string;
  quote: string | null;
  comment?: string;
  nullTokens: string[];
  inferBool: boolean;
  inferTimestamp: boolean;
  strictUtf8: boolean;
  /** 0 error, 1 skip, 2 null */
  onBadRow: number;
  threads: number;
}

export interface NativeCsvRequest {
  final: boolean;
  header: boolean;
  expectedColumns: number;
  lineBase: number;
  columnNames?: string[];
  /** One pass: infer and convert (types by name in declaredTypes override inference). */
  read?: boolean;
  declaredTypes?: Record<string, number>;
}

export interface NativeCsvResult {
  header?: string[];
  columns: number;
  consumed: number;
  lines: number;
  rows: number;
  badRows: number;
  masks?: number[];
  anyValue?: boolean[];
  blocks?: { rows: number; columns: NativeOwnedColumn[] }[];
  /** read mode: the column types (CsvType numbers). */
  types?: number[];
}

export interface NativeWeightedLevel {
  numNonMissing: number;
  numMissing: number;
  totNumValues: number;
  avgNumValues: number;
}

export interface NativeWeightedFeature extends NativeWeightedLevel {
  name: string;
  levels: NativeWeightedLevel[];
  numeric?: { mean: number; stdDev: number; median?: number; standard?: NativeBucket[]; quantiles?: NativeBucket[] };
  top?: { value: string; count: number }[];
}

export interface NativeWeightedStats {
  weightedNumExamples: number;
  features: NativeWeightedFeature[];
}

export interface NativeWeightedAccumulator {
  updateAsync(batches: NativeBatch[], weightFeature: string, options?: NativeExecOptions): Promise<void>;
  merge(other: NativeWeightedAccumulator): void;
  finalize(options?: NativeHistogramOptions): NativeWeightedStats;
  serialize(): Uint8Array;
}

export interface NativeAddon {
  WeightedStatsAccumulator: {
    new (options?: { epsilon?: number; topKBuckets?: number }): NativeWeightedAccumulator;
    deserialize(bytes: Uint8Array): NativeWeightedAccumulator;
  };
  StatsAccumulator: {
    new (options?: { epsilon?: number; topKBuckets?: number }): NativeStatsAccumulator;
    deserialize(bytes: Uint8Array): NativeStatsAccumulator;
  };
  MomentsAccumulator: {
    new (): NativeMomentsAccumulator;
    deserialize(bytes: Uint8Array): NativeMomentsAccumulator;
  };
  info(): NativeInfo;
  setErrorFactory(factory: (status: string, message: string) => Error): void;
  computeMoments(column: ColumnDescriptor, options?: NativeExecOptions): Promise<NativeMoments & { device: Device }>;
  computeMomentsSync(column: ColumnDescriptor, options?: NativeExecOptions): NativeMoments & { device: Device };
  profileColumn(column: ColumnDescriptor, options?: NativeExecOptions): Promise<NativeColumnProfile>;
  profileColumnSync(column: ColumnDescriptor, options?: NativeExecOptions): NativeColumnProfile;
  validateColumn(column: ColumnDescriptor): true;
  bandwidthPass(values: Float64Array, threads?: number): number;
  checkBatchColumnSync(column: ColumnDescriptor, constraints: NativeColumnConstraints, maxFindings?: number): NativeBatchFindings;
  checkBatchColumn(column: ColumnDescriptor, constraints: NativeColumnConstraints, maxFindings?: number): Promise<NativeBatchFindings>;
  rowHashes(columns: ColumnDescriptor[]): BigUint64Array;
  hashSplitRows(columns: ColumnDescriptor[], bounds: number[]): Int32Array[];
  takeColumn(column: ColumnDescriptor, indices: Int32Array): NativeOwnedColumn;
  groupRows(columns: ColumnDescriptor[]): { rows: Int32Array[]; firstRow: Int32Array };
  csvScanSync(bytes: Uint8Array, options: NativeCsvOptions, request: NativeCsvRequest, types?: number[]): NativeCsvResult;
  csvScan(bytes: Uint8Array, options: NativeCsvOptions, request: NativeCsvRequest, types?: number[]): Promise<NativeCsvResult>;
  readFileInto(path: string, bytes: Uint8Array, threads: number): void;
}

export const NATIVE_EXPORTS: ReadonlyArray<keyof NativeAddon> = [
  'WeightedStatsAccumulator',
  'MomentsAccumulator',
  'StatsAccumulator',
  'info',
  'setErrorFactory',
  'computeMoments',
  'computeMomentsSync',
  'profileColumn',
  'profileColumnSync',
  'validateColumn',
  'bandwidthPass',
  'checkBatchColumnSync',
  'checkBatchColumn',
  'rowHashes',
  'hashSplitRows',
  'takeColumn',
  'groupRows',
  'csvScanSync',
  'csvScan',
  'readFileInto',
];
