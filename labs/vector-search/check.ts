// Input checks shared by the vector-search modules: shapes, finiteness and parameter ranges.
// Every failure throws the kit's InputError with a sentence the page can show as is.
// No coercion: a bad value is reported, never silently fixed.
import {InputError} from "../kit/params.js";

export {InputError};

/**
 * Checks a row-major (n, d) matrix: n >= 1, d >= 1, length n*d, every value finite. `what` is a plural
 * noun without an article ("points", "query vectors"); the messages add "the" where English needs it.
 */
export function checkMatrix(data: ArrayLike<number>, n: number, d: number, what = "vectors"): void {
  if (!Number.isInteger(d) || d < 1) throw new InputError(`The dimension of the ${what} must be a whole number of at least 1, got ${d}.`);
  if (!Number.isInteger(n) || n < 0) throw new InputError(`The number of ${what} must be a whole number, got ${n}.`);
  if (n === 0 || data.length === 0) throw new InputError(`There are no ${what}: the data set is empty.`);
  if (data.length !== n * d)
    throw new InputError(`The ${what} should hold ${n} × ${d} = ${n * d} numbers, but hold ${data.length}.`);
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (!Number.isFinite(v)) {
      const row = Math.floor(i / d);
      throw new InputError(`The ${what} contain ${Number.isNaN(v) ? "NaN" : v} at row ${row}, column ${i - row * d}; every coordinate must be a finite number.`);
    }
  }
}

export function checkInt(value: number, name: string, min: number, max = Infinity): void {
  if (!Number.isInteger(value) || value < min || value > max)
    throw new InputError(`${name} must be a whole number${max === Infinity ? ` of at least ${min}` : ` from ${min} to ${max}`}, got ${value}.`);
}
