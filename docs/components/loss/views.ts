// The loss page's text figures and callouts, each computed from the values it quotes (its words too:
// a direction, a comparison or "one mode" is decided by the numbers beside it). DOM only; the numbers
// come from labs/loss/. Sources are cited in each callout.
import {html} from "htl";
import {kl, perplexity, toUnits, type Measures, type Units} from "../../labs/loss/categorical.js";
import {compareLossScale} from "../../labs/loss/loss-scale.js";
import {modeOf, type KlFitSnapshot} from "../../labs/loss/kl-objective.js";
import type {Mixture} from "../../labs/loss/gaussian.js";
import {optimalLogitGap, sameLossSituations, smoothingPerplexity} from "../../labs/loss/smoothing.js";
import {misconception, notice, predict} from "../kit/callouts.js";
import {fmt} from "../kit/chart-style.js";
import {setUrlValue} from "../kit/url-state.js";
import {fmtRound} from "./charts.js";

const inUnits = (units: Units) => (nats: number, digits = 3) => fmt(toUnits(nats, units), digits);

/** The five measures in a row (classes v-hp … for tests). */
export function valuesLine(m: Measures, units: Units): HTMLElement {
  const u = inUnits(units);
  return html`<div class="loss-values">
  <span>H(p) = <b class="v-hp">${u(m.Hp)}</b></span>
  <span>H(q) = <b class="v-hq">${u(m.Hq)}</b></span>
  <span>H(p, q) = <b class="v-ce">${u(m.CEpq)}</b></span>
  <span>KL(p‖q) = <b class="v-klpq">${u(m.KLpq)}</b></span>
  <span>KL(q‖p) = <b class="v-klqp">${u(m.KLqp)}</b></span>
  <span>${units}</span></div>`;
}

export function perplexityLine(m: Measures, K: number): HTMLElement {
  return html`<p class="loss-ppl">Perplexity of p: <b class="v-ppl">${fmt(perplexity(m.Hp), 3)}</b> (out of K = ${K});
  scored with q instead: e<sup>H(p,q)</sup> = <b>${fmt(perplexity(m.CEpq), 3)}</b>.
  H(p) is ${fmt(m.Hp, 4)} nats = ${fmt(toUnits(m.Hp, "bits"), 4)} bits.</p>`;
}

/** The button that drops the link's p and q, so the editors start again from the seed. */
export function redrawButton(): HTMLElement & {value: number} {
  const button = html`<button type="button" class="loss-redraw">Draw p and q from the seed</button>` as HTMLButtonElement;
  const root = html`<div class="loss-redraw-row">${button}</div>` as HTMLElement & {value: number};
  root.value = 0;
  button.addEventListener("click", () => {
    setUrlValue("p", null);
    setUrlValue("q", null);
    root.value++;
    root.dispatchEvent(new Event("input", {bubbles: true}));
  });
  return root;
}

export function ceIsNotKl(m: Measures, units: Units): HTMLElement {
  const u = inUnits(units);
  return misconception({
    claim: "Cross-entropy and KL divergence are the same thing.",
    truth: "They differ by H(p). They have the same minimiser over q only because H(p) does not depend on q.",
    evidence: m.Hp > 0
      ? html`Here H(p, q) = ${u(m.CEpq)} but KL(p‖q) = ${u(m.KLpq)} ${units}: the gap is H(p) = ${u(m.Hp)}. Even a perfect model (q = p) has cross-entropy ${u(m.Hp)}, not 0.`
      : html`Here p is certain, so H(p) = 0 and H(p, q) = KL(p‖q) = ${u(m.KLpq)} ${units}: the two coincide only for such data. Give p some spread above and they part by H(p).`,
    source: "Cover & Thomas, Elements of Information Theory (2nd ed.), §2.3; Goodfellow, Bengio & Courville, Deep Learning, §3.13."
  });
}

