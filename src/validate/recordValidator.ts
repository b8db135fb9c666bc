/**
 * compileValidator(schema): the per-record check a Node service runs at request time with the
 * schema training used (no training/serving skew). The schema is compiled once into one checker
 * per feature (type, required presence, value counts per nest level or shape, string/int/float/
 * bool domains, NaN/inf, struct children); `validate(record)` then checks one plain object
 * synchronously and returns that record's anomalies, the same frozen empty array on success (no
 * allocation). It never throws on a JSON value: own properties only (a `__proto__` key is data),
 * recursion follows the schema's depth and never the input's, long strings are cut in reports.
 *
 * Per-record semantics follow TFDV's validate_instance: only what one example can violate.
 * A feature is required when presence.min_fraction is 1 (min_count and fractions below 1 are
 * dataset-level); a scalar counts as a list of one value; null or undefined is missing; a JS
 * boolean is an INT (0/1), an integral number or bigint is an INT, any number a FLOAT, a string
 * or Uint8Array BYTES. The input is a JS object, so this path is TypeScript by design; Arrow
 * batches go through the native kernel (validateBatch).
 */
import { isFieldSet } from '@bufbuild/protobuf';

import { AnomalyInfo_Type as T } from '../proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import {
  type Feature,
  FeatureType,
  FloatDomainSchema,
  IntDomainSchema,
  type Schema,
  ValueCountSchema,
} from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { parseFloatLabel, parseInt64Label } from '../schema/labels.js';
import { serializePath } from '../schema/path.js';
import type { RecordBatch, Table } from 'apache-arrow';

import { type BatchAnomaly, columnRules, validateBatches } from './batchValidator.js';
import { featureSource, isSimpleFeature } from './recordCodegen.js';
import { featureIsDeprecated, presenceOf, SchemaModel } from './schemaModel.js';

export interface RecordAnomaly {
  /** Serialized feature path. */
  feature: string;
  /** TFDV's anomaly type for what went wrong. */
  type: T;
  /** A short description in TFDV's words. */
  reason: string;
  /** The offending value (strings over 256 characters cut), or the count that was off. */
  value?: unknown;
}

export interface RecordValidatorOptions {
  /** Validate as this environment (in_environment / not_in_environment / default_environment). */
  environment?: string;
  /** Report keys the schema does not have as SCHEMA_NEW_COLUMN (default true). */
  reportNewFeatures?: boolean;
}

export interface RecordValidator {
  /** The anomalies of one record; the same frozen empty array when there are none. */
  validate(record: unknown): readonly RecordAnomaly[];
  /** The same rules over every row of an Arrow batch or table, in the native kernel (top-level features; structs are skipped). */
  validateBatch(batch: Table | RecordBatch, maxFindings?: number): BatchAnomaly[];
  /** The features checked (serialized paths). */
  readonly features: readonly string[];
}

const NONE: readonly RecordAnomaly[] = Object.freeze([]);
const hasOwn = Object.prototype.hasOwnProperty;
const MAX_REPORTED = 256;

function shown(v: unknown): unknown {
  if (typeof v === 'string' && v.length > MAX_REPORTED) return `${v.slice(0, MAX_REPORTED)}…`;
  if (v instanceof Uint8Array && v.length > MAX_REPORTED) return v.subarray(0, MAX_REPORTED);
  if (typeof v === 'object' && v !== null && !(v instanceof Uint8Array)) return Array.isArray(v) ? '[array]' : '[object]';
  return v;
}

type Sink = { out: RecordAnomaly[] | undefined };

function report(sink: Sink, feature: string, type: T, reason: string, value?: unknown): void {
  (sink.out ??= []).push({ feature, type, reason, value: shown(value) });
}

type LeafCheck = (v: unknown, sink: Sink) => void;

const UTF8 = new TextDecoder('utf-8', { fatal: false });

function leafType(type: FeatureType, feature: string): (v: unknown, sink: Sink) => boolean {
  const mismatch = (sink: Sink, v: unknown) => report(sink, feature, T.UNEXPECTED_DATA_TYPE, `Unexpected data type: expected ${FeatureType[type]}`, v);
  switch (type) {
    case FeatureType.INT:
      return (v, sink) => {
        if ((typeof v === 'number' && Number.isInteger(v)) || typeof v === 'bigint' || typeof v === 'boolean') return true;
        mismatch(sink, v);
        return false;
      };
    case FeatureType.FLOAT:
      return (v, sink) => {
        if (typeof v === 'number' || typeof v === 'bigint') return true;
        mismatch(sink, v);
        return false;
      };
    case FeatureType.BYTES:
      return (v, sink) => {
        if (typeof v === 'string' || v instanceof Uint8Array) return true;
        mismatch(sink, v);
        return false;
      };
    default:
      return (v, sink) => {
        mismatch(sink, v);
        return false;
      };
  }
}

