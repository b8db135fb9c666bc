/**
 * Batch validation: the per-record rules of compileValidator over whole Arrow batches, in the
 * native kernel (native/kernels/validate/batch_check.h), one pass per column over the Arrow
 * buffers. The column's Arrow type is checked once against the schema type (one
 * UNEXPECTED_DATA_TYPE for the column, no per-row findings); the kernel reports each row that is
 * missing a required value, has too few or too many values at a nest level, breaks a shape, or
 * holds a value outside the domain; only the offending values are read back for the report.
 */
import { isFieldSet } from '@bufbuild/protobuf';
import { type Data, type DataType, makeVector, type RecordBatch, type Table, Type } from 'apache-arrow';

import { checkBatchColumnSync, type NativeColumnConstraints } from '../native/index.js';
import { AnomalyInfo_Type as T } from '../proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import { type Feature, FeatureType, FloatDomainSchema, IntDomainSchema, ValueCountSchema } from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { serializePath } from '../schema/path.js';
import { featureIsDeprecated, presenceOf, type SchemaModel } from './schemaModel.js';

export interface BatchAnomaly {
  /** Serialized feature path. */
  feature: string;
  type: T;
  reason: string;
  /** Row of the batch (of the table, counting across its batches); absent for the whole column. */
  row?: number;
  value?: unknown;
}

/** RowIssue codes (batch_check.h) -> anomaly type and reason. */
const ISSUES: Record<number, [T, string]> = {
  1: [T.SCHEMA_MISSING_COLUMN, 'Column dropped'],
  2: [T.FEATURE_TYPE_LOW_NUMBER_VALUES, 'Missing values'],
  3: [T.FEATURE_TYPE_HIGH_NUMBER_VALUES, 'Superfluous values'],
  4: [T.INVALID_FEATURE_SHAPE, 'Feature shape dropped'],
  5: [T.INT_TYPE_SMALL_INT, 'Out-of-range values'],
  6: [T.INT_TYPE_BIG_INT, 'Out-of-range values'],
  7: [T.FLOAT_TYPE_SMALL_FLOAT, 'Out-of-range values'],
  8: [T.FLOAT_TYPE_BIG_FLOAT, 'Out-of-range values'],
  9: [T.FLOAT_TYPE_HAS_NAN, 'Invalid values'],
  10: [T.FLOAT_TYPE_HAS_INF, 'Invalid values'],
  11: [T.BOOL_TYPE_UNEXPECTED_FLOAT, 'Non-boolean values'],
  12: [T.ENUM_TYPE_UNEXPECTED_STRING_VALUES, 'Unexpected string values'],
  13: [T.INT_TYPE_NOT_INT_STRING, 'Invalid values'],
};

/** The schema type an Arrow type is validated as (DESIGN.md's mapping), through lists to the leaf. */
export function arrowFeatureType(type: DataType): FeatureType {
  switch (type.typeId) {
    case Type.List:
    case Type.FixedSizeList:
    case Type.LargeList:
      return arrowFeatureType((type as unknown as { children: { type: DataType }[] }).children[0]!.type);
    case Type.Dictionary:
      return arrowFeatureType((type as unknown as { dictionary: DataType }).dictionary);
    case Type.Int:
    case Type.Bool:
    case Type.Date:
    case Type.Timestamp:
      return FeatureType.INT;
    case Type.Float:
      return FeatureType.FLOAT;
    case Type.Utf8:
    case Type.LargeUtf8:
    case Type.Binary:
    case Type.LargeBinary:
      return FeatureType.BYTES;
    case Type.Struct:
      return FeatureType.STRUCT;
    default:
      return FeatureType.TYPE_UNKNOWN;
  }
}

export interface ColumnRule {
  name: string;
  feature: string;
  type: FeatureType;
  boolDomain: boolean;
  constraints: NativeColumnConstraints;
}

function bound(vc: { min: bigint; max: bigint }) {
  return {
    min: isFieldSet(vc as never, ValueCountSchema.field.min) ? vc.min : undefined,
    max: isFieldSet(vc as never, ValueCountSchema.field.max) ? vc.max : undefined,
  };
}

