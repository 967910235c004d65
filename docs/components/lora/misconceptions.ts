// The LoRA page's misconception callouts, each refuted by numbers the page computed (passed in) and
// citing its primary source. Formulas are written in Unicode here; the page's prose carries the TeX.
import {misconception} from "../kit/callouts.js";
import {fmt} from "../kit/chart-style.js";
import {energyRank} from "../../labs/lora/linalg.js";
import {initLora, kaimingUniformBound, loraScale} from "../../labs/lora/lora.js";
import {stream} from "../../labs/kit/random.js";
import type {SimSnapshot} from "../../labs/lora/simulate.js";
import type {QuantView} from "./figures.js";
import {best, el} from "./figures.js";

const code = (text: string) => el("code", "", text);
const last = (xs: number[]) => xs[xs.length - 1];
const done = (s: SimSnapshot | undefined): s is SimSnapshot => !!s && Array.isArray(s.models) && s.models.length > 0 && s.step >= s.steps;

export function loadIn4bit(q: QuantView, dqBits: number, plainBits: number): HTMLElement {
  const rel = (scheme: string) => (q.ok ? q.rows.find((o) => o.scheme === scheme)!.stats.relativeFrobenius : NaN);
  return misconception({
    claim: "“load_in_4bit=True is QLoRA.”",
    truth: el("span", "", "BitsAndBytesConfig defaults to FP4, no double quantization and float32 compute. QLoRA needs ", code(`bnb_4bit_quant_type="nf4"`), ", ", code("bnb_4bit_use_double_quant=True"), " and ", code("bnb_4bit_compute_dtype=torch.bfloat16"), "."),
    evidence: `On this page's Gaussian weights, FP4's relative error is ${fmt(rel("fp4"), 4)} vs NF4's ${fmt(rel("nf4"), 4)}; without DQ the constants cost ${fmt(plainBits - 4, 3)} bits/param instead of ${fmt(dqBits - 4, 3)}.`,
    source: "Dettmers et al. 2023, QLoRA (arXiv:2305.14314) §3; huggingface/transformers src/transformers/utils/quantization_config.py (BitsAndBytesConfig defaults)"
  });
}

/** Also a liveChart render function: (snapshot, width) with the width unused. */
export function computesIn4bit(q: SimSnapshot | undefined): HTMLElement {
  const ok = !!q && Array.isArray(q.models) && q.models.length > 0;
  return misconception({
    claim: "“QLoRA computes with 4-bit weights.”",
    truth: "The weights are stored in NF4 and dequantized to bf16 for every matmul. Gradients flow through them into the adapters only.",
    evidence: `The NF4 base used above differs from W₀ by ${ok ? fmt(q!.baseError, 4) : "—"} in squared Frobenius norm: that is the error of dequantized storage, not of 4-bit arithmetic. Trainable numbers there: ${ok ? q!.models[0].trainable : "—"} (r = 2) of ${64 * 64}.`,
    source: "Dettmers et al. 2023, QLoRA (arXiv:2305.14314) §3, doubleDequant to BF16"
  });
}

export function peftInit(seed: number): HTMLElement {
  const std = (init: "kaiming" | "gaussian") => {
    const w = initLora({d: 64, k: 64, r: 8, alpha: 8}, stream(seed, "init-demo"), init);
    return Math.sqrt(w.A.data.reduce((s, v) => s + v * v, 0) / w.A.data.length);
  };
  return misconception({
    claim: "“PEFT initializes A with a Gaussian, like the paper.”",
    truth: el("span", "", "PEFT's default is ", code("kaiming_uniform_(A, a=√5)"), ", uniform on ±1/√k, and B = 0. ", code(`init_lora_weights="gaussian"`), " gives a normal with std 1/r."),
    evidence: `For k = 64, r = 8: the sampled Kaiming A has std ${fmt(std("kaiming"), 4)} (theory ${fmt(kaimingUniformBound(64) / Math.sqrt(3), 4)}), the Gaussian option ${fmt(std("gaussian"), 4)} (theory ${fmt(1 / 8, 4)}).`,
    source: "huggingface/peft src/peft/tuners/lora/layer.py (reset_lora_parameters); Hu et al. 2021 (arXiv:2106.09685) §4.1"
  });
}

