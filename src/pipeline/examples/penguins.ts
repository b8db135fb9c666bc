/**
 * The built-in example (`npm start`, `arrowline run --example penguins`): the penguins data of
 * vega-datasets as span 1, and a span 2 derived from it with three realistic problems — body
 * mass shifted by +600 g (drift), a new island value ("Anvers", every 8th row), and Species, a
 * required column, missing in every 12th row. ExampleGen -> StatisticsGen for both spans,
 * SchemaGen from span 1 (with a Jensen-Shannon drift comparator on body mass), ExampleValidator
 * on span 2 with span 1 as the drift baseline.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { ExampleGen, ExampleValidator, SchemaGen, StatisticsGen } from '../../components/index.js';
import { arrowlineError } from '../../errors.js';
import { writeFileAtomic } from '../../io/atomicWrite.js';
import { Pipeline } from '../pipeline.js';

export const SHIFT_GRAMS = 600;
export const NEW_ISLAND = 'Anvers';

/** vega-datasets' penguins.json, found in the node_modules above this file or the working directory. */
export function penguinsPath(): string {
  for (const start of [dirname(fileURLToPath(import.meta.url)), process.cwd()]) {
    for (let dir = start; ; dir = dirname(dir)) {
      const p = join(dir, 'node_modules', 'vega-datasets', 'data', 'penguins.json');
      if (existsSync(p)) return p;
      if (dirname(dir) === dir) break;
    }
  }
  throw arrowlineError('E_NOT_FOUND', 'the penguins example reads vega-datasets/data/penguins.json: run it from the arrowline repository after `npm ci` (vega-datasets is a dev dependency)');
}

type Row = Record<string, unknown>;

/** Span 2: the same penguins with the injected problems (deterministic, by row index). */
export function deriveSpan2(rows: Row[]): Row[] {
  return rows.map((r, i) => {
    const out: Row = { ...r };
    if (typeof out['Body Mass (g)'] === 'number') out['Body Mass (g)'] = (out['Body Mass (g)'] as number) + SHIFT_GRAMS;
    if (i % 8 === 3) out.Island = NEW_ISLAND;
    if (i % 12 === 5) out.Species = null;
    return out;
  });
}

/** Writes span 2 under `<root>/data/` (only when its bytes change, so reruns stay cached). */
export function writeSpan2(root: string): string {
  const path = join(root, 'data', 'penguins-span-2.json');
  const text = `${JSON.stringify(deriveSpan2(JSON.parse(readFileSync(penguinsPath(), 'utf8')) as Row[]), null, 1)}\n`;
  if (!existsSync(path) || readFileSync(path, 'utf8') !== text) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileAtomic(path, text);
  }
  return path;
}

export function penguinsPipeline(root: string): Pipeline {
  const span1 = new ExampleGen({ parameters: { input: penguinsPath(), span: 1 } }, { id: 'ExampleGen.span1' });
  const span2 = new ExampleGen({ parameters: { input: writeSpan2(root), span: 2 } }, { id: 'ExampleGen.span2' });
  const stats1 = new StatisticsGen({ examples: span1.outputs.examples }, { id: 'StatisticsGen.span1' });
  const stats2 = new StatisticsGen({ examples: span2.outputs.examples }, { id: 'StatisticsGen.span2' });
  const schema = new SchemaGen({ statistics: stats1.outputs.statistics, parameters: { driftComparators: { 'Body Mass (g)': 0.05 } } });
  const validator = new ExampleValidator({ statistics: stats2.outputs.statistics, schema: schema.outputs.schema, baseline: stats1.outputs.statistics });
  return new Pipeline({ name: 'penguins', root, components: [validator] });
}
