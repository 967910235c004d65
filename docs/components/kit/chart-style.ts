// One chart style for the whole lab: colours, sizes and number formatting shared by every Plot figure.

/** Categorical palette (Observable 10), in the order series are introduced on a page. */
export const palette = ["#4269d0", "#efb118", "#ff725c", "#6cc5b0", "#3ca951", "#ff8ab7", "#a463f2", "#97bbf5", "#9c6b4e", "#9498a0"];

/** Spread into every Plot.plot({...}) so all figures share margins, font and grid. */
export function plotDefaults(width: number, height = Math.round(Math.min(360, Math.max(220, width * 0.45)))) {
  return {
    width,
    height,
    marginLeft: 56,
    marginBottom: 40,
    style: {fontSize: "12px", fontFamily: "var(--sans-serif)", overflow: "visible"},
    grid: true
  };
}

/** Prints a number for a reader: ∞ for Infinity, — for NaN/undefined, never "NaN". */
export function fmt(x: number | null | undefined, digits = 3): string {
  if (x === null || x === undefined || Number.isNaN(x)) return "—";
  if (x === Infinity) return "∞";
  if (x === -Infinity) return "−∞";
  if (x !== 0 && (Math.abs(x) >= 1e6 || Math.abs(x) < 10 ** -digits)) return x.toExponential(Math.max(1, digits - 1)).replace("-", "−");
  return x.toFixed(digits).replace(/^-/, "−");
}

/** Human-readable byte counts (powers of 1000, as storage vendors and FACTS.md tables use). */
export function fmtBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return fmt(bytes);
  const units = ["B", "kB", "MB", "GB", "TB"];
  let value = bytes, unit = 0;
  while (Math.abs(value) >= 1000 && unit < units.length - 1) { value /= 1000; unit++; }
  return `${value.toFixed(value < 10 && unit > 0 ? 2 : unit > 0 ? 1 : 0)} ${units[unit]}`;
}
