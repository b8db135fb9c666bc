/**
 * A mutable working copy of a Schema with the lookups TFDV's Schema class makes (schema.cc):
 * features by path through struct domains, sparse and weighted features, top-level string
 * domains, deprecation (legacy `deprecated` or a lifecycle stage that is not validated),
 * environments, and the required features that must appear in the statistics. Checks that
 * "fix" the schema (TFDV's way of describing an anomaly) edit this copy; validation keeps the
 * baseline untouched and updateSchema returns the edited copy.
 */
import { clone, create } from '@bufbuild/protobuf';

import {
  type Feature,
  FeatureSchema,
  LifecycleStage,
  type Schema,
  SchemaSchema,
  type SparseFeature,
  type StringDomain,
  StringDomainSchema,
  SparseFeatureSchema,
  StructDomainSchema,
  type WeightedFeature,
  WeightedFeatureSchema,
} from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { type FeaturePath, serializePath } from '../schema/path.js';

const DEPRECATED_STAGES = new Set([LifecycleStage.PLANNED, LifecycleStage.ALPHA, LifecycleStage.DEPRECATED, LifecycleStage.DEBUG_ONLY, LifecycleStage.DISABLED]);

export function lifecycleIsDeprecated(stage: LifecycleStage): boolean {
  return DEPRECATED_STAGES.has(stage);
}

/** The legacy `deprecated` flag, or a lifecycle stage that is not validated (an unset stage is UNKNOWN_STAGE). */
export function featureIsDeprecated(f: Feature | SparseFeature): boolean {
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- TFDV still honours the legacy flag
  return f.deprecated || lifecycleIsDeprecated(f.lifecycleStage);
}

export function deprecate(f: Feature | SparseFeature | WeightedFeature): void {
  f.lifecycleStage = LifecycleStage.DEPRECATED;
}

export function clearDomain(f: Feature): void {
  f.domainInfo = { case: undefined };
}

/** The presence constraint as FeaturePresence (group_presence reads as an empty one, as TFDV's presence() does). */
export function presenceOf(f: Feature) {
  return f.presenceConstraints.case === 'presence' ? f.presenceConstraints.value : undefined;
}

function referencedDomains(f: Feature, into: Set<string>): Set<string> {
  if (f.domainInfo.case === 'domain') into.add(f.domainInfo.value);
  if (f.domainInfo.case === 'structDomain') for (const c of f.domainInfo.value.feature) referencedDomains(c, into);
  return into;
}

export class SchemaModel {
  readonly schema: Schema;
  /** Top-level features this model may edit; undefined: all (a full copy). */
  private readonly owned: Set<Feature> | undefined;

  /** A full working copy of `schema`. */
  constructor(schema: Schema, scope?: { schema: Schema; owned: Set<Feature> }) {
    this.schema = scope ? scope.schema : clone(SchemaSchema, schema);
    this.owned = scope?.owned;
  }

  /**
   * A working copy in which only what the checks of the feature at `path` can edit is copied
   * (its top-level feature, sparse and weighted features of that name, the string domains it
   * uses); the rest is shared, read-only, with `baseline`. Validation makes one per feature,
   * as TFDV gives each anomaly its own schema, at the cost of one feature instead of a schema.
   */
  static scoped(baseline: Schema, path: FeaturePath): SchemaModel {
    const schema = Object.assign(Object.create(Object.getPrototypeOf(baseline) as object) as Schema, baseline);
    const owned = new Set<Feature>();
    const domains = new Set<string>();
    schema.feature = baseline.feature.map((f) => {
      if (f.name !== path[0]) return f;
      const copy = clone(FeatureSchema, f);
      owned.add(copy);
      referencedDomains(copy, domains);
      return copy;
    });
    schema.sparseFeature = baseline.sparseFeature.map((f) => (path.length === 1 && f.name === path[0] ? clone(SparseFeatureSchema, f) : f));
    schema.weightedFeature = baseline.weightedFeature.map((f) => (path.length === 1 && f.name === path[0] ? clone(WeightedFeatureSchema, f) : f));
    schema.stringDomain = baseline.stringDomain.map((d) => (domains.has(d.name) ? clone(StringDomainSchema, d) : d));
    return new SchemaModel(baseline, { schema, owned });
  }

  feature(path: FeaturePath): Feature | undefined {
    let features = this.schema.feature;
    let found: Feature | undefined;
    for (let i = 0; i < path.length; i++) {
      found = features.find((f) => f.name === path[i]);
      if (!found) return undefined;
      if (i < path.length - 1) {
        if (found.domainInfo.case !== 'structDomain') return undefined;
        features = found.domainInfo.value.feature;
      }
    }
    return found;
  }

