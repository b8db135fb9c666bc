/**
 * MLMD's filter query language (reference/mlmd.md §3) parsed into an expression tree: AND / OR /
 * NOT with parentheses, = != < <= > >=, [NOT] IN (...), [NOT] LIKE, IS [NOT] NULL over node
 * attributes, properties.<name>.<kind>_value, custom_properties.<name>.<kind>_value (names
 * outside [0-9A-Za-z_] backquoted) and the neighbourhood qualifiers (contexts_a.name,
 * parent_contexts_a.id, events_0.type, ...). A query that does not parse is E_OPTION_INVALID
 * naming the character position. SQL is made from the tree by the SQL layer (sql/filterSql.ts).
 */
import { arrowlineError } from '../errors.js';

export type Literal = { kind: 'number'; value: number } | { kind: 'string'; value: string } | { kind: 'bool'; value: boolean } | { kind: 'enum'; value: string };

export type Operand =
  | { kind: 'attr'; name: string }
  | { kind: 'property'; custom: boolean; name: string; valueKind: 'int_value' | 'double_value' | 'string_value' | 'bool_value' }
  | { kind: 'neighbor'; relation: NeighborRelation; alias: string; field: string };

export type NeighborRelation = 'contexts' | 'artifacts' | 'executions' | 'parent_contexts' | 'child_contexts' | 'events';

export type Expr =
  | { kind: 'and' | 'or'; left: Expr; right: Expr }
  | { kind: 'not'; expr: Expr }
  | { kind: 'compare'; op: '=' | '!=' | '<' | '<=' | '>' | '>='; left: Operand; right: Literal }
  | { kind: 'in'; left: Operand; values: Literal[]; negated: boolean }
  | { kind: 'like'; left: Operand; pattern: string; negated: boolean }
  | { kind: 'null'; left: Operand; negated: boolean };

type Token =
  | { t: 'ident'; v: string; quoted: boolean; pos: number }
  | { t: 'num'; v: number; pos: number }
  | { t: 'str'; v: string; pos: number }
  | { t: 'op'; v: string; pos: number }
  | { t: 'end'; pos: number };

export const NODE_ATTRIBUTES = new Set(['id', 'type_id', 'type', 'uri', 'name', 'external_id', 'create_time_since_epoch', 'last_update_time_since_epoch', 'state', 'last_known_state']);
const VALUE_KINDS = new Set(['int_value', 'double_value', 'string_value', 'bool_value']);
const NEIGHBOR_FIELDS: Record<NeighborRelation, ReadonlySet<string>> = {
  contexts: new Set(['id', 'name', 'type', 'create_time_since_epoch', 'last_update_time_since_epoch']),
  artifacts: new Set(['id', 'name', 'type', 'uri', 'state', 'create_time_since_epoch', 'last_update_time_since_epoch']),
  executions: new Set(['id', 'name', 'type', 'last_known_state', 'create_time_since_epoch', 'last_update_time_since_epoch']),
  parent_contexts: new Set(['id', 'name', 'type']),
  child_contexts: new Set(['id', 'name', 'type']),
  events: new Set(['execution_id', 'artifact_id', 'type', 'milliseconds_since_epoch']),
};
const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'IN', 'LIKE', 'IS', 'NULL', 'TRUE', 'FALSE']);

function fail(query: string, pos: number, message: string): never {
  throw arrowlineError('E_OPTION_INVALID', `filter query does not parse at position ${pos + 1} (${message}): ${query}`);
}

function tokenize(q: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < q.length) {
    const c = q[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(q.slice(i))![0];
      out.push({ t: 'ident', v: m, quoted: false, pos: i });
      i += m.length;
    } else if (c === '`') {
      const end = q.indexOf('`', i + 1);
      if (end < 0) fail(q, i, 'unterminated backquote');
      out.push({ t: 'ident', v: q.slice(i + 1, end), quoted: true, pos: i });
      i = end + 1;
    } else if (/[0-9]/.test(c) || (c === '-' && /[0-9.]/.test(q[i + 1] ?? ''))) {
      const m = /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(q.slice(i))![0];
      out.push({ t: 'num', v: Number(m), pos: i });
      i += m.length;
    } else if (c === "'" || c === '"') {
      let s = '';
      let j = i + 1;
      for (;;) {
        if (j >= q.length) fail(q, i, 'unterminated string');
        if (q[j] === '\\' && j + 1 < q.length) {
          s += q[j + 1];
          j += 2;
        } else if (q[j] === c) {
          if (q[j + 1] === c) {
            s += c;
            j += 2;
          } else break;
        } else s += q[j++];
      }
      out.push({ t: 'str', v: s, pos: i });
      i = j + 1;
    } else {
      const two = q.slice(i, i + 2);
      if (['!=', '<=', '>=', '<>'].includes(two)) {
        out.push({ t: 'op', v: two === '<>' ? '!=' : two, pos: i });
        i += 2;
      } else if ('=<>(),.'.includes(c)) {
        out.push({ t: 'op', v: c, pos: i });
        i++;
      } else {
        fail(q, i, `unexpected character '${c}'`);
      }
    }
  }
  out.push({ t: 'end', pos: q.length });
  return out;
}

