/**
 * Dataset-level constraints (dataset_constraints_util.cc): the ratio of num_examples to the
 * previous span (num_examples_drift_comparator) and to the previous version
 * (num_examples_version_comparator), and min/max_examples_count — which TFDV only evaluates
 * when min_examples_count is set (a max alone is never checked).
 */
import {
  type DatasetConstraints,
  DatasetConstraintsSchema,
  type NumericValueComparator,
  NumericValueComparatorSchema,
} from '../../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import type { DatasetStatsView } from '../../schema/statsView.js';
import { AnomalyType, type Description, reason } from '../description.js';
import { clear, has } from '../fields.js';
import { sixDigits } from '../format.js';

function numExamplesComparator(stats: DatasetStatsView, kind: 'drift' | 'version', c: NumericValueComparator): Description[] {
  const hasMin = has(NumericValueComparatorSchema, c, 'minFractionThreshold');
  const hasMax = has(NumericValueComparatorSchema, c, 'maxFractionThreshold');
  if (!hasMin && !hasMax) return [];
  const control = kind === 'drift' ? stats.controls.previousSpan : stats.controls.previousVersion;
  if (!control) return [];
  const name = kind === 'drift' ? 'previous span' : 'previous version';
  const n = Math.trunc(stats.numExamples);
  const controlN = Math.trunc(control.numExamples);
  const ratio = controlN !== 0 ? n / controlN : NaN;
  const out: Description[] = [];
  if (hasMax) {
    const threshold = c.maxFractionThreshold;
    if (controlN === 0) {
      clear(NumericValueComparatorSchema, c, 'maxFractionThreshold');
      out.push(
        reason(
          AnomalyType.COMPARATOR_HIGH_NUM_EXAMPLES,
          `High num examples in current dataset versus the ${name}, which has 0.`,
          `The ${name} has 0 examples, so there is a high number of examples in the current dataset versus the ${name}.`,
        ),
      );
    } else if (ratio > threshold) {
      c.maxFractionThreshold = ratio;
      out.push(
        reason(
          AnomalyType.COMPARATOR_HIGH_NUM_EXAMPLES,
          `High num examples in current dataset versus the ${name}.`,
          `The ratio of num examples in the current dataset versus the ${name} is ${sixDigits(ratio)} (up to six significant digits), which is above the threshold ${sixDigits(threshold)}.`,
        ),
      );
    }
  }
  if (hasMin) {
    const threshold = c.minFractionThreshold;
    if (controlN !== 0 && ratio < threshold) {
      c.minFractionThreshold = ratio;
      out.push(
        reason(
          AnomalyType.COMPARATOR_LOW_NUM_EXAMPLES,
          `Low num examples in current dataset versus the ${name}.`,
          `The ratio of num examples in the current dataset versus the ${name} is ${sixDigits(ratio)} (up to six significant digits), which is below the threshold ${sixDigits(threshold)}.`,
        ),
      );
    }
  }
  return out;
}

function examplesCount(stats: DatasetStatsView, dc: DatasetConstraints): Description[] {
  const out: Description[] = [];
  const n = stats.numExamples;
  if (has(DatasetConstraintsSchema, dc, 'minExamplesCount') && n < Number(dc.minExamplesCount)) {
    dc.minExamplesCount = BigInt(Math.trunc(n));
    out.push(reason(AnomalyType.DATASET_LOW_NUM_EXAMPLES, 'Low num examples in dataset.', `The dataset has ${sixDigits(n)} examples, which is fewer than expected.`));
  }
  if (has(DatasetConstraintsSchema, dc, 'maxExamplesCount') && n > Number(dc.maxExamplesCount)) {
    dc.maxExamplesCount = BigInt(Math.trunc(n));
    out.push(reason(AnomalyType.DATASET_HIGH_NUM_EXAMPLES, 'High num examples in dataset.', `The dataset has ${sixDigits(n)} examples, which is more than expected.`));
  }
  return out;
}

/** Schema::UpdateDatasetConstraints. */
export function updateDatasetConstraints(stats: DatasetStatsView, dc: DatasetConstraints | undefined): Description[] {
  if (!dc) return [];
  const out: Description[] = [];
  if (dc.numExamplesDriftComparator) out.push(...numExamplesComparator(stats, 'drift', dc.numExamplesDriftComparator));
  if (dc.numExamplesVersionComparator) out.push(...numExamplesComparator(stats, 'version', dc.numExamplesVersionComparator));
  if (has(DatasetConstraintsSchema, dc, 'minExamplesCount')) out.push(...examplesCount(stats, dc));
  return out;
}
