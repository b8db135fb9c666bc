/**
 * Sparse and weighted features (schema.cc UpdateSparseFeature / UpdateWeightedFeature): their
 * statistics are custom statistics under the derived feature's name (missing_value,
 * missing_index, min/max_length_diff; missing_weight, min/max_weight_length_diff). Any finding
 * deprecates the derived feature in the working copy.
 */
import type { SparseFeature, WeightedFeature } from '../../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import type { FeatureStatsView } from '../../schema/statsView.js';
import { AnomalyType, type Description, reason } from '../description.js';
import { int64Text } from '../format.js';
import { deprecate } from '../schemaModel.js';

function num(v: { val: { case: string | undefined; value?: unknown } }): number {
  return v.val.case === 'num' ? (v.val.value as number) : 0;
}

export function updateSparseFeature(view: FeatureStatsView, sparse: SparseFeature): Description[] {
  const out: Description[] = [];
  for (const stat of view.customStats) {
    if (stat.name === 'missing_value' && num(stat) !== 0) {
      out.push(reason(AnomalyType.SPARSE_FEATURE_MISSING_VALUE, 'Missing value feature', `Found ${int64Text(num(stat))} examples missing value feature`));
    } else if (stat.name === 'missing_index' && stat.val.case === 'rankHistogram') {
      for (const b of stat.val.value.buckets) {
        const freq = Math.trunc(b.sampleCount);
        if (freq !== 0) out.push(reason(AnomalyType.SPARSE_FEATURE_MISSING_INDEX, 'Missing index feature', `Found ${freq} examples missing index feature: ${b.label}`));
      }
    } else if ((stat.name === 'max_length_diff' || stat.name === 'min_length_diff') && stat.val.case === 'rankHistogram') {
      for (const b of stat.val.value.buckets) {
        if (b.sampleCount === 0) continue;
        out.push(
          reason(
            AnomalyType.SPARSE_FEATURE_LENGTH_MISMATCH,
            'Length mismatch between value and index feature',
            `Mismatch between index feature: ${b.label} and value column, with ${stat.name} = ${Math.trunc(b.sampleCount)}`,
          ),
        );
      }
    }
  }
  if (out.length > 0) deprecate(sparse);
  return out;
}

export function updateWeightedFeature(view: FeatureStatsView, weighted: WeightedFeature): Description[] {
  const out: Description[] = [];
  let minDiff = 0;
  let maxDiff = 0;
  for (const stat of view.customStats) {
    const n = num(stat);
    if (stat.name === 'missing_value' && n !== 0) {
      out.push(reason(AnomalyType.WEIGHTED_FEATURE_MISSING_VALUE, 'Missing value feature', `Found ${int64Text(n)} examples missing value feature.`));
    } else if (stat.name === 'missing_weight' && n !== 0) {
      out.push(reason(AnomalyType.WEIGHTED_FEATURE_MISSING_WEIGHT, 'Missing weight feature', `Found ${int64Text(n)} examples missing weight feature.`));
    } else if (stat.name === 'min_weight_length_diff' && n !== 0) {
      minDiff = Math.trunc(n);
    } else if (stat.name === 'max_weight_length_diff' && n !== 0) {
      maxDiff = Math.trunc(n);
    }
  }
  if (minDiff !== 0 || maxDiff !== 0) {
    out.push(
      reason(
        AnomalyType.WEIGHTED_FEATURE_LENGTH_MISMATCH,
        'Length mismatch between value and weight feature',
        `Mismatch between weight and value feature with min_weight_length_diff = ${minDiff} and max_weight_length_diff = ${maxDiff}.`,
      ),
    );
  }
  if (out.length > 0) deprecate(weighted);
  return out;
}