export function parseFilter(query: string): Expr {
  const tokens = tokenize(query);
  let k = 0;
  const peek = () => tokens[k]!;
  const next = () => tokens[k++]!;
  const isKw = (tok: Token, kw: string) => tok.t === 'ident' && !tok.quoted && tok.v.toUpperCase() === kw;
  const expectOp = (v: string) => {
    const tok = next();
    if (tok.t !== 'op' || tok.v !== v) fail(query, tok.pos, `expected '${v}'`);
  };

  const operand = (): Operand => {
    const first = next();
    if (first.t !== 'ident' || (!first.quoted && KEYWORDS.has(first.v.toUpperCase()))) fail(query, first.pos, 'expected an attribute');
    const parts = [first];
    while (peek().t === 'op' && (peek() as { v: string }).v === '.') {
      next();
      const p = next();
      if (p.t !== 'ident') fail(query, p.pos, 'expected a name after "."');
      parts.push(p);
    }
    const names = parts.map((p) => (p as { v: string }).v);
    if (names.length === 1) {
      if (!NODE_ATTRIBUTES.has(names[0]!)) fail(query, first.pos, `unknown attribute '${names[0]}'`);
      return { kind: 'attr', name: names[0]! };
    }
    if ((names[0] === 'properties' || names[0] === 'custom_properties') && !parts[0]!.quoted) {
      if (names.length !== 3 || !VALUE_KINDS.has(names[2]!)) fail(query, first.pos, `expected ${names[0]}.<name>.<int_value|double_value|string_value|bool_value>`);
      return { kind: 'property', custom: names[0] === 'custom_properties', name: names[1]!, valueKind: names[2] as 'int_value' };
    }
    const m = /^(contexts|artifacts|executions|parent_contexts|child_contexts|events)_([0-9A-Za-z_]+)$/.exec(names[0]!);
    if (m && names.length === 2) {
      const relation = m[1] as NeighborRelation;
      if (!NEIGHBOR_FIELDS[relation].has(names[1]!)) fail(query, parts[1]!.pos, `${relation} have no attribute '${names[1]}'`);
      return { kind: 'neighbor', relation, alias: m[2]!, field: names[1]! };
    }
    return fail(query, first.pos, `unknown attribute '${names.join('.')}'`);
  };

  const literal = (): Literal => {
    const tok = next();
    if (tok.t === 'num') return { kind: 'number', value: tok.v };
    if (tok.t === 'str') return { kind: 'string', value: tok.v };
    if (tok.t === 'ident' && !tok.quoted) {
      if (isKw(tok, 'TRUE')) return { kind: 'bool', value: true };
      if (isKw(tok, 'FALSE')) return { kind: 'bool', value: false };
      if (/^[A-Z_][A-Z0-9_]*$/.test(tok.v)) return { kind: 'enum', value: tok.v };
    }
    return fail(query, tok.pos, 'expected a value');
  };

  const predicate = (): Expr => {
    const tok = peek();
    if (tok.t === 'op' && tok.v === '(') {
      next();
      const e = orExpr();
      expectOp(')');
      return e;
    }
    if (isKw(tok, 'NOT')) {
      next();
      return { kind: 'not', expr: predicate() };
    }
    const left = operand();
    const op = peek();
    if (op.t === 'op' && ['=', '!=', '<', '<=', '>', '>='].includes(op.v)) {
      next();
      return { kind: 'compare', op: op.v as '=', left, right: literal() };
    }
    let negated = false;
    if (isKw(op, 'IS')) {
      next();
      if (isKw(peek(), 'NOT')) {
        next();
        negated = true;
      }
      const n = next();
      if (!isKw(n, 'NULL')) fail(query, n.pos, 'expected NULL');
      return { kind: 'null', left, negated };
    }
    if (isKw(op, 'NOT')) {
      next();
      negated = true;
    }
    const kw = next();
    if (isKw(kw, 'IN')) {
      expectOp('(');
      const values = [literal()];
      while (peek().t === 'op' && (peek() as { v: string }).v === ',') {
        next();
        values.push(literal());
      }
      expectOp(')');
      return { kind: 'in', left, values, negated };
    }
    if (isKw(kw, 'LIKE')) {
      const p = next();
      if (p.t !== 'str') fail(query, p.pos, 'LIKE takes a quoted pattern');
      return { kind: 'like', left, pattern: p.v, negated };
    }
    return fail(query, kw.pos, 'expected a comparison, IN, LIKE or IS NULL');
  };

  const andExpr = (): Expr => {
    let e = predicate();
    while (isKw(peek(), 'AND')) {
      next();
      e = { kind: 'and', left: e, right: predicate() };
    }
    return e;
  };
  const orExpr = (): Expr => {
    let e = andExpr();
    while (isKw(peek(), 'OR')) {
      next();
      e = { kind: 'or', left: e, right: andExpr() };
    }
    return e;
  };

  const e = orExpr();
  const rest = peek();
  if (rest.t !== 'end') fail(query, rest.pos, 'unexpected text after the expression');
  return e;
}
