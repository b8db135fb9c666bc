/**
 * A parsed filter query (../filter.ts) as SQL over one node table aliased `n`: one join per
 * property and per neighbourhood alias (so `contexts_a.name = 'p' AND contexts_a.type = 'pipeline'`
 * speaks of one context, as in MLMD), enum names for states and event types, every value a
 * bound parameter. Aliases are [0-9A-Za-z_]+ by the grammar, so they are safe in identifiers.
 */
import { arrowlineError } from '../../errors.js';
import type { Expr, Literal, Operand } from '../filter.js';
import { ArtifactState, EventType, ExecutionState, type TypeKind } from '../model.js';

export interface CompiledFilter {
  joins: string[];
  joinParams: unknown[];
  where: string;
  whereParams: unknown[];
}

export const NODE_TABLE: Record<TypeKind, string> = { artifact: 'Artifact', execution: 'Execution', context: 'Context' };
export const PROPERTY_TABLE: Record<TypeKind, [string, string]> = {
  artifact: ['ArtifactProperty', 'artifact_id'],
  execution: ['ExecutionProperty', 'execution_id'],
  context: ['ContextProperty', 'context_id'],
};

const ENUMS: Record<string, Record<string, number | string>> = {
  state: ArtifactState as unknown as Record<string, number>,
  last_known_state: ExecutionState as unknown as Record<string, number>,
  event_type: EventType as unknown as Record<string, number>,
};

function invalid(message: string): never {
  throw arrowlineError('E_OPTION_INVALID', `filter query: ${message}`);
}

export function compileFilter(expr: Expr, kind: TypeKind): CompiledFilter {
  const joins: string[] = [];
  const joinParams: unknown[] = [];
  const seen = new Map<string, string>();

  const propertyColumn = (o: Extract<Operand, { kind: 'property' }>): string => {
    const key = `${o.custom ? 'c' : 'p'}:${o.name}`;
    let alias = seen.get(key);
    if (!alias) {
      alias = `p${seen.size}`;
      seen.set(key, alias);
      const [table, fk] = PROPERTY_TABLE[kind];
      joins.push(`LEFT JOIN ${table} ${alias} ON ${alias}.${fk} = n.id AND ${alias}.name = ? AND ${alias}.is_custom_property = ?`);
      joinParams.push(o.name, o.custom ? 1 : 0);
    }
    return `${alias}.${o.valueKind}`;
  };

  const neighborColumn = (o: Extract<Operand, { kind: 'neighbor' }>): { column: string; enumKey?: string } => {
    const key = `${o.relation}:${o.alias}`;
    let alias = seen.get(key);
    const a = `${o.relation}_${o.alias}`;
    const node = `nb_${a}`;
    if (!alias) {
      alias = node;
      seen.set(key, alias);
      const link = `ln_${a}`;
      const join = (sql: string) => joins.push(sql);
      switch (`${kind}:${o.relation}`) {
        case 'artifact:contexts':
          join(`JOIN Attribution ${link} ON ${link}.artifact_id = n.id JOIN Context ${node} ON ${node}.id = ${link}.context_id`);
          break;
        case 'execution:contexts':
          join(`JOIN Association ${link} ON ${link}.execution_id = n.id JOIN Context ${node} ON ${node}.id = ${link}.context_id`);
          break;
        case 'context:artifacts':
          join(`JOIN Attribution ${link} ON ${link}.context_id = n.id JOIN Artifact ${node} ON ${node}.id = ${link}.artifact_id`);
          break;
        case 'context:executions':
          join(`JOIN Association ${link} ON ${link}.context_id = n.id JOIN Execution ${node} ON ${node}.id = ${link}.execution_id`);
          break;
        case 'context:parent_contexts':
          join(`JOIN ParentContext ${link} ON ${link}.context_id = n.id JOIN Context ${node} ON ${node}.id = ${link}.parent_context_id`);
          break;
        case 'context:child_contexts':
          join(`JOIN ParentContext ${link} ON ${link}.parent_context_id = n.id JOIN Context ${node} ON ${node}.id = ${link}.context_id`);
          break;
        case 'artifact:events':
          join(`JOIN Event ${node} ON ${node}.artifact_id = n.id`);
          break;
        case 'execution:events':
          join(`JOIN Event ${node} ON ${node}.execution_id = n.id`);
          break;
        default:
          invalid(`${o.relation}_${o.alias} cannot be used in a query over ${kind}s`);
      }
    }
    if (o.relation === 'events') {
      if (o.field === 'execution_id' && kind !== 'artifact') invalid('events_*.execution_id is for artifact queries');
      if (o.field === 'artifact_id' && kind !== 'execution') invalid('events_*.artifact_id is for execution queries');
      return { column: `${alias}.${o.field}`, enumKey: o.field === 'type' ? 'event_type' : undefined };
    }
    if (o.field === 'type') {
      const t = `tp_${a}`;
      if (!seen.has(`type:${a}`)) {
        seen.set(`type:${a}`, t);
        joins.push(`JOIN Type ${t} ON ${t}.id = ${alias}.type_id`);
      }
      return { column: `${t}.name` };
    }
    return { column: `${alias}.${o.field}`, enumKey: o.field === 'state' || o.field === 'last_known_state' ? o.field : undefined };
  };

  const column = (o: Operand): { column: string; enumKey?: string } => {
    if (o.kind === 'property') return { column: propertyColumn(o) };
    if (o.kind === 'neighbor') return neighborColumn(o);
    if (o.name === 'type') return { column: 'tn.name' };
    if (o.name === 'uri' && kind !== 'artifact') invalid('uri is an artifact attribute');
    if (o.name === 'state' && kind !== 'artifact') invalid('state is an artifact attribute (executions have last_known_state)');
    if (o.name === 'last_known_state' && kind !== 'execution') invalid('last_known_state is an execution attribute');
    return { column: `n.${o.name}`, enumKey: o.name === 'state' || o.name === 'last_known_state' ? o.name : undefined };
  };

  const value = (l: Literal, enumKey: string | undefined): unknown => {
    if (l.kind === 'enum') {
      const table = enumKey ? ENUMS[enumKey] : undefined;
      const v = table?.[l.value];
      if (typeof v !== 'number') invalid(`'${l.value}' is not a value of ${enumKey ?? 'this attribute'} (quote strings)`);
      return v;
    }
    if (l.kind === 'bool') return l.value ? 1 : 0;
    return l.value;
  };

  const whereParams: unknown[] = [];
  const sql = (e: Expr): string => {
    switch (e.kind) {
      case 'and':
      case 'or':
        return `(${sql(e.left)} ${e.kind.toUpperCase()} ${sql(e.right)})`;
      case 'not':
        return `(NOT ${sql(e.expr)})`;
      case 'compare': {
        const c = column(e.left);
        whereParams.push(value(e.right, c.enumKey));
        return `${c.column} ${e.op} ?`;
      }
      case 'in': {
        const c = column(e.left);
        for (const v of e.values) whereParams.push(value(v, c.enumKey));
        return `${c.column} ${e.negated ? 'NOT IN' : 'IN'} (${e.values.map(() => '?').join(', ')})`;
      }
      case 'like': {
        const c = column(e.left);
        whereParams.push(e.pattern);
        return `${c.column} ${e.negated ? 'NOT LIKE' : 'LIKE'} ?`;
      }
      case 'null':
        return `${column(e.left).column} IS ${e.negated ? 'NOT ' : ''}NULL`;
    }
  };
  const where = sql(expr);
  return { joins, joinParams, where, whereParams };
}
