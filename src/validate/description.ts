/**
 * Anomaly reasons as TFDV accumulates them (schema_anomalies.cc): each check appends a
 * Description (type, short, long); a feature's AnomalyInfo keeps them in emission order as
 * `reason`s (only the first when all are SCHEMA_NEW_COLUMN), folds them into one description
 * ("Multiple errors", long texts joined by " ", reasons with an empty long text dropped from the
 * fold), and takes the highest severity after ValidationOptions' overrides.
 */
import { create } from '@bufbuild/protobuf';

import {
  type AnomalyInfo,
  AnomalyInfo_ReasonSchema,
  AnomalyInfo_Severity as Severity,
  AnomalyInfo_Type as AnomalyType,
  AnomalyInfoSchema,
} from '../proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import { PathSchema } from '../proto/gen/tensorflow_metadata/proto/v0/path_pb.js';

export interface Description {
  type: AnomalyType;
  shortDescription: string;
  /** The long description; empty for TFDV's short-only reasons. */
  description: string;
}

export function reason(type: AnomalyType, shortDescription: string, description = ''): Description {
  return { type, shortDescription, description };
}

export interface SeverityOverride {
  type: AnomalyType;
  severity: Severity;
}

export interface SeverityRules {
  severityOverrides?: readonly SeverityOverride[];
  /** Deprecated in TFDV: SCHEMA_NEW_COLUMN becomes a WARNING. */
  newFeaturesAreWarnings?: boolean;
}

function rank(s: Severity): number {
  return s === Severity.ERROR ? 2 : s === Severity.WARNING ? 1 : 0;
}

export function maxSeverity(a: Severity, b: Severity): Severity {
  return rank(a) >= rank(b) ? a : b;
}

/** Schema::Updater::UpdateSeverityForAnomaly: ERROR by default, then the overrides (last one wins). */
export function severityOf(descriptions: readonly Description[], rules: SeverityRules, start: Severity = Severity.UNKNOWN): Severity {
  let severity = start;
  for (const d of descriptions) {
    let s = Severity.ERROR;
    if (rules.newFeaturesAreWarnings && d.type === AnomalyType.SCHEMA_NEW_COLUMN) s = Severity.WARNING;
    for (const o of rules.severityOverrides ?? []) if (o.type === d.type) s = o.severity;
    severity = maxSeverity(severity, s);
  }
  return severity;
}

function filterDescriptions(descriptions: readonly Description[]): readonly Description[] {
  if (descriptions.length > 0 && descriptions.every((d) => d.type === AnomalyType.SCHEMA_NEW_COLUMN)) return [descriptions[0]!];
  return descriptions;
}

function unify(descriptions: readonly Description[]): Description {
  let acc: Description = reason(AnomalyType.UNKNOWN_TYPE, '', '');
  for (const d of descriptions) {
    if (acc.description === '') acc = d;
    else if (d.description === '') continue;
    else acc = reason(AnomalyType.UNKNOWN_TYPE, 'Multiple errors', `${acc.description} ${d.description}`);
  }
  return acc;
}

/** The AnomalyInfo of one feature (path) or of the dataset (no path). */
export function anomalyInfo(descriptions: readonly Description[], severity: Severity, path?: readonly string[]): AnomalyInfo {
  const kept = filterDescriptions(descriptions);
  const unified = unify(kept);
  const info = create(AnomalyInfoSchema, {
    description: unified.description,
    shortDescription: unified.shortDescription,
    severity,
    reason: kept.map((d) => create(AnomalyInfo_ReasonSchema, { type: d.type, shortDescription: d.shortDescription, description: d.description })),
  });
  if (path) info.path = create(PathSchema, { step: [...path] });
  return info;
}

export { AnomalyType, Severity };
