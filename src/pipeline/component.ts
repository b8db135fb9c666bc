/**
 * Components and channels. A component has a typed spec (named input channels, output
 * channels, parameters) and an executor; a Channel carries the artifacts of one output of one
 * component, with a declared artifact type. Wiring is by passing `producer.outputs.x` into a
 * consumer's inputs: a channel of the wrong type is an error at construction naming both ends.
 * `defineComponent` makes a component class from a spec and an executor function, so a custom
 * component takes a few lines.
 */
import { arrowlineError } from '../errors.js';

/** TFX's standard artifact types (and any other name a custom component declares). */
export const ARTIFACT_TYPES = ['Examples', 'ExampleStatistics', 'Schema', 'ExampleAnomalies', 'TransformGraph', 'Model', 'ModelEvaluation', 'ModelBlessing', 'PushedModel'] as const;

export interface ChannelSpec {
  type: string;
  /** The input may be left unconnected. */
  optional?: boolean;
}

export type ParameterValue = string | number | boolean | null | ParameterValue[] | { [k: string]: ParameterValue };

export interface ComponentSpec {
  /** The component's type name: the execution type in the metadata store (e.g. StatisticsGen). */
  type: string;
  inputs: Record<string, ChannelSpec>;
  outputs: Record<string, ChannelSpec>;
}

/** An artifact as an executor sees it: where it lives and what is recorded about it. */
export interface ArtifactRef {
  id?: number;
  type: string;
  uri: string;
  properties: Record<string, ParameterValue>;
}

export interface ExecutorContext {
  /** Resolved input artifacts by input name (empty for an unconnected optional input). */
  inputs: Record<string, ArtifactRef[]>;
  /** Output artifacts by output name: write into `uri` (a fresh directory); set `properties` to record facts. */
  outputs: Record<string, ArtifactRef[]>;
  parameters: Record<string, ParameterValue>;
  /** The component's id in its pipeline. */
  componentId: string;
  /** A line in the component's log (and on stderr when the runner is verbose). */
  log(message: string): void;
}

export type Executor = (ctx: ExecutorContext) => Promise<void> | void;

export class Channel {
  constructor(
    readonly type: string,
    readonly producer: Component,
    readonly key: string,
  ) {}

  toString(): string {
    return `${this.producer.id}.outputs.${this.key} (${this.type})`;
  }
}

export interface ComponentOptions {
  /** Unique within a pipeline; default: the component type (add a suffix to use a type twice). */
  id?: string;
}

export abstract class Component {
  abstract readonly spec: ComponentSpec;
  readonly id: string;
  readonly inputs: Record<string, Channel | undefined>;
  readonly parameters: Record<string, ParameterValue>;
  private readonly outputChannels: Record<string, Channel> = {};
  /** A module file whose contents are part of the cache key (custom components). */
  moduleFile?: string;

  protected constructor(type: string, inputs: Record<string, Channel | undefined>, parameters: Record<string, ParameterValue>, options: ComponentOptions = {}) {
    this.id = options.id ?? type;
    if (!/^[A-Za-z0-9_.-]+$/.test(this.id)) throw arrowlineError('E_OPTION_INVALID', `component id '${this.id}' must be letters, digits, '_', '.' or '-'`);
    this.inputs = inputs;
    this.parameters = parameters;
  }

  /** The channels this component's outputs fill, by output name. */
  get outputs(): Record<string, Channel> {
    for (const [key, spec] of Object.entries(this.spec.outputs)) this.outputChannels[key] ??= new Channel(spec.type, this, key);
    return this.outputChannels;
  }

  /** Checks the wiring against the spec: every required input connected, every channel of the declared type. */
  checkInputs(): void {
    for (const [key, spec] of Object.entries(this.spec.inputs)) {
      const ch = this.inputs[key];
      if (!ch) {
        if (!spec.optional) throw arrowlineError('E_OPTION_INVALID', `${this.id}: input '${key}' (${spec.type}) is not connected`);
        continue;
      }
      if (!(ch instanceof Channel)) throw arrowlineError('E_OPTION_INVALID', `${this.id}: input '${key}' must be another component's output channel`);
      if (ch.type !== spec.type) {
        throw arrowlineError('E_SCHEMA_MISMATCH', `type mismatch: ${this.id}.inputs.${key} expects ${spec.type}, but ${ch} carries ${ch.type}`);
      }
    }
    for (const key of Object.keys(this.inputs)) {
      if (!(key in this.spec.inputs)) throw arrowlineError('E_OPTION_INVALID', `${this.id}: no input named '${key}' (inputs: ${Object.keys(this.spec.inputs).join(', ')})`);
    }
  }

  /** Components whose outputs this one reads. */
  upstream(): Component[] {
    return [...new Set(Object.values(this.inputs).filter((c): c is Channel => c !== undefined).map((c) => c.producer))];
  }

  abstract execute(ctx: ExecutorContext): Promise<void> | void;
}

export interface DefinedComponent<I extends string, P extends Record<string, ParameterValue>> {
  new (args: { [K in I]?: Channel } & { parameters?: Partial<P> }, options?: ComponentOptions): Component;
  readonly spec: ComponentSpec;
}

/**
 * A component class from a spec and an executor:
 *
 *   const Upper = defineComponent({ type: 'Upper', inputs: { examples: { type: 'Examples' } },
 *     outputs: { examples: { type: 'Examples' } }, parameters: { column: 'name' },
 *     execute: async ({ inputs, outputs, parameters }) => { ... } });
 *   const upper = new Upper({ examples: gen.outputs.examples, parameters: { column: 'species' } });
 */
export function defineComponent<I extends string, P extends Record<string, ParameterValue>>(def: {
  type: string;
  inputs: Record<I, ChannelSpec>;
  outputs: Record<string, ChannelSpec>;
  parameters?: P;
  execute: Executor;
  moduleFile?: string;
}): DefinedComponent<I, P> {
  const spec: ComponentSpec = { type: def.type, inputs: def.inputs, outputs: def.outputs };
  class Defined extends Component {
    static readonly spec = spec;
    readonly spec = spec;
    constructor(args: { [K in I]?: Channel } & { parameters?: Partial<P> }, options: ComponentOptions = {}) {
      const { parameters, ...inputs } = args as Record<string, unknown> & { parameters?: Partial<P> };
      super(def.type, inputs as Record<string, Channel | undefined>, { ...(def.parameters ?? {}), ...(parameters ?? {}) } as Record<string, ParameterValue>, options);
      if (def.moduleFile) this.moduleFile = def.moduleFile;
      this.checkInputs();
    }
    execute(ctx: ExecutorContext): Promise<void> | void {
      return def.execute(ctx);
    }
  }
  return Defined as unknown as DefinedComponent<I, P>;
}
