// The distribution editor: a custom kit control (components/kit/controls.ts) over p's or q's logits.
// Bars of softmax(z / T) that the reader drags, a logit box and a probability box. Its value is the K
// logits; the link (?p=…) is read, reported and written by the kit from labs/loss/controls.ts's spec,
// and typed logits are read with the same spec (readControl), so link and box give the same messages.
// A box that does not parse shows why under it and keeps the last good logits.
import * as d3 from "d3";
import {readControl, type ListSpec} from "../../labs/kit/controls.js";
import {logitsFor, setProbability, softmax} from "../../labs/loss/categorical.js";
import {checkLogitCount, fitToK, logitSpec} from "../../labs/loss/controls.js";
import {parseProbabilities, tidyLogits} from "../../labs/loss/text.js";
import {notice} from "../kit/callouts.js";
import {control, type Control} from "../kit/controls.js";

const W = 320;
const H = 170;
const M = {top: 10, right: 6, bottom: 22, left: 34};

/** The editor of p ("p") or q ("q") over K classes at temperature T; pass it to view(). */
export function logitEditor(which: "p" | "q", options: {K: number; temperature: number; seed: number; color: string}): Control<ListSpec> {
  const {K, seed} = options;
  return control(logitSpec(which, K, seed), (spec, start) => build(spec, which, fitToK(start, K, spec.value), options));
}

function build(spec: ListSpec, which: "p" | "q", start: number[], {K, temperature, color}: {K: number; temperature: number; color: string}): Control<ListSpec> {
  const root = document.createElement("div") as unknown as Control<ListSpec>;
  root.className = `loss-editor loss-editor-${which}`;
  let logits = start;

  const title = document.createElement("div");
  title.className = "loss-editor-title";
  title.innerHTML = `<strong>${which}</strong> = softmax(z<sub>${which}</sub> / T) · drag a bar`;
  const svg = d3.create("svg").attr("viewBox", `0 0 ${W} ${H}`).attr("role", "img").attr("aria-label", `bar chart of ${which}; drag a bar to set its probability`)
    .style("width", "100%").style("max-width", `${W}px`).style("height", "auto").style("touch-action", "none");
  const x = d3.scaleBand<number>().domain(d3.range(K)).range([M.left, W - M.right]).padding(0.15);
  const y = d3.scaleLinear().domain([0, 1]).range([H - M.bottom, M.top]);
  svg.append("g").attr("transform", `translate(${M.left},0)`).call(d3.axisLeft(y).ticks(4)).attr("font-size", 10);
  svg.append("g").attr("transform", `translate(0,${H - M.bottom})`).call(d3.axisBottom(x).tickFormat((i) => String(i + 1)).tickSizeOuter(0)).attr("font-size", K > 12 ? 8 : 10);
  const bars = svg.append("g").attr("fill", color);
  const labels = svg.append("g").attr("font-size", 9).attr("text-anchor", "middle").attr("font-family", "var(--sans-serif)");

  const field = (label: string, cls: string, aria: string) => {
    const wrap = document.createElement("label");
    wrap.className = `loss-field ${cls}`;
    const span = document.createElement("span");
    span.innerHTML = label;
    const input = document.createElement("input");
    input.type = "text";
    input.spellcheck = false;
    input.setAttribute("aria-label", aria);
    wrap.append(span, input);
    return input;
  };
  const logitBox = field(`logits z<sub>${which}</sub>`, "loss-logits", `logits of ${which}`);
  const probBox = field("or probabilities", "loss-probs", `probabilities of ${which}`);
  const message = document.createElement("div");

  const probs = () => Array.from(softmax(logits, temperature));
  const draw = () => {
    const p = probs();
    bars.selectAll("rect").data(p).join("rect")
      .attr("x", (_, i) => x(i)!).attr("width", x.bandwidth())
      .attr("y", (d) => y(d)).attr("height", (d) => y(0) - y(d)).attr("cursor", "ns-resize");
    labels.selectAll("text").data(p).join("text")
      .attr("x", (_, i) => x(i)! + x.bandwidth() / 2).attr("y", (d) => y(d) - 2)
      .text((d) => (K <= 10 ? (d === 0 ? "0" : d.toFixed(2)) : ""));
  };
  const syncBoxes = (except?: HTMLInputElement) => {
    if (except !== logitBox) logitBox.value = logits.map((v) => (v === -Infinity ? "-inf" : String(v))).join(", ");
    if (except !== probBox) probBox.value = probs().map((v) => +v.toFixed(3)).join(", ");
  };
  /** New logits from the reader: redraw and tell the page (and the kit, which writes the link). */
  const accept = (next: number[], except?: HTMLInputElement) => {
    logits = next;
    message.replaceChildren();
    draw();
    syncBoxes(except);
    root.dispatchEvent(new Event("input", {bubbles: true}));
  };

  logitBox.addEventListener("input", (event) => {
    event.stopPropagation();
    const read = readControl(spec, logitBox.value);
    const checked = read.ok ? checkLogitCount(read.value as number[], K, which) : read;
    if (checked.ok) accept(checked.value, logitBox);
    else message.replaceChildren(notice(checked.error));
  });
  probBox.addEventListener("input", (event) => event.stopPropagation());
  probBox.addEventListener("change", (event) => {
    event.stopPropagation();
    const parsed = parseProbabilities(probBox.value, K, which);
    if (parsed.ok) accept(tidyLogits(logitsFor(parsed.value, temperature)));
    else message.replaceChildren(notice(parsed.error));
  });

  // Drag a bar: set that class's probability, rescale the others, write back logits T·log p.
  const dragTo = (event: {x: number; y: number}) => {
    const i = Math.floor((event.x - M.left) / x.step());
    if (i < 0 || i >= K) return;
    let v = Math.max(0, Math.min(1, y.invert(event.y)));
    if (v < 0.003) v = 0;
    if (v > 0.997) v = 1;
    const next = tidyLogits(logitsFor(setProbability(probs(), i, v), temperature));
    if (!next.every((z) => z === -Infinity)) accept(next);
  };
  svg.call(d3.drag<SVGSVGElement, undefined>().container(svg.node()!).subject((event) => ({x: event.x, y: event.y})).on("start drag", dragTo));

  Object.defineProperty(root, "value", {get: () => logits.slice(), set: (next: number[]) => accept(next)});
  root.append(title, svg.node()!, logitBox.parentElement!, probBox.parentElement!, message);
  draw();
  syncBoxes();
  return root;
}