/** The native constraints of one top-level feature (the rules compileValidator applies per record). */
export function columnRule(f: Feature, model: SchemaModel): ColumnRule {
  const c: NativeColumnConstraints = { required: (presenceOf(f)?.minFraction ?? 0) >= 1 };
  const s = f.shapeType;
  if (s.case === 'valueCount') c.levels = [bound(s.value)];
  else if (s.case === 'valueCounts') c.levels = s.value.valueCount.map(bound);
  else if (s.case === 'shape') c.fixedCount = s.value.dim.reduce((p, d) => p * Number(d.size), 1);
  const d = f.domainInfo;
  if (d.case === 'domain' || d.case === 'stringDomain') {
    const domain = d.case === 'domain' ? model.stringDomain(d.value) : d.value;
    if (domain) Object.assign(c, { leaf: 4, strings: [...domain.value] });
  } else if (d.case === 'intDomain') {
    c.leaf = f.type === FeatureType.BYTES ? 5 : 1;
    if (isFieldSet(d.value, IntDomainSchema.field.min)) c.intMin = d.value.min;
    if (isFieldSet(d.value, IntDomainSchema.field.max)) c.intMax = d.value.max;
  } else if (d.case === 'floatDomain' && f.type === FeatureType.FLOAT) {
    Object.assign(c, { leaf: 2, disallowNan: d.value.disallowNan, disallowInf: d.value.disallowInf });
    if (isFieldSet(d.value, FloatDomainSchema.field.min)) c.floatMin = d.value.min;
    if (isFieldSet(d.value, FloatDomainSchema.field.max)) c.floatMax = d.value.max;
  } else if (d.case === 'boolDomain') {
    // Strings: the true and false values as the record validator reads them (unset reads as "").
    if (f.type === FeatureType.BYTES) Object.assign(c, { leaf: 4, strings: [d.value.trueValue, d.value.falseValue] });
    else c.leaf = 3;
  }
  return { name: f.name, feature: serializePath([f.name]), type: f.type, boolDomain: d.case === 'boolDomain', constraints: c };
}

export function columnRules(model: SchemaModel, environment: string | undefined): ColumnRule[] {
  return model.schema.feature
    .filter((f) => !featureIsDeprecated(f) && model.isInEnvironment(f, environment) && f.type !== FeatureType.STRUCT)
    .map((f) => columnRule(f, model));
}

function isListType(d: Data): boolean {
  return d.type.typeId === Type.List || d.type.typeId === Type.FixedSizeList || d.type.typeId === Type.LargeList;
}

/** The value at `leaf` (a row of the innermost column), read through apache-arrow for the report only. */
function leafValue(data: Data, leaf: number): unknown {
  let d = data;
  while (isListType(d)) d = d.children[0]!;
  return makeVector(d).get(leaf);
}

function anomalyType(rule: ColumnRule, issue: number, value: unknown): [T, string] {
  if (rule.boolDomain && issue === 12) return [T.BOOL_TYPE_UNEXPECTED_STRING, 'Non-boolean values'];
  if (issue === 11 && rule.type === FeatureType.INT) return [Number(value) < 0 ? T.BOOL_TYPE_SMALL_INT : T.BOOL_TYPE_BIG_INT, 'Non-boolean values'];
  return ISSUES[issue] ?? [T.UNKNOWN_TYPE, 'Invalid values'];
}

/** Every row-level anomaly of `input` (a Table's rows counted across its batches), at most `maxFindings`. */
export function validateBatches(rules: readonly ColumnRule[], input: Table | RecordBatch, known: ReadonlySet<string>, reportNew: boolean, maxFindings = 1 << 20): BatchAnomaly[] {
  const out: BatchAnomaly[] = [];
  const batches = 'batches' in input ? input.batches : [input];
  const fields = new Map(input.schema.fields.map((f) => [f.name, f]));
  for (const rule of rules) {
    const field = fields.get(rule.name);
    if (!field) {
      if (rule.constraints.required && input.numRows > 0) out.push({ feature: rule.feature, type: T.SCHEMA_MISSING_COLUMN, reason: 'Column dropped' });
      continue;
    }
    if (arrowFeatureType(field.type) !== rule.type) {
      out.push({ feature: rule.feature, type: T.UNEXPECTED_DATA_TYPE, reason: `Unexpected data type: expected ${FeatureType[rule.type]}`, value: String(field.type) });
      continue;
    }
    let base = 0;
    for (const batch of batches) {
      if (out.length >= maxFindings) return out;
      const data = batch.getChild(rule.name)!.data[0]!;
      const found = checkBatchColumnSync(data, rule.name, rule.constraints, maxFindings - out.length);
      for (let i = 0; i < found.rows.length; i++) {
        const leaf = found.leaves[i]!;
        const value = leaf >= 0 ? leafValue(data, leaf) : undefined;
        const [type, reason] = anomalyType(rule, found.issues[i]!, value);
        const level = found.levels[i]!;
        const a: BatchAnomaly = { feature: rule.feature, type, reason: level > 0 ? `${reason} at nestedness level ${level}` : reason, row: base + found.rows[i]! };
        if (leaf >= 0) a.value = value;
        out.push(a);
      }
      base += batch.numRows;
    }
  }
  if (reportNew) {
    for (const f of input.schema.fields) if (!known.has(f.name)) out.push({ feature: serializePath([f.name]), type: T.SCHEMA_NEW_COLUMN, reason: 'New column' });
  }
  return out;
}
