export {
  accumulatePartialStatistics,
  accumulateStatistics,
  checkStatisticsOptions,
  computeStatistics,
  DEFAULT_STATISTICS_OPTIONS,
  type StatisticsOptions,
  statisticsFromAccumulator,
  statisticsFromPartial,
  accumulateSlicedStatistics,
  type SlicedAccumulators,
  statisticsFromSliced,
} from './computeStatistics.js';
export { decodeSliced, encodeSliced, mergeSliced, type SlicedPartial } from './slicedState.js';
export { createStatsAccumulator, StatsAccumulator } from './statsAccumulator.js';
export { decodePartial, encodePartial, mergePartial, type PartialStatistics } from './partialState.js';
export { datasetToProto, featureToProto } from './toProto.js';
export { formatStatisticsSummary } from './summary.js';
export { closestField, readStatsOptionsFile, STATS_OPTIONS_FIELDS, statsOptionsFromTfdv } from './tfdvOptions.js';
export { isStatisticsPath, statisticsFromPath } from './statisticsInput.js';
