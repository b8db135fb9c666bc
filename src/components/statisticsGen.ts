/** StatisticsGen: Examples -> ExampleStatistics, one DatasetFeatureStatisticsList per split. */
import { join } from 'node:path';

import { Component, type Channel, type ComponentOptions, type ComponentSpec, type ExecutorContext, type ParameterValue } from '../pipeline/component.js';
import { writeMessageFile } from '../proto/messageFiles.js';
import { DatasetFeatureStatisticsListSchema } from '../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { computeStatistics, type StatisticsOptions } from '../stats/index.js';
import { single, splitDir, splitNames, STATS_FILE } from './artifacts.js';
import { readSplit } from './exampleGen.js';

export type StatisticsGenParameters = Omit<StatisticsOptions, 'read' | 'device'>;

export class StatisticsGen extends Component {
  static readonly spec: ComponentSpec = { type: 'StatisticsGen', inputs: { examples: { type: 'Examples' } }, outputs: { statistics: { type: 'ExampleStatistics' } } };
  readonly spec = StatisticsGen.spec;

  constructor(args: { examples: Channel; parameters?: StatisticsGenParameters }, options: ComponentOptions = {}) {
    super('StatisticsGen', { examples: args.examples }, (args.parameters ?? {}) as Record<string, ParameterValue>, options);
    this.checkInputs();
  }

  async execute(ctx: ExecutorContext): Promise<void> {
    const examples = single(ctx.inputs.examples, 'examples');
    const out = single(ctx.outputs.statistics, 'statistics');
    const splits = splitNames(examples.uri);
    for (const split of splits) {
      const stats = await computeStatistics(readSplit(examples.uri, split), this.parameters as StatisticsOptions);
      writeMessageFile(DatasetFeatureStatisticsListSchema, stats, join(splitDir(out.uri, split), STATS_FILE));
      ctx.log(`split ${split}: ${stats.datasets[0]?.numExamples ?? 0} examples, ${stats.datasets[0]?.features.length ?? 0} features`);
    }
    out.properties.split_names = JSON.stringify(splits);
  }
}
