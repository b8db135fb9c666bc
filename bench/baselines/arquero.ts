/** arquero peer: one rollup with count, nulls, mean, population std, min, max, median (numbers) and distinct (strings). */
import * as aq from 'arquero';
import { type Table, tableToIPC } from 'apache-arrow';

export function arqueroPeer(table: Table) {
  // Through IPC bytes, so arquero's own Arrow decoder reads 64-bit integers as numbers.
  const dt = aq.fromArrow(tableToIPC(table));
  const exprs: Record<string, unknown> = {};
  for (const f of table.schema.fields) {
    const c = f.name;
    if (/Utf8|Binary|Dictionary/.test(String(f.type))) {
      exprs[`${c}_distinct`] = aq.op.distinct(c);
      exprs[`${c}_valid`] = aq.op.valid(c);
    } else {
      exprs[`${c}_valid`] = aq.op.valid(c);
      exprs[`${c}_mean`] = aq.op.mean(c);
      exprs[`${c}_std`] = aq.op.stdevp(c);
      exprs[`${c}_min`] = aq.op.min(c);
      exprs[`${c}_max`] = aq.op.max(c);
      exprs[`${c}_median`] = aq.op.median(c);
    }
  }
  return () => dt.rollup(exprs as never).objects();
}