function numeric(v: unknown): number {
  return typeof v === 'boolean' ? (v ? 1 : 0) : Number(v as number | bigint);
}

function text(v: unknown): string {
  return typeof v === 'string' ? v : UTF8.decode(v as Uint8Array);
}

/** The domain check of one leaf value (already of the feature's type). */
function domainCheck(f: Feature, model: SchemaModel, feature: string): LeafCheck | undefined {
  const d = f.domainInfo;
  switch (d.case) {
    case 'domain':
    case 'stringDomain': {
      const domain = d.case === 'domain' ? model.stringDomain(d.value) : d.value;
      if (!domain) return undefined;
      const values = new Set(domain.value);
      return (v, sink) => {
        if (!values.has(text(v))) report(sink, feature, T.ENUM_TYPE_UNEXPECTED_STRING_VALUES, 'Unexpected string values', v);
      };
    }
    case 'intDomain': {
      const hasMin = isFieldSet(d.value, IntDomainSchema.field.min);
      const hasMax = isFieldSet(d.value, IntDomainSchema.field.max);
      const min = d.value.min;
      const max = d.value.max;
      const bytes = f.type === FeatureType.BYTES;
      return (v, sink) => {
        let x: bigint | number;
        if (bytes) {
          const parsed = parseInt64Label(text(v));
          if (parsed === undefined) return report(sink, feature, T.INT_TYPE_NOT_INT_STRING, 'Invalid values', v);
          x = parsed;
        } else {
          x = typeof v === 'bigint' ? v : numeric(v);
        }
        if (hasMin && x < min) report(sink, feature, T.INT_TYPE_SMALL_INT, 'Out-of-range values', v);
        else if (hasMax && x > max) report(sink, feature, T.INT_TYPE_BIG_INT, 'Out-of-range values', v);
      };
    }
    case 'floatDomain': {
      const fd = d.value;
      const hasMin = isFieldSet(fd, FloatDomainSchema.field.min);
      const hasMax = isFieldSet(fd, FloatDomainSchema.field.max);
      const bytes = f.type === FeatureType.BYTES;
      return (v, sink) => {
        let x: number;
        if (bytes) {
          const parsed = parseFloatLabel(text(v));
          if (parsed === undefined) return report(sink, feature, T.FLOAT_TYPE_STRING_NOT_FLOAT, 'Invalid values', v);
          x = parsed;
        } else {
          x = numeric(v);
        }
        if (Number.isNaN(x)) {
          if (fd.disallowNan) report(sink, feature, T.FLOAT_TYPE_HAS_NAN, 'Invalid values', v);
          return;
        }
        if ((x === Infinity || x === -Infinity) && fd.disallowInf) return report(sink, feature, T.FLOAT_TYPE_HAS_INF, 'Invalid values', v);
        const x32 = Math.fround(x);
        if (hasMin && x32 < fd.min) report(sink, feature, T.FLOAT_TYPE_SMALL_FLOAT, 'Out-of-range values', v);
        else if (hasMax && x32 > fd.max) report(sink, feature, T.FLOAT_TYPE_BIG_FLOAT, 'Out-of-range values', v);
      };
    }
    case 'boolDomain': {
      const bd = d.value;
      if (f.type === FeatureType.BYTES) {
        return (v, sink) => {
          if (typeof v === 'boolean') return;
          const s = text(v);
          if (s !== bd.trueValue && s !== bd.falseValue) report(sink, feature, T.BOOL_TYPE_UNEXPECTED_STRING, 'Non-boolean values', v);
        };
      }
      const intType = f.type === FeatureType.INT;
      return (v, sink) => {
        const x = numeric(v);
        if (x === 0 || x === 1) return;
        if (!intType) report(sink, feature, T.BOOL_TYPE_UNEXPECTED_FLOAT, 'Non-boolean values', v);
        else report(sink, feature, x < 0 ? T.BOOL_TYPE_SMALL_INT : T.BOOL_TYPE_BIG_INT, 'Non-boolean values', v);
      };
    }
    default:
      return undefined;
  }
}

