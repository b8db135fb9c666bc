/** A seeded PRNG (mulberry32) so every random test input is reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randInt(r: () => number, lo: number, hi: number): number {
  return lo + Math.floor(r() * (hi - lo + 1));
}

const ALPHABET = ['a', 'b', 'z', 'é', 'ß', '中', '😀', ' ', '"', ',', '\n'];

export function randString(r: () => number, maxLen = 6): string {
  let s = '';
  const n = randInt(r, 0, maxLen);
  for (let i = 0; i < n; i++) s += ALPHABET[randInt(r, 0, ALPHABET.length - 1)];
  return s;
}
