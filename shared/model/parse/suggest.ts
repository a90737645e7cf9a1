/** "Did you mean" suggestions for misspelt words. */

/** Optimal string alignment distance: Levenshtein where swapping two neighbours counts 1. */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, d[i - 2]![j - 2]! + 1);
      }
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** ` Did you mean "x"?` for the closest option within a third of the word's length, else ''. */
export function didYouMean(word: string, options: readonly string[]): string {
  let best: string | null = null;
  let bestD = Infinity;
  for (const o of options) {
    const dd = distance(word.toLowerCase(), o);
    if (dd < bestD) {
      bestD = dd;
      best = o;
    }
  }
  return best !== null && bestD <= Math.max(1, Math.floor(word.length / 3))
    ? ` Did you mean "${best}"?`
    : '';
}