interface Bounds {
  min?: number;
  max?: number;
}

function levelBounds(f: Feature): Bounds[] | undefined {
  const s = f.shapeType;
  const bounds = (vc: { min: bigint; max: bigint }): Bounds => ({
    min: isFieldSet(vc as never, ValueCountSchema.field.min) ? Number(vc.min) : undefined,
    max: isFieldSet(vc as never, ValueCountSchema.field.max) ? Number(vc.max) : undefined,
  });
  if (s.case === 'valueCount') return [bounds(s.value)];
  if (s.case === 'valueCounts') return s.value.valueCount.map(bounds);
  return undefined;
}

type Check = (record: object, sink: Sink) => void;

function compileFeature(f: Feature, prefix: readonly string[], model: SchemaModel, environment: string | undefined, out: Check[], names: string[]): void {
  if (featureIsDeprecated(f) || !model.isInEnvironment(f, environment)) return;
  const path = [...prefix, f.name];
  const feature = serializePath(path);
  const name = f.name;
  names.push(feature);
  const presence = presenceOf(f);
  const required = (presence?.minFraction ?? 0) >= 1;
  if (f.type === FeatureType.STRUCT) {
    const children: Check[] = [];
    if (f.domainInfo.case === 'structDomain') for (const c of f.domainInfo.value.feature) compileFeature(c, path, model, environment, children, names);
    const checkOne = (v: unknown, sink: Sink) => {
      if (typeof v !== 'object' || v === null || Array.isArray(v) || v instanceof Uint8Array) return report(sink, feature, T.UNEXPECTED_DATA_TYPE, 'Unexpected data type: expected STRUCT', v);
      for (let i = 0; i < children.length; i++) children[i]!(v, sink);
    };
    out.push((record, sink) => {
      const v = hasOwn.call(record, name) ? (record as Record<string, unknown>)[name] : undefined;
      if (v === undefined || v === null) {
        if (required) report(sink, feature, T.SCHEMA_MISSING_COLUMN, 'Column dropped');
        return;
      }
      if (Array.isArray(v)) for (let i = 0; i < v.length; i++) checkOne(v[i], sink);
      else checkOne(v, sink);
    });
    return;
  }
  const isType = leafType(f.type, feature);
  const domain = domainCheck(f, model, feature);
  const levels = levelBounds(f);
  const depth = levels?.length ?? 1;
  let leaves = 0;
  const leaf = (v: unknown, sink: Sink) => {
    leaves++;
    if (isType(v, sink) && domain) domain(v, sink);
  };
  const element = (x: unknown, sink: Sink) => {
    if (x === null || x === undefined) report(sink, feature, T.UNEXPECTED_DATA_TYPE, `Unexpected data type: expected ${FeatureType[f.type]}`, x);
    else leaf(x, sink);
  };
  // value_count(s): walk `level` (0 = outermost) of a value; a scalar at the innermost level is a list of one.
  const walk = (v: unknown, level: number, sink: Sink): void => {
    const list = Array.isArray(v);
    const n = list ? (v as unknown[]).length : 1;
    const b = levels?.[level];
    if (b) {
      if (b.min !== undefined && n < b.min) report(sink, feature, T.FEATURE_TYPE_LOW_NUMBER_VALUES, level === 0 ? 'Missing values' : `Missing values at nestedness level ${level}`, n);
      else if (b.max !== undefined && n > b.max) report(sink, feature, T.FEATURE_TYPE_HIGH_NUMBER_VALUES, level === 0 ? 'Superfluous values' : `Superfluous values at nestedness level ${level}`, n);
    }
    if (!list) {
      if (level === depth - 1) leaf(v, sink);
      else report(sink, feature, T.VALUE_NESTEDNESS_MISMATCH, 'Mismatched value nest level', v);
      return;
    }
    const arr = v as unknown[];
    for (let i = 0; i < arr.length; i++) {
      const x = arr[i];
      if (level < depth - 1) walk(x, level + 1, sink);
      else if (Array.isArray(x)) report(sink, feature, T.VALUE_NESTEDNESS_MISMATCH, 'Mismatched value nest level', x);
      else element(x, sink);
    }
  };
  // shape: as TFDV, any nesting of at most dim-count levels whose lists have one length per level
  // and whose value count is the product of the dims (a flat list of 4 fits shape [2, 2]).
  const dims = f.shapeType.case === 'shape' ? f.shapeType.value.dim.map((d) => Number(d.size)) : undefined;
  const shapeSize = dims?.reduce((p, d) => p * d, 1);
  const lengths = new Array<number>(Math.max(1, dims?.length ?? 1)).fill(-1);
  let ragged = false;
  const walkShape = (v: unknown, level: number, sink: Sink): void => {
    if (!Array.isArray(v)) return element(v, sink);
    if (lengths[level] === -1) lengths[level] = v.length;
    else if (lengths[level] !== v.length) ragged = true;
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      if (!Array.isArray(x)) element(x, sink);
      else if (level + 1 < lengths.length) walkShape(x, level + 1, sink);
      else report(sink, feature, T.VALUE_NESTEDNESS_MISMATCH, 'Mismatched value nest level', x);
    }
  };
  out.push((record, sink) => {
    const v = hasOwn.call(record, name) ? (record as Record<string, unknown>)[name] : undefined;
    if (v === undefined || v === null) {
      if (required) report(sink, feature, T.SCHEMA_MISSING_COLUMN, 'Column dropped');
      return;
    }
    leaves = 0;
    if (shapeSize === undefined) {
      walk(v, 0, sink);
      return;
    }
    lengths.fill(-1);
    ragged = false;
    walkShape(v, 0, sink);
    if (ragged || leaves !== shapeSize) report(sink, feature, T.INVALID_FEATURE_SHAPE, 'Feature shape dropped', leaves);
  });
}

