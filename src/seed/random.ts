// A small seeded pseudo-random source for the demo data: the same seed gives the same demo
// (names, dates, amounts), so pages and screenshots look the same from one run to the next.
// Not for anything secret (receipts and tokens come from the product's own crypto).

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** An item, the first ones more often: index = floor(n · u^skew) (skew 1: uniform). */
  skewed<T>(items: readonly T[], skew: number): T;
  /** An item by weight. */
  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T;
}

/** mulberry32: 32 bits of state, fast, good enough for test data. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const random: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)]!,
    skewed: (items, skew) => items[Math.min(items.length - 1, Math.floor(items.length * Math.pow(next(), skew)))]!,
    weighted: (items) => {
      const total = items.reduce((sum, [, w]) => sum + w, 0);
      let u = next() * total;
      for (const [item, w] of items) {
        u -= w;
        if (u < 0) return item;
      }
      return items[items.length - 1]![0];
    },
  };
  return random;
}
