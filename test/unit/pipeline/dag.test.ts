// Pipeline construction: the DAG from channels, type mismatches and missing inputs naming both
// ends, duplicate ids, cycles, and a custom component in a few lines.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { ExampleGen, ExampleValidator, SchemaGen, StatisticsGen } from '../../../src/components/index.js';
import { defineComponent, Pipeline } from '../../../src/pipeline/index.js';

describe('pipeline construction', () => {
  const gen = () => new ExampleGen({ parameters: { input: 'data.csv' } });

  test('upstream components are pulled in and ordered before their consumers', () => {
    const g = gen();
    const s = new StatisticsGen({ examples: g.outputs.examples });
    const schema = new SchemaGen({ statistics: s.outputs.statistics });
    const v = new ExampleValidator({ statistics: s.outputs.statistics, schema: schema.outputs.schema });
    const p = new Pipeline({ name: 'p', components: [v] });
    assert.deepEqual(p.components.map((c) => c.id), ['ExampleGen', 'StatisticsGen', 'SchemaGen', 'ExampleValidator']);
    assert.deepEqual(p.downstreamOf(schema).map((c) => c.id), ['ExampleValidator']);
    assert.deepEqual(p.downstreamOf(g).map((c) => c.id).sort(), ['ExampleValidator', 'SchemaGen', 'StatisticsGen']);
  });

  test('a channel of the wrong type is an error naming both ends', () => {
    const g = gen();
    const s = new StatisticsGen({ examples: g.outputs.examples });
    assert.throws(() => new SchemaGen({ statistics: g.outputs.examples }), {
      code: 'E_SCHEMA_MISMATCH',
      message: 'type mismatch: SchemaGen.inputs.statistics expects ExampleStatistics, but ExampleGen.outputs.examples (Examples) carries Examples',
    });
    assert.throws(() => new ExampleValidator({ statistics: s.outputs.statistics, schema: s.outputs.statistics }), { code: 'E_SCHEMA_MISMATCH', message: /ExampleValidator\.inputs\.schema expects Schema, but StatisticsGen\.outputs\.statistics/ });
    assert.throws(() => new StatisticsGen({ examples: undefined as never }), { code: 'E_OPTION_INVALID', message: "StatisticsGen: input 'examples' (Examples) is not connected" });
  });

  test('duplicate ids and cycles are rejected', () => {
    const a = gen();
    const b = gen();
    assert.throws(() => new Pipeline({ name: 'p', components: [a, b] }), { code: 'E_ALREADY_EXISTS', message: /two components have the id 'ExampleGen'/ });
    const Loop = defineComponent({ type: 'Loop', inputs: { x: { type: 'Examples', optional: true } }, outputs: { y: { type: 'Examples' } }, execute: () => undefined });
    const one = new Loop({}, { id: 'one' });
    const two = new Loop({ x: one.outputs.y }, { id: 'two' });
    (one.inputs as Record<string, unknown>).x = two.outputs.y;
    assert.throws(() => new Pipeline({ name: 'p', components: [two] }), { code: 'E_OPTION_INVALID', message: /the pipeline has a cycle: (one -> two -> one|two -> one -> two)/ });
    assert.throws(() => new Pipeline({ name: 'bad name', components: [] }), { code: 'E_OPTION_INVALID' });
  });

  test('a custom component takes a few lines', () => {
    const Count = defineComponent({
      type: 'Count',
      inputs: { examples: { type: 'Examples' } },
      outputs: { count: { type: 'Count' } },
      parameters: { split: 'train' },
      execute: () => undefined,
    });
    const g = gen();
    const c = new Count({ examples: g.outputs.examples, parameters: { split: 'eval' } });
    assert.equal(c.parameters.split, 'eval');
    assert.equal(c.outputs.count!.type, 'Count');
    assert.deepEqual(new Pipeline({ name: 'p', components: [c] }).components.map((x) => x.id), ['ExampleGen', 'Count']);
  });
});
