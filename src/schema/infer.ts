/**
 * Schema inference exactly as tfdv.infer_schema (reference/tfdv.md §3.3): C++ Schema::Update on
 * an empty schema. Per feature in statistics order (children of a STRUCT inside its
 * struct_domain): type; presence (min_count 1, min_fraction 1.0 when never missing; min_count 0
 * and nothing more when never present); shape or value_count(s) per nest level; then the first
 * domain that applies: a `domain_info` custom statistic, none for BYTES or invalid UTF-8, a bool
 * domain, an int domain for strings that are all ints, a named string domain for up to
 * max_string_domain_size labels. Float domains, int ranges, unique constraints and
 * is_categorical are never inferred.
 */
import { create } from '@bufbuild/protobuf';

import type { DatasetFeatureStatisticsList } from '../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import {
  BoolDomainSchema,
  type Feature,
  FeaturePresenceSchema,
  FeatureSchema,
  FeatureType,
  FixedShape_DimSchema,
  FixedShapeSchema,
  IntDomainSchema,
  type Schema,
  SchemaSchema,
  StringDomainSchema,
  StructDomainSchema,
  type ValueCount,
  ValueCountListSchema,
  ValueCountSchema,
} from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { customDomainFromStats } from './customDomain.js';
import { BOOL_FALSE_TOKENS, BOOL_TRUE_TOKENS, parseInt64Label, sortedUnique } from './labels.js';
import { serializePath } from './path.js';
import { DatasetStatsView, type FeatureStatsView, selectDataset } from './statsView.js';

export interface InferSchemaOptions {
  /** Infer `shape` for features that always have the same number of values at every level (default true). */
  inferFeatureShape?: boolean;
  /** Most labels a string feature may have to get a string domain (default 100). */
  maxStringDomainSize?: number;
}

export function inferSchema(stats: DatasetFeatureStatisticsList, options: InferSchemaOptions = {}): Schema {
  const inferShape = options.inferFeatureShape ?? true;
  const maxDomain = options.maxStringDomainSize ?? 100;
  const view = new DatasetStatsView(selectDataset(stats));
  const schema = create(SchemaSchema);
  const add = (f: FeatureStatsView, into: Feature[]) => {
    if (!f.common) return; // sparse/weighted derived entries: custom stats only
    const feature = createFeature(f, schema, inferShape, maxDomain);
    into.push(feature);
    if (f.isStruct) {
      const children = f.children();
      if (children.length > 0) {
        const domain = create(StructDomainSchema);
        for (const c of children) add(c, domain.feature);
        if (domain.feature.length > 0) feature.domainInfo = { case: 'structDomain', value: domain };
      }
    }
  };
  for (const root of view.roots()) add(root, schema.feature);
  return schema;
}

/** A schema Feature for data seen for the first time (shared with updateSchema, which never infers shape). */
export function createFeature(f: FeatureStatsView, schema: Schema, inferShape: boolean, maxStringDomainSize: number): Feature {
  const feature = create(FeatureSchema, { name: f.path[f.path.length - 1]!, type: f.featureType });
  initValueCountAndPresence(f, feature, inferShape);
  inferDomain(f, feature, schema, maxStringDomainSize);
  return feature;
}

function initValueCountAndPresence(f: FeatureStatsView, feature: Feature, inferShape: boolean): void {
  const present = f.numPresent;
  const presence = create(FeaturePresenceSchema, { minCount: present < 1 ? 0n : 1n });
  feature.presenceConstraints = { case: 'presence', value: presence };
  if (present === 0) return;
  if (f.numMissing === 0) presence.minFraction = 1.0;
  const levels = f.levels;
  if (inferShape && feature.type !== FeatureType.STRUCT && f.numMissing === 0 && levels.every((l) => l.numMissing === 0 && l.minNumValues === l.maxNumValues && l.minNumValues > 0)) {
    feature.shapeType = {
      case: 'shape',
      value: create(FixedShapeSchema, { dim: levels.map((l) => create(FixedShape_DimSchema, { size: BigInt(l.minNumValues) })) }),
    };
    return;
  }
  initValueCount(f, feature);
}

/** InitValueCount: value_counts per level for nested data, value_count for flat data, from what was seen. */
export function initValueCount(f: FeatureStatsView, feature: Feature): void {
  const levels = f.levels;
  const valueCount = (min: number, max: number): ValueCount => {
    const vc = create(ValueCountSchema);
    if (min > 0) {
      if (min === max) {
        vc.min = BigInt(min);
        vc.max = BigInt(max);
      } else {
        vc.min = 1n;
      }
    }
    return vc;
  };
  if (f.hasNestedValues) {
    feature.shapeType = { case: 'valueCounts', value: create(ValueCountListSchema, { valueCount: levels.map((l) => valueCount(l.minNumValues, l.maxNumValues)) }) };
  } else if (levels.length === 1 && levels[0]!.minNumValues > 0) {
    feature.shapeType = { case: 'valueCount', value: valueCount(levels[0]!.minNumValues, levels[0]!.maxNumValues) };
  } else {
    feature.shapeType = { case: undefined };
  }
}

function inferDomain(f: FeatureStatsView, feature: Feature, schema: Schema, maxStringDomainSize: number): void {
  const custom = customDomainFromStats(f.customStats);
  if (custom) {
    feature.domainInfo = custom;
    return;
  }
  if (f.invalidUtf8Count > 0 || f.type === 3 /* BYTES */) return;
  const bool = boolDomainCandidate(f);
  if (bool) {
    feature.domainInfo = { case: 'boolDomain', value: bool };
    return;
  }
  if (isIntDomainCandidate(f)) {
    feature.domainInfo = { case: 'intDomain', value: create(IntDomainSchema) };
    return;
  }
  const labels = f.labels;
  if (f.type === 2 /* STRING */ && labels.length >= 1 && labels.length <= maxStringDomainSize) {
    const name = newStringDomainName(schema, serializePath(f.path));
    schema.stringDomain.push(create(StringDomainSchema, { name, value: sortedUnique(labels) }));
    feature.domainInfo = { case: 'domain', value: name };
  }
}

function boolDomainCandidate(f: FeatureStatsView) {
  if (f.type === 0 /* INT */) {
    if (f.stats.stats.case !== 'numStats') return undefined;
    const { min, max } = f.stats.stats.value;
    return min >= 0 && max === 1 ? create(BoolDomainSchema) : undefined;
  }
  if (f.type !== 2 /* STRING */) return undefined;
  const labels = [...new Set(f.labels)];
  if (labels.length < 1 || labels.length > 2) return undefined;
  const domain = create(BoolDomainSchema);
  let trues = 0;
  let falses = 0;
  for (const l of labels) {
    if (BOOL_TRUE_TOKENS.has(l)) {
      domain.trueValue = l;
      trues++;
    } else if (BOOL_FALSE_TOKENS.has(l)) {
      domain.falseValue = l;
      falses++;
    } else {
      return undefined;
    }
  }
  return trues <= 1 && falses <= 1 ? domain : undefined;
}

function isIntDomainCandidate(f: FeatureStatsView): boolean {
  if (f.type !== 2 /* STRING */) return false;
  const labels = f.labels;
  return labels.length > 0 && labels.every((l) => parseInt64Label(l) !== undefined);
}

/** Schema::GetNewStringDomain: the candidate name, else the name followed by 2, 3, ... */
export function newStringDomainName(schema: Schema, candidate: string): string {
  const taken = new Set(schema.stringDomain.map((d) => d.name));
  let name = candidate;
  for (let i = 2; taken.has(name); i++) name = `${candidate}${i}`;
  return name;
}
