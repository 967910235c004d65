// The SFT page's figures: rendered chat text with the trained spans marked, token chips with ids and labels,
// per-token losses, attention-mask matrices, and the training charts. Every piece of reader text is set
// with textContent (never parsed as HTML). Logic lives in labs/sft/; these only draw.
import * as Plot from "@observablehq/plot";
import {fmt, palette, plotDefaults} from "../kit/chart-style.js";
import {notice} from "../kit/callouts.js";
import {IGNORE_INDEX} from "../../labs/sft/policies.js";
import type {CharSpan, Labelled} from "../../labs/sft/labels.js";
import type {TrainSnapshot, Variant} from "../../labs/sft/train.js";

const TRAINED = "color-mix(in srgb, #3ca951 28%, transparent)";
const MASKED = "color-mix(in srgb, #9498a0 14%, transparent)";

function el<K extends keyof HTMLElementTagNameMap>(tag: K, style = "", text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (style) node.style.cssText = style;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Makes control characters visible in a token chip: newline as ↵, tab as ⇥, leading space as ␣. */
export function visible(text: string): string {
  return text.replace(/\n/g, "↵").replace(/\t/g, "⇥").replace(/^ /, "␣");
}

/** The rendered chat as preformatted text; characters inside `spans` are highlighted (the trained part). */
export function RenderedChat(text: string, spans: readonly CharSpan[]): HTMLElement {
  const pre = el("pre", "white-space: pre-wrap; word-break: break-word; font-size: 13px; line-height: 1.5; padding: 0.6rem; border: 1px solid var(--theme-foreground-faintest); border-radius: 6px; max-width: 100%;");
  pre.className = "sft-rendered";
  let at = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    if (s.start > at) pre.append(document.createTextNode(text.slice(at, s.start)));
    const mark = el("mark", `background: ${TRAINED}; color: inherit;`, text.slice(Math.max(at, s.start), s.end));
    pre.append(mark);
    at = Math.max(at, s.end);
  }
  if (at < text.length) pre.append(document.createTextNode(text.slice(at)));
  return pre;
}

/** Token chips: text, id and label (id or −100), green where the loss counts. Optional per-token losses. */
export function TokenChips(l: Pick<Labelled, "tokens" | "labels">, options: {losses?: readonly number[]; max?: number} = {}): HTMLElement {
  const {losses, max = 400} = options;
  const root = el("div", "display: flex; flex-wrap: wrap; gap: 3px; font: 12px var(--monospace); margin: 0.4rem 0;");
  root.className = "sft-tokens";
  l.tokens.slice(0, max).forEach((t, i) => {
    const on = l.labels[i] !== IGNORE_INDEX;
    const chip = el("div", `display: grid; grid-template-rows: auto auto auto${losses ? " auto" : ""}; padding: 2px 4px; border-radius: 4px; border: 1px solid ${on ? "#3ca951" : "var(--theme-foreground-faintest)"}; background: ${on ? TRAINED : MASKED}; min-width: 1.6em; text-align: center;`);
    chip.title = `token ${i}: ${JSON.stringify(t.text)} id ${t.id}${t.special ? " (special)" : ""}; label ${l.labels[i]}`;
    chip.append(el("span", `font-weight: ${t.special ? 700 : 400}; white-space: pre;`, visible(t.text)), el("span", "color: var(--theme-foreground-muted); font-size: 10px;", String(t.id)), el("span", `font-size: 10px; color: ${on ? "inherit" : "var(--theme-foreground-muted)"};`, String(l.labels[i])));
    if (losses) chip.append(el("span", "font-size: 10px;", i === 0 ? "—" : fmt(losses[i], 2)));
    root.append(chip);
  });
  if (l.tokens.length > max) root.append(el("span", "", `… ${l.tokens.length - max} more tokens`));
  return root;
}

