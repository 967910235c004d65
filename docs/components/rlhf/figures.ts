// The RLHF notebook's figures, each from its data and, for those that follow a run, the run's
// snapshots (liveChart({source: follow(run)}) or a fixed snapshot as `initial`), plus the two
// "predict, then run" questions whose answers the page computes.
import {predict} from "../kit/callouts.js";
import {fmt} from "../kit/chart-style.js";
import {liveChart, type LiveChartOptions} from "../kit/live.js";
import {SimpleTable} from "../kit/table.js";
import type {Space} from "../../labs/rlhf/dataset.js";
import type {DpoSnapshot} from "../../labs/rlhf/dpo.js";
import type {FrontierPoint} from "../../labs/rlhf/optimum.js";
import type {BonPoint, EvalRow} from "../../labs/rlhf/pipeline.js";
import type {PolicySnapshot, PpoRecord} from "../../labs/rlhf/ppo.js";
import type {RmSnapshot} from "../../labs/rlhf/rm-run.js";
import type {SftSnapshot} from "../../labs/rlhf/sft.js";
import {alternativesRows, frontierRows, policyBarRows} from "../../labs/rlhf/view.js";
import {barsHeight, BonKl, BonReward, Calibration, Curves, HeadWeights, ImplicitScatter, PolicyBars, RewardKl, WinRates} from "./charts.js";
import {alternativesLine, h, ppoLine, rmLine, sftLine} from "./sections.js";

type Follow<S> = LiveChartOptions<S>;
const grid = (a: Node, b: Node) => h("div", {class: "grid grid-cols-2"}, h("div", {}, a), h("div", {}, b));
type Point = {kl: number; reward: number; utility: number};

/** SFT's line and the policy bars of prompt p (base vs SFT). */
export function sftFigure(space: Space, p: number, piBase: Float64Array, opts: () => Follow<SftSnapshot>): HTMLElement {
  const n = space.offsets[p + 1] - space.offsets[p];
  return h(
    "div",
    {},
    liveChart((s) => sftLine(space, piBase, s), opts()),
    liveChart((s, width) => PolicyBars(policyBarRows(space, p, [{name: "base (θ = 0)", pi: piBase}, {name: "SFT", pi: s.pi}]), {width, height: barsHeight(n, width)}), opts())
  );
}

/** The RM's line, loss, accuracies, calibration and head weights. */
export function rmFigures(opts: () => Follow<RmSnapshot>): HTMLElement {
  const chart = (render: (s: RmSnapshot, width: number) => Element) => liveChart(render, opts());
  return h(
    "div",
    {},
    chart((s) => rmLine(s)),
    grid(
      chart((s, width) => Curves(s.history.map((x) => ({step: x.step, value: x.loss, series: "loss"})), {width, y: "Bradley–Terry loss"})),
      chart((s, width) => Curves(s.history.flatMap((x) => [{step: x.step, value: x.trainAcc, series: "train pairs"}, {step: x.step, value: x.heldAcc, series: "held-out prompts"}]), {width, y: "pairwise accuracy", domain: [0.4, 1]}))
    ),
    grid(chart((s, width) => Calibration(s.calibration, {width})), chart((s, width) => HeadWeights(s.features.map((f, d) => ({feature: f, weight: s.params[d]})), {width})))
  );
}

/** PPO's line, its reward/utility curves and its KLs. */
export function ppoFigures(beta: number, opts: () => Follow<PolicySnapshot<PpoRecord>>): HTMLElement {
  const chart = (render: (s: PolicySnapshot<PpoRecord>, width: number) => Element) => liveChart(render, opts());
  return h(
    "div",
    {},
    chart((s) => ppoLine(beta, s)),
    grid(
      chart((s, width) => Curves(s.history.flatMap((x) => [{step: x.step, value: x.reward, series: "RM reward"}, {step: x.step, value: x.utility, series: "true utility"}]), {width, y: "mean over prompts"})),
      chart((s, width) => Curves(s.history.flatMap((x) => [{step: x.step, value: x.kl, series: "KL(π‖π_SFT)"}, {step: x.step, value: x.klToOptimum, series: "KL(π‖π*)"}]), {width, y: "nats"}))
    )
  );
}

/** π*'s reward–KL frontier with PPO's path and π* at the chosen β. */
export function frontierFigure(front: FrontierPoint[], method: string, star: Point, beta: number, opts: Follow<PolicySnapshot<PpoRecord>>): HTMLElement {
  return liveChart((s, width) => RewardKl(frontierRows(front, s.history, method, star, beta), {width, height: 360, y: "mean over prompts"}), opts);
}

