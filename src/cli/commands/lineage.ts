/** `arrowline lineage <artifact id|uri> [--store FILE] [--json]` and `arrowline runs [--store FILE] [--json]` */
import { existsSync } from 'node:fs';

import type { Command } from 'commander';

import { arrowlineError } from '../../errors.js';
import { MetadataStore } from '../../metadata/index.js';
import { artifactLineage, DEFAULT_STORE_PATH, findArtifacts, formatLineage, formatRuns, listRuns } from '../../metadata/views.js';
import { parseIntOption } from '../parse.js';

function openStore(path: string): MetadataStore {
  if (!existsSync(path)) throw arrowlineError('E_NOT_FOUND', 'no metadata store there (run a pipeline first, or pass --store FILE)', { file: path });
  return MetadataStore.open(path, { readonly: true });
}

export function registerLineage(program: Command): void {
  program
    .command('lineage')
    .description('the upstream and downstream lineage of an artifact, from the metadata store')
    .argument('<artifact>', 'an artifact id, or its uri (the artifact directory)')
    .option('--store <file>', 'the metadata store', DEFAULT_STORE_PATH)
    .option('--max-hops <n>', 'hops to follow each way (default 20)', parseIntOption('--max-hops', 0, 1000))
    .option('--json', 'print one JSON document')
    .action((ref: string, opts: { store: string; json?: boolean; maxHops?: number }) => {
      const store = openStore(opts.store);
      try {
        const lineages = findArtifacts(store, ref).map((a) => artifactLineage(store, a, opts.maxHops ?? 20));
        if (opts.json) process.stdout.write(`${JSON.stringify(lineages.length === 1 ? lineages[0] : lineages, null, 2)}\n`);
        else process.stdout.write(`${lineages.map(formatLineage).join('\n\n')}\n`);
      } finally {
        store.close();
      }
    });
  program
    .command('runs')
    .description('pipeline runs recorded in the metadata store, newest first, with their executions and states')
    .option('--store <file>', 'the metadata store', DEFAULT_STORE_PATH)
    .option('--pipeline <name>', 'only the runs of this pipeline')
    .option('--limit <n>', 'at most this many runs', parseIntOption('--limit', 1, 1_000_000))
    .option('--json', 'print one JSON document')
    .action((opts: { store: string; pipeline?: string; limit?: number; json?: boolean }) => {
      const store = openStore(opts.store);
      try {
        const runs = listRuns(store, { pipeline: opts.pipeline, limit: opts.limit });
        if (opts.json) process.stdout.write(`${JSON.stringify(runs, null, 2)}\n`);
        else process.stdout.write(`${formatRuns(runs)}\n`);
      } finally {
        store.close();
      }
    });
}
