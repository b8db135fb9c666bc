/** A readable table of a schema: one row per feature (struct children indented), as `infer-schema` prints it. */
import { type Feature, FeatureType, LifecycleStage, type Schema } from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { formatTable } from '../util/table.js';

function presence(f: Feature): string {
  if (f.presenceConstraints.case === 'presence') {
    const p = f.presenceConstraints.value;
    if (p.minFraction >= 1) return 'required';
    if (p.minCount > 0n || p.minFraction > 0) return p.minFraction > 0 ? `>= ${p.minFraction * 100}%` : 'optional';
    return 'optional';
  }
  if (f.presenceConstraints.case === 'groupPresence') return f.presenceConstraints.value.required ? 'group required' : 'group';
  return '';
}

function valency(f: Feature): string {
  const range = (min?: bigint, max?: bigint) => (max !== undefined && min === max ? `${min}` : `${min ?? 0}..${max ?? '*'}`);
  switch (f.shapeType.case) {
    case 'shape':
      return `shape [${f.shapeType.value.dim.map((d) => d.size).join(', ')}]`;
    case 'valueCount': {
      const v = f.shapeType.value;
      return range(v.min, v.max === 0n ? undefined : v.max);
    }
    case 'valueCounts':
      return f.shapeType.value.valueCount.map((v) => range(v.min, v.max === 0n ? undefined : v.max)).join(' / ');
    default:
      return '';
  }
}

function domain(f: Feature, schema: Schema): string {
  const d = f.domainInfo;
  switch (d.case) {
    case 'domain': {
      const values = schema.stringDomain.find((s) => s.name === d.value)?.value ?? [];
      const shown = values.slice(0, 4).map((v) => JSON.stringify(v)).join(', ');
      return `'${d.value}' (${values.length}: ${shown}${values.length > 4 ? ', ...' : ''})`;
    }
    case 'boolDomain':
      return d.value.trueValue || d.value.falseValue ? `bool (${JSON.stringify(d.value.trueValue)}/${JSON.stringify(d.value.falseValue)})` : 'bool';
    case 'intDomain':
      return d.value.min !== 0n || d.value.max !== 0n ? `int [${d.value.min}, ${d.value.max}]` : 'int';
    case 'floatDomain':
      return `float [${d.value.min}, ${d.value.max}]`;
    case 'stringDomain':
      return `strings (${d.value.value.length})`;
    case undefined:
      return '';
    default:
      return d.case.replace(/Domain$/, '');
  }
}

export function formatSchemaSummary(schema: Schema): string {
  const rows: string[][] = [['feature', 'type', 'presence', 'values', 'domain']];
  const walk = (features: Feature[], indent: string) => {
    for (const f of features) {
      const deprecated = f.deprecated || f.lifecycleStage === LifecycleStage.DEPRECATED ? ' (deprecated)' : '';
      rows.push([`${indent}${f.name}${deprecated}`, FeatureType[f.type] ?? String(f.type), presence(f), valency(f), domain(f, schema)]);
      if (f.domainInfo.case === 'structDomain') walk(f.domainInfo.value.feature, `${indent}  `);
    }
  };
  walk(schema.feature, '');
  return [`schema: ${schema.feature.length} features, ${schema.stringDomain.length} string domains`, ...formatTable(rows, 5)].join('\n');
}
