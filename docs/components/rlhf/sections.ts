// The RLHF notebook's text blocks and callouts, built from the numbers in labs/rlhf/view.ts: one
// summary line per stage, the candidates table, sample pairs, the "label it yourself" widget and the
// misconception callouts. Text is set with textContent (reader labels and data never parse as HTML).
import {misconception} from "../kit/callouts.js";
import {fmt} from "../kit/chart-style.js";
import {SimpleTable} from "../kit/table.js";
import {trueUtility, type PromptItem, type Space} from "../../labs/rlhf/dataset.js";
import type {Pair} from "../../labs/rlhf/labelers.js";
import type {SftSnapshot} from "../../labs/rlhf/sft.js";
import type {RmSnapshot} from "../../labs/rlhf/rm-run.js";
import {agreement, bestUtility, lengthStance, probabilityCorrect, readerPair, whichAbove} from "../../labs/rlhf/view.js";
import type {PolicySnapshot, PpoRecord} from "../../labs/rlhf/ppo.js";
import type {DpoRecord} from "../../labs/rlhf/dpo.js";
import type {BonPoint} from "../../labs/rlhf/pipeline.js";
import type {FrontierPoint} from "../../labs/rlhf/optimum.js";
import {meanExpectation, meanKL, softmaxPerPrompt} from "../../labs/rlhf/policy.js";

type Child = string | Node | null | undefined | false;
/** A DOM element with text children (strings become text nodes). */
export function h(tag: string, props: Record<string, string> = {}, ...children: Child[]): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) e.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== undefined && c !== false) e.append(c);
  return e;
}
const line = (...children: Child[]) => h("p", {class: "lab-num"}, ...children);
const b = (text: string) => h("b", {}, text);

/** "Step 150: demonstration NLL … · mean true utility base → SFT …" */
export function sftLine(space: Space, piBase: Float64Array, s: SftSnapshot): HTMLElement {
  const pi = Float64Array.from(s.pi);
  return line(
    `Step ${s.step}: demonstration NLL ${fmt(s.losses.at(-1) ?? NaN, 3)} · mean true utility ${fmt(meanExpectation(space, piBase, space.utility), 2)} (base) → `,
    b(fmt(meanExpectation(space, pi, space.utility), 2)),
    ` (SFT), best available ${fmt(bestUtility(space), 2)} · P(correct answer) ${fmt(probabilityCorrect(space, piBase), 2)} → ${fmt(probabilityCorrect(space, pi), 2)}`
  );
}

/** The candidates of one prompt with their attributes, utility and π_SFT, in a collapsed block. */
export function candidatesTable(prompt: PromptItem, piSft: Float64Array, offset: number): HTMLElement {
  const rows = prompt.candidates.map((c, k) => ({"#": k + 1, response: c.text, correct: c.attrs.correct, detail: c.attrs.detail, tone: c.attrs.tone, filler: c.attrs.filler, words: c.attrs.words, "u(y)": fmt(trueUtility(c.attrs), 2), "π_SFT": fmt(piSft[offset + k], 3)}));
  return h("details", {}, h("summary", {}, `The candidates for “${prompt.prompt}”`), h("div", {class: "lab-scroll"}, SimpleTable(rows, {className: "rlhf-candidates"})));
}

