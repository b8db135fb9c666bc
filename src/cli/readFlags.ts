/**
 * The flags that say how a data file is read (CSV/TSV and --format), shared by the commands
 * that read data: `stats`, `validate`. They become readTable's ReadOptions.
 */
import type { Command } from 'commander';

import { arrowlineError } from '../errors.js';
import type { CsvColumnType } from '../io/csv.js';
import type { DataFormat, ReadOptions } from '../io/readTable.js';
import { csvTypesFromSchema, readSchema } from '../schema/index.js';

export interface ReadFlags {
  format?: string;
  delimiter?: string;
  header?: boolean;
  columnNames?: string;
  nullToken?: string[];
  comment?: string;
  inferBool?: boolean;
  inferTimestamp?: boolean;
  onBadRow?: string;
  csvSchema?: string;
  strict?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];
const FORMATS: DataFormat[] = ['arrow', 'csv', 'tsv', 'json', 'parquet'];

export function addReadFlags(cmd: Command): Command {
  return cmd
    .option('--format <format>', `the data format when the extension does not say (${FORMATS.join(', ')})`)
    .option('--delimiter <char>', 'CSV field delimiter (default , for .csv, tab for .tsv)')
    .option('--no-header', 'the CSV has no header row (name the columns with --column-names)')
    .option('--column-names <a,b,...>', 'CSV column names (with --no-header)')
    .option('--null-token <text>', 'a CSV cell equal to this is missing too (repeatable; e.g. NA)', collect)
    .option('--comment <char>', 'skip CSV lines starting with this character')
    .option('--infer-bool', 'CSV columns of true/false become bool')
    .option('--infer-timestamp', 'CSV columns of ISO 8601 dates and date-times become timestamps')
    .option('--on-bad-row <policy>', 'CSV rows with the wrong number of fields: error (default), skip or null')
    .option('--csv-schema <schema.pbtxt>', 'CSV column types from a schema (INT -> int64, FLOAT -> float64, BYTES -> string) instead of inference')
    .option('--strict', 'invalid UTF-8 in a CSV is an error (default: the column becomes binary); stats: a column it cannot describe (a struct) is an error (default: skipped with a warning)');
}

/** ReadOptions from the flags, and a callback that reports skipped rows on stderr. */
export function readOptionsFromFlags(flags: ReadFlags): ReadOptions {
  if (flags.format !== undefined && !FORMATS.includes(flags.format as DataFormat)) {
    throw arrowlineError('E_OPTION_INVALID', `--format must be one of ${FORMATS.join(', ')}, not '${flags.format}'`);
  }
  const onBadRow = flags.onBadRow ?? 'error';
  if (!['error', 'skip', 'null'].includes(onBadRow)) throw arrowlineError('E_OPTION_INVALID', `--on-bad-row must be error, skip or null, not '${onBadRow}'`);
  const columnTypes: Record<string, CsvColumnType> | undefined = flags.csvSchema ? csvTypesFromSchema(readSchema(flags.csvSchema)) : undefined;
  const report = { badRows: 0, rows: 0 };
  const read: ReadOptions = {
    csv: {
      delimiter: flags.delimiter === '\\t' ? '\t' : flags.delimiter,
      header: flags.header === false ? false : undefined,
      columnNames: flags.columnNames?.split(','),
      nullTokens: flags.nullToken,
      comment: flags.comment,
      inferBool: flags.inferBool,
      inferTimestamp: flags.inferTimestamp,
      onBadRow: onBadRow as 'error' | 'skip' | 'null',
      columnTypes,
      columnTypesMayBeAbsent: true,
      strict: flags.strict,
      report,
    },
  };
  if (flags.format) read.format = flags.format as DataFormat;
  return read;
}

/** A stderr line when CSV rows were skipped or nulled. */
export function reportBadRows(read: ReadOptions, path: string): void {
  const r = read.csv?.report;
  if (r && r.badRows > 0) {
    const what = read.csv?.onBadRow === 'null' ? 'kept as all-null rows' : 'skipped';
    process.stderr.write(`arrowline: warning: ${path}: ${r.badRows} row(s) with the wrong number of fields ${what}\n`);
  }
}
