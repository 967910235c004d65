// Throttled view of a run controller: yields the controller's latest snapshot at most every `ms`
// milliseconds (and always the last one), so charts redraw a few times a second while training
// runs instead of after every tick. Observable iterates the generator; return() removes the listener.
export async function* throttledValue<T>(element: EventTarget & {value: T}, ms = 250): AsyncGenerator<T> {
  let dirty = element.value !== undefined;
  let wake: (() => void) | null = null;
  const onInput = () => {
    dirty = true;
    wake?.();
  };
  element.addEventListener("input", onInput);
  try {
    let last = -Infinity;
    while (true) {
      if (!dirty) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      const wait = last + ms - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      dirty = false;
      last = performance.now();
      yield element.value;
    }
  } finally {
    element.removeEventListener("input", onInput);
  }
}
