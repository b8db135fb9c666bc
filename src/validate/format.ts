/**
 * Number and string formatting exactly as TFDV's anomaly messages print them (reference/tfdv.md
 * §4.1): absl::SixDigits / StrCat(double) (%g with six significant digits), StrFormat("%f"),
 * absl::Utf8SafeCEscape, and the "~N%" / "<1%" / "?" percentages of unexpected string values.
 * Anomaly strings are part of the contract: tests compare them verbatim.
 */

/** absl::SixDigits and StrCat(double): printf's %g with precision 6 ("0.25", "1", "1e+06", "inf"). */
export function sixDigits(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const exp = Math.floor(Math.log10(Math.abs(Number(x.toPrecision(6)))));
  if (exp < -4 || exp >= 6) {
    const [mantissa, e] = x.toExponential(5).split('e') as [string, string];
    const sign = e.startsWith('-') ? '-' : '+';
    const digits = e.replace(/^[+-]/, '').padStart(2, '0');
    return `${stripZeros(mantissa)}e${sign}${digits}`;
  }
  return stripZeros(x.toFixed(Math.max(0, 5 - exp)));
}

function stripZeros(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/** StrFormat("%f"): six decimals. */
export function fixed6(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  return x.toFixed(6);
}

/** StrCat of an int64 (a double converted with a C++ cast: truncation toward zero). */
export function int64Text(x: number | bigint): string {
  return typeof x === 'bigint' ? x.toString() : BigInt(Math.trunc(x)).toString();
}

/** absl::Utf8SafeCEscape: C escapes for control bytes, quotes and backslash; UTF-8 bytes >= 0x80 kept. */
export function utf8SafeCEscape(value: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    switch (ch) {
      case '\n':
        out += '\\n';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\t':
        out += '\\t';
        continue;
      case '"':
        out += '\\"';
        continue;
      case "'":
        out += "\\'";
        continue;
      case '\\':
        out += '\\\\';
        continue;
      default:
        out += code < 0x20 || code === 0x7f ? `\\${code.toString(8).padStart(3, '0')}` : ch;
    }
  }
  return out;
}

/** PercentageAsString: "?" without a total, "<1%" below one percent, else "~N%" with N floored. */
export function percentageAsString(count: number, total: number | undefined): string {
  if (total === undefined || total === 0) return '?';
  const percent = (100 * count) / total;
  return percent < 1 ? '<1%' : `~${Math.floor(percent)}%`;
}
