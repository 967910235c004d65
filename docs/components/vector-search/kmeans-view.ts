// View model of the /kmeans page: the two panels with their stats lines (or, with fewer points than
// k, one clickable panel of the raw points and a notice), drawn from the worker's snapshots, the sentence comparing the two objectives in
// the current run, the page's callouts with their computed numbers, and the delay that makes the
// main-thread run watchable.
import type {Stepper} from "../../labs/kit/stepper.js";
import {stream} from "../../labs/kit/random.js";
import {clusterSizes, type compareInits, type notesRuleVsExact, type PairSnapshot} from "../../labs/vector-search/kmeans-pair.js";
import {kmeansToEnd, type KMeansInit, type KMeansState} from "../../labs/vector-search/lloyd.js";
import {pointPreset} from "../../labs/vector-search/points2d.js";
import {fmt} from "../kit/chart-style.js";
import {misconception, notice, predict} from "../kit/callouts.js";
import {SimpleTable} from "../kit/table.js";
import {KMeansPanel} from "./kmeans-charts.js";

/** Wraps a fast stepper so that each step call waits `delayMs` first and does one step: a watchable animation. */
export function slowStepper<S>(inner: Stepper<S>, delayMs: number): Stepper<S> {
  return {
    reset: () => inner.reset(),
    step: async (n: number) => {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      return inner.step(Math.min(n, 1));
    },
    progress: (s) => inner.progress(s),
    ...(inner.stepsDone ? {stepsDone: inner.stepsDone} : {}),
    dispose: () => inner.dispose?.()
  };
}

/** A state with no centroids, to draw the raw points (k-means needs at least k of them). */
function pointsOnly(points: ArrayLike<number>): KMeansState {
  const data = Float32Array.from(points);
  const n = data.length / 2;
  return {data, n, d: 2, k: 0, balanced: false, capacity: n, centroids: new Float32Array(0), assignment: new Int32Array(n).fill(-1), phase: "assign", iteration: 0, objective: [], moved: 0, relocated: [], notNearest: 0, converged: false};
}

const next = (s: KMeansState) => (s.converged ? "converged" : `next: ${s.phase}`);
const J = (s: KMeansState) => (s.objective.length ? fmt(s.objective.at(-1)!, 3) : "—");
const sizes = (s: KMeansState) => (s.assignment[0] < 0 ? "—" : clusterSizes(s).join(", "));

function stats(className: string, text: string, extra?: Node): HTMLElement {
  const p = document.createElement("p");
  p.className = `lab-num ${className}`;
  p.textContent = text;
  if (extra) p.append(extra);
  return p;
}

const panelWidth = (width: number) => Math.max(260, Math.min(460, width));

/** With fewer points than k (no run): the points alone, clickable, and what to do. */
export function pointsPanel(points: ArrayLike<number>, k: number, {width, onClick}: {width: number; onClick: (x: number, y: number) => void}): HTMLElement {
  const count = points.length / 2;
  const root = document.createElement("div");
  root.className = "vs-panels";
  root.append(KMeansPanel(pointsOnly(points), {width: panelWidth(width), title: "the points (click to add one)", onClick}),
    notice(`k-means with k = ${k} clusters needs at least ${k} points; there are ${count}. Click the panel to add points or lower k.`));
  return root;
}

/** The standard run's panel (click to add a point) and its stats line. */
export function standardPanel(run: PairSnapshot, {width, onClick}: {width: number; onClick: (x: number, y: number) => void}): HTMLElement {
  const s = run.standard;
  const root = document.createElement("div");
  root.append(KMeansPanel(s, {width: panelWidth(width), title: "standard k-means (click to add a point)", onClick}),
    stats("vs-standard-stats", `iteration ${s.iteration} · ${next(s)} · J = ${J(s)} · sizes ${sizes(s)}`));
  return root;
}

/** The balanced run's panel and its stats line, with the count of points away from their nearest centroid. */
export function balancedPanel(run: PairSnapshot, {width}: {width: number}): HTMLElement {
  const b = run.balanced;
  const strong = document.createElement("strong");
  strong.textContent = String(b.notNearest);
  const tail = document.createElement("span");
  tail.append(" · ", strong, " points not at their nearest centroid");
  const root = document.createElement("div");
  root.append(KMeansPanel(b, {width: panelWidth(width), title: `balanced: at most ⌈n/k⌉ = ${b.capacity} per cluster`}),
    stats("vs-balanced-stats", `iteration ${b.iteration} · ${next(b)} · J = ${J(b)} · sizes ${sizes(b)}`, tail));
  return root;
}

