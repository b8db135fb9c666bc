/**
 * Drift and skew comparators of one feature (feature_util.cc UpdateFeatureComparatorDirect):
 * with control statistics (previous span for drift_comparator, serving for skew_comparator),
 * each threshold that is set yields a DriftSkewInfo measurement, and a value strictly above it
 * an anomaly whose fix raises the threshold to the value; with a control dataset that lacks
 * the feature, COMPARATOR_CONTROL_DATA_MISSING and the thresholds are cleared.
 */
import { create } from '@bufbuild/protobuf';

import {
  type DriftSkewInfo_Measurement,
  DriftSkewInfo_MeasurementSchema,
  DriftSkewInfo_Measurement_Type as MeasurementType,
} from '../../proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import {
  type FeatureComparator,
  HistogramSelection_Type,
  InfinityNormSchema,
  JensenShannonDivergenceSchema,
  NormalizedAbsoluteDifferenceSchema,
} from '../../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { Histogram_HistogramType } from '../../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import type { FeatureStatsView } from '../../schema/statsView.js';
import { AnomalyType, type Description, reason } from '../description.js';
import { clear, has } from '../fields.js';
import { sixDigits } from '../format.js';
import { jensenShannonOfCounts, jensenShannonOfHistograms, lInftyDistance, normalizedAbsoluteDifference } from '../metrics.js';

export type ComparatorKind = 'drift' | 'skew';

const CONTEXT: Record<ComparatorKind, { control: string; treatment: string }> = {
  drift: { control: 'previous', treatment: 'current' },
  skew: { control: 'serving', treatment: 'training' },
};

export interface ComparisonResult {
  descriptions: Description[];
  measurements: DriftSkewInfo_Measurement[];
}

function measurement(type: MeasurementType, value: number, threshold: number): DriftSkewInfo_Measurement {
  return create(DriftSkewInfo_MeasurementSchema, { type, value, threshold });
}

/** The JSD of two views: categorical when both have labels, else over the selected numeric histograms. */
export function jensenShannon(a: FeatureStatsView, b: FeatureStatsView, source: HistogramSelection_Type = HistogramSelection_Type.DEFAULT): number | undefined {
  const ca = a.stringValuesWithCounts;
  const cb = b.stringValuesWithCounts;
  if (ca.size > 0 && cb.size > 0) return jensenShannonOfCounts(ca, cb);
  const type = source === HistogramSelection_Type.QUANTILES ? Histogram_HistogramType.QUANTILES : Histogram_HistogramType.STANDARD;
  const ha = a.numericHistograms.find((h) => h.type === type);
  const hb = b.numericHistograms.find((h) => h.type === type);
  return ha && hb ? jensenShannonOfHistograms(ha, hb) : undefined;
}

export function updateFeatureComparator(view: FeatureStatsView, kind: ComparatorKind, comparator: FeatureComparator): ComparisonResult {
  const result: ComparisonResult = { descriptions: [], measurements: [] };
  const linf = comparator.infinityNorm;
  const nad = comparator.normalizedAbsDifference;
  const jsd = comparator.jensenShannonDivergence;
  const hasLinf = has(InfinityNormSchema, linf, 'threshold');
  const hasNad = has(NormalizedAbsoluteDifferenceSchema, nad, 'threshold');
  const hasJsd = has(JensenShannonDivergenceSchema, jsd, 'threshold');
  if (!hasLinf && !hasNad && !hasJsd) return result;
  const { control: controlName, treatment } = CONTEXT[kind];
  const controlKind = kind === 'drift' ? 'previousSpan' : 'serving';
  const control = view.control(controlKind);
  if (!control) {
    if (view.dataset.controls[controlKind]) {
      if (hasLinf) clear(InfinityNormSchema, linf!, 'threshold');
      if (hasNad) clear(NormalizedAbsoluteDifferenceSchema, nad!, 'threshold');
      if (hasJsd) clear(JensenShannonDivergenceSchema, jsd!, 'threshold');
      result.descriptions.push(reason(AnomalyType.COMPARATOR_CONTROL_DATA_MISSING, `${controlName} data missing`, `${controlName} data is missing.`));
    }
    return result;
  }
  const between = `between ${treatment} and ${controlName}`;
  const labelDistance = (
    kind: 'Linfty distance' | 'normalized absolute difference',
    anomaly: AnomalyType,
    type: MeasurementType,
    holder: { threshold: number },
    distance: typeof lInftyDistance,
  ) => {
    const { label, value } = distance(view.stringValuesWithCounts, control.stringValuesWithCounts);
    const threshold = holder.threshold;
    result.measurements.push(measurement(type, value, threshold));
    if (value <= threshold) return;
    holder.threshold = value;
    result.descriptions.push(
      reason(
        anomaly,
        `High ${kind} ${between}`,
        `The ${kind} ${between} is ${sixDigits(value)} (up to six significant digits), above the threshold ${sixDigits(threshold)}. The feature value with maximum difference is: ${label}`,
      ),
    );
  };
  if (hasLinf) labelDistance('Linfty distance', AnomalyType.COMPARATOR_L_INFTY_HIGH, MeasurementType.L_INFTY, linf!, lInftyDistance);
  if (hasNad) {
    labelDistance('normalized absolute difference', AnomalyType.COMPARATOR_NORMALIZED_ABSOLUTE_DIFFERENCE_HIGH, MeasurementType.NORMALIZED_ABSOLUTE_DIFFERENCE, nad!, normalizedAbsoluteDifference);
  }
  if (hasJsd) {
    const value = jensenShannon(view, control, jsd!.source?.type);
    const threshold = jsd!.threshold;
    if (value !== undefined) {
      result.measurements.push(measurement(MeasurementType.JENSEN_SHANNON_DIVERGENCE, value, threshold));
      if (value > threshold) {
        jsd!.threshold = value;
        result.descriptions.push(
          reason(
            AnomalyType.COMPARATOR_JENSEN_SHANNON_DIVERGENCE_HIGH,
            `High approximate Jensen-Shannon divergence ${between}`,
            `The approximate Jensen-Shannon divergence ${between} is ${sixDigits(value)} (up to six significant digits), above the threshold ${sixDigits(threshold)}.`,
          ),
        );
      }
    }
  }
  return result;
}
