// Small pipelines for the pipeline tests: penguins ExampleGen -> StatisticsGen -> a custom
// component that can be made slow or failing through files (so a child process and the test
// agree on its behaviour without changing the cache key).
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { ExampleGen, StatisticsGen } from '../../src/components/index.js';
import { defineComponent, Pipeline } from '../../src/pipeline/index.js';
import { penguinsPath } from '../../src/pipeline/examples/penguins.js';

export const Summarize = defineComponent({
  type: 'Summarize',
  inputs: { statistics: { type: 'ExampleStatistics' } },
  outputs: { summary: { type: 'Summary' } },
  parameters: { control: '' },
  execute: async ({ inputs, outputs, parameters, log }) => {
    const control = String(parameters.control);
    if (control && existsSync(join(control, 'fail'))) throw new Error('Summarize was told to fail');
    if (control && existsSync(join(control, 'slow'))) {
      log('sleeping');
      await new Promise((r) => setTimeout(r, 30_000));
    }
    writeFileSync(join(outputs.summary![0]!.uri, 'summary.txt'), `statistics at ${inputs.statistics![0]!.uri}\n`);
    outputs.summary![0]!.properties.ok = true;
  },
});

export function smallPipeline(root: string, control: string, rowsPerShard = 1_000_000): Pipeline {
  const gen = new ExampleGen({ parameters: { input: penguinsPath(), rowsPerShard } });
  const stats = new StatisticsGen({ examples: gen.outputs.examples });
  const summary = new Summarize({ statistics: stats.outputs.statistics, parameters: { control } });
  return new Pipeline({ name: 'small', root, components: [summary] });
}