  sparseFeature(path: FeaturePath): SparseFeature | undefined {
    if (path.length === 1) return this.schema.sparseFeature.find((s) => s.name === path[0]);
    const parent = this.feature(path.slice(0, -1));
    if (parent?.domainInfo.case !== 'structDomain') return undefined;
    return parent.domainInfo.value.sparseFeature.find((s) => s.name === path[path.length - 1]);
  }

  weightedFeature(path: FeaturePath): WeightedFeature | undefined {
    return path.length === 1 ? this.schema.weightedFeature.find((w) => w.name === path[0]) : undefined;
  }

  exists(path: FeaturePath): boolean {
    return this.feature(path) !== undefined || this.sparseFeature(path) !== undefined || this.weightedFeature(path) !== undefined;
  }

  /** Schema::FeatureIsDeprecated: of the feature, else of the sparse feature, else false. */
  isDeprecated(path: FeaturePath): boolean {
    const f = this.feature(path);
    if (f) return featureIsDeprecated(f);
    const s = this.sparseFeature(path);
    return s ? featureIsDeprecated(s) : false;
  }

  /** Places `feature` at `path` (its parent must exist; it gains a struct domain if it had none). */
  addFeature(path: FeaturePath, feature: Feature = create(FeatureSchema, { name: path[path.length - 1]! })): Feature {
    if (path.length === 1) {
      this.schema.feature.push(feature);
      this.owned?.add(feature);
    } else {
      const parent = this.feature(path.slice(0, -1))!;
      if (parent.domainInfo.case !== 'structDomain') parent.domainInfo = { case: 'structDomain', value: create(StructDomainSchema) };
      parent.domainInfo.value.feature.push(feature);
    }
    return feature;
  }

  stringDomain(name: string): StringDomain | undefined {
    return this.schema.stringDomain.find((d) => d.name === name);
  }

  /** Schema::GetNewStringDomain: the candidate name, else the name followed by 2, 3, ... */
  newStringDomain(candidate: string): StringDomain {
    const taken = new Set(this.schema.stringDomain.map((d) => d.name));
    let name = candidate;
    for (let i = 2; taken.has(name); i++) name = `${candidate}${i}`;
    const domain = create(StringDomainSchema, { name });
    this.schema.stringDomain.push(domain);
    return domain;
  }

  /** Schema::ClearStringDomain: unlink every feature that uses it, then drop it. */
  clearStringDomain(name: string): void {
    const visit = (features: Feature[]) => {
      for (const f of features) {
        if (f.domainInfo.case === 'domain' && f.domainInfo.value === name) clearDomain(f);
        if (f.domainInfo.case === 'structDomain') visit(f.domainInfo.value.feature);
      }
    };
    visit(this.owned ? this.schema.feature.filter((f) => this.owned!.has(f)) : this.schema.feature);
    this.schema.stringDomain = this.schema.stringDomain.filter((d) => d.name !== name);
  }

  isInEnvironment(f: Feature, environment: string | undefined): boolean {
    if (environment === undefined) return true;
    if (f.inEnvironment.includes(environment)) return true;
    if (f.notInEnvironment.includes(environment)) return false;
    return this.schema.defaultEnvironment.includes(environment);
  }

  isExistenceRequired(f: Feature, environment: string | undefined): boolean {
    if (featureIsDeprecated(f)) return false;
    const p = presenceOf(f);
    if ((p?.minCount ?? 0n) <= 0n && (p?.minFraction ?? 0) <= 0) return false;
    return this.isInEnvironment(f, environment);
  }

  /** Every required feature path (children of deprecated structs are not walked). */
  requiredPaths(environment: string | undefined): string[][] {
    const out: string[][] = [];
    const walk = (prefix: string[], features: Feature[]) => {
      for (const f of features) {
        const path = [...prefix, f.name];
        if (this.isExistenceRequired(f, environment)) out.push(path);
        if (!featureIsDeprecated(f) && f.domainInfo.case === 'structDomain') walk(path, f.domainInfo.value.feature);
      }
    };
    walk([], this.schema.feature);
    return out;
  }

  missingPaths(present: readonly FeaturePath[], environment: string | undefined): string[][] {
    const seen = new Set(present.map((p) => serializePath(p)));
    return this.requiredPaths(environment).filter((p) => !seen.has(serializePath(p)));
  }
}
