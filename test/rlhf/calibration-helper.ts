// Keeps only calibration bins with enough pairs for a ±0.06 check (binomial sd ≤ 0.5/√n ≈ 0.02 for n ≥ 600).
export const metricsCalibration = (bins: {predicted: number; observed: number; count: number}[]) => bins.filter((b) => b.count >= 600);
