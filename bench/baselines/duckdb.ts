/** DuckDB peer: the same rows loaded into an in-memory table (from Parquet), then SUMMARIZE and an equivalent aggregate query. */
import { DuckDBInstance } from '@duckdb/node-api';
import type { Field } from 'apache-arrow';

export interface DuckPeer {
  summarize(): Promise<unknown>;
  aggregate(): Promise<unknown>;
  setThreads(n: number): Promise<void>;
}

function isNumeric(f: Field): boolean {
  return /Int|Float|Bool|Timestamp|Date/.test(String(f.type));
}

export async function duckdbPeer(parquetPath: string, fields: Field[]): Promise<DuckPeer> {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  // DuckDB's std aggregates fail on NaN ("out of range"): load NaN as NULL, as TFDV excludes NaN
  // from the moments anyway (it counts it apart).
  const floats = fields.filter((f) => /Float/.test(String(f.type))).map((f) => `CASE WHEN isnan("${f.name}") THEN NULL ELSE "${f.name}" END AS "${f.name}"`);
  const select = floats.length ? `* REPLACE (${floats.join(', ')})` : '*';
  await con.run(`CREATE TABLE t AS SELECT ${select} FROM read_parquet('${parquetPath.replace(/'/g, "''")}')`);
  // Everything arrowline's statistics hold: counts, nulls, min, max, mean, population std, zeros,
  // median and deciles (approximate), distinct counts (approximate) and top 20 values.
  const parts = fields.flatMap((f) => {
    const c = `"${f.name}"`;
    if (isNumeric(f) && !/Bool|Timestamp|Date/.test(String(f.type))) {
      return [
        `count(${c})`, `count(*) - count(${c})`, `min(${c})`, `max(${c})`, `avg(${c})`, `stddev_pop(${c})`,
        `count_if(${c} = 0)`, `approx_quantile(${c}, [0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9])`,
      ];
    }
    return [`count(${c})`, `count(*) - count(${c})`, `approx_count_distinct(${c})`, `avg(length(${c}::VARCHAR))`, `approx_top_k(${c}, 20)`];
  });
  const aggregateSql = `SELECT ${parts.join(', ')} FROM t`;
  return {
    summarize: () => con.runAndReadAll('SUMMARIZE t'),
    aggregate: () => con.runAndReadAll(aggregateSql),
    setThreads: async (n: number) => {
      await con.run(`SET threads = ${n}`);
    },
  };
}