/** Past r*, a larger rank fits noise: measured against the clean signal S, not the noisy target. */
export function higherRank(s: SimSnapshot | undefined, rStar: number): HTMLElement {
  let evidence = `Run the simulation to the end to see the errors. With α = 8, the scale is ${fmt(loraScale(8, 1), 2)} at r = 1 and ${fmt(loraScale(8, 64), 3)} at r = 64.`;
  if (done(s)) {
    const adapters = s.models.filter((m) => m.r !== null);
    const clean = best(adapters, (m) => last(m.signalErrors));
    const largest = adapters[adapters.length - 1];
    const noisyWinner = best(adapters, (m) => last(m.losses));
    const verdict = largest === clean
      ? `here the largest rank, ${largest.label}, is also closest to S (${fmt(last(largest.signalErrors), 4)}): with r* = ${rStar} the extra ranks still find signal.`
      : `${largest.label} is further from S (${fmt(last(largest.signalErrors), 4)}) than ${clean.label} (${fmt(last(clean.signalErrors), 4)}), although its loss against the noisy target is ${last(largest.losses) < last(clean.losses) ? "lower" : "not lower"} (${fmt(last(largest.losses), 4)} vs ${fmt(last(clean.losses), 4)}): the extra ranks fit noise.`;
    evidence = `Here r* = ${rStar}. Against the noisy target the best adapter is ${noisyWinner.label}. Against the clean signal S, ${verdict} With α = 8, the scale is ${fmt(loraScale(8, 1), 2)} at r = 1 and ${fmt(loraScale(8, 64), 3)} at r = 64.`;
  }
  return misconception({
    claim: "“Higher r is always better, and α does not matter.”",
    truth: "Past the intrinsic rank, a larger r only fits noise; and the update is scaled by α/r, so α and r together set the step size.",
    evidence: el("span", "higher-rank-evidence", evidence),
    source: "Hu et al. 2021 (arXiv:2106.09685) §4.1 (scaling α/r), §7 (rank of ΔW)"
  });
}

export function notesFormula(s: SimSnapshot | undefined): HTMLElement {
  return misconception({
    claim: el("span", "", "The notes write the adapter as ", code("y = W x + alpha(A(B(x)))"), "."),
    truth: "It is y = W₀x + (α/r)·BAx: the scale is α/r, not α; A (r × k) acts first and starts random, and B (d × r) starts at zero, so the model is unchanged at step 0.",
    evidence: `With α = 16 and r = 8, the notes' scale is 16 instead of ${fmt(loraScale(16, 8), 1)}, ${fmt(16 / loraScale(16, 8), 0)}× too large. The measured output change at step 0 in section 1: ${s && Array.isArray(s.models) && s.models.length ? fmt(s.initialOutputChange, 6) : "—"}.`,
    source: "Hu et al. 2021 (arXiv:2106.09685) §4.1, eq. (3); microsoft/LoRA loralib/layers.py (Linear.forward)"
  });
}

/** LoRA's hypothesis is about the update ΔW, not the fine-tuned matrix W₀ + ΔW. */
export function lowRankMatrices(s: SimSnapshot | undefined): HTMLElement {
  const ok = !!s && Array.isArray(s.wStarSingular) && s.wStarSingular.length > 0;
  const n = ok ? s!.wStarSingular.length : 0;
  const evidence = ok
    ? `In section 1, ΔW puts 95% of its energy (Σσᵢ²) in ${energyRank(s!.dWSingular, 0.95)} of its ${n} directions; the fine-tuned matrix W₀ + ΔW needs ${energyRank(s!.wStarSingular, 0.95)}, and its smallest singular value is ${fmt(s!.wStarSingular[n - 1], 4)}, not 0: it has full rank ${n}. Its top singular values ${s!.wStarSingular.slice(0, 3).map((v) => fmt(v, 3)).join(", ")} against ΔW's ${s!.dWSingular.slice(0, 3).map((v) => fmt(v, 3)).join(", ")}.`
    : "—";
  return misconception({
    claim: "The notes: “fine-tuned models have low-rank weight matrices.”",
    truth: "LoRA's hypothesis is that the update ΔW has a low intrinsic rank. The weights W₀ + ΔW of a fine-tuned model are as full-rank as the pretrained ones.",
    evidence: el("span", "low-rank-evidence", evidence),
    source: "Hu et al. 2021 (arXiv:2106.09685) §4.1 and §7.2–7.3; Aghajanyan et al. 2020 (arXiv:2012.13255)"
  });
}
