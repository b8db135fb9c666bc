/**
 * The fast path of compileValidator: flat INT / FLOAT / BYTES features (a scalar or one list,
 * with or without value_count) and their string, int, float or bool domains are compiled into
 * one generated function with each property name as a literal, so every property read has its
 * own monomorphic inline cache and no closure is called per value. Everything else (nested
 * value_counts, shapes, structs, int/float domains on strings) stays on the closure path of
 * recordValidator.ts, which the generated code calls. Both paths report the same anomalies
 * (a test runs them side by side).
 *
 * Generated code only ever embeds names and numbers through JSON.stringify / Number checks,
 * and domains through the `D` argument array, never as raw source.
 */
import { isFieldSet } from '@bufbuild/protobuf';

import { AnomalyInfo_Type as T } from '../proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import { type Feature, FeatureType, FloatDomainSchema, IntDomainSchema, ValueCountSchema } from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import type { SchemaModel } from './schemaModel.js';

/** Whether the generated fast path handles this (non-deprecated, in-environment) feature. */
export function isSimpleFeature(f: Feature): boolean {
  if (f.type !== FeatureType.INT && f.type !== FeatureType.FLOAT && f.type !== FeatureType.BYTES) return false;
  if (f.shapeType.case !== undefined && f.shapeType.case !== 'valueCount') return false;
  switch (f.domainInfo.case) {
    case undefined:
    case 'domain':
    case 'stringDomain':
      return true;
    case 'intDomain':
    case 'boolDomain':
      return f.type === FeatureType.INT;
    case 'floatDomain':
      return f.type === FeatureType.FLOAT;
    default:
      return false;
  }
}

const lit = (s: string) => JSON.stringify(s);
const num = (x: number | bigint) => {
  const n = Number(x);
  if (!Number.isFinite(n)) throw new Error(`internal: non-finite bound ${x}`);
  return String(n);
};

/** Reads `name` from `record`: a plain property read, or an own-property check for names Object.prototype has. */
export function readExpr(name: string): string {
  return name in Object.prototype ? `(H.call(record, ${lit(name)}) ? record[${lit(name)}] : undefined)` : `record[${lit(name)}]`;
}

export interface Generated {
  source: string;
  /** Values the source refers to as D[i]. */
  data: unknown[];
}

/** The source of one simple feature's check, reading record; `report(F, type, reason, value)` is in scope. */
export function featureSource(f: Feature, feature: string, model: SchemaModel, required: boolean, data: unknown[]): string {
  const F = lit(feature);
  const typeName = FeatureType[f.type];
  const mismatch = `report(${F}, ${T.UNEXPECTED_DATA_TYPE}, ${lit(`Unexpected data type: expected ${typeName}`)}, x)`;
  let leaf: string;
  if (f.type === FeatureType.INT) {
    leaf = `if (typeof x === 'number' ? Number.isInteger(x) : (typeof x === 'bigint' || typeof x === 'boolean')) { ${intDomain(f, F)} } else ${mismatch};`;
  } else if (f.type === FeatureType.FLOAT) {
    leaf = `if (typeof x === 'number' || typeof x === 'bigint') { ${floatDomain(f, F)} } else ${mismatch};`;
  } else {
    leaf = `if (typeof x === 'string' || x instanceof Uint8Array) { ${stringDomain(f, F, model, data)} } else ${mismatch};`;
  }
  const vc = f.shapeType.case === 'valueCount' ? f.shapeType.value : undefined;
  const min = vc && isFieldSet(vc, ValueCountSchema.field.min) ? num(vc.min) : undefined;
  const max = vc && isFieldSet(vc, ValueCountSchema.field.max) ? num(vc.max) : undefined;
  const counts = [
    min !== undefined ? `if (n < ${min}) report(${F}, ${T.FEATURE_TYPE_LOW_NUMBER_VALUES}, 'Missing values', n);` : '',
    max !== undefined ? `${min !== undefined ? 'else ' : ''}if (n > ${max}) report(${F}, ${T.FEATURE_TYPE_HIGH_NUMBER_VALUES}, 'Superfluous values', n);` : '',
  ].join(' ');
  const missing = required ? `report(${F}, ${T.SCHEMA_MISSING_COLUMN}, 'Column dropped');` : '';
  return `v = ${readExpr(f.name)};
  if (v === undefined || v === null) { ${missing} }
  else if (Array.isArray(v)) {
    n = v.length; ${counts}
    for (let i = 0; i < n; i++) { x = v[i];
      if (Array.isArray(x)) report(${F}, ${T.VALUE_NESTEDNESS_MISMATCH}, 'Mismatched value nest level', x);
      else if (x === null || x === undefined) ${mismatch};
      else { ${leaf} } }
  } else { n = 1; ${counts} x = v; ${leaf} }`;
}