export function zeroQuiz(): HTMLElement {
  const p = [0.99, 0.01];
  const q = [1, 0];
  const forward = kl(p, q);
  const reverse = kl(q, p);
  const f = Number.isFinite(forward);
  const r = Number.isFinite(reverse);
  return predict({
    question: "q gives probability 0 to a class that p gives probability 0.01 (p = [0.99, 0.01], q = [1, 0]). What are KL(p‖q) and KL(q‖p)?",
    choices: ["both finite", "KL(p‖q) = ∞, KL(q‖p) finite", "KL(p‖q) finite, KL(q‖p) = ∞", "both ∞"],
    answer: f && r ? 0 : !f && r ? 1 : f && !r ? 2 : 3,
    reveal: html`KL(p‖q) = ${fmt(forward)}: p puts mass where q has none, and log(0.01/0) is infinite. KL(q‖p) = ${fmt(reverse, 4)} nats: the class where q is 0 contributes 0·log 0 = 0. Try it above: type <code>-inf</code> as one of q's logits.`
  });
}

export function sameLoss(m: Measures, K: number, units: Units): HTMLElement {
  const u = inUnits(units);
  const ce = m.CEpq;
  if (!(ce > 0 && Number.isFinite(ce))) return notice(`The cross-entropy here is ${fmt(ce)}; make it a positive finite number to compare situations.`, "info");
  const {perfect, poor} = sameLossSituations(ce, K);
  return html`<div class="loss-same">Your H(p, q) is <b>${u(ce)}</b> ${units}. Two other ways to get exactly that number:
  <ul>
  ${perfect ? html`<li><b>A perfect model of noisy data</b> (K = ${perfect.K}): p = [${Array.from(perfect.p.slice(0, 4), (v) => fmt(v, 3)).join(", ")}${perfect.K > 4 ? ", …" : ""}] and q = p. H(p) = ${u(perfect.Hp)}, KL = 0. Nothing left to learn.</li>` : html`<li>No perfect model reaches it: an entropy that high needs more than 100,000 classes.</li>`}
  <li><b>A poor model of certain data</b> (K = ${poor.K}): the answer is always class 1, but q gives it only ${fmt(poor.q[0], 3)}. H(p) = 0, KL = ${u(poor.KL)}. All of the loss is error.</li>
  </ul>Your own pair splits it as H(p) = ${u(m.Hp)} plus KL = ${u(m.KLpq)}.</div>`;
}

export function perplexityIsNotComparable(m: Measures): HTMLElement {
  // The same text of 4,000 bytes and the same total log-loss, cut into 1,000 or 1,500 tokens.
  const total = m.CEpq * 1000;
  const a = Math.exp(total / 1000);
  const b = Math.exp(total / 1500);
  return misconception({
    claim: "Perplexity is comparable across models.",
    truth: "Perplexity is per token, so it depends on the tokenizer. Compare bits per byte (or per character) instead.",
    evidence: Number.isFinite(total)
      ? html`Take a model whose loss is this page's H(p, q) = ${fmt(m.CEpq, 3)} nats per token on a 4,000-byte text cut into 1,000 tokens: perplexity <b class="v-ppl-a">${fmt(a, 3)}</b>. A tokenizer that cuts the same text into 1,500 tokens, with the same total log-loss, reports perplexity ${fmt(b, 3)}${a === b ? "" : a > b ? ", lower" : ", higher"}. Bits per byte are ${fmt(total / Math.LN2 / 4000, 4)} in both cases.`
      : html`This page's H(p, q) is infinite, and so is every perplexity; make q nonzero wherever p is to compare tokenizers.`,
    source: html`Hugging Face Transformers documentation, “Perplexity of fixed-length models” (huggingface/transformers, docs/source/en/perplexity.md): tokenization directly affects perplexity.`
  });
}

