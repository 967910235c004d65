// The run controller: Start/Pause, Step, Reset, a progress bar and a speed estimate for any
// Stepper (labs/kit/stepper.ts). It is an Observable view: its value is the latest snapshot and it
// dispatches "input" after every tick, so charts bound to it redraw while the work runs.
// Main-thread steppers are given just enough steps per tick to stay under a time budget (25 ms by
// default) and the controller yields a frame between ticks; worker steppers run off the main thread.
// The step count shown is the stepper's own (stepsDone) when it reports one, so a run that ends
// inside a tick is not over-counted; otherwise it is the sum of the steps requested.
import type {Stepper} from "../../labs/kit/stepper.js";
import {nextFrame} from "./live.js";

export interface RunOptions<S> {
  /** Framework's `invalidation` promise: the controller stops and disposes the stepper when it resolves. */
  invalidation?: Promise<unknown>;
  label?: string;
  unit?: string;
  /** Start at once (e.g. when the controls moved away from the precomputed state). */
  autoStart?: boolean;
  /** Steps in the first tick; adapted afterwards to fit tickBudgetMs. */
  stepsPerTick?: number;
  /** Target duration of one tick (main thread) or of one worker round trip. */
  tickBudgetMs?: number;
  /** A precomputed first snapshot (e.g. from a data loader) shown until the reader starts or resets. */
  initial?: S;
  /** Extra text after the speed, e.g. the active tfjs backend. */
  status?: (snapshot: S) => string;
  /** Without an initial snapshot, wait for Start or Step before the first reset (no worker starts until then). */
  lazy?: boolean;
}

/** The controller element. Follow its snapshots with follow(run) (follow.ts), not by listening to it. */
export type RunView<S> = HTMLElement & {value: S; running: boolean; done: boolean; steps: number; start(): void; pause(): void; step(): Promise<void>; reset(): Promise<void>};


