/**
 * A read-only view of one dataset's statistics as TFDV's validator sees them (statistics_view):
 * feature paths, the schema type of each feature, presence and valency per nest level, string
 * labels, and the weighted-statistics switch (reference/tfdv.md §4.6) that makes every count
 * the weighted one. Inference, validation and drift all read statistics through this.
 */
import { arrowlineError } from '../errors.js';
import { FeatureType } from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import {
  type CommonStatistics,
  type CustomStatistic,
  type DatasetFeatureStatistics,
  type DatasetFeatureStatisticsList,
  type FeatureNameStatistics,
  FeatureNameStatistics_Type as StatsType,
  type Histogram,
  type RankHistogram,
} from '../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { compareBytewise } from './labels.js';
import { type FeaturePath, samePath } from './path.js';

export const DEFAULT_SLICE = 'All Examples';

/** The dataset TFDV uses from a statistics list: the only one, or the default slice. */
export function selectDataset(stats: DatasetFeatureStatisticsList, what = 'statistics'): DatasetFeatureStatistics {
  if (stats.datasets.length === 1) return stats.datasets[0]!;
  const all = stats.datasets.find((d) => d.name === DEFAULT_SLICE);
  if (all) return all;
  throw arrowlineError(
    'E_OPTION_INVALID',
    `${what} must be a statistics proto with one dataset or with the default slice '${DEFAULT_SLICE}' (got ${stats.datasets.length} datasets)`,
  );
}

export interface Valency {
  numMissing: number;
  numNonMissing: number;
  minNumValues: number;
  maxNumValues: number;
}

function commonOf(f: FeatureNameStatistics): CommonStatistics | undefined {
  switch (f.stats.case) {
    case 'numStats':
    case 'stringStats':
    case 'bytesStats':
    case 'structStats':
      return f.stats.value.commonStats;
    default:
      return undefined;
  }
}

export function featurePath(f: FeatureNameStatistics): string[] {
  if (f.fieldId.case === 'path') return [...f.fieldId.value.step];
  if (f.fieldId.case === 'name') return [f.fieldId.value];
  return [];
}

export class FeatureStatsView {
  readonly path: string[];
  readonly common: CommonStatistics | undefined;

  constructor(
    readonly dataset: DatasetStatsView,
    readonly stats: FeatureNameStatistics,
  ) {
    this.path = featurePath(stats);
    this.common = commonOf(stats);
  }

  get byWeight(): boolean {
    return this.dataset.byWeight;
  }

  /** The statistics' own type enum (INT, FLOAT, STRING, BYTES, STRUCT). */
  get type(): StatsType {
    return this.stats.type;
  }

  /** The schema type of the data: STRING and BYTES -> BYTES (schema.proto numbers them differently). */
  get featureType(): FeatureType {
    switch (this.stats.type) {
      case StatsType.INT:
        return FeatureType.INT;
      case StatsType.FLOAT:
        return FeatureType.FLOAT;
      case StatsType.STRING:
      case StatsType.BYTES:
        return FeatureType.BYTES;
      case StatsType.STRUCT:
        return FeatureType.STRUCT;
      default:
        return FeatureType.TYPE_UNKNOWN;
    }
  }

  get numPresent(): number {
    if (this.byWeight) return this.common?.weightedCommonStats?.numNonMissing ?? 0;
    return Number(this.common?.numNonMissing ?? 0n);
  }

  get numMissing(): number {
    if (this.byWeight) return this.common?.weightedCommonStats?.numMissing ?? 0;
    return Number(this.common?.numMissing ?? 0n);
  }

  /** Present / examples; exactly 1 when nothing is missing (float error must not hide a drop). */
  get fractionPresent(): number | undefined {
    const n = this.dataset.numExamples;
    if (n <= 0) return undefined;
    if (this.numMissing === 0) return 1;
    return this.numPresent / n;
  }

  get totNumValues(): number {
    if (this.byWeight) return this.common?.weightedCommonStats?.totNumValues ?? 0;
    return Number(this.common?.totNumValues ?? 0n);
  }

  get avgNumValues(): number {
    if (this.byWeight) return this.common?.weightedCommonStats?.avgNumValues ?? 0;
    return this.common?.avgNumValues ?? 0;
  }

  /** Presence and valency per nest level (outermost first); one level without presence_and_valency_stats. */
  get levels(): Valency[] {
    const c = this.common;
    if (!c) return [];
    if (c.presenceAndValencyStats.length > 0) {
      return c.presenceAndValencyStats.map((p) => ({
        numMissing: Number(p.numMissing),
        numNonMissing: Number(p.numNonMissing),
        minNumValues: Number(p.minNumValues),
        maxNumValues: Number(p.maxNumValues),
      }));
    }
    return [{ numMissing: Number(c.numMissing), numNonMissing: Number(c.numNonMissing), minNumValues: Number(c.minNumValues), maxNumValues: Number(c.maxNumValues) }];
  }

  get hasNestedValues(): boolean {
    return (this.common?.presenceAndValencyStats.length ?? 0) > 1;
  }

  get rankHistogram(): RankHistogram | undefined {
    if (this.stats.stats.case !== 'stringStats') return undefined;
    const s = this.stats.stats.value;
    return this.byWeight ? s.weightedStringStats?.rankHistogram : s.rankHistogram;
  }

