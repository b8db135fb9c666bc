/** ExampleGen as a pipeline component: input files (parameters) -> Examples. */
import type { CsvReadOptions } from '../io/csv.js';
import { fingerprintPaths } from '../io/fingerprint.js';
import { expandGlobs } from '../io/glob.js';
import type { DataFormat } from '../io/readTable.js';
import { Component, type ComponentOptions, type ComponentSpec, type ExecutorContext, type ParameterValue } from '../pipeline/component.js';
import { single } from './artifacts.js';
import { exampleGen, type SplitSpec } from './exampleGen.js';

export interface ExampleGenParameters {
  /** Input files or glob patterns. */
  input?: string | string[];
  /** Pre-split inputs: split name -> pattern(s). */
  inputSplits?: Record<string, string | string[]>;
  splitKey?: string | string[];
  splits?: SplitSpec[];
  rowsPerShard?: number;
  format?: DataFormat;
  csv?: Omit<CsvReadOptions, 'report'>;
  /** The span this data is (recorded on the artifact, as TFX's span property). */
  span?: number;
}

const list = (x: string | string[] | undefined) => (x === undefined ? [] : typeof x === 'string' ? [x] : x);

export class ExampleGen extends Component {
  static readonly spec: ComponentSpec = { type: 'ExampleGen', inputs: {}, outputs: { examples: { type: 'Examples' } } };
  readonly spec = ExampleGen.spec;

  constructor(args: { parameters: ExampleGenParameters }, options: ComponentOptions = {}) {
    super('ExampleGen', {}, args.parameters as unknown as Record<string, ParameterValue>, options);
    this.checkInputs();
  }

  private get params(): ExampleGenParameters {
    return this.parameters as unknown as ExampleGenParameters;
  }

  /** The input files' contents are part of the cache key. */
  cacheFingerprints(): string[] {
    const p = this.params;
    const files = p.inputSplits ? Object.values(p.inputSplits).flatMap((x) => expandGlobs(list(x))) : expandGlobs(list(p.input));
    return [fingerprintPaths(files)];
  }

  async execute(ctx: ExecutorContext): Promise<void> {
    const p = this.params;
    const out = single(ctx.outputs.examples, 'examples');
    const summary = await exampleGen({
      input: p.input,
      inputSplits: p.inputSplits,
      splitKey: p.splitKey,
      splits: p.splits,
      rowsPerShard: p.rowsPerShard,
      format: p.format,
      outputDir: out.uri,
      overwrite: true,
    });
    for (const s of summary.splits) ctx.log(`split ${s.name}: ${s.rows} rows in ${s.shards.length} shard(s)`);
    out.properties.split_names = JSON.stringify(summary.splits.map((s) => s.name));
    out.properties.rows = summary.numRows;
    for (const s of summary.splits) out.properties[`rows_${s.name}`] = s.rows;
    out.properties.input_fingerprint = summary.inputFingerprint;
    if (p.span !== undefined) out.properties.span = p.span;
  }
}