export function runController<S>(stepper: Stepper<S> & {offMainThread?: boolean}, options: RunOptions<S> = {}): RunView<S> {
  const {label, unit = "steps", autoStart = false, invalidation, status} = options;
  const budget = options.tickBudgetMs ?? (stepper.offMainThread ? 120 : 25);
  const root = document.createElement("div") as unknown as RunView<S>;
  root.className = "lab-run";

  const button = (text: string, className = "") => {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = text;
    b.className = className;
    return b;
  };
  const startButton = button("Start", "lab-primary lab-start");
  const stepButton = button("Step", "lab-step");
  const resetButton = button("Reset", "lab-reset");
  const bar = document.createElement("progress");
  bar.max = 1;
  bar.value = 0;
  const statusLine = document.createElement("span");
  statusLine.className = "lab-run-status";
  const errorLine = document.createElement("span");
  errorLine.className = "lab-run-error";
  errorLine.setAttribute("role", "alert");
  if (label) {
    const name = document.createElement("strong");
    name.textContent = label;
    root.append(name);
  }
  root.append(startButton, stepButton, resetButton, bar, statusLine, errorLine);

  let snapshot: S | undefined = options.initial;
  let initialised = false; // has stepper.reset() run?
  let running = false;
  let disposed = false;
  let busy: Promise<void> = Promise.resolve();
  let stepsPerTick = Math.max(1, Math.floor(options.stepsPerTick ?? 1));
  let steps = 0;
  let speed = NaN; // steps per second, exponentially smoothed

  const progressOf = (s: S | undefined) => (s === undefined ? 0 : Math.min(1, Math.max(0, stepper.progress(s))));
  let lastRender = -Infinity;
  let renderTimer: ReturnType<typeof setTimeout> | null = null;
  const render = () => {
    lastRender = performance.now();
    if (renderTimer !== null) clearTimeout(renderTimer);
    renderTimer = null;
    const p = progressOf(snapshot);
    if (bar.value !== p) bar.value = p;
    const label = running ? "Pause" : p >= 1 ? "Done" : steps > 0 ? "Resume" : "Start";
    if (startButton.textContent !== label) startButton.textContent = label;
    startButton.disabled = !running && p >= 1;
    stepButton.disabled = running || p >= 1;
    // A snapshot computed at build time has no live steps behind it: say so rather than "0 steps".
    const parts = !initialised && options.initial !== undefined && snapshot === options.initial
      ? ["precomputed at build time", p >= 1 ? "Reset to run it live" : "Start to run it live"]
      : [`${steps.toLocaleString("en-US")} ${unit}`, `${(p * 100).toFixed(0)}%`];
    if (Number.isFinite(speed)) parts.push(`${Math.round(speed).toLocaleString("en-US")} ${unit}/s`);
    if (running && Number.isFinite(speed) && speed > 0 && p > 0 && p < 1) {
      const remaining = (steps / p - steps) / speed;
      if (Number.isFinite(remaining)) parts.push(`~${remaining < 1 ? "<1" : Math.round(remaining)} s left`);
    }
    if (snapshot !== undefined && status) parts.push(status(snapshot));
    const text = parts.join(" · ");
    if (statusLine.textContent !== text) statusLine.textContent = text;
  };
  // While a run goes, the buttons, bar and status line are redrawn at most every RENDER_MS (and at
  // once when it stops or ends): each redraw costs the page a restyle, layout and paint of its own.
  const RENDER_MS = 250;
  const emit = () => {
    const wait = lastRender + RENDER_MS - performance.now();
    if (!running || wait <= 0 || progressOf(snapshot) >= 1) render();
    else if (renderTimer === null) renderTimer = setTimeout(render, wait);
    root.dispatchEvent(new Event("input", {bubbles: true}));
  };
  const fail = (error: unknown) => {
    running = false;
    errorLine.textContent = error instanceof Error ? error.message : String(error);
    render();
  };
  // Serialise every action: a step never overlaps a reset.
  const enqueue = (action: () => Promise<void>) => (busy = busy.then(action).catch(fail));

  const doReset = async () => {
    errorLine.textContent = "";
    snapshot = await stepper.reset();
    initialised = true;
    steps = 0;
    speed = NaN;
    emit();
  };
  const doTick = async () => {
    if (!initialised) await doReset();
    const n = stepsPerTick;
    const t0 = performance.now();
    const next = await stepper.step(n);
    const elapsed = Math.max(0.1, performance.now() - t0);
    if (disposed) return;
    snapshot = next;
    const before = steps;
    steps = stepper.stepsDone ? stepper.stepsDone(next) : steps + n;
    const instant = (Math.max(0, steps - before) / elapsed) * 1000;
    speed = Number.isFinite(speed) ? 0.8 * speed + 0.2 * instant : instant;
    // Adapt the work per tick so one tick takes about the budget (never more than double per tick).
    stepsPerTick = Math.max(1, Math.min(stepsPerTick * 2, Math.floor((n * budget) / elapsed)));
    emit();
  };
  const loop = async () => {
    while (running && !disposed && progressOf(snapshot) < 1) {
      await doTick();
      await nextFrame(); // let the page paint and handle input between ticks
    }
    running = false;
    render();
  };

  root.start = () => {
    if (running || disposed) return;
    running = true;
    render();
    enqueue(loop);
  };
  root.pause = () => {
    running = false;
    render();
  };
  root.step = () => {
    if (running) return busy;
    const saved = stepsPerTick;
    stepsPerTick = 1;
    return enqueue(async () => {
      await doTick();
      stepsPerTick = saved;
    });
  };
  root.reset = () => {
    running = false;
    return enqueue(doReset);
  };
  Object.defineProperty(root, "value", {get: () => snapshot, set: () => {}});
  Object.defineProperty(root, "running", {get: () => running});
  Object.defineProperty(root, "steps", {get: () => steps});
  Object.defineProperty(root, "done", {get: () => snapshot !== undefined && progressOf(snapshot) >= 1});

  startButton.addEventListener("click", () => (running ? root.pause() : root.start()));
  stepButton.addEventListener("click", () => void root.step());
  resetButton.addEventListener("click", () => void root.reset());

  invalidation?.then(() => {
    disposed = true;
    running = false;
    if (renderTimer !== null) clearTimeout(renderTimer);
    stepper.dispose?.();
  });

  if (snapshot === undefined && !options.lazy) enqueue(doReset);
  render();
  if (autoStart) root.start();
  return root;
}
