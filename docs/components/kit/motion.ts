// Whether the reader asked the system for reduced motion, in one place. The kit honours it: follow()
// updates charts once a second instead of four times, and paced demos (a k-means step every 450 ms)
// ask reducedMotion() to jump to the result instead of animating.
export function reducedMotion(): boolean {
  return typeof matchMedia === "function" && matchMedia("(prefers-reduced-motion: reduce)").matches;
}
