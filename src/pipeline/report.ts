/**
 * What a pipeline run prints: one line per component as it ends (with a symbol on a TTY), and
 * a summary table with each component's state, duration and key outputs (rows per split,
 * anomalies found, the paths of the schema and the anomalies).
 */
import { join } from 'node:path';

import { SCHEMA_FILE } from '../components/artifacts.js';
import type { ArtifactRef } from './component.js';
import type { ComponentResult, RunEvent, RunResult } from './runner.js';

const SYMBOL: Record<string, string> = { COMPLETE: '✓', CACHED: '⟳', FAILED: '✗', SKIPPED: '-' };

function keyOutputs(r: ComponentResult): string {
  const parts: string[] = [];
  for (const [key, refs] of Object.entries(r.outputs)) {
    for (const a of refs as ArtifactRef[]) {
      const p = a.properties;
      if (a.type === 'Examples') {
        const names = typeof p.split_names === 'string' ? (JSON.parse(p.split_names) as string[]) : [];
        parts.push(names.map((n) => `${n} ${p[`rows_${n}`] ?? '?'} rows`).join(', '));
      } else if (a.type === 'Schema') parts.push(join(a.uri, SCHEMA_FILE));
      else if (a.type === 'ExampleAnomalies') parts.push(`${p.anomalies_found ?? 0} anomalies in ${a.uri}`);
      else if (a.type === 'ExampleStatistics') parts.push(`statistics of ${typeof p.split_names === 'string' ? (JSON.parse(p.split_names) as string[]).join(', ') : '?'}`);
      else parts.push(`${key}: ${a.uri}`);
    }
  }
  return parts.join('; ');
}

export function formatEvent(e: RunEvent, tty: boolean): string | undefined {
  if (e.kind !== 'end') return undefined;
  const r = e.result;
  const head = tty ? `  ${SYMBOL[r.state]} ${r.id}` : `component ${r.id}`;
  if (r.state === 'FAILED') return `${head} ${r.state}: ${r.error}\n    log: ${r.logPath}`;
  if (r.state === 'SKIPPED') return `${head} ${r.state} (${r.error})`;
  const outputs = keyOutputs(r);
  return `${head} ${r.state} (${(r.durationMs / 1000).toFixed(2)} s)${outputs ? `${tty ? '  ' : ': '}${outputs}` : ''}`;
}

export function formatRunSummary(run: RunResult): string {
  const rows = [['component', 'state', 'duration', 'outputs']];
  for (const r of run.results) rows.push([r.id, r.state, r.state === 'SKIPPED' ? '-' : `${(r.durationMs / 1000).toFixed(2)} s`, r.state === 'FAILED' ? `${r.error} (log: ${r.logPath})` : keyOutputs(r)]);
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((x) => x[c]!.length)));
  const lines = rows.map((x) => x.map((cell, c) => (c === x.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ').trimEnd());
  const failed = run.results.filter((r) => r.state === 'FAILED').length;
  const cached = run.results.filter((r) => r.state === 'CACHED').length;
  return [`pipeline ${run.pipeline}, run ${run.runId}: ${run.ok ? 'COMPLETE' : 'FAILED'} (${run.results.length} components, ${cached} from the cache${failed ? `, ${failed} failed` : ''})`, ...lines.map((l) => `  ${l}`), `  metadata: ${run.store}`].join('\n');
}
