// Retry with exponential backoff and jitter, as LangGraph's run_with_retry computes it: after the
// k-th failed attempt wait min(maxInterval, initialInterval × backoffFactor^k) seconds, plus a uniform
// 0–1 s when jitter is on (langchain-ai/langgraph, libs/langgraph/langgraph/pregel/retry.py).

export interface RetryPolicy {
  /** seconds before the interval is first multiplied */
  initialInterval: number;
  backoffFactor: number;
  /** cap on the interval, seconds */
  maxInterval: number;
  /** attempts in all, the first included */
  maxAttempts: number;
  /** add a uniform 0–1 s to each wait */
  jitter: boolean;
}

/** LangGraph's RetryPolicy defaults: 0.5 s, ×2, at most 128 s, 3 attempts, jitter on. */
export const LANGGRAPH_RETRY: RetryPolicy = {initialInterval: 0.5, backoffFactor: 2, maxInterval: 128, maxAttempts: 3, jitter: true};
/** AWS Step Functions' Retrier defaults: IntervalSeconds 1, BackoffRate 2, MaxAttempts 3 (retries after the first try), no jitter unless JitterStrategy FULL. */
export const STEP_FUNCTIONS_RETRY: RetryPolicy = {initialInterval: 1, backoffFactor: 2, maxInterval: 3600, maxAttempts: 4, jitter: false};
/** No retry: one attempt. */
export const NO_RETRY: RetryPolicy = {initialInterval: 0, backoffFactor: 1, maxInterval: 0, maxAttempts: 1, jitter: false};

/**
 * Seconds to wait after failed attempt `failures` (1 = the first attempt failed). LangGraph multiplies
 * the interval before its first sleep, so its waits are 1, 2, 4 … s (+ jitter) from a 0.5 s initial
 * interval; Step Functions waits IntervalSeconds first, so pass `multiplyFirst = false` for it.
 */
export function backoffSeconds(policy: RetryPolicy, failures: number, random: () => number, multiplyFirst = true): number {
  const exponent = multiplyFirst ? failures : failures - 1;
  const interval = Math.min(policy.maxInterval, policy.initialInterval * policy.backoffFactor ** exponent);
  return interval + (policy.jitter ? random() : 0);
}
