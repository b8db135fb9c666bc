/** A plain JS loop: Welford moments and min/max/zeros over each numeric column's typed arrays (what a Node user would write). */
import type { Table } from 'apache-arrow';

export function jsLoopPeer(table: Table) {
  const columns = table.schema.fields
    .map((f, i) => ({ f, data: table.getChildAt(i)!.data }))
    .filter(({ f }) => /Int|Float/.test(String(f.type)));
  return () => {
    const out = [];
    for (const { data } of columns) {
      let n = 0, mean = 0, m2 = 0, min = Infinity, max = -Infinity, zeros = 0;
      for (const d of data) {
        const v = d.values as ArrayLike<number | bigint>;
        const big = typeof v[0] === 'bigint';
        for (let i = 0; i < d.length; i++) {
          const x = big ? Number(v[i] as bigint) : (v[i] as number);
          if (x !== x) continue;
          n++;
          const delta = x - mean;
          mean += delta / n;
          m2 += delta * (x - mean);
          if (x < min) min = x;
          if (x > max) max = x;
          if (x === 0) zeros++;
        }
      }
      out.push({ n, mean, m2, min, max, zeros });
    }
    return out;
  };
}
