/**
 * `arrowline run [PIPELINE | --example NAME] [--root DIR] [--no-cache]`: runs a user's pipeline
 * module (its default export: a Pipeline, or a function of { root } returning one) or the
 * built-in example, with LocalRunner; exit 1 when a component FAILED.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import type { Command } from 'commander';

import { ANOMALIES_FILE, splitNames } from '../../components/artifacts.js';
import { arrowlineError } from '../../errors.js';
import { artifactLineage, findArtifacts, formatLineage, MetadataStore } from '../../metadata/index.js';
import { penguinsPipeline } from '../../pipeline/examples/penguins.js';
import { DEFAULT_ROOT, Pipeline } from '../../pipeline/pipeline.js';
import { formatEvent, formatRunSummary } from '../../pipeline/report.js';
import { LocalRunner, type RunResult } from '../../pipeline/runner.js';
import { readMessageFile } from '../../proto/messageFiles.js';
import { AnomaliesSchema } from '../../proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import { formatAnomaliesSummary } from '../../validate/index.js';
import { reportFindings } from '../exitCodes.js';
import { parseIntOption } from '../parse.js';

interface RunFlags {
  example?: string;
  root?: string;
  cache: boolean;
  store?: string;
  maxParallel?: number;
  json?: boolean;
}

const EXAMPLES: Record<string, (root: string) => Pipeline> = { penguins: penguinsPipeline };

async function loadPipeline(file: string, root: string | undefined): Promise<Pipeline> {
  const abs = resolve(file);
  if (!existsSync(abs)) throw arrowlineError('E_NOT_FOUND', 'no such pipeline file', { file });
  if (/\.[cm]?ts$/.test(abs)) {
    try {
      const { register } = (await import('tsx/esm/api')) as { register: () => void };
      register();
    } catch (err) {
      throw arrowlineError('E_OPTION_INVALID', 'a TypeScript pipeline needs tsx (npm i -D tsx), or compile it to .js first', { file, cause: err });
    }
  }
  const mod = (await import(pathToFileURL(abs).href)) as { default?: unknown };
  let p = mod.default;
  if (typeof p === 'function' && !(p instanceof Pipeline)) p = await (p as (o: { root?: string }) => unknown)({ root });
  if (!(p instanceof Pipeline) && !(p && typeof p === 'object' && 'components' in p && 'name' in p)) {
    throw arrowlineError('E_OPTION_INVALID', 'the pipeline module must `export default` a Pipeline (or a function returning one)', { file });
  }
  const pipeline = p as Pipeline;
  return root ? new Pipeline({ name: pipeline.name, root, components: pipeline.components }) : pipeline;
}

/** The example's epilogue: the anomalies it found, per split, and the lineage of the anomalies artifact. */
function explainAnomalies(run: RunResult): void {
  const validator = run.results.find((r) => r.type === 'ExampleValidator' && (r.state === 'COMPLETE' || r.state === 'CACHED'));
  const artifact = validator?.outputs.anomalies?.[0];
  if (!artifact) return;
  for (const split of splitNames(artifact.uri)) {
    const anomalies = readMessageFile(AnomaliesSchema, resolve(artifact.uri, `Split-${split}`, ANOMALIES_FILE));
    process.stdout.write(`\nanomalies in split ${split}:\n${formatAnomaliesSummary(anomalies)}\n`);
  }
  const store = MetadataStore.open(run.store, { readonly: true });
  try {
    const [a] = findArtifacts(store, String(artifact.id));
    process.stdout.write(`\nlineage of the anomalies (arrowline lineage ${artifact.id} --store ${run.store}):\n${formatLineage(artifactLineage(store, a!, 4))}\n`);
  } finally {
    store.close();
  }
}

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('run a pipeline (a module whose default export is a Pipeline) or the built-in example, recording it in the metadata store')
    .argument('[pipeline]', 'a .js/.mjs (or .ts, with tsx installed) pipeline module')
    .option('--example <name>', `a built-in example (${Object.keys(EXAMPLES).join(', ')})`)
    .option('--root <dir>', `where artifacts and the metadata store live (default ./${DEFAULT_ROOT})`)
    .option('--no-cache', 'run every component, even when a cached execution matches')
    .option('--store <file>', 'the metadata store (default <root>/metadata.sqlite)')
    .option('--max-parallel <n>', 'components running at once (default 2)', parseIntOption('--max-parallel', 1, 64))
    .option('--json', 'print the run result as one JSON document')
    .action(async (file: string | undefined, opts: RunFlags) => {
      if (!file === !opts.example) throw arrowlineError('E_OPTION_INVALID', 'give a pipeline file or --example NAME (one of them)');
      let pipeline: Pipeline;
      if (opts.example) {
        const make = EXAMPLES[opts.example];
        if (!make) throw arrowlineError('E_OPTION_INVALID', `no example '${opts.example}' (examples: ${Object.keys(EXAMPLES).join(', ')})`);
        pipeline = make(resolve(opts.root ?? DEFAULT_ROOT));
      } else {
        pipeline = await loadPipeline(file!, opts.root);
      }
      const tty = Boolean(process.stderr.isTTY);
      if (!opts.json) process.stderr.write(`running pipeline ${pipeline.name} (${pipeline.components.length} components) under ${pipeline.root}${opts.cache ? '' : ', cache off'}\n`);
      const run = await new LocalRunner({
        noCache: !opts.cache,
        store: opts.store,
        maxParallel: opts.maxParallel,
        onEvent: (e) => {
          const line = opts.json ? undefined : formatEvent(e, tty);
          if (line) process.stderr.write(`${line}\n`);
        },
      }).run(pipeline);
      if (opts.json) process.stdout.write(`${JSON.stringify(run, null, 2)}\n`);
      else {
        process.stdout.write(`${formatRunSummary(run)}\n`);
        if (opts.example) explainAnomalies(run);
      }
      if (!run.ok) reportFindings();
    });
}