/** The half-steps of this run at which the balanced J is below the standard J (both descend to local optima). */
export function belowInRun(run: PairSnapshot | undefined): {halfSteps: number[]; compared: number} {
  if (!run) return {halfSteps: [], compared: 0};
  const a = run.standard.objective, b = run.balanced.objective;
  const compared = Math.min(a.length, b.length);
  const halfSteps: number[] = [];
  for (let h = 0; h < compared; h++) if (b[h] < a[h] - 1e-9) halfSteps.push(h + 1);
  return {halfSteps, compared};
}

/** The sentence under the objective chart: this run's comparison, in words computed from its numbers. */
export function belowSentence(run: PairSnapshot | undefined): string {
  const {halfSteps, compared} = belowInRun(run);
  if (compared === 0) return "Step the run to compare the two curves.";
  if (halfSteps.length === 0) return `In this run the balanced J has stayed at or above the standard J over ${compared} half-step${compared === 1 ? "" : "s"} so far.`;
  const list = `${halfSteps.slice(0, 6).join(", ")}${halfSteps.length > 6 ? ", …" : ""}`;
  return `In this run the balanced J is below the standard J after half-step${halfSteps.length > 1 ? "s" : ""} ${list} of ${compared}.`;
}

/** The predict callout on the unequal preset, from one balanced run to convergence (answer and reveal share it). */
export function unequalPredict(seed: number, init: KMeansInit): HTMLElement {
  const n = 200, k = 4;
  const run = kmeansToEnd({data: pointPreset("unequal", n, stream(seed, "points")), n, d: 2, k, init, balanced: true}, stream(seed, "init"));
  return predict({
    question: "On the unequal preset, the big blob holds about 70% of the points. After the balanced run converges, will some points sit with a centroid that is not their nearest?",
    choices: ["Yes", "No"],
    answer: run.notNearest > 0 ? 0 : 1,
    reveal: `With ${n} points, k = ${k} and capacity ⌈${n}/${k}⌉ = ${run.capacity}, the balanced run ends with ${run.notNearest} points assigned to a centroid other than their nearest. ${run.notNearest > 0 ? "A full cluster cannot take them, so they go to the cheapest cluster that still has room." : "Here every cluster had room for its nearest points."}`
  });
}

/** Random init against k-means++ over 20 seeds: the table and the misconception about faiss's default. */
export function initsView(inits: ReturnType<typeof compareInits> | undefined, k: number): HTMLElement {
  const root = document.createElement("div");
  root.append(inits ? SimpleTable(inits.map((r) => ({init: r.init, "mean J": fmt(r.meanJ, 3), "best J": fmt(r.bestJ, 3), "worst J": fmt(r.worstJ, 3)}))) : notice(`Need at least k = ${k} points.`),
    misconception({
      claim: "faiss k-means uses k-means++.",
      truth: "faiss's ClusteringParameters default to random initial centroids (k distinct training points); scikit-learn's KMeans defaults to greedy k-means++.",
      evidence: inits ? `On the points above, over 20 seeds: random init mean J = ${fmt(inits[0].meanJ, 3)}, k-means++ mean J = ${fmt(inits[1].meanJ, 3)}. faiss compensates with many training points and, optionally, nredo restarts.` : "Add points to compare.",
      source: "faiss/Clustering.h (ClusteringParameters: niter = 25, seed = 1234, random init); sklearn/cluster/_kmeans.py"
    }));
  return root;
}

/** The notes' "discard when full" rule against the exact assignment, from the run's initial centroids (computed in the worker). */
export function notesRuleCallout(rule: ReturnType<typeof notesRuleVsExact> | undefined, n: number): HTMLElement {
  let evidence: string | Node = "Add points to compare.";
  if (rule) {
    const r = rule;
    const span = document.createElement("span");
    span.className = "vs-notes-rule";
    span.textContent = `From this run's initial centroids (capacity ${r.capacity}): the notes' rule, taking points in order, discards ${r.discarded} of ${n} points${r.discarded ? ", which would then be missing from every list" : ""}. Sending each of them instead to its nearest centroid with room gives J = ${fmt(r.greedyJ, 3)}; the exact assignment gives J = ${fmt(r.exactJ, 3)}${r.exactJ < r.greedyJ - 1e-9 ? `, ${fmt(100 * (1 - r.exactJ / r.greedyJ), 1)}% lower` : ", the same here"}.`;
    evidence = span;
  }
  return misconception({
    claim: "Balanced k-means: once a centroid is full, discard the vector.",
    truth: "The capacity-constrained assignment keeps every point and minimises J under the limit; a point whose nearest centroid is full goes to another cluster, chosen with all other points at once.",
    evidence,
    source: "Bradley, Bennett & Demiriz 2000 (MSR-TR-2000-65), §2: the assignment step as a min-cost flow; labs/vector-search/balanced.ts solves it"
  });
}
