// Axis tick text for the word2vec charts: plain decimals where they stay short, scientific notation
// otherwise, never SI prefixes (d3's "~s" prints 0.02 as "20m" and 3e-4 as "300µ", which read as units).
// Pure; no DOM.

/** 0.05 -> "0.05", 200000 -> "200,000", 2.5e6 -> "2.5e6", 3e-4 -> "3e-4", 0 -> "0". */
export function axisNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return "0";
  const a = Math.abs(x);
  if (a >= 1e-3 && a < 1e6) return x.toLocaleString("en-US", {maximumSignificantDigits: 6});
  const [mantissa, exponent] = x.toExponential(5).split("e");
  return `${Number(mantissa)}e${Number(exponent)}`;
}
