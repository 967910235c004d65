// Inner loops shared by every index: squared L2 distance and dot product between two rows of
// row-major Float32Arrays, unrolled by four (V8 keeps the four sums in registers).
// Sums are JavaScript doubles, so results are exact to double rounding of float32 inputs.

/** ||a[ao:ao+d] - b[bo:bo+d]||^2 */
export function l2sq(a: Float32Array, ao: number, b: Float32Array, bo: number, d: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let i = 0;
  for (; i + 3 < d; i += 4) {
    const t0 = a[ao + i] - b[bo + i];
    const t1 = a[ao + i + 1] - b[bo + i + 1];
    const t2 = a[ao + i + 2] - b[bo + i + 2];
    const t3 = a[ao + i + 3] - b[bo + i + 3];
    s0 += t0 * t0;
    s1 += t1 * t1;
    s2 += t2 * t2;
    s3 += t3 * t3;
  }
  for (; i < d; i++) {
    const t = a[ao + i] - b[bo + i];
    s0 += t * t;
  }
  return s0 + s1 + (s2 + s3);
}

/** <a[ao:ao+d], b[bo:bo+d]> */
export function dot(a: Float32Array, ao: number, b: Float32Array, bo: number, d: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let i = 0;
  for (; i + 3 < d; i += 4) {
    s0 += a[ao + i] * b[bo + i];
    s1 += a[ao + i + 1] * b[bo + i + 1];
    s2 += a[ao + i + 2] * b[bo + i + 2];
    s3 += a[ao + i + 3] * b[bo + i + 3];
  }
  for (; i < d; i++) s0 += a[ao + i] * b[bo + i];
  return s0 + s1 + (s2 + s3);
}
