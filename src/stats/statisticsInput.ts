/**
 * A statistics file or a data file, whichever a path names: `.pb`, `.pbtxt`, `.txt` are
 * statistics; a `.json` file is statistics when it holds a DatasetFeatureStatisticsList (a
 * top-level "datasets" key) and data otherwise; every other data extension is computed.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';

import { arrowlineError } from '../errors.js';
import { type DatasetFeatureStatisticsList, DatasetFeatureStatisticsListSchema } from '../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { readMessageFile } from '../proto/messageFiles.js';
import { computeStatistics, type StatisticsOptions } from './computeStatistics.js';

const STATISTICS_EXTENSIONS = new Set(['.pb', '.binpb', '.pbtxt', '.txt', '.textproto']);

function jsonIsStatistics(path: string): boolean {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw arrowlineError('E_NOT_FOUND', 'no such file', { file: path, cause: err });
  }
  return /^\s*\{\s*"datasets"\s*:/.test(text);
}

export function isStatisticsPath(path: string): boolean {
  const ext = extname(path).toLowerCase();
  return STATISTICS_EXTENSIONS.has(ext) || (ext === '.json' && jsonIsStatistics(path));
}

export async function statisticsFromPath(path: string, options: StatisticsOptions = {}): Promise<DatasetFeatureStatisticsList> {
  if (isStatisticsPath(path)) return readMessageFile(DatasetFeatureStatisticsListSchema, path);
  return computeStatistics(path, options);
}
