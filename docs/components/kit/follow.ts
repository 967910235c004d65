// The one way a page follows a run: a generator of the run controller's snapshots, for a cell of
// its own. Cells that use the value re-run only when it yields:
//   const run = display(runController(stepper, {invalidation}));
//   const live = follow(run);                    // now, then at most every 250 ms, and the last one
//   const trained = follow(run, {finished: true}); // only snapshots of a finished run
// Framework calls return() on the generator when the cell is invalidated, which unsubscribes.
import {reducedMotion} from "./motion.js";
import type {RunView} from "./run-controller.js";

export interface FollowOptions {
  /**
   * Minimum milliseconds between two yields while the run goes (default 250, or 1000 when the reader
   * prefers reduced motion: charts then change once a second instead of animating); the last snapshot always comes.
   */
  every?: number;
  /** Yield only snapshots whose progress is 1 (a finished run, or a finished precomputed one). */
  finished?: boolean;
}

export function follow<S>(run: RunView<S>, options: FollowOptions = {}): Values<S> {
  const {every = reducedMotion() ? 1000 : 250, finished = false} = options;
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastSent: S | undefined;
  return observe<S>((push) => {
    const send = () => {
      timer = null;
      const value = run.value;
      if (value === undefined || value === lastSent) return;
      if (finished && !run.done) return;
      last = performance.now();
      lastSent = value;
      push(value);
    };
    const onInput = () => {
      if (finished || !run.running || run.done) {
        // A single step, a reset or the end of a run: show it now.
        if (timer !== null) clearTimeout(timer);
        return send();
      }
      if (timer !== null) return;
      const wait = last + every - performance.now();
      if (wait <= 0) send();
      else timer = setTimeout(send, wait);
    };
    run.addEventListener("input", onInput);
    send();
    return () => {
      if (timer !== null) clearTimeout(timer);
      run.removeEventListener("input", onInput);
    };
  });
}

/** An async generator (Framework calls return() on it when its cell is invalidated). */
export interface Values<T> extends AsyncIterableIterator<T> {
  return(): Promise<IteratorResult<T, void>>;
}

/** An async generator fed by a push-based source; only the latest unread value is kept. */
export function observe<T>(subscribe: (push: (value: T) => void) => () => void): Values<T> {
  let pending: {value: T} | null = null;
  let wake: ((result: IteratorResult<T, void>) => void) | null = null;
  let done = false;
  const unsubscribe = subscribe((value) => {
    if (done) return;
    if (wake) {
      const w = wake;
      wake = null;
      w({value, done: false});
    } else pending = {value};
  });
  const finish = (): Promise<IteratorResult<T, void>> => {
    done = true;
    unsubscribe();
    if (wake) wake({value: undefined, done: true});
    wake = null;
    return Promise.resolve({value: undefined, done: true});
  };
  const generator = {
    next() {
      if (done) return Promise.resolve({value: undefined, done: true});
      if (pending) {
        const {value} = pending;
        pending = null;
        return Promise.resolve({value, done: false});
      }
      return new Promise((resolve) => (wake = resolve));
    },
    return: finish,
    [Symbol.asyncIterator]() {
      return generator;
    }
  } as Values<T>;
  return generator;
}
