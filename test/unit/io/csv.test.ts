// The native CSV/TSV reader: RFC 4180 quoting, embedded newlines, doubled quotes, CRLF, BOM,
// TSV, comments, header or names; TFDV typing over all rows (the int-then-float column), only
// the empty cell missing; bad UTF-8; ragged rows; errors with file, line and column; the same
// table at 1 and 2 threads and streamed in tiny chunks; real files against DuckDB's read_csv.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { DuckDBInstance } from '@duckdb/node-api';
import { Table } from 'apache-arrow';

import { readCsvBatches, readCsvTable } from '../../../src/io/csv.js';
import { readBatches } from '../../../src/io/readBatches.js';
import { readTable } from '../../../src/io/readTable.js';
import { randInt, rng } from '../../helpers/random.js';

const DATA = fileURLToPath(new URL('../../../node_modules/vega-datasets/data/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'arrowline-csv-'));
after(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function write(text: string | Uint8Array, ext = 'csv'): string {
  const p = join(dir, `f${n++}.${ext}`);
  writeFileSync(p, text);
  return p;
}

const json = (v: unknown) => JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : typeof x === 'number' && Number.isNaN(x) ? 'NaN' : x instanceof Uint8Array ? [...x] : x));
const rows = (t: Table) => t.toArray().map((r) => json(r.toJSON()));
const types = (t: Table) => t.schema.fields.map((f) => `${f.name}:${String(f.type)}`);

async function streamed(path: string, options = {}, batchSize = 3, chunkBytes = 7): Promise<Table> {
  const batches = [];
  for await (const b of readCsvBatches(path, { ...options, chunkBytes }, batchSize)) batches.push(b);
  return new Table(batches);
}

describe('CSV reader', () => {
  test('quotes, doubled quotes, delimiters and newlines inside quotes, CRLF, BOM, blank lines', async () => {
    const p = write('\uFEFFname,note,n\r\n"Smith, J","said ""hi""\r\nthen left",1\r\n\r\nplain,"",2\r\n"x"y,z ,3\r\n');
    const t = readTable(p);
    assert.deepEqual(types(t), ['name:Utf8', 'note:Utf8', 'n:Int64']);
    assert.deepEqual(t.toArray().map((r) => r.toJSON()), [
      { name: 'Smith, J', note: 'said "hi"\r\nthen left', n: 1n },
      { name: 'plain', note: null, n: 2n },
      { name: 'xy', note: 'z ', n: 3n },
    ]);
    assert.deepEqual(rows(await streamed(p)), rows(t), 'streamed in 7-byte chunks');
  });

  test("TFDV typing: int64 < float64 < utf8 over all rows; NaN/inf are floats; out-of-int64 integers are strings; only '' is missing", async () => {
    const lines = ['i,f,s,big,e,ws'];
    for (let k = 0; k < 3000; k++) lines.push(`${k},${k},${k},9223372036854775807,,${k}`);
    lines.push('7,0.5,x,9223372036854775808,, 8 ');
    lines.push('-1_000,NaN,NA,1,,+9');
    lines.push('+5,-inf,null,2,,1e3');
    const p = write(lines.join('\n'));
    const t = readTable(p);
    assert.deepEqual(types(t), ['i:Int64', 'f:Float64', 's:Utf8', 'big:Utf8', 'e:Null', 'ws:Float64']);
    const last = t.toArray().slice(-3).map((r) => r.toJSON());
    assert.equal(last[0]!.f, 0.5, 'the float after 3000 ints is kept');
    assert.equal(last[1]!.i, -1000n, "Python's int() reads 1_000");
    assert.ok(Number.isNaN(last[1]!.f as number));
    assert.equal(last[2]!.f, -Infinity);
    assert.equal(last[2]!.i, 5n);
    assert.equal(last[0]!.big, '9223372036854775808');
    assert.equal(last[0]!.ws, 8, 'surrounding spaces are allowed in numbers');
    assert.equal(last[1]!.s, 'NA', 'NA is a string unless asked for');
    assert.equal(t.getChild('e')!.nullCount, 3003);
    const withNulls = readTable(p, { csv: { nullTokens: ['NA', 'null'] } });
    assert.equal(withNulls.getChild('s')!.nullCount, 2);
    assert.equal(String(withNulls.getChild('s')!.type), 'Utf8');
    assert.deepEqual(rows(await streamed(p, {}, 100, 1000)), rows(t));
  });

  test('opt-in bool and timestamp inference; declared types override; a cell that does not fit names line and column', () => {
    const p = write('flag,when,n\ntrue,2024-01-02,1\nFALSE,2024-01-02T03:04:05.5Z,2\n,2024-01-02 03:04+01:00,3\n');
    const plain = readTable(p);
    assert.deepEqual(types(plain), ['flag:Utf8', 'when:Utf8', 'n:Int64']);
    const t = readTable(p, { csv: { inferBool: true, inferTimestamp: true } });
    assert.deepEqual(types(t), ['flag:Bool', 'when:Timestamp<MILLISECOND>', 'n:Int64']);
    assert.deepEqual([...t.getChild('flag')!].slice(0, 3), [true, false, null]);
    assert.deepEqual([...t.getChild('when')!.toArray()], [Date.UTC(2024, 0, 2), Date.UTC(2024, 0, 2, 3, 4, 5, 500), Date.UTC(2024, 0, 2, 2, 4)].map(BigInt));
    const declared = readTable(p, { csv: { columnTypes: { n: 'float64', flag: 'utf8' } } });
    assert.deepEqual(types(declared), ['flag:Utf8', 'when:Utf8', 'n:Float64']);
    assert.throws(() => readTable(p, { csv: { columnTypes: { when: 'int64' } } }), (e: Error & { code?: string }) => e.code === 'E_INPUT_MALFORMED' && e.message.includes(p) && /line 2: column 'when': '2024-01-02' does not fit the column's type int64/.test(e.message));
    assert.throws(() => readTable(p, { csv: { columnTypes: { nope: 'int64' } } }), { code: 'E_NOT_FOUND', message: /column 'nope'/ });
  });

  test('TSV, custom delimiter, comments, no header with column names', () => {
    const tsv = write('a\tb\n1\thello, world\n# not a comment by default\t2\n', 'tsv');
    const t = readTable(tsv);
    assert.deepEqual(types(t), ['a:Utf8', 'b:Utf8']);
    assert.equal(t.numRows, 2);
    const semi = write('# exported\nx;y\n1;2\n# a comment\n3;4\n');
    const s = readTable(semi, { csv: { delimiter: ';', comment: '#' } });
    assert.deepEqual(rows(s), [json({ x: 1n, y: 2n }), json({ x: 3n, y: 4n })]);
    const noHeader = write('1,a\n2,b\n');
    const named = readTable(noHeader, { csv: { columnNames: ['id', 'label'] } });
    assert.deepEqual(types(named), ['id:Int64', 'label:Utf8']);
    assert.equal(named.numRows, 2);
    assert.deepEqual(types(readTable(noHeader, { csv: { header: false } })), ['column_1:Int64', 'column_2:Utf8']);
  });

  test('invalid UTF-8 keeps its bytes (binary column) unless strict', () => {
    const bytes = Buffer.concat([Buffer.from('s,t\nok,é\n'), Buffer.from([0x66, 0xff, 0x6f]), Buffer.from(',x\n')]);
    const p = write(bytes);
    const t = readTable(p);
    assert.deepEqual(types(t), ['s:Binary', 't:Utf8']);
    assert.deepEqual([...(t.getChild('s')!.get(1) as Uint8Array)], [0x66, 0xff, 0x6f]);
    assert.equal(t.getChild('t')!.get(0), 'é');
    assert.throws(() => readTable(p, { csv: { strict: true } }), { code: 'E_INPUT_MALFORMED', message: /line 3: column 's': invalid UTF-8/ });
  });

  test('ragged rows: an error naming the line by default, or skipped / nulled and counted', async () => {
    const p = write('a,b\n1,2\n3\n4,5,6\n7,8\n');
    assert.throws(() => readTable(p), (e: Error & { code?: string }) => e.code === 'E_INPUT_MALFORMED' && e.message.includes(p) && /line 3: expected 2 fields, found 1/.test(e.message));
    const report = { badRows: 0, rows: 0 };
    const skipped = readTable(p, { csv: { onBadRow: 'skip', report } });
    assert.equal(skipped.numRows, 2);
    assert.deepEqual(report, { badRows: 2, rows: 2 });
    const nulled = readTable(p, { csv: { onBadRow: 'null' } });
    assert.equal(nulled.numRows, 4);
    assert.equal(nulled.getChild('a')!.nullCount, 2);
    const streamReport = { badRows: 0, rows: 0 };
    await streamed(p, { onBadRow: 'skip', report: streamReport });
    assert.deepEqual(streamReport, { badRows: 2, rows: 2 });
  });

  test('unterminated quotes, empty and header-only files', async () => {
    const p = write('a,b\n1,"never closed\n2,3\n');
    assert.throws(() => readTable(p), { code: 'E_INPUT_MALFORMED', message: /line 2: a quoted field is never closed/ });
    await assert.rejects(streamed(p), { code: 'E_INPUT_MALFORMED', message: /line 2: a quoted field is never closed/ });
    const empty = readTable(write(''));
    assert.equal(empty.numRows, 0);
    assert.equal(empty.numCols, 0);
    const headerOnly = readTable(write('x,y,z\r\n'));
    assert.equal(headerOnly.numRows, 0);
    assert.deepEqual(headerOnly.schema.fields.map((f) => f.name), ['x', 'y', 'z']);
    const streamedHeaderOnly = await streamed(write('x,y,z\n'));
    assert.deepEqual(streamedHeaderOnly.schema.fields.map((f) => f.name), ['x', 'y', 'z']);
    assert.throws(() => readTable(write('a,a\n1,2\n')), { code: 'E_INPUT_MALFORMED', message: /column name 'a' appears twice/ });
  });

  test('random CSVs with tricky fields: the same table at 1 and 2 threads, whole and streamed', async () => {
    const r = rng(4242);
    const cell = () => {
      const k = randInt(r, 0, 9);
      if (k === 0) return '';
      if (k === 1) return `"${'a,"\n\r'.split('').map((ch) => (ch === '"' ? '""' : ch)).join('')}${randInt(r, 0, 99)}"`;
      if (k < 5) return String(randInt(r, -1e6, 1e6));
      if (k < 7) return (r() * 100 - 50).toFixed(3);
      return `w${randInt(r, 0, 1e5)}é`;
    };
    const lines = ['c0,c1,c2,c3'];
    for (let i = 0; i < 60000; i++) lines.push([cell(), cell(), cell(), cell()].join(','));
    const p = write(`${lines.join('\r\n')}\r\n`);
    const one = readCsvTable(p, { threads: 1 });
    const two = readCsvTable(p, { threads: 2 });
    assert.equal(one.numRows, 60000);
    assert.ok(two.batches.length > 1, 'the 2-thread read was cut into blocks');
    assert.deepEqual(rows(two), rows(one));
    const s = await streamed(p, { threads: 2 }, 5000, 100_000);
    assert.deepEqual(rows(s), rows(one));
    let total = 0;
    for await (const b of readBatches(p, { batchSize: 4096, columns: ['c2'] })) {
      assert.ok(b.numRows <= 4096);
      assert.deepEqual(b.schema.fields.map((f) => f.name), ['c2']);
      total += b.numRows;
    }
    assert.equal(total, 60000);
  });

  test('real files agree with DuckDB read_csv: rows, non-null counts, sums and strings', async () => {
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    for (const file of ['seattle-weather.csv', 'birdstrikes.csv', 'airports.csv', 'unemployment.tsv', 'stocks.csv']) {
      const path = join(DATA, file);
      const t = readTable(path, { csv: { threads: 2 } });
      const sep = file.endsWith('.tsv') ? '\\t' : ',';
      const duck = (await con.runAndReadAll(`SELECT * FROM read_csv('${path}', delim = '${sep}', header = true, all_varchar = true)`)).getRowObjects();
      assert.equal(t.numRows, duck.length, file);
      for (const f of t.schema.fields) {
        const ours = Array.from({ length: t.numRows }, (_, i) => t.getChild(f.name)!.get(i));
        const theirs = duck.map((row) => row[f.name] as string | null);
        assert.equal(ours.filter((v) => v !== null).length, theirs.filter((v) => v !== null && v !== '').length, `${file} ${f.name}: non-null count`);
        if (/Int|Float/.test(String(f.type))) {
          const sum = (xs: unknown[]) => xs.reduce<number>((acc, v) => acc + (v === null || v === '' ? 0 : Number(v)), 0);
          const a = sum(ours);
          const b = sum(theirs);
          assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${file} ${f.name}: sum ${a} vs ${b}`);
        } else {
          assert.deepEqual(ours.map((v) => v ?? null), theirs.map((v) => (v === '' ? null : v)), `${file} ${f.name}`);
        }
      }
    }
  });
});

describe('arrowline stats on CSV (flags)', () => {
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const cli = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin', 'arrowline.js'), ...args], { encoding: 'utf8' });

  test('a real CSV, a ragged one with --on-bad-row, --null-token, --no-header and --column-names, --csv-schema', () => {
    let r = cli('stats', join(DATA, 'seattle-weather.csv'), '--json');
    assert.equal(r.status, 0, r.stderr);
    const ds = (JSON.parse(r.stdout) as { datasets: { numExamples: string; features: { path: { step: string[] }; type?: string }[] }[] }).datasets[0]!;
    assert.equal(ds.numExamples, '1461');
    assert.deepEqual(ds.features.map((f) => `${f.path.step[0]}:${f.type ?? 'INT'}`), ['date:STRING', 'precipitation:FLOAT', 'temp_max:FLOAT', 'temp_min:FLOAT', 'wind:FLOAT', 'weather:STRING']);
    const ragged = write('a,b\n1,NA\n3\n4,5\n');
    r = cli('stats', ragged);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^arrowline: E_INPUT_MALFORMED: file '.*': line 3: expected 2 fields, found 1/);
    r = cli('stats', ragged, '--on-bad-row', 'skip', '--null-token', 'NA', '--json');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /1 row\(s\) with the wrong number of fields skipped/);
    const b = (JSON.parse(r.stdout) as { datasets: { features: { path: { step: string[] }; type?: string; numStats?: { commonStats: { numMissing?: string } } }[] }[] }).datasets[0]!.features[1]!;
    assert.equal(b.type ?? 'INT', 'INT', 'NA is missing, so b is all integers');
    assert.equal(b.numStats!.commonStats.numMissing, '1');
    const headless = write('1,x\n2,y\n');
    r = cli('stats', headless, '--no-header', '--column-names', 'id,label', '--json');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /"step":\s*\[\s*"label"\s*\]/);
    const schema = write('feature { name: "id" type: FLOAT }\n', 'pbtxt');
    r = cli('stats', headless, '--no-header', '--column-names', 'id,label', '--csv-schema', schema, '--json');
    assert.equal(r.status, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { datasets: { features: { type?: string }[] }[] }).datasets[0]!.features[0]!.type, 'FLOAT');
  });
});
