// Rank statistics for comparing a reward model with the hidden utility: Spearman's ρ with average
// ranks for ties (Pearson correlation of the ranks). Leaves out significance tests.
export function ranks(x: ArrayLike<number>): Float64Array {
  const idx = Array.from({length: x.length}, (_, i) => i).sort((a, b) => x[a] - x[b]);
  const out = new Float64Array(x.length);
  for (let k = 0; k < idx.length; ) {
    let j = k;
    while (j + 1 < idx.length && x[idx[j + 1]] === x[idx[k]]) j++;
    for (let t = k; t <= j; t++) out[idx[t]] = (k + j) / 2 + 1;
    k = j + 1;
  }
  return out;
}

export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i] / n;
    mb += b[i] / n;
  }
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return saa === 0 || sbb === 0 ? NaN : sab / Math.sqrt(saa * sbb);
}

export const spearman = (a: ArrayLike<number>, b: ArrayLike<number>): number => pearson(ranks(a), ranks(b));
