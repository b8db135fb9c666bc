/**
 * One component run outside a pipeline, for external orchestrators (Airflow, Argo, Kubeflow, a
 * shell script): artifacts by path in and out (`arrowline component`). Inputs come through an
 * Importer (TFX's node for artifacts made elsewhere); each output path is written through a
 * staging directory and renamed into place. With a store, the run is recorded like the
 * runner's: input artifacts found by uri (or registered LIVE with their fingerprint), a RUNNING
 * execution, PENDING outputs, then LIVE outputs and COMPLETE (or FAILED) — contexts `pipeline`
 * (default "external") and a new `pipeline_run`.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

import { ExampleGen, ExampleValidator, ImportSchemaGen, SchemaGen, StatisticsGen } from '../components/index.js';
import { arrowlineError } from '../errors.js';
import { fingerprintPath } from '../io/fingerprint.js';
import { type Artifact, ArtifactState, FINGERPRINT_PROPERTY, MetadataStore } from '../metadata/index.js';
import { type ArtifactRef, Channel, Component, type ComponentOptions, type ComponentSpec, type ParameterValue } from './component.js';
import { executeStaged } from './execute.js';
import { type ExecutionRecord, nodeContext, openRun, publishFailed, publishSucceeded, registerPendingOutputs, registerRunning } from './recorder.js';

/** An artifact made outside the pipeline, as a channel other components can read. */
export class Importer extends Component {
  readonly spec: ComponentSpec;
  constructor(readonly uri: string, type: string, options: ComponentOptions = {}) {
    super('Importer', {}, { uri }, options);
    this.spec = { type: 'Importer', inputs: {}, outputs: { result: { type } } };
  }
  execute(): void {
    throw arrowlineError('E_FAILED_PRECONDITION', 'an Importer is not executed: its artifact exists already');
  }
}

type Factory = (inputs: Record<string, Channel>, parameters: Record<string, ParameterValue>) => Component;

/** The standard components the CLI can run, by name. */
export const STANDARD_COMPONENTS: Record<string, { spec: ComponentSpec; make: Factory }> = {
  ExampleGen: { spec: ExampleGen.spec, make: (_i, p) => new ExampleGen({ parameters: p as never }) },
  StatisticsGen: { spec: StatisticsGen.spec, make: (i, p) => new StatisticsGen({ examples: i.examples!, parameters: p as never }) },
  SchemaGen: { spec: SchemaGen.spec, make: (i, p) => new SchemaGen({ statistics: i.statistics!, parameters: p as never }) },
  ImportSchemaGen: { spec: ImportSchemaGen.spec, make: (_i, p) => new ImportSchemaGen({ parameters: p as never }) },
  ExampleValidator: { spec: ExampleValidator.spec, make: (i, p) => new ExampleValidator({ statistics: i.statistics!, schema: i.schema!, baseline: i.baseline, parameters: p as never }) },
};

export interface StandaloneOptions {
  component: string;
  inputs: Record<string, string>;
  outputs: Record<string, string>;
  parameters?: Record<string, ParameterValue>;
  /** Record the run in this metadata store. */
  store?: string;
  /** The pipeline context to record under (default "external"). */
  pipeline?: string;
  log?: (message: string) => void;
}

export interface StandaloneResult {
  component: string;
  executionId?: number;
  outputs: Record<string, ArtifactRef>;
}

function inputArtifact(store: MetadataStore, uri: string, type: string): ArtifactRef {
  const found = store.getArtifactsByUri(uri).filter((a) => a.state === ArtifactState.LIVE && a.type === type).at(-1);
  if (found) return { id: found.id, type, uri, properties: {} };
  const typeId = store.putArtifactType({ name: type });
  const [id] = store.putArtifacts([{ typeId, uri, state: ArtifactState.LIVE, customProperties: { [FINGERPRINT_PROPERTY]: { stringValue: fingerprintPath(uri) } } }]);
  return { id, type, uri, properties: {} };
}

export async function runStandalone(o: StandaloneOptions): Promise<StandaloneResult> {
  const def = STANDARD_COMPONENTS[o.component];
  if (!def) throw arrowlineError('E_OPTION_INVALID', `no component '${o.component}' (components: ${Object.keys(STANDARD_COMPONENTS).join(', ')})`);
  for (const key of Object.keys(o.inputs)) if (!(key in def.spec.inputs)) throw arrowlineError('E_OPTION_INVALID', `${o.component} has no input '${key}' (inputs: ${Object.keys(def.spec.inputs).join(', ') || 'none'})`);
  for (const key of Object.keys(o.outputs)) if (!(key in def.spec.outputs)) throw arrowlineError('E_OPTION_INVALID', `${o.component} has no output '${key}' (outputs: ${Object.keys(def.spec.outputs).join(', ')})`);
  for (const key of Object.keys(def.spec.outputs)) if (!o.outputs[key]) throw arrowlineError('E_OPTION_INVALID', `${o.component} needs --output ${key}=PATH`);
  const channels: Record<string, Channel> = {};
  for (const [key, path] of Object.entries(o.inputs)) {
    const uri = resolve(path);
    if (!existsSync(uri)) throw arrowlineError('E_NOT_FOUND', `input '${key}' does not exist`, { file: path });
    channels[key] = new Importer(uri, def.spec.inputs[key]!.type, { id: `Importer.${key}` }).outputs.result!;
  }
  const component = def.make(channels, o.parameters ?? {});
  const store = o.store ? MetadataStore.open(o.store) : undefined;
  try {
    const inputs: Record<string, ArtifactRef[]> = {};
    for (const [key, spec] of Object.entries(def.spec.inputs)) {
      const ch = channels[key];
      if (!ch) continue;
      const uri = (ch.producer as Importer).uri;
      inputs[key] = [store ? inputArtifact(store, uri, spec.type) : { type: spec.type, uri, properties: {} }];
    }
    const finalUris: Record<string, { type: string; uri: string }[]> = {};
    for (const [key, spec] of Object.entries(def.spec.outputs)) finalUris[key] = [{ type: spec.type, uri: resolve(o.outputs[key]!) }];
    let rec: ExecutionRecord | undefined;
    let pending: Record<string, Artifact[]> = {};
    if (store) {
      const ctx = openRun(store, o.pipeline ?? 'external', `${new Date().toISOString()}-${randomBytes(3).toString('hex')}`);
      rec = registerRunning(store, def.spec.type, component.id, [ctx.pipeline, ctx.run, nodeContext(store, o.pipeline ?? 'external', component.id)], inputs, component.parameters);
      pending = registerPendingOutputs(rec, finalUris);
    }
    try {
      const { outputs, fingerprints } = await executeStaged(component, inputs, finalUris, o.log ?? (() => undefined));
      if (rec) publishSucceeded(rec, pending, outputs, fingerprints, undefined);
      return {
        component: o.component,
        executionId: rec?.execution.id,
        outputs: Object.fromEntries(Object.entries(outputs).map(([k, list]) => [k, { ...list[0]!, uri: finalUris[k]![0]!.uri, id: pending[k]?.[0]?.id }])),
      };
    } catch (err) {
      if (rec) publishFailed(rec, pending, err instanceof Error ? err.message : String(err));
      throw err;
    }
  } finally {
    store?.close();
  }
}
