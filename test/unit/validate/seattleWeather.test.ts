/**
 * Infer -> validate -> drift on real data: vega-datasets' seattle-weather (2012-2015). The schema
 * is inferred from the first two years; the last two years are validated with injected problems
 * (a new weather category, missing values in a required column, a numeric column turned into
 * strings) and exactly those anomalies come back; drift of the weather distribution between the
 * first and the last year is measured. Then the same through `arrowline validate`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { create } from '@bufbuild/protobuf';
import { Float64, tableFromArrays, tableToIPC, Utf8, vectorFromArray } from 'apache-arrow';

import { AnomalyInfo_Type as T } from '../../../src/proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import { FeatureComparatorSchema, InfinityNormSchema, JensenShannonDivergenceSchema } from '../../../src/proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { getFeature, inferSchema, writeSchema } from '../../../src/schema/index.js';
import { computeStatistics } from '../../../src/stats/index.js';
import { validateStatistics } from '../../../src/validate/index.js';
import { writeMessageFile } from '../../../src/proto/messageFiles.js';
import { DatasetFeatureStatisticsListSchema } from '../../../src/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const CSV = join(root, 'node_modules', 'vega-datasets', 'data', 'seattle-weather.csv');

interface Row {
  date: string;
  precipitation: number;
  temp_max: number | null;
  temp_min: number;
  wind: number;
  weather: string;
}

function rows(): Row[] {
  const [, ...lines] = readFileSync(CSV, 'utf8').trim().split('\n');
  return lines.map((l) => {
    const [date, p, tmax, tmin, wind, weather] = l.split(',');
    return { date: date!, precipitation: Number(p), temp_max: Number(tmax), temp_min: Number(tmin), wind: Number(wind), weather: weather! };
  });
}

function table(rs: Row[], windAsString = false) {
  return tableFromArrays({
    date: vectorFromArray(rs.map((r) => r.date), new Utf8()),
    precipitation: Float64Array.from(rs.map((r) => r.precipitation)),
    temp_max: vectorFromArray(rs.map((r) => r.temp_max), new Float64()),
    temp_min: Float64Array.from(rs.map((r) => r.temp_min)),
    wind: windAsString ? vectorFromArray(rs.map((r) => String(r.wind)), new Utf8()) : Float64Array.from(rs.map((r) => r.wind)),
    weather: vectorFromArray(rs.map((r) => r.weather), new Utf8()),
  });
}

const all = rows();
const year = (y: string) => all.filter((r) => r.date.startsWith(y));
const firstTwo = all.filter((r) => r.date < '2014');
const lastTwo = () => all.filter((r) => r.date >= '2014').map((r) => ({ ...r }));

describe('seattle-weather: infer, validate, drift', () => {
  test('a clean span validates without anomalies', async () => {
    const schema = inferSchema(await computeStatistics(table(firstTwo)));
    const anomalies = validateStatistics(await computeStatistics(table(lastTwo())), schema);
    assert.deepEqual(Object.keys(anomalies.anomalyInfo), []);
  });

  test('injected problems come back as exactly those anomalies', async () => {
    const schema = inferSchema(await computeStatistics(table(firstTwo)));
    assert.equal(getFeature(schema, 'weather')?.domainInfo.case, 'domain');
    const span = lastTwo();
    span[10]!.weather = 'hail';
    span[20]!.weather = 'hail';
    for (const i of [5, 6, 7]) span[i]!.temp_max = null;
    const anomalies = validateStatistics(await computeStatistics(table(span, true)), schema);
    assert.deepEqual(Object.keys(anomalies.anomalyInfo).sort(), ['temp_max', 'weather', 'wind']);
    const weather = anomalies.anomalyInfo.weather!;
    assert.deepEqual(weather.reason.map((r) => r.type), [T.ENUM_TYPE_UNEXPECTED_STRING_VALUES]);
    assert.equal(weather.description, 'Examples contain values missing from the schema: hail (<1%). ');
    const tmax = anomalies.anomalyInfo.temp_max!;
    // As in TFDV's own census example: the inferred shape [1] is dropped and the presence is low.
    assert.deepEqual(tmax.reason.map((r) => r.type), [T.INVALID_FEATURE_SHAPE, T.FEATURE_TYPE_LOW_FRACTION_PRESENT]);
    assert.equal(tmax.shortDescription, 'Multiple errors');
    assert.equal(
      tmax.description,
      "The feature has a shape, but it's not always present (if the feature is nested, then it should always be present at each nested level) or its value lengths vary. " +
        `The feature was present in fewer examples than expected: minimum fraction = 1.000000, actual = ${((span.length - 3) / span.length).toFixed(6)}`,
    );
    const wind = anomalies.anomalyInfo.wind!;
    assert.deepEqual(wind.reason.map((r) => r.type), [T.UNEXPECTED_DATA_TYPE]);
    assert.equal(wind.description, 'Expected data of type: FLOAT but got STRING');
  });

  test('drift of weather and temp_max between the first and the last year', async () => {
    const schema = inferSchema(await computeStatistics(table(year('2012'))));
    getFeature(schema, 'weather')!.driftComparator = create(FeatureComparatorSchema, { infinityNorm: create(InfinityNormSchema, { threshold: 0.01 }) });
    getFeature(schema, 'temp_max')!.driftComparator = create(FeatureComparatorSchema, { jensenShannonDivergence: create(JensenShannonDivergenceSchema, { threshold: 0.9 }) });
    const previous = await computeStatistics(table(year('2012')));
    const current = await computeStatistics(table(year('2015')));
    const anomalies = validateStatistics(current, schema, { previousStatistics: previous });
    // Independent L-infinity over the weather shares of each year.
    const share = (rs: Row[]) => {
      const m = new Map<string, number>();
      for (const r of rs) m.set(r.weather, (m.get(r.weather) ?? 0) + 1 / rs.length);
      return m;
    };
    const a = share(year('2015'));
    const b = share(year('2012'));
    const labels = [...new Set([...a.keys(), ...b.keys()])];
    const linf = Math.max(...labels.map((l) => Math.abs((a.get(l) ?? 0) - (b.get(l) ?? 0))));
    const info = anomalies.driftSkewInfo.find((d) => d.path?.step[0] === 'weather')!;
    assert.equal(info.driftMeasurements.length, 1);
    assert.ok(Math.abs(info.driftMeasurements[0]!.value - linf) < 1e-12, `${info.driftMeasurements[0]!.value} vs ${linf}`);
    assert.equal(anomalies.anomalyInfo.weather?.reason[0]?.type, T.COMPARATOR_L_INFTY_HIGH);
    assert.match(anomalies.anomalyInfo.weather!.description, /^The Linfty distance between current and previous is [0-9.]+ \(up to six significant digits\), above the threshold 0\.01\. The feature value with maximum difference is: \w+$/);
    const jsd = anomalies.driftSkewInfo.find((d) => d.path?.step[0] === 'temp_max')!.driftMeasurements[0]!;
    assert.ok(jsd.value > 0 && jsd.value < 0.9, `JSD ${jsd.value}`);
    assert.equal(anomalies.anomalyInfo.temp_max, undefined);
  });

  test('arrowline validate: exit 1 with the anomalies, 0 without; statistics or data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'arrowline-validate-'));
    writeSchema(join(dir, 'schema.pbtxt'), inferSchema(await computeStatistics(table(firstTwo))));
    const span = lastTwo();
    span[3]!.weather = 'hail';
    writeFileSync(join(dir, 'bad.arrow'), tableToIPC(table(span), 'file'));
    writeMessageFile(DatasetFeatureStatisticsListSchema, await computeStatistics(table(lastTwo())), join(dir, 'good.pb'));
    const cli = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin', 'arrowline.js'), 'validate', ...args], { cwd: dir, encoding: 'utf8' });
    const bad = cli('bad.arrow', '--schema', 'schema.pbtxt', '-o', 'SchemaDiff.pbtxt');
    assert.equal(bad.status, 1, bad.stderr);
    assert.match(bad.stdout, /^1 anomaly found\n/);
    assert.match(bad.stdout, /weather +error +Unexpected string values +Examples contain values missing from the schema: hail \(<1%\)\./);
    assert.match(readFileSync(join(dir, 'SchemaDiff.pbtxt'), 'utf8'), /anomaly_info \{\n {2}key: "weather"/);
    const good = cli('good.pb', '--schema', 'schema.pbtxt', '--json');
    assert.equal(good.status, 0, good.stderr);
    const doc = JSON.parse(good.stdout);
    assert.equal(doc.anomalyNameFormat, 'SERIALIZED_PATH');
    assert.equal(doc.anomalyInfo, undefined);
    const drift = cli('bad.arrow', '--schema', 'schema.pbtxt', '--previous', 'good.pb', '--drift-report', 'drift.json');
    assert.equal(drift.status, 1, drift.stderr);
    const report = JSON.parse(readFileSync(join(dir, 'drift.json'), 'utf8'));
    const weather = report.features.find((f: { feature: string }) => f.feature === 'weather');
    assert.equal(weather.kind, 'categorical');
    assert.ok(weather.lInfinity.value > 0 && weather.populationStabilityIndex > 0);
    const tmax = report.features.find((f: { feature: string }) => f.feature === 'temp_max');
    assert.equal(tmax.kind, 'numeric');
    for (const k of ['kolmogorovSmirnov', 'normalizedWasserstein', 'populationStabilityIndex', 'jensenShannonDivergence']) assert.equal(typeof tmax[k], 'number', k);
    assert.equal(cli('good.pb', '--schema', 'schema.pbtxt', '--drift-report', 'x.json').status, 2);
    const missing = cli('good.pb', '--schema', 'nope.pbtxt');
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /^arrowline: E_NOT_FOUND: /);
    const env = cli('good.pb', '--schema', 'schema.pbtxt', '--environment', 'SERVING');
    assert.equal(env.status, 2);
    assert.match(env.stderr, /E_OPTION_INVALID: Environment SERVING not found in the schema\./);
  });
});