function intDomain(f: Feature, F: string): string {
  const d = f.domainInfo;
  if (d.case === 'boolDomain') {
    return `k = typeof x === 'boolean' ? (x ? 1 : 0) : Number(x);
      if (k !== 0 && k !== 1) report(${F}, k < 0 ? ${T.BOOL_TYPE_SMALL_INT} : ${T.BOOL_TYPE_BIG_INT}, 'Non-boolean values', x);`;
  }
  if (d.case !== 'intDomain') return '';
  const parts: string[] = [];
  const value = `(typeof x === 'boolean' ? (x ? 1 : 0) : x)`;
  if (isFieldSet(d.value, IntDomainSchema.field.min)) parts.push(`if (${value} < ${d.value.min}n) report(${F}, ${T.INT_TYPE_SMALL_INT}, 'Out-of-range values', x);`);
  if (isFieldSet(d.value, IntDomainSchema.field.max)) parts.push(`${parts.length ? 'else ' : ''}if (${value} > ${d.value.max}n) report(${F}, ${T.INT_TYPE_BIG_INT}, 'Out-of-range values', x);`);
  return parts.join(' ');
}

function floatDomain(f: Feature, F: string): string {
  const d = f.domainInfo;
  if (d.case !== 'floatDomain') return '';
  const fd = d.value;
  const hasMin = isFieldSet(fd, FloatDomainSchema.field.min);
  const hasMax = isFieldSet(fd, FloatDomainSchema.field.max);
  const range = [
    hasMin ? `if (Math.fround(k) < ${num(fd.min)}) report(${F}, ${T.FLOAT_TYPE_SMALL_FLOAT}, 'Out-of-range values', x);` : '',
    hasMax ? `${hasMin ? 'else ' : ''}if (Math.fround(k) > ${num(fd.max)}) report(${F}, ${T.FLOAT_TYPE_BIG_FLOAT}, 'Out-of-range values', x);` : '',
  ].join(' ');
  return `k = Number(x);
    if (k !== k) { ${fd.disallowNan ? `report(${F}, ${T.FLOAT_TYPE_HAS_NAN}, 'Invalid values', x);` : ''} }
    else if (${fd.disallowInf ? `k === Infinity || k === -Infinity` : 'false'}) report(${F}, ${T.FLOAT_TYPE_HAS_INF}, 'Invalid values', x);
    else { ${range} }`;
}

function stringDomain(f: Feature, F: string, model: SchemaModel, data: unknown[]): string {
  const d = f.domainInfo;
  const domain = d.case === 'domain' ? model.stringDomain(d.value) : d.case === 'stringDomain' ? d.value : undefined;
  if (!domain) return '';
  data.push(new Set(domain.value));
  return `if (!D[${data.length - 1}].has(typeof x === 'string' ? x : U.decode(x))) report(${F}, ${T.ENUM_TYPE_UNEXPECTED_STRING_VALUES}, 'Unexpected string values', x);`;
}
