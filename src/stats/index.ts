export {
  accumulateStatistics,
  checkStatisticsOptions,
  computeStatistics,
  DEFAULT_STATISTICS_OPTIONS,
  type StatisticsOptions,
  statisticsFromAccumulator,
} from './computeStatistics.js';
export { datasetToProto, featureToProto } from './toProto.js';
export { formatStatisticsSummary } from './summary.js';
export { closestField, readStatsOptionsFile, STATS_OPTIONS_FIELDS, statsOptionsFromTfdv } from './tfdvOptions.js';
export { isStatisticsPath, statisticsFromPath } from './statisticsInput.js';
