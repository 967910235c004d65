// Preset 2-D point sets for the k-means and IVF notebooks (seeded): equal Gaussian blobs, unequal
// blobs (one crowded, three sparse: where balanced k-means must cut the crowd), a uniform square and
// two elongated clusters (where k-means' spherical bias shows). Coordinates lie roughly in [-1, 1].
import {randomNormal} from "../kit/random.js";
import {checkInt, InputError} from "./check.js";

export const PRESETS = ["blobs", "unequal", "uniform", "elongated"] as const;
export type Preset = (typeof PRESETS)[number];

/** (n, 2) points of the named preset. */
export function pointPreset(preset: Preset, n: number, random: () => number): Float32Array {
  checkInt(n, "The number of points", 0, 100_000);
  const normal = randomNormal(random);
  const out = new Float32Array(n * 2);
  const blob = (i: number, cx: number, cy: number, sx: number, sy = sx) => {
    out[i * 2] = cx + sx * normal();
    out[i * 2 + 1] = cy + sy * normal();
  };
  for (let i = 0; i < n; i++) {
    if (preset === "blobs") {
      const c = Math.floor(random() * 4);
      blob(i, [-0.5, 0.5, -0.5, 0.5][c], [-0.5, -0.5, 0.5, 0.5][c], 0.16);
    } else if (preset === "unequal") {
      const r = random();
      if (r < 0.7) blob(i, -0.35, -0.2, 0.22);
      else if (r < 0.8) blob(i, 0.65, 0.6, 0.08);
      else if (r < 0.9) blob(i, 0.7, -0.6, 0.08);
      else blob(i, -0.6, 0.7, 0.08);
    } else if (preset === "uniform") {
      out[i * 2] = 2 * random() - 1;
      out[i * 2 + 1] = 2 * random() - 1;
    } else if (preset === "elongated") {
      const c = random() < 0.5 ? 0 : 1;
      blob(i, 0, c ? 0.25 : -0.25, 0.6, 0.06);
    } else throw new InputError(`Unknown preset "${preset as string}"; use ${PRESETS.join(", ")}.`);
  }
  return out;
}
