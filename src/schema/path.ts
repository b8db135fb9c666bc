/**
 * Feature paths as TFDV serializes them (reference/tfdv.md §3.2): steps joined by "."; a step
 * that is empty or holds `.`, `(`, `)` or `'` is wrapped in single quotes with `'` doubled.
 * Anomalies are keyed by this string and string domains inferred for a feature take it as name.
 */
export type FeaturePath = readonly string[];

function needsQuotes(step: string): boolean {
  return step === '' || /[.()']/.test(step);
}

export function serializePath(path: FeaturePath): string {
  return path.map((s) => (needsQuotes(s) ? `'${s.replaceAll("'", "''")}'` : s)).join('.');
}

/** The inverse of serializePath; `undefined` when the text is not a serialized path. */
export function parsePath(text: string): string[] | undefined {
  const steps: string[] = [];
  let i = 0;
  for (;;) {
    let step = '';
    if (text[i] === "'") {
      i++;
      for (;;) {
        if (i >= text.length) return undefined;
        if (text[i] === "'") {
          if (text[i + 1] === "'") {
            step += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        step += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== '.') step += text[i++];
      if (needsQuotes(step) && step !== '') return undefined;
    }
    steps.push(step);
    if (i === text.length) return steps;
    if (text[i] !== '.') return undefined;
    i++;
  }
}

export function samePath(a: FeaturePath, b: FeaturePath): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}
