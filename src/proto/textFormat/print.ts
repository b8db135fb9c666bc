/**
 * Text-format printer that writes what Python's text_format.MessageToString writes (and so what
 * TFDV's write_schema_text / write_stats_text / write_anomalies_text write): fields in field
 * number order, `name {` blocks with two-space indentation, set fields only, map entries sorted
 * by key, strings C-escaped with non-ASCII bytes as octal, doubles as Python's repr (1.0, 1e-05,
 * inf, nan), floats at the shortest precision (from 6 digits) that round-trips the float32, and
 * a google.protobuf.Any expanded when its type is known. Unknown fields are not printed.
 */
import { type DescField, type DescMessage, fromBinary, type MessageShape, type Registry, ScalarType } from '@bufbuild/protobuf';
import { reflect, type ReflectMessage } from '@bufbuild/protobuf/reflect';

export function printText<D extends DescMessage>(schema: D, message: MessageShape<D>, registry?: Registry): string {
  const out: string[] = [];
  writeBody(reflect(schema, message), '', out, registry);
  return out.join('');
}

function writeBody(msg: ReflectMessage, indent: string, out: string[], registry?: Registry): void {
  if (msg.desc.typeName === 'google.protobuf.Any' && writeAny(msg, indent, out, registry)) return;
  for (const field of msg.sortedFields) {
    if (!msg.isSet(field)) continue;
    switch (field.fieldKind) {
      case 'list':
        for (const item of msg.get(field)) writeValue(field, field.listKind, item, indent, out, registry);
        break;
      case 'map': {
        const entries = [...msg.get(field).entries()].sort(([a], [b]) => compareKeys(a, b));
        for (const [k, v] of entries) {
          out.push(`${indent}${field.name} {\n`);
          out.push(`${indent}  key: ${formatScalar(field.mapKey, k)}\n`);
          if (field.mapKind === 'message') {
            out.push(`${indent}  value {\n`);
            writeBody(v as ReflectMessage, `${indent}    `, out, registry);
            out.push(`${indent}  }\n`);
          } else {
            out.push(`${indent}  value: ${field.mapKind === 'enum' ? enumName(field, v as number) : formatScalar(field.scalar!, v)}\n`);
          }
          out.push(`${indent}}\n`);
        }
        break;
      }
      default:
        writeValue(field, field.fieldKind, msg.get(field), indent, out, registry);
    }
  }
}

function writeValue(field: DescField, kind: string, value: unknown, indent: string, out: string[], registry?: Registry): void {
  if (kind === 'message') {
    out.push(`${indent}${field.name} {\n`);
    writeBody(value as ReflectMessage, `${indent}  `, out, registry);
    out.push(`${indent}}\n`);
  } else if (kind === 'enum') {
    out.push(`${indent}${field.name}: ${enumName(field, value as number)}\n`);
  } else {
    out.push(`${indent}${field.name}: ${formatScalar(field.scalar!, value)}\n`);
  }
}

function writeAny(msg: ReflectMessage, indent: string, out: string[], registry?: Registry): boolean {
  const urlField = msg.desc.fields.find((f) => f.name === 'type_url')!;
  const valueField = msg.desc.fields.find((f) => f.name === 'value')!;
  const url = msg.get(urlField) as string;
  const desc = registry?.getMessage(url.slice(url.lastIndexOf('/') + 1));
  if (!desc) return false;
  out.push(`${indent}[${url}] {\n`);
  writeBody(reflect(desc, fromBinary(desc, msg.get(valueField) as Uint8Array)), `${indent}  `, out, registry);
  out.push(`${indent}}\n`);
  return true;
}

function enumName(field: DescField, n: number): string {
  return field.enum?.values.find((v) => v.number === n)?.name ?? String(n);
}

function compareKeys(a: unknown, b: unknown): number {
  return a === b ? 0 : (a as number | string | bigint) < (b as number | string | bigint) ? -1 : 1;
}

export function formatScalar(type: ScalarType, value: unknown): string {
  switch (type) {
    case ScalarType.STRING:
      return `"${cEscape(new TextEncoder().encode(value as string))}"`;
    case ScalarType.BYTES:
      return `"${cEscape(value as Uint8Array)}"`;
    case ScalarType.BOOL:
      return value ? 'true' : 'false';
    case ScalarType.DOUBLE:
      return pythonRepr(value as number);
    case ScalarType.FLOAT:
      return pythonRepr(shortestFloat32(value as number));
    default:
      return String(value);
  }
}

/** Python's text_encoding.CEscape(as_utf8=False). */
export function cEscape(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) {
    if (b === 10) s += '\\n';
    else if (b === 13) s += '\\r';
    else if (b === 9) s += '\\t';
    else if (b === 34) s += '\\"';
    else if (b === 39) s += "\\'";
    else if (b === 92) s += '\\\\';
    else if (b < 32 || b >= 127) s += `\\${b.toString(8).padStart(3, '0')}`;
    else s += String.fromCharCode(b);
  }
  return s;
}

/** Python's repr(float): shortest round-trip digits, exponent form below 1e-4 or from 1e16. */
export function pythonRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mantissa, expText] = x.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  const digits = mantissa.replace('-', '').replace('.', '');
  const sign = x < 0 ? '-' : '';
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (exp >= 0) {
    const whole = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
    const frac = digits.slice(exp + 1) || '0';
    return `${sign}${whole}.${frac}`;
  }
  return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
}

/** Python protobuf's ToShortestFloat: fewest digits (from 6) that give back the same float32. */
export function shortestFloat32(x: number): number {
  if (!Number.isFinite(x)) return x;
  for (let p = 6; p <= 9; p++) {
    const r = Number(x.toPrecision(p));
    if (Math.fround(r) === x) return r;
  }
  return x;
}
