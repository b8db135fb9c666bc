export { checkStatisticsOptions, computeStatistics, DEFAULT_STATISTICS_OPTIONS, type StatisticsOptions } from './computeStatistics.js';
export { datasetToProto, featureToProto } from './toProto.js';
export { formatStatisticsSummary } from './summary.js';