/** The notes' "the loss value has no relevance to weight updates", against SGD and Adam runs on this page's p. */
export function lossScaleMatters(p: number[], scale = 10): HTMLElement {
  const options = {scale, lr: 0.1, steps: 30};
  const sgd = compareLossScale(p, {...options, optimizer: "sgd"});
  const adam = compareLossScale(p, {...options, optimizer: "adam"});
  const times = (r: number) => (Math.abs(r - 1) < 1e-4 ? `the same length (ratio ${r.toFixed(7)})` : `${fmt(r, 3)} times as long`);
  const ends = (a: number, b: number) => (Math.abs(a - b) < 1e-4 ? `the same loss (${fmt(a, 4)} and ${fmt(b, 4)} nats)` : `different losses (${fmt(a, 4)} and ${fmt(b, 4)} nats)`);
  return misconception({
    claim: "The loss value has no relevance to the weight updates.",
    truth: "Only the loss's gradient enters an update, so adding a constant to the loss changes nothing. Scaling it does: with plain SGD, a loss c times larger gives every update c times larger. Adam divides by the gradient's running size, so c almost cancels (only its small ε does not).",
    evidence: sgd.atOptimum
      ? html`This page's p is uniform, so a model that starts uniform is already at the optimum and no update moves; change p above to see the two optimizers differ.`
      : html`Fit logits to this page's p from a uniform start, learning rate ${options.lr}, for ${options.steps} steps, once with the loss and once with ${scale} × the loss. <b>SGD</b>: the first update is <b class="v-sgd-ratio">${times(sgd.firstStepRatio)}</b>, and the runs end at ${ends(sgd.lossPlain, sgd.lossScaled)}. <b>Adam</b>: the first update is <b class="v-adam-ratio">${times(adam.firstStepRatio)}</b>, and the runs end at ${ends(adam.lossPlain, adam.lossScaled)}.`,
    source: "Kingma & Ba 2015, “Adam: A Method for Stochastic Optimization” (arXiv:1412.6980), §2.1: the effective step is invariant to the scale of the gradients; Goodfellow, Bengio & Courville, Deep Learning, §8.3.1 (the SGD update)."
  });
}

// ---- the Gaussian fit ----

const onOneMode = (s: KlFitSnapshot, mixture: Mixture) => {
  const i = modeOf(s.reverse.mu, mixture);
  return i < 0 ? "between the modes, in a local minimum" : `on the ${i === 0 ? "left" : "right"} mode only`;
};

/** "Which fit ends with the larger σ?" The reveal quotes the finished build-time run while the controls equal its config. */
export function fitQuiz(setup: {mixture: Mixture; moments: {variance: number}}, built: KlFitSnapshot | undefined): HTMLElement {
  const {mixture} = setup;
  const sd = Math.sqrt(setup.moments.variance);
  const modeSd = mixture.sds[0];
  return predict({
    question: html`The modes sit at ${fmt(mixture.means[0], 2)} and ${fmt(mixture.means[1], 2)} with σ = ${fmt(modeSd, 2)} each. Which fit will end with the larger σ?`,
    choices: ["the forward fit, KL(p‖q)", "the reverse fit, KL(q‖p)", "about the same"],
    answer: sd > 1.1 * modeSd ? 0 : 2,
    reveal: html`The forward optimum matches moments, so its σ is the mixture's standard deviation, ${fmt(sd, 3)}, against ${fmt(modeSd, 3)} for one mode. The reverse fit shrinks toward a single mode's σ. ${built
      ? `The run shown below, computed when this site was built with these settings, ended at forward σ = ${fmt(built.forward.sd, 3)} and reverse σ = ${fmt(built.reverse.sd, 3)} (μ = ${fmtRound(built.reverse.mu, 3)}, ${onOneMode(built, mixture)}) after ${built.step} steps.`
      : "Press Start below to watch both."}`
  });
}

