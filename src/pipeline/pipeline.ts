/**
 * A Pipeline: a name, a root directory and components; the DAG comes from the channels the
 * components were built with (upstream components are pulled in even when not listed). A cycle,
 * two components with one id, or a channel whose producer is missing is an error at construction.
 */
import { resolve } from 'node:path';

import { arrowlineError } from '../errors.js';
import type { Component } from './component.js';

export interface PipelineOptions {
  name: string;
  /** Where artifacts and the metadata store live (default ./arrowline-root). */
  root?: string;
  components: Component[];
}

export const DEFAULT_ROOT = 'arrowline-root';

export class Pipeline {
  readonly name: string;
  readonly root: string;
  /** Every component in a topological order (producers before consumers, then the order given). */
  readonly components: Component[];

  constructor(options: PipelineOptions) {
    if (!/^[A-Za-z0-9_.-]+$/.test(options.name)) throw arrowlineError('E_OPTION_INVALID', `pipeline name '${options.name}' must be letters, digits, '_', '.' or '-'`);
    this.name = options.name;
    this.root = resolve(options.root ?? DEFAULT_ROOT);
    this.components = topologicalOrder(options.components);
  }

  /** Every component that reads, directly or not, from `c`. */
  downstreamOf(c: Component): Component[] {
    const out = new Set<Component>();
    let changed = true;
    while (changed) {
      changed = false;
      for (const d of this.components) {
        if (out.has(d)) continue;
        if (d.upstream().some((u) => u === c || out.has(u))) {
          out.add(d);
          changed = true;
        }
      }
    }
    return [...out];
  }
}

function topologicalOrder(given: Component[]): Component[] {
  const all: Component[] = [];
  const seen = new Set<Component>();
  const add = (c: Component) => {
    if (seen.has(c)) return;
    seen.add(c);
    all.push(c);
    c.upstream().forEach(add);
  };
  given.forEach(add);
  const ids = new Map<string, Component>();
  for (const c of all) {
    const other = ids.get(c.id);
    if (other && other !== c) throw arrowlineError('E_ALREADY_EXISTS', `two components have the id '${c.id}' (give one of them another id)`);
    ids.set(c.id, c);
  }
  const order: Component[] = [];
  const state = new Map<Component, 'visiting' | 'done'>();
  const visit = (c: Component, path: Component[]) => {
    const s = state.get(c);
    if (s === 'done') return;
    if (s === 'visiting') {
      const cycle = [...path.slice(path.indexOf(c)), c].map((x) => x.id).join(' -> ');
      throw arrowlineError('E_OPTION_INVALID', `the pipeline has a cycle: ${cycle}`);
    }
    state.set(c, 'visiting');
    for (const u of c.upstream()) visit(u, [...path, c]);
    state.set(c, 'done');
    order.push(c);
  };
  for (const c of all) visit(c, []);
  return order;
}
