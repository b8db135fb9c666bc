/**
 * `arrowline component <Name> --input name=PATH... --output name=PATH... [--param k=v]... [--store FILE]`:
 * one standard component as a step of an external orchestrator. Parameter values are JSON when
 * they parse as JSON (numbers, booleans, arrays, objects), else strings.
 */
import type { Command } from 'commander';

import { arrowlineError } from '../../errors.js';
import type { ParameterValue } from '../../pipeline/component.js';
import { runStandalone, STANDARD_COMPONENTS } from '../../pipeline/standalone.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

function pairs(list: string[] | undefined, flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of list ?? []) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw arrowlineError('E_OPTION_INVALID', `${flag} takes name=value, not '${item}'`);
    out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}

function parseValue(text: string): ParameterValue {
  try {
    return JSON.parse(text) as ParameterValue;
  } catch {
    return text;
  }
}

export function registerComponent(program: Command): void {
  program
    .command('component')
    .description(`run one component on artifacts given by path (${Object.keys(STANDARD_COMPONENTS).join(', ')})`)
    .argument('<name>', 'the component')
    .option('--input <name=path>', 'an input artifact directory (repeatable)', collect)
    .option('--output <name=path>', 'where an output artifact goes (repeatable; written atomically)', collect)
    .option('--param <key=value>', 'a parameter, JSON or a string (repeatable)', collect)
    .option('--store <file>', 'record the execution in this metadata store')
    .option('--pipeline <name>', 'the pipeline context to record under (default external)')
    .option('--json', 'print the outputs as one JSON document')
    .action(async (name: string, opts: { input?: string[]; output?: string[]; param?: string[]; store?: string; pipeline?: string; json?: boolean }) => {
      const parameters = Object.fromEntries(Object.entries(pairs(opts.param, '--param')).map(([k, v]) => [k, parseValue(v)]));
      const result = await runStandalone({
        component: name,
        inputs: pairs(opts.input, '--input'),
        outputs: pairs(opts.output, '--output'),
        parameters,
        store: opts.store,
        pipeline: opts.pipeline,
        log: (m) => process.stderr.write(`${name}: ${m}\n`),
      });
      if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      else for (const [k, a] of Object.entries(result.outputs)) process.stdout.write(`${k}: ${a.uri}${a.id !== undefined ? ` (artifact ${a.id})` : ''}\n`);
    });
}
