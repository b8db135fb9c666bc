/** Shared helpers: schema, statistics and expected AnomalyInfo messages written in text format. */
import assert from 'node:assert/strict';

import { equals } from '@bufbuild/protobuf';

import { decodeMessage, encodeMessage } from '../../../src/proto/codec.js';
import { type Anomalies, AnomaliesSchema, type AnomalyInfo, AnomalyInfoSchema, DriftSkewInfoSchema } from '../../../src/proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import { SchemaSchema } from '../../../src/proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { DatasetFeatureStatisticsListSchema, DatasetFeatureStatisticsSchema } from '../../../src/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';

export const schemaOf = (text: string) => decodeMessage(SchemaSchema, text, 'text');
export const datasetOf = (text: string) => decodeMessage(DatasetFeatureStatisticsSchema, text, 'text');
export const statsOf = (text: string) => decodeMessage(DatasetFeatureStatisticsListSchema, text, 'text');
export const infoOf = (text: string) => decodeMessage(AnomalyInfoSchema, text, 'text');

/** The anomaly_info map equals `expected` (serialized path -> AnomalyInfo in text format), nothing more. */
export function assertAnomalies(actual: Anomalies, expected: Record<string, string>): void {
  const got = Object.keys(actual.anomalyInfo).sort();
  assert.deepEqual(got, Object.keys(expected).sort(), `anomaly keys; got:\n${encodeMessage(AnomaliesSchema, actual, 'text')}`);
  for (const [key, text] of Object.entries(expected)) {
    const want = infoOf(text);
    const have = actual.anomalyInfo[key] as AnomalyInfo;
    assert.ok(equals(AnomalyInfoSchema, have, want), `anomaly ${key}:\n${encodeMessage(AnomalyInfoSchema, have, 'text')}\nexpected:\n${encodeMessage(AnomalyInfoSchema, want, 'text')}`);
  }
}

export function assertDriftSkew(actual: Anomalies, expected: string[]): void {
  assert.equal(actual.driftSkewInfo.length, expected.length, encodeMessage(AnomaliesSchema, actual, 'text'));
  expected.forEach((text, i) => {
    const want = decodeMessage(DriftSkewInfoSchema, text, 'text');
    assert.ok(equals(DriftSkewInfoSchema, actual.driftSkewInfo[i]!, want), `drift_skew_info[${i}]:\n${encodeMessage(DriftSkewInfoSchema, actual.driftSkewInfo[i]!, 'text')}`);
  });
}

/** One AnomalyInfo with a single reason. */
export function single(path: string, type: string, short: string, long: string, severity = 'ERROR'): string {
  return `path { step: ${JSON.stringify(path)} } description: ${JSON.stringify(long)} severity: ${severity} short_description: ${JSON.stringify(short)}
    reason { type: ${type} short_description: ${JSON.stringify(short)} description: ${JSON.stringify(long)} }`;
}
