/** A readable summary of an Anomalies message: one row per feature, what the schema expects and what was seen. */
import { type Anomalies, AnomalyInfo_Severity } from '../proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import { formatTable } from '../util/table.js';

function severityName(s: AnomalyInfo_Severity): string {
  return s === AnomalyInfo_Severity.ERROR ? 'error' : s === AnomalyInfo_Severity.WARNING ? 'warning' : 'unknown';
}

export function countAnomalies(anomalies: Anomalies): number {
  return Object.keys(anomalies.anomalyInfo).length + (anomalies.datasetAnomalyInfo ? 1 : 0) + (anomalies.dataMissing ? 1 : 0);
}

export function formatAnomaliesSummary(anomalies: Anomalies): string {
  if (anomalies.dataMissing) return 'data missing: the statistics have 0 examples';
  const rows: string[][] = [];
  for (const [feature, info] of Object.entries(anomalies.anomalyInfo)) {
    const reasons = info.reason.length > 0 ? info.reason : [{ shortDescription: info.shortDescription, description: info.description }];
    reasons.forEach((r, i) => rows.push([i === 0 ? feature : '', i === 0 ? severityName(info.severity) : '', r.shortDescription, r.description]));
  }
  if (anomalies.datasetAnomalyInfo) {
    const info = anomalies.datasetAnomalyInfo;
    info.reason.forEach((r, i) => rows.push([i === 0 ? '(dataset)' : '', i === 0 ? severityName(info.severity) : '', r.shortDescription, r.description]));
  }
  const lines: string[] = [];
  const n = countAnomalies(anomalies);
  lines.push(n === 0 ? 'no anomalies found' : `${n} anomal${n === 1 ? 'y' : 'ies'} found`);
  if (rows.length > 0) lines.push(...formatTable([['feature', 'severity', 'anomaly', 'details'], ...rows], 4));
  for (const d of anomalies.driftSkewInfo) {
    const path = d.path?.step.join('.') ?? '';
    for (const [kind, ms] of [['drift', d.driftMeasurements], ['skew', d.skewMeasurements]] as const) {
      for (const m of ms) lines.push(`  ${kind} ${path}: ${['UNKNOWN', 'L_INFTY', 'JENSEN_SHANNON_DIVERGENCE', 'NORMALIZED_ABSOLUTE_DIFFERENCE'][m.type] ?? m.type} = ${m.value.toPrecision(6)} (threshold ${m.threshold})`);
    }
  }
  return lines.join('\n');
}
