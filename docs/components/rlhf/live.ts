// Pushes a run controller's snapshots into a setter (an Observable Mutable) at most every `ms`
// milliseconds, plus the last one, so charts redraw a few times a second while training runs rather
// than after every tick. Stops when `invalidation` resolves, so a replaced run never writes stale data.
export function pushThrottled<T>(element: EventTarget & {value: T}, set: (value: T) => void, ms: number, invalidation?: Promise<unknown>): void {
  let dead = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let last = -Infinity;
  const push = () => {
    timer = null;
    if (dead) return;
    last = performance.now();
    set(element.value);
  };
  const onInput = () => {
    if (dead || timer !== null) return;
    const wait = last + ms - performance.now();
    if (wait <= 0) push();
    else timer = setTimeout(push, wait);
  };
  element.addEventListener("input", onInput);
  invalidation?.then(() => {
    dead = true;
    if (timer !== null) clearTimeout(timer);
    element.removeEventListener("input", onInput);
  });
  set(element.value);
}

/** Resolves in a new macrotask: a chart cell awaits it first, so each chart renders in its own task. */
export const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
