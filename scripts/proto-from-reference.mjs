#!/usr/bin/env node
// Writes proto/tensorflow_metadata/proto/v0/*.proto from the field tables of
// ../shared/reference/tfmd-fields.md (names, numbers, labels, defaults, options and
// reserved numbers as tensorflow_metadata declares them). Run by hand when the reference
// changes; the .proto files it writes are committed and are the source `npm run proto` compiles.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const refPath = process.argv[2] ?? join(root, '..', 'shared', 'reference', 'tfmd-fields.md');
const outDir = process.argv[3] ?? join(root, 'proto', 'tensorflow_metadata', 'proto', 'v0');
const lines = readFileSync(refPath, 'utf8').split('\n');

const files = new Map(); // file -> { syntax, types: Map(fullName -> decl) }
let file = null;
let decl = null;
for (const line of lines) {
  let m;
  if ((m = /^## File `tensorflow_metadata\/proto\/v0\/(\w+\.proto)` \((proto[23])\)/.exec(line))) {
    file = { name: m[1], syntax: m[2], types: new Map() };
    files.set(m[1], file);
    decl = null;
  } else if ((m = /^### (enum )?([\w.]+) — `(\w+\.proto)`/.exec(line))) {
    decl = { kind: m[1] ? 'enum' : 'message', name: m[2], fields: [], values: [], reserved: [] };
    files.get(m[3]).types.set(m[2], decl);
  } else if (line.startsWith('## ')) {
    decl = null;
  } else if (decl && (m = /^- Reserved numbers: ([\d, ]+)\./.exec(line))) {
    decl.reserved = m[1].split(',').map((s) => Number(s.trim()));
  } else if (decl && decl.kind === 'enum' && (m = /^\| (\d+) \| `(\w+)` \|$/.exec(line))) {
    decl.values.push({ number: Number(m[1]), name: m[2] });
  } else if (decl && decl.kind === 'message' && (m = /^\| (\d+) \| `(\w+)` \| (.*?) \| (.*?) \| (.*?) \| (.*?) \|$/.exec(line))) {
    const [, num, name, type, label, def, notes] = m;
    decl.fields.push({ number: Number(num), name, type: type.trim(), label: label.trim(), def: def.trim(), notes: notes.trim() });
  }
}

const scalar = new Set(['double', 'float', 'int32', 'int64', 'uint32', 'uint64', 'bool', 'string', 'bytes']);
function fieldType(f) {
  if (scalar.has(f.type)) return f.type;
  let m;
  if ((m = /^(?:msg|enum) `([\w.]+)`/.exec(f.type))) return m[1];
  if ((m = /^map<(\w+), `([\w.]+)`>$/.exec(f.label))) return `map<${m[1]}, ${m[2]}>`;
  throw new Error(`unknown type ${f.type} for field ${f.name}`);
}
function options(f) {
  const opts = [];
  if (f.def) opts.push(`default = ${f.def.replace(/`/g, '')}`);
  if (/\*\*deprecated=true\*\*/.test(f.notes)) opts.push('deprecated = true');
  if (/packed=true declared/.test(f.notes)) opts.push('packed = true');
  return opts.length ? ` [${opts.join(', ')}]` : '';
}
function fieldLine(f, syntax, indent) {
  const t = fieldType(f);
  let label = '';
  if (f.label === 'repeated') label = 'repeated ';
  else if (f.label === 'optional') label = syntax === 'proto2' ? 'optional ' : '';
  return `${indent}${label}${t} ${f.name} = ${f.number}${options(f)};`;
}
function emit(decl, children, syntax, depth) {
  const ind = '  '.repeat(depth);
  const short = decl.name.split('.').pop();
  const out = [];
  if (decl.kind === 'enum') {
    out.push(`${ind}enum ${short} {`);
    for (const v of decl.values) out.push(`${ind}  ${v.name} = ${v.number};`);
    if (decl.reserved.length) out.push(`${ind}  reserved ${decl.reserved.join(', ')};`);
    out.push(`${ind}}`);
    return out;
  }
  out.push(`${ind}message ${short} {`);
  for (const child of children(decl.name)) out.push(...emit(child, children, syntax, depth + 1));
  const done = new Set();
  for (const f of decl.fields) {
    if (done.has(f)) continue;
    const oneof = /^oneof `(\w+)`$/.exec(f.label);
    if (oneof) {
      out.push(`${ind}  oneof ${oneof[1]} {`);
      for (const g of decl.fields.filter((x) => x.label === f.label)) {
        out.push(fieldLine({ ...g, label: '' }, syntax, ind + '    '));
        done.add(g);
      }
      out.push(`${ind}  }`);
    } else {
      out.push(fieldLine(f, syntax, ind + '  '));
    }
    done.add(f);
  }
  if (decl.reserved.length) out.push(`${ind}  reserved ${decl.reserved.join(', ')};`);
  out.push(`${ind}}`);
  return out;
}

const imports = {
  'path.proto': [],
  'derived_feature.proto': ['path.proto'],
  'statistics.proto': ['google/protobuf/any.proto', 'derived_feature.proto', 'path.proto'],
  'schema.proto': ['google/protobuf/any.proto', 'derived_feature.proto', 'path.proto'],
  'anomalies.proto': ['path.proto', 'schema.proto'],
};
for (const f of files.values()) {
  const children = (parent) => [...f.types.values()].filter((d) => {
    const i = d.name.lastIndexOf('.');
    return (i < 0 ? '' : d.name.slice(0, i)) === parent;
  });
  const out = [
    '// arrowline\'s definition of tensorflow_metadata\'s ' + f.name + ': same package, names, field',
    '// numbers, labels, defaults and options as tensorflow/metadata (written from',
    '// shared/reference/tfmd-fields.md by scripts/proto-from-reference.mjs).',
    `syntax = "${f.syntax}";`,
    '',
    'package tensorflow.metadata.v0;',
    '',
  ];
  for (const imp of imports[f.name]) {
    out.push(`import "${imp.startsWith('google/') ? imp : 'tensorflow_metadata/proto/v0/' + imp}";`);
  }
  if (imports[f.name].length) out.push('');
  for (const d of children('')) out.push(...emit(d, children, f.syntax, 0), '');
  writeFileSync(join(outDir, f.name), out.join('\n'));
  if (!process.env.QUIET) console.log(`${f.name}: ${f.types.size} types`);
}
