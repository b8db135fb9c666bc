/** Plain-text tables for command summaries: the first `leftColumns` columns left-aligned, the rest right-aligned. */
export function formatTable(rows: readonly (readonly string[])[], leftColumns = 1, indent = '  '): string[] {
  if (rows.length === 0) return [];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => indent + r.map((cell, c) => (c < leftColumns ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd());
}