export interface CompileOptions extends RecordValidatorOptions {
  /** Internal: run every feature through the closure path (the reference for the generated one). */
  interpreted?: boolean;
}

export function compileValidator(schema: Schema, options: CompileOptions = {}): RecordValidator {
  const model = new SchemaModel(schema);
  const names: string[] = [];
  const closures: Check[] = [];
  const data: unknown[] = [];
  const body: string[] = [];
  for (const f of model.schema.feature) {
    if (featureIsDeprecated(f) || !model.isInEnvironment(f, options.environment)) continue;
    if (!options.interpreted && isSimpleFeature(f)) {
      names.push(serializePath([f.name]));
      body.push(featureSource(f, serializePath([f.name]), model, (presenceOf(f)?.minFraction ?? 0) >= 1, data));
    } else {
      const before = closures.length;
      compileFeature(f, [], model, options.environment, closures, names);
      for (let i = before; i < closures.length; i++) body.push(`C[${i}](record, sink);`);
    }
  }
  const known = new Set(model.schema.feature.map((f) => f.name));
  for (const sp of model.schema.sparseFeature) known.add(sp.name);
  if (options.reportNewFeatures ?? true) {
    const cases = [...known].map((k) => `case ${JSON.stringify(k)}:`).join(' ');
    body.push(`for (const key in record) { if (H.call(record, key)) switch (key) { ${cases} break; default: report(S([key]), ${T.SCHEMA_NEW_COLUMN}, 'New column', record[key]); } }`);
  }
  const sink: Sink = { out: undefined };
  const reportTo = (f: string, type: T, reason: string, value?: unknown) => report(sink, f, type, reason, value);
  const source = `return function validate(record) {
    sink.out = undefined;
    try {
      if (typeof record !== 'object' || record === null || Array.isArray(record) || record instanceof Uint8Array) {
        report('', ${T.UNEXPECTED_DATA_TYPE}, 'A record must be an object', record);
        return sink.out;
      }
      let v, x, n, k;
      ${body.join('\n      ')}
    } catch (err) {
      // Only a non-JSON value (a throwing getter, a revoked Proxy) gets here.
      report('', ${T.UNKNOWN_TYPE}, 'The record could not be read: ' + (err instanceof Error ? err.message : String(err)));
    }
    return sink.out === undefined ? NONE : sink.out;
  };`;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- a validator compiled from the schema, as ajv does
  const make = new Function('sink', 'report', 'C', 'D', 'H', 'U', 'NONE', 'S', source) as (...a: unknown[]) => (record: unknown) => readonly RecordAnomaly[];
  const validate = make(sink, reportTo, closures, data, hasOwn, UTF8, NONE, serializePath);
  const rules = columnRules(model, options.environment);
  const reportNew = options.reportNewFeatures ?? true;
  const validateBatch = (batch: Table | RecordBatch, maxFindings?: number) => validateBatches(rules, batch, known, reportNew, maxFindings);
  return { validate, validateBatch, features: names };
}