/** The label set's size and agreement with the hidden utility, and its first four pairs. */
export function pairsView(space: Space, prompts: PromptItem[], pairs: Pair[]): HTMLElement {
  const promptOf = (i: number) => prompts[space.offsets.findIndex((o, p) => i >= o && i < space.offsets[p + 1])]?.prompt ?? "";
  return h(
    "div",
    {},
    line(`${pairs.length} pairs · the chosen response has the higher hidden utility in `, b(`${fmt(100 * agreement(pairs, space.utility), 1)}%`), " of them (ties and noise make up the rest)."),
    h(
      "div",
      {class: "rlhf-pairs"},
      ...pairs.slice(0, 4).map((q) =>
        h("div", {class: "rlhf-pair"}, b(promptOf(q.chosen)), " ", h("span", {class: "muted"}, `(labeler ${q.labeler < 0 ? "you" : `#${q.labeler + 1}`}; u(chosen) − u(rejected) = ${fmt(space.utility[q.chosen] - space.utility[q.rejected], 2)})`), h("br"), `✓ ${space.texts[q.chosen]}`, h("br"), `✗ ${space.texts[q.rejected]}`)
      )
    )
  );
}

/** Two answers to one prompt and buttons to pick the better; the next pair comes from stream(seed, "reader pair k"). */
export function labelWidget(space: Space, prompts: PromptItem[], seed: number, mine: Pair[], actions: {pick: (pair: Pair) => void; clear: () => void}): HTMLElement {
  const {prompt, a, b: c} = readerPair(space, seed, mine.length);
  const button = (className: string, text: string, onClick: () => void) => {
    const el = h("button", {class: className, type: "button"}, text);
    el.addEventListener("click", onClick);
    return el;
  };
  const side = (y: number, other: number, name: string) => h("div", {}, h("p", {}, space.texts[y]), button(`rlhf-pick-${name.toLowerCase()}`, `${name} is better`, () => actions.pick({chosen: y, rejected: other, labeler: -1, margin: 0})));
  const agree = agreement(mine, space.utility);
  return h(
    "div",
    {class: "rlhf-label"},
    h("p", {}, b(prompts[prompt].prompt)),
    h("div", {class: "rlhf-choices"}, side(a, c, "A"), side(c, a, "B")),
    line(`You have labelled ${mine.length} pairs${mine.length ? `; the one you chose has the higher hidden utility in ${fmt(100 * agree, 0)}% of them` : ""}. `, button("rlhf-clear", "Clear my labels", actions.clear))
  );
}

/** The RM's step, loss, accuracies and Spearman. */
export function rmLine(s: RmSnapshot): HTMLElement {
  const last = s.history.at(-1) ?? {loss: NaN, trainAcc: NaN, heldAcc: NaN};
  return line(`Step ${s.step}/${s.steps} on ${s.nPairs} pairs · loss ${fmt(last.loss, 3)} · pairwise accuracy train `, b(fmt(last.trainAcc, 3)), ", held-out prompts ", b(fmt(last.heldAcc, 3)), ` · Spearman(r, u) on held-out responses ${fmt(s.spearmanHeld, 3)}`);
}

/** The paragraph under the RM charts: its words (the τ named, the length stance) follow the same values as its numbers. */
export function rmReading(tau: number, agree: number, rm: RmSnapshot): HTMLElement {
  const stance = lengthStance(rm.features, rm.params);
  const ceiling = tau === 0 ? "Even noise-free labels leave some pairs to chance when the two responses tie in utility." : `With noisy labels, accuracy tops out well below 1 even for a perfect RM: at τ = ${tau} the hidden utility itself agrees with ${fmt(100 * agree, 0)}% of the labels.`;
  const length = stance
    ? `Look at the head weights: the length weight is ${fmt(stance.weight, 3)} per 25 words, so this RM ${stance.verb} length. ${{"pays for": "In the labels, length arrives with details; the surface backbone cannot see that padding also brings length.", "charges for": "Details and padding both bring length; at these settings the padding the labelers penalise outweighs the details they reward.", "is almost indifferent to": "Details and padding both bring length; at these settings their effects on the labels nearly cancel."}[stance.verb]}`
    : `The oracle backbone has no length feature: it sees details and filler apart (weights ${fmt(rm.params[1], 3)} and ${fmt(rm.params[4], 3)}), so length cannot be paid for.`;
  return h("p", {class: "rlhf-rm-reading"}, `${ceiling} The calibration plot compares the RM's σ(r_a − r_b) with how often the labelers actually chose a on held-out prompts. ${length}`);
}

/** Issue-9 callout: the frozen backbone is this page's simplification, not how RMs are trained. */
export function frozenBackboneCallout(rm: RmSnapshot, ceiling: {surface: number; oracle: number}): HTMLElement {
  return misconception({
    claim: "A reward model is a frozen pretrained network with a trained scalar head.",
    truth: "That is this page's simplification. InstructGPT trains the whole 6B reward model, initialised from the SFT model with its unembedding removed; TRL's RewardTrainer fine-tunes every weight of an AutoModelForSequenceClassification (num_labels=1) unless you pass a PEFT config.",
    evidence: `A frozen backbone caps what any head can learn. Even a head fitted by least squares to the hidden utility itself ranks the held-out responses with Spearman ${fmt(ceiling.surface, 3)} on the surface features (${fmt(ceiling.oracle, 3)} on the oracle's); the head trained here reaches ${fmt(rm.spearmanHeld, 3)}. Training the backbone is how a real RM learns the features it is missing.`,
    source: "Ouyang et al. 2022, arXiv:2203.02155, §3.5; huggingface/trl, trl/trainer/reward_trainer.py"
  });
}

/** The RM-size callout with the head's parameter count. */
export function rmSizeCallout(rm: RmSnapshot, nResponses: number): HTMLElement {
  return misconception({
    claim: "The reward model is as big as the policy.",
    truth: "InstructGPT used one 6B reward model for every policy size, up to 175B; 175B RM training “could be unstable”.",
    evidence: `Here the RM head has ${rm.params.length} trainable numbers (${rm.features.length} weights and a bias) on a frozen backbone, while the policy has ${nResponses} logits, one per candidate.`,
    source: "Ouyang et al. 2022, arXiv:2203.02155, §3.5"
  });
}

/** PPO's line: β, step, reward, utility (and its peak so far), KLs and the clipped fraction. */
export function ppoLine(beta: number, s: PolicySnapshot<PpoRecord>): HTMLElement {
  const last = s.history.at(-1)!;
  const peak = s.history.reduce((a, x) => (x.utility > a.utility ? x : a));
  return line(`β = ${beta} · step ${last.step}: RM reward `, b(fmt(last.reward, 3)), " · true utility ", b(fmt(last.utility, 3)), ` (its peak so far: ${fmt(peak.utility, 3)} at step ${peak.step}) · KL(π‖π_SFT) ${fmt(last.kl, 3)} · KL(π‖π*) ${fmt(last.klToOptimum, 4)} · clipped ratios: ${fmt(100 * (s.history[1]?.clipFraction ?? 0), 1)}% at step 1, ${fmt(100 * last.clipFraction, 1)}% now`);
}

/** Best-of-n's and DPO's numbers under the section-5 chart. */
export function alternativesLine(n: number, bon: BonPoint, dpo: DpoRecord | undefined): HTMLElement {
  return line(`Best-of-${n}: KL ${fmt(bon.kl, 3)} (formula ${fmt(bon.formula, 3)}) · RM reward ${fmt(bon.reward, 3)} · true utility ${fmt(bon.utility, 3)}`, ...(dpo ? [` · DPO step ${dpo.step}: loss ${fmt(dpo.loss, 3)}, pair accuracy ${fmt(dpo.accuracy, 3)}, KL ${fmt(dpo.kl, 3)}, true utility `, b(fmt(dpo.utility, 3))] : []));
}

/** Which curves of the reward–KL chart lie above (computed on π*'s frontier, the chart's solid curves). */
export function curveOrderSentence(front: FrontierPoint[]): string {
  const above = whichAbove(front.map((f) => f.reward), front.map((f) => f.utility));
  const mean = (k: "reward" | "utility") => fmt(front.reduce((a, f) => a + f[k], 0) / front.length, 2);
  if (above === "crossing") return `The RM's reward and the hidden utility cross along π*'s curve (mean ${mean("reward")} and ${mean("utility")}), all against the same KL to π_SFT.`;
  const [upper, lower] = above === "a" ? ["the RM's reward", "the hidden utility"] : ["the hidden utility", "the RM's reward"];
  return `The upper curves are ${upper} (π*'s mean ${above === "a" ? mean("reward") : mean("utility")}), the lower ones ${lower} (${above === "a" ? mean("utility") : mean("reward")}), all against the same KL to π_SFT: the two are on different scales (the RM's is only defined up to a constant), so compare their shapes, not their heights.`;
}

/** KL-to-which-model callout. */
export function klCallout(klToSft: number, klToBase: number): HTMLElement {
  return misconception({
    claim: "The KL penalty keeps the policy close to the pretrained base model.",
    truth: "In InstructGPT the penalty is to the SFT policy, per token. It is a reverse KL, KL(π‖π_SFT), estimated on the policy's own samples.",
    evidence: `The policy above is ${fmt(klToSft, 3)} nats from π_SFT, the thing the penalty controls, but ${fmt(klToBase, 3)} nats from the base model (θ = 0); nothing in the objective holds it there.`,
    source: "Ouyang et al. 2022, arXiv:2203.02155, §3.5, eq. 2"
  });
}

/**
 * DPO-needs-a-reference callout: keeps DPO's implicit reward log(π/π_SFT) and swaps the reference
 * for the uniform base model, π' ∝ π_base·π/π_SFT, then measures how far the policy moves.
 */
export function dpoReferenceCallout(space: Space, pi: Float64Array, piSft: Float64Array, piBase: Float64Array): HTMLElement {
  const swapped = softmaxPerPrompt(space, Float64Array.from(pi, (q, i) => Math.log(piBase[i]) + Math.log(q / piSft[i])));
  const [klSwap, utility, utilitySwapped] = [meanKL(space, swapped, pi), meanExpectation(space, pi, space.utility), meanExpectation(space, swapped, space.utility)];
  return misconception({
    claim: "DPO needs no reference model.",
    truth: "DPO drops the reward model, not the reference: π_ref appears in every term of its loss, and the policy it learns is π_ref·exp(r̂/β)/Z.",
    evidence: `Keep the implicit reward DPO learned here and swap π_ref = π_SFT for the uniform base model: the policy moves by KL ${fmt(klSwap, 3)} nats and its true utility goes from ${fmt(utility, 3)} to ${fmt(utilitySwapped, 3)}.`,
    source: "Rafailov et al. 2023, arXiv:2305.18290, §4, eq. 7; huggingface/trl, trl/trainer/dpo_config.py (beta 0.1, loss “sigmoid”)"
  });
}

/** The notes' definition of rejection sampling against best-of-n, with the exact sampler's acceptance rate. */
export function rejectionCallout(o: {beta: number; acceptance: number; n: number; bonKlToStar: number; bonTopMass: number}): HTMLElement {
  return misconception({
    claim: "Rejection sampling means throwing away the outputs the reward model scores low (and InstructGPT used it).",
    truth: "Rejection sampling is an exact sampler: draw y ~ π_SFT and accept it with probability exp((r(y) − max r)/β); the accepted draws follow π* exactly. Best-of-n, which WebGPT uses at inference and Llama 2 calls rejection-sampling fine-tuning, keeps the best of n draws: no score threshold, and its distribution is not π*. InstructGPT used neither: it trained with PPO.",
    evidence: `At β = ${o.beta} the exact sampler accepts ${fmt(100 * o.acceptance, 1)}% of draws (mean over prompts). Best-of-${o.n} instead puts ${fmt(100 * o.bonTopMass, 1)}% of its mass on each prompt's top-reward candidate and sits ${fmt(o.bonKlToStar, 3)} nats (KL) from π*.`,
    source: "von Neumann 1951 (Bishop, PRML §11.1.2); Nakano et al. 2021 (WebGPT), arXiv:2112.09332, §3.2; Touvron et al. 2023 (Llama 2), arXiv:2307.09288, §3.2.3; Ouyang et al. 2022, §3.5"
  });
}

/** The sentence under the evaluation table: the policy the RM flatters most. */
export function flatterySentence(rows: {policy: string; winRm: number; winTrue: number}[]): string {
  const gap = rows.reduce((a, x) => (x.winRm - x.winTrue > a.winRm - a.winTrue ? x : a));
  const d = gap.winRm - gap.winTrue;
  if (d <= 0) return `Here no policy wins more often by the RM than by the hidden utility (largest gap ${fmt(100 * d, 1)} points, ${gap.policy}).`;
  return `The RM is the judge the policy was optimised against, so it flatters: ${gap.policy} wins ${fmt(100 * gap.winRm, 1)}% of comparisons by the RM but ${fmt(100 * gap.winTrue, 1)}% by the hidden utility. Evaluating with the training reward model hides over-optimisation; evaluate with fresh judges.`;
}
