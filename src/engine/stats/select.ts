/**
 * In-place selection (quickselect, Hoare 1961, with median-of-three pivots): after `selectInPlace(a, k)`,
 * a[k] holds the value it would have after an ascending sort, every a[i < k] <= a[k] and every a[i > k] >= a[k].
 * Expected O(n), against O(n log n) for a full sort; NaN must be filtered out by the caller.
 */
export function selectInPlace(a: Float64Array, k: number, from = 0, to = a.length - 1): number {
  if (!(Number.isInteger(k) && k >= from && k <= to)) throw new RangeError(`selectInPlace: rank ${k} is outside [${from}, ${to}]`);
  let lo = from;
  let hi = to;
  while (hi > lo) {
    // Median of three moved to a[lo] as the pivot; it also guards against sorted input.
    const mid = (lo + hi) >>> 1;
    if (a[mid] < a[lo]) swap(a, mid, lo);
    if (a[hi] < a[lo]) swap(a, hi, lo);
    if (a[hi] < a[mid]) swap(a, hi, mid);
    swap(a, lo, mid);
    const pivot = a[lo];
    let i = lo;
    let j = hi + 1;
    for (;;) {
      do i++; while (i <= hi && a[i] < pivot);
      do j--; while (a[j] > pivot);
      if (i >= j) break;
      swap(a, i, j);
    }
    swap(a, lo, j);
    if (j === k) return a[k];
    if (j < k) lo = j + 1;
    else hi = j - 1;
  }
  return a[k];
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}