/** Section 5: best-of-n's and DPO's line, and the frontier with best-of-n, DPO and every method's end point. */
export function alternativesFigure(front: FrontierPoint[], bon: BonPoint[], n: number, ppo: {point: Point; label: string}, opts: () => Follow<DpoSnapshot | null>): HTMLElement {
  const bonAt = bon.find((b) => b.n === n) ?? bon[0];
  const ends = (d: DpoSnapshot | null) => [ppo, {point: bonAt, label: `BoN ${n}`}, ...(d ? [{point: d.history.at(-1)!, label: "DPO"}] : [])];
  return h(
    "div",
    {},
    liveChart((d) => alternativesLine(n, bonAt, d?.history.at(-1)), opts()),
    liveChart((d, width) => RewardKl(alternativesRows(front, bon, d?.history ?? [], ends(d)), {width, height: 380, y: "mean over prompts"}), opts())
  );
}

/** Best-of-n's reward and utility against n, and its KL against the formula. */
export function bonFigures(bon: BonPoint[], width: number): HTMLElement {
  const half = width > 640 ? (width - 16) / 2 : width;
  return grid(BonReward(bon, {width: half, height: 260}), BonKl(bon, {width: half, height: 260}));
}

/** Win rates by both judges, and the table of every policy's numbers. */
export function evaluationFigure(rows: EvalRow[], width: number): HTMLElement {
  const table = SimpleTable(rows.map((e) => ({policy: e.policy, "KL to SFT": fmt(e.kl, 3), "RM reward": fmt(e.reward, 3), "true utility": fmt(e.utility, 3), "win (true)": fmt(e.winTrue, 3), "win (RM)": fmt(e.winRm, 3), "RM − true": fmt(e.winRm - e.winTrue, 3)})), {className: "rlhf-eval"});
  return h("div", {}, WinRates(rows.flatMap((e) => [{policy: e.policy, judge: "true utility", win: e.winTrue}, {policy: e.policy, judge: "reward model", win: e.winRm}]), {width, height: 320}), h("div", {class: "lab-scroll"}, table));
}

/** "What happens to the true utility as β → 0?", answered from π*'s frontier. */
export function overOptimisationQuestion(front: FrontierPoint[]): HTMLElement {
  const peak = front.reduce((a, b) => (b.utility > a.utility ? b : a));
  const [first, last] = [front[0], front.at(-1)!];
  return predict({
    question: "β → 0 lets the policy move as far from π_SFT as it likes. What happens to the hidden true utility of π* along the way?",
    choices: ["It keeps rising with the RM reward", "It rises, peaks, then falls", "It stays flat"],
    answer: last.utility < peak.utility - 1e-3 && peak !== first ? 1 : last.utility > first.utility ? 0 : 2,
    reveal: `Computed on this data: utility ${fmt(first.utility, 3)} at β = ${first.beta}, ${fmt(peak.utility, 3)} at β ≈ ${fmt(peak.beta, 2)}, ${fmt(last.utility, 3)} at β = ${last.beta}; the RM reward goes ${fmt(first.reward, 3)} → ${fmt(last.reward, 3)}. Gao et al. (2022, arXiv:2210.10760) measured the same shape with real reward models.`
  });
}

/** "How does best-of-n's KL compare with the formula?", answered from the exact computation. */
export function bonQuestion(last: BonPoint): HTMLElement {
  return predict({
    question: `Best-of-${last.n} from π_SFT on this data: how does its KL to π_SFT compare with log n − (n−1)/n = ${fmt(last.formula, 2)}?`,
    choices: ["About equal", "Much smaller", "Much larger"],
    answer: Math.abs(last.kl - last.formula) < 0.2 ? 0 : last.kl < last.formula ? 1 : 2,
    reveal: `Measured exactly: ${fmt(last.kl, 3)} nats. With 6–10 candidates a prompt, best-of-n can only concentrate on the top candidate, so its KL is capped near −log π_SFT(top); the formula assumes a continuum of distinct rewards.`
  });
}

/** DPO's implicit reward against the RM's, one dot per response (both centred per prompt). */
export function implicitFigure(space: Space, rmCentred: Float64Array, implicit: number[], width: number): SVGSVGElement | HTMLElement {
  return ImplicitScatter(Array.from(rmCentred, (x, i) => ({rm: x, implicit: implicit[i], correct: space.attrs[i].correct ? "correct" : "wrong"})), {width, height: 300});
}
