/** Polars peer: describe() plus n_unique and the top 20 value counts of each string column. */
import pl from 'nodejs-polars';

export function polarsPeer(parquetPath: string) {
  const df = pl.readParquet(parquetPath);
  const strings = df.columns.filter((c) => df.getColumn(c).dtype.equals(pl.Utf8) || String(df.getColumn(c).dtype).includes('String'));
  return () => {
    const described = df.describe();
    const extra = strings.map((c) => {
      const s = df.getColumn(c);
      return [s.nUnique(), s.valueCounts().head(20)];
    });
    return [described, extra];
  };
}
