/**
 * ML Metadata's data model (reference/mlmd.md §1), camelCased: types with typed properties,
 * artifacts, executions and contexts with properties and custom properties, events with
 * paths, attributions, associations and parent contexts. Plain objects; ids and times are
 * numbers (SQLite integers, milliseconds since the epoch).
 */

export enum PropertyType {
  UNKNOWN = 0,
  INT = 1,
  DOUBLE = 2,
  STRING = 3,
  STRUCT = 4,
  PROTO = 5,
  BOOLEAN = 6,
}

export enum ArtifactState {
  UNKNOWN = 0,
  PENDING = 1,
  LIVE = 2,
  MARKED_FOR_DELETION = 3,
  DELETED = 4,
  ABANDONED = 5,
  REFERENCE = 6,
}

export enum ExecutionState {
  UNKNOWN = 0,
  NEW = 1,
  RUNNING = 2,
  COMPLETE = 3,
  FAILED = 4,
  CACHED = 5,
  CANCELED = 6,
}

export enum EventType {
  UNKNOWN = 0,
  DECLARED_OUTPUT = 1,
  DECLARED_INPUT = 2,
  INPUT = 3,
  OUTPUT = 4,
  INTERNAL_INPUT = 5,
  INTERNAL_OUTPUT = 6,
  PENDING_OUTPUT = 7,
}

export enum ArtifactBaseType {
  UNSET = 0,
  DATASET = 1,
  MODEL = 2,
  METRICS = 3,
  STATISTICS = 4,
}

export enum ExecutionBaseType {
  UNSET = 0,
  TRAIN = 1,
  TRANSFORM = 2,
  PROCESS = 3,
  EVALUATE = 4,
  DEPLOY = 5,
}

/** A property value: exactly one kind (MLMD's Value oneof). */
export type Value =
  | { intValue: number }
  | { doubleValue: number }
  | { stringValue: string }
  | { boolValue: boolean }
  | { structValue: unknown }
  | { protoValue: { typeUrl: string; value: Uint8Array } };

export type Properties = Record<string, Value>;

export type TypeKind = 'execution' | 'artifact' | 'context';

export interface NodeType {
  id?: number;
  name: string;
  version?: string;
  description?: string;
  externalId?: string;
  properties?: Record<string, PropertyType>;
  baseType?: number;
}

export type ArtifactType = NodeType & { baseType?: ArtifactBaseType };
export type ExecutionType = NodeType & { baseType?: ExecutionBaseType };
export type ContextType = NodeType;

interface NodeBase {
  id?: number;
  /** Unique per type; immutable once set (artifacts, executions); required for contexts. */
  name?: string;
  typeId?: number;
  /** Output only: the type's name. */
  type?: string;
  externalId?: string;
  properties?: Properties;
  customProperties?: Properties;
  /** Output only. */
  createTimeSinceEpoch?: number;
  /** Output only. */
  lastUpdateTimeSinceEpoch?: number;
}

export interface Artifact extends NodeBase {
  uri?: string;
  state?: ArtifactState;
}

export interface Execution extends NodeBase {
  lastKnownState?: ExecutionState;
}

export interface Context extends NodeBase {
  name?: string;
}

export type PathStep = { index: number } | { key: string };

export interface MLMDEvent {
  id?: number;
  artifactId?: number;
  executionId?: number;
  path?: { steps: PathStep[] };
  type: EventType;
  millisecondsSinceEpoch?: number;
}

export interface Attribution {
  artifactId: number;
  contextId: number;
}

export interface Association {
  executionId: number;
  contextId: number;
}

export interface ParentContext {
  childId: number;
  parentId: number;
}

export interface LineageGraph {
  artifactTypes: ArtifactType[];
  executionTypes: ExecutionType[];
  contextTypes: ContextType[];
  artifacts: Artifact[];
  executions: Execution[];
  contexts: Context[];
  events: MLMDEvent[];
  attributions: Attribution[];
  associations: Association[];
}

export type OrderBy = 'CREATE_TIME' | 'UPDATE_TIME' | 'ID';

export interface ListOptions {
  limit?: number;
  orderBy?: OrderBy;
  isAsc?: boolean;
  /** MLMD's filter query syntax (reference/mlmd.md §3). */
  filterQuery?: string;
  /** From a previous page's nextPageToken. */
  pageToken?: string;
}

export interface Page<T> {
  items: T[];
  nextPageToken?: string;
}

/** The value kind of a Value, and whether it matches a declared PropertyType. */
export function valueKind(v: Value): PropertyType {
  if ('intValue' in v) return PropertyType.INT;
  if ('doubleValue' in v) return PropertyType.DOUBLE;
  if ('stringValue' in v) return PropertyType.STRING;
  if ('boolValue' in v) return PropertyType.BOOLEAN;
  if ('structValue' in v) return PropertyType.STRUCT;
  if ('protoValue' in v) return PropertyType.PROTO;
  return PropertyType.UNKNOWN;
}