/** Query × key attention mask drawn as a grid: filled = may attend; colours by example of the query. */
export function MaskMatrix(mask: Uint8Array, segment: Int32Array, {width, title}: {width: number; title: string}): Element {
  const n = segment.length;
  const cells: {i: number; j: number; seg: number; cross: boolean}[] = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (mask[i * n + j]) cells.push({i, j, seg: segment[i], cross: segment[i] !== segment[j]});
  const size = Math.min(width, 320);
  return Plot.plot({
    width: size,
    height: size,
    marginLeft: 40,
    marginBottom: 36,
    title,
    x: {label: "key position →", domain: Array.from({length: n}, (_, k) => k), tickFormat: (k: number) => (k % 5 === 0 ? String(k) : "")},
    y: {label: "↑ query position", domain: Array.from({length: n}, (_, k) => k), tickFormat: (k: number) => (k % 5 === 0 ? String(k) : "")},
    color: {domain: [false, true], range: [palette[0], palette[2]], legend: true, tickFormat: (c: boolean) => (c ? "crosses into another example" : "within its example")},
    marks: [Plot.cell(cells, {x: "j", y: "i", fill: "cross", inset: 0.5, title: (d) => `query ${d.i} → key ${d.j}${d.cross ? " (another example)" : ""}`})]
  }) as Element;
}

const VARIANT_NAME: Record<Variant, string> = {masked: "masked (assistant only)", full: "full sequence"};

/** Training loss of both models, each on its own objective, per step. */
export function TrainLossChart(s: TrainSnapshot, {width}: {width: number}): Element {
  const rows = s.trainHistory.flatMap((h) => [
    {step: h.step, loss: h.masked, model: VARIANT_NAME.masked},
    {step: h.step, loss: h.full, model: VARIANT_NAME.full}
  ]);
  return Plot.plot({
    ...plotDefaults(width, 240),
    x: {label: "step", domain: [0, Math.max(10, s.steps)]},
    y: {label: "training loss (nats)", zero: true},
    color: {domain: Object.values(VARIANT_NAME), range: [palette[0], palette[2]], legend: true},
    marks: [Plot.line(rows, {x: "step", y: "loss", stroke: "model", z: "model"})]
  }) as Element;
}

/** Held-out-style check on fixed chats: loss on the answers and on the user's questions, both models. */
export function EvalChart(s: TrainSnapshot, {width}: {width: number}): Element {
  const rows = s.evals.flatMap((e) =>
    (["masked", "full"] as Variant[]).flatMap((v) => [
      {step: e.step, loss: e.answer[v], model: VARIANT_NAME[v], part: "assistant answers"},
      {step: e.step, loss: e.question[v], model: VARIANT_NAME[v], part: "user questions"}
    ])
  );
  return Plot.plot({
    ...plotDefaults(width, 260),
    x: {label: "step", domain: [0, Math.max(10, s.steps)]},
    y: {label: "mean loss on these tokens (nats)", zero: true},
    color: {domain: Object.values(VARIANT_NAME), range: [palette[0], palette[2]], legend: true},
    fx: {label: null},
    marks: [Plot.line(rows, {x: "step", y: "loss", stroke: "model", z: "model", fx: "part", marker: "dot", title: (d) => `${d.model}, ${d.part}, step ${d.step}: ${fmt(d.loss, 3)}`})]
  }) as Element;
}

/** Side-by-side greedy samples of both models. */
export function Samples(s: TrainSnapshot): HTMLElement {
  const root = el("div", "display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 0.8rem; font: 13px var(--sans-serif);");
  root.className = "sft-samples";
  for (const v of ["masked", "full"] as Variant[]) {
    const card = el("div", "border: 1px solid var(--theme-foreground-faintest); border-radius: 6px; padding: 0.5rem 0.7rem;");
    card.dataset.variant = v;
    card.append(el("strong", "", VARIANT_NAME[v]));
    card.append(el("div", "margin-top: 0.3rem; color: var(--theme-foreground-muted);", "answers “What is the symbol of Iron?” with"));
    card.append(el("pre", "white-space: pre-wrap; overflow-wrap: anywhere; margin: 0.2rem 0; font-size: 12px;", s.samples.answer[v] || "(nothing)"));
    card.append(el("div", "color: var(--theme-foreground-muted);", "continues “<|im_start|>user↵” with"));
    card.append(el("pre", "white-space: pre-wrap; overflow-wrap: anywhere; margin: 0.2rem 0; font-size: 12px;", s.samples.question[v] || "(nothing)"));
    root.append(card);
  }
  return root;
}

/** Bad input: the message in place of the figure. */
export function failure(error: unknown): HTMLElement {
  return notice(error instanceof Error ? error.message : String(error));
}