export function forwardIsNotModeSeeking(setup: {mixture: Mixture; moments: {variance: number}}, built: KlFitSnapshot | undefined): HTMLElement {
  const {mixture} = setup;
  return misconception({
    claim: "Forward KL is mode-seeking.",
    truth: "It is the reverse: KL(p‖q) is mass-covering (zero-avoiding), KL(q‖p) is mode-seeking (zero-forcing).",
    evidence: html`The forward optimum here has σ = ${fmt(Math.sqrt(setup.moments.variance), 3)}, against ${fmt(mixture.sds[0], 3)} for each mode at ${fmt(mixture.means[0], 2)} and ${fmt(mixture.means[1], 2)}. ${built
      ? `In the run above (computed at build time with these settings) the reverse fit ended at σ = ${fmt(built.reverse.sd, 3)}, μ = ${fmtRound(built.reverse.mu, 3)}: ${onOneMode(built, mixture)}, with KL(p‖q) = ${fmt(built.reverse.klPQ, 2)} against ${fmt(built.forward.klPQ, 3)} for the forward fit.`
      : "Run the fit above to see where the reverse fit settles."}`,
    source: "Bishop, Pattern Recognition and Machine Learning, §10.1.2 and Fig. 10.3."
  });
}

// ---- label smoothing ----

export function smoothingLine(K: number, eps: number, target: ArrayLike<number>, gap: number): HTMLElement {
  return html`<p>With K = ${K} and ε = ${eps}: the target gives the correct class ${fmt(target[0], 4)} and each other class ${fmt(target[1] ?? 0, 4)}; the loss is lowest at a logit gap of
<b class="v-gap">${fmt(gap, 3)}</b>${gap === Infinity ? " (no finite minimum without smoothing)" : ""}.</p>`;
}

export function smoothingRaisesPerplexity(K: number, eps: number, p: number[]): HTMLElement {
  const oneHot = Array.from({length: K}, (_, i) => (i === 0 ? 1 : 0));
  const certain = smoothingPerplexity(oneHot, eps);
  const mine = smoothingPerplexity(p, eps);
  const verb = (a: number, b: number) => (b > a ? "rises to" : b < a ? "falls to" : "stays at");
  return misconception({
    claim: "Label smoothing lowers perplexity.",
    truth: "It raises it: the smoothed optimum spreads probability onto wrong classes. Vaswani et al. (2017, ε = 0.1) report it “hurts perplexity … but improves accuracy and BLEU”.",
    evidence: html`On certain labels with K = ${K}, the best unsmoothed model has perplexity ${fmt(certain.optimum, 3)}; the best smoothed one (ε = ${eps}) ${verb(certain.optimum, certain.smoothed)} ${fmt(certain.smoothed, 4)}. On this page's p, the optimum's perplexity ${fmt(mine.optimum, 3)} ${verb(mine.optimum, mine.smoothed)} ${fmt(mine.smoothed, 3)}.`,
    source: "Szegedy et al. 2016, “Rethinking the Inception Architecture” (arXiv:1512.00567), §7; Vaswani et al. 2017, “Attention Is All You Need” (arXiv:1706.03762), §5.4."
  });
}

export function gapQuiz(): HTMLElement {
  const K = 10;
  const eps = 0.1;
  const gap = optimalLogitGap(K, eps);
  const choices = [Infinity, gap / 2, gap, 2 * gap];
  return predict({
    question: `Without smoothing the best logit gap is infinite. With ε = ${eps} and K = ${K}, where does gradient descent on the logits settle?`,
    choices: choices.map((g) => (g === Infinity ? "it still grows without bound" : `a gap of about ${fmt(g, 2)}`)),
    answer: choices.indexOf(gap),
    reveal: html`The minimiser is q = y', so the gap is log((1 − ε + ε/K)/(ε/K)) = log(${fmt((1 - eps + eps / K) / (eps / K), 0)}) = ${fmt(gap, 3)}. Set K = ${K} and ε = ${eps} above to see the dashed line there.`
  });
}
