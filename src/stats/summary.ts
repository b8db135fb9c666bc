/** The readable summary `arrowline stats` prints without -o or --json. */
import type { DatasetFeatureStatisticsList, FeatureNameStatistics } from '../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { FeatureNameStatistics_Type } from '../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { formatTable } from '../util/table.js';

const num = (x: number) => (Number.isInteger(x) ? String(x) : Math.abs(x) >= 1e6 || Math.abs(x) < 1e-3 ? x.toExponential(3) : x.toPrecision(6));

function featureName(f: FeatureNameStatistics): string {
  return f.fieldId.case === 'path' ? f.fieldId.value.step.join('.') : f.fieldId.case === 'name' ? f.fieldId.value : '?';
}

export function formatStatisticsSummary(list: DatasetFeatureStatisticsList): string {
  const lines: string[] = [];
  for (const ds of list.datasets) {
    lines.push(`${ds.name || 'dataset'}: ${ds.numExamples} examples, ${ds.features.length} features`);
    const rows: string[][] = [['feature', 'type', 'missing', 'values/ex', 'mean', 'std dev', 'min', 'median', 'max', 'unique', 'top value']];
    for (const f of ds.features) {
      const s = f.stats;
      const common = s.case === 'numStats' || s.case === 'stringStats' || s.case === 'bytesStats' ? s.value.commonStats : undefined;
      const n = Number(ds.numExamples);
      const missing = common && n > 0 ? `${((Number(common.numMissing) / n) * 100).toFixed(1)}%` : '';
      const row = [featureName(f), FeatureNameStatistics_Type[f.type] ?? String(f.type), missing, common ? num(common.avgNumValues) : ''];
      if (s.case === 'numStats') row.push(num(s.value.mean), num(s.value.stdDev), num(s.value.min), num(s.value.median), num(s.value.max), '', '');
      else if (s.case === 'stringStats') {
        const top = s.value.topValues[0];
        row.push('', '', '', '', '', String(s.value.unique), top ? `${JSON.stringify(top.value).slice(0, 24)} (${top.frequency})` : '');
      } else if (s.case === 'bytesStats') {
        // Value sizes in bytes: the average, the smallest and the largest.
        const b = s.value;
        const has = b.maxNumBytesInt > 0n || b.avgNumBytes > 0;
        row.push(has ? `${num(b.avgNumBytes)} B` : '', '', has ? `${num(b.minNumBytes)} B` : '', '', has ? `${num(b.maxNumBytes)} B` : '', '', '');
      }
      rows.push(row);
    }
    lines.push(...formatTable(rows, 2));
  }
  return lines.join('\n');
}