  /** The distinct labels TFDV's validator sees: those of the rank histogram. */
  get labels(): string[] {
    return this.rankHistogram?.buckets.map((b) => b.label) ?? [];
  }

  get invalidUtf8Count(): number {
    return this.stats.stats.case === 'stringStats' ? Number(this.stats.stats.value.invalidUtf8Count) : 0;
  }

  get numUnique(): number | undefined {
    return this.stats.stats.case === 'stringStats' ? Number(this.stats.stats.value.unique) : undefined;
  }

  /** Label -> count from the rank histogram (weighted when by weight), keys in bytewise order (TFDV's std::map). */
  get stringValuesWithCounts(): Map<string, number> {
    const buckets = this.rankHistogram?.buckets ?? [];
    const counts = new Map<string, number>();
    for (const b of buckets) counts.set(b.label, (counts.get(b.label) ?? 0) + b.sampleCount);
    return new Map([...counts].sort((a, b) => compareBytewise(a[0], b[0])));
  }

  /** The distinct labels in bytewise order (FeatureStatsView::GetStringValues). */
  get stringValues(): string[] {
    return [...this.stringValuesWithCounts.keys()];
  }

  /** Numeric statistics, when the feature has them. */
  get numStats() {
    return this.stats.stats.case === 'numStats' ? this.stats.stats.value : undefined;
  }

  /** tot_num_values, or num_non_missing * avg_num_values when that is 0 (GetTotalValueCountInExamples). */
  get totalValueCountInExamples(): number {
    const tot = this.totNumValues;
    return tot !== 0 ? tot : this.numPresent * this.avgNumValues;
  }

  /** num_missing per nest level (weighted when by weight). */
  get numMissingNested(): number[] {
    const c = this.common;
    if (!c) return [];
    if (this.byWeight && c.weightedPresenceAndValencyStats.length > 0) return c.weightedPresenceAndValencyStats.map((w) => w.numMissing);
    return this.levels.map((l) => l.numMissing);
  }

  /** The same feature in a control dataset (previous span, serving, previous version), if present there. */
  control(kind: ControlKind): FeatureStatsView | undefined {
    return this.dataset.controls[kind]?.find(this.path);
  }

  get numericHistograms(): Histogram[] {
    if (this.stats.stats.case !== 'numStats') return [];
    const s = this.stats.stats.value;
    return this.byWeight ? (s.weightedNumericStats?.histograms ?? []) : s.histograms;
  }

  get customStats(): CustomStatistic[] {
    return this.stats.customStats;
  }

  get isStruct(): boolean {
    return this.stats.type === StatsType.STRUCT;
  }

  children(): FeatureStatsView[] {
    return this.dataset.features.filter((c) => c.path.length === this.path.length + 1 && samePath(c.path.slice(0, -1), this.path));
  }
}

export type ControlKind = 'previousSpan' | 'serving' | 'previousVersion';

export interface DatasetStatsViewOptions {
  environment?: string;
  /** Read weighted statistics; by default, whether this dataset's weighted statistics exist (§4.6). */
  byWeight?: boolean;
  /** Control datasets for the drift, skew and version comparators (read with this view's byWeight). */
  controls?: Partial<Record<ControlKind, DatasetFeatureStatistics>>;
}

export class DatasetStatsView {
  readonly features: FeatureStatsView[];
  readonly byWeight: boolean;
  readonly environment: string | undefined;
  readonly controls: Partial<Record<ControlKind, DatasetStatsView>> = {};

  constructor(
    readonly stats: DatasetFeatureStatistics,
    options: DatasetStatsViewOptions | string = {},
  ) {
    const opts = typeof options === 'string' ? { environment: options } : options;
    this.environment = opts.environment;
    // Entries with neither a stats oneof nor custom stats say nothing (TFDV ignores them).
    const usable = stats.features.filter((f) => f.stats.case !== undefined || f.customStats.length > 0);
    this.features = usable.map((f) => new FeatureStatsView(this, f));
    this.byWeight = opts.byWeight ?? weightedStatisticsExist(stats);
    for (const [kind, ds] of Object.entries(opts.controls ?? {}) as [ControlKind, DatasetFeatureStatistics | undefined][]) {
      if (ds) this.controls[kind] = new DatasetStatsView(ds, { environment: this.environment, byWeight: this.byWeight });
    }
  }

  get numExamples(): number {
    return this.byWeight ? this.stats.weightedNumExamples : Number(this.stats.numExamples);
  }

  /** Features with common statistics (sparse/weighted derived entries carry custom stats only). */
  get withCommonStats(): FeatureStatsView[] {
    return this.features.filter((f) => f.common !== undefined);
  }

  roots(): FeatureStatsView[] {
    return this.features.filter((f) => f.path.length === 1);
  }

  find(path: FeaturePath): FeatureStatsView | undefined {
    return this.features.find((f) => samePath(f.path, path));
  }
}

/** §4.6: every feature has weighted common stats and as many weighted levels as levels. */
export function weightedStatisticsExist(ds: DatasetFeatureStatistics): boolean {
  if (ds.weightedNumExamples === 0) return false;
  for (const f of ds.features) {
    const c = commonOf(f);
    if (!c) continue;
    if (!c.weightedCommonStats) return false;
    if (c.weightedPresenceAndValencyStats.length !== c.presenceAndValencyStats.length) return false;
  }
  return true;
}
