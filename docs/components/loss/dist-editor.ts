// The distribution editor: bars of softmax(z / T) that the reader drags, a logit text box and a
// probability text box. Its value is the logits as Parsed<number[]>; a bad entry gives {ok: false}
// and a message in place of the bars. Redraws itself, so a drag survives the page's reactivity.
import * as d3 from "d3";
import type {Parsed} from "../../labs/kit/params.js";
import {logitsFor, setProbability, softmax} from "../../labs/loss/categorical.js";
import {formatLogits, parseLogits, parseProbabilities, tidyLogits} from "../../labs/loss/text.js";
import {notice} from "../kit/callouts.js";

export type DistEditor = HTMLElement & {value: Parsed<number[]>; text: string};

export function distEditor(options: {name: string; K: number; temperature: number; logits: number[]; color: string; width?: number}): DistEditor {
  const {name, K, temperature, color} = options;
  const width = options.width ?? 320;
  const height = 170;
  const margin = {top: 10, right: 6, bottom: 22, left: 34};
  const root = document.createElement("div") as unknown as DistEditor;
  root.className = `loss-editor loss-editor-${name}`;
  let logits = options.logits.slice();
  let value: Parsed<number[]> = {ok: true, value: logits};
  let text = formatLogits(logits);

  const title = document.createElement("div");
  title.className = "loss-editor-title";
  title.innerHTML = `<strong>${name}</strong> = softmax(z<sub>${name}</sub> / T) · drag a bar`;
  const chartBox = document.createElement("div");
  const svg = d3.create("svg").attr("width", width).attr("height", height).attr("viewBox", `0 0 ${width} ${height}`).style("touch-action", "none");
  const x = d3.scaleBand<number>().domain(d3.range(K)).range([margin.left, width - margin.right]).padding(0.15);
  const y = d3.scaleLinear().domain([0, 1]).range([height - margin.bottom, margin.top]);
  svg.append("g").attr("transform", `translate(${margin.left},0)`).call(d3.axisLeft(y).ticks(4)).attr("font-size", 10);
  svg.append("g").attr("transform", `translate(0,${height - margin.bottom})`).call(d3.axisBottom(x).tickFormat((i) => String(i + 1)).tickSizeOuter(0)).attr("font-size", K > 12 ? 8 : 10);
  const bars = svg.append("g").attr("fill", color);
  const labels = svg.append("g").attr("font-size", 9).attr("text-anchor", "middle").attr("font-family", "var(--sans-serif)");
  chartBox.append(svg.node()!);

  const field = (label: string, cls: string) => {
    const wrap = document.createElement("label");
    wrap.className = `loss-field ${cls}`;
    const span = document.createElement("span");
    span.innerHTML = label;
    const input = document.createElement("input");
    input.type = "text";
    input.spellcheck = false;
    wrap.append(span, input);
    return {wrap, input};
  };
  const logitField = field(`logits z<sub>${name}</sub>`, "loss-logits");
  logitField.input.setAttribute("aria-label", `logits of ${name}`);
  const probField = field("or probabilities", "loss-probs");
  probField.input.setAttribute("aria-label", `probabilities of ${name}`);
  const message = document.createElement("div");

  const probs = () => Array.from(softmax(logits, temperature));
  const draw = () => {
    const p = probs();
    bars.selectAll("rect").data(p).join("rect")
      .attr("x", (_, i) => x(i)!)
      .attr("width", x.bandwidth())
      .attr("y", (d) => y(d))
      .attr("height", (d) => y(0) - y(d))
      .attr("cursor", "ns-resize");
    labels.selectAll("text").data(p).join("text")
      .attr("x", (_, i) => x(i)! + x.bandwidth() / 2)
      .attr("y", (d) => y(d) - 2)
      .text((d) => (K <= 10 ? (d === 0 ? "0" : d.toFixed(2)) : ""));
  };
  const showError = (error: string) => {
    value = {ok: false, error};
    message.replaceChildren(notice(error));
    chartBox.style.display = "none";
  };
  const showOk = () => {
    value = {ok: true, value: logits.slice()};
    message.replaceChildren();
    chartBox.style.display = "";
    draw();
  };
  const emit = () => root.dispatchEvent(new Event("input", {bubbles: true}));
  const syncFields = (except?: HTMLInputElement) => {
    text = formatLogits(logits);
    if (except !== logitField.input) logitField.input.value = text;
    if (except !== probField.input) probField.input.value = probs().map((v) => +v.toFixed(3)).join(", ");
  };

  logitField.input.addEventListener("input", (event) => {
    event.stopPropagation();
    text = logitField.input.value;
    const parsed = parseLogits(text, K, name);
    if (!parsed.ok) showError(parsed.error);
    else {
      logits = parsed.value;
      showOk();
      syncFields(logitField.input);
    }
    emit();
  });
  probField.input.addEventListener("change", (event) => {
    event.stopPropagation();
    const parsed = parseProbabilities(probField.input.value, K, name);
    if (!parsed.ok) {
      text = probField.input.value;
      showError(parsed.error);
    } else {
      logits = tidyLogits(logitsFor(parsed.value, temperature));
      showOk();
      syncFields();
    }
    emit();
  });
  probField.input.addEventListener("input", (event) => event.stopPropagation());

  // Drag a bar: set that class's probability, rescale the others, write back logits T·log p.
  const dragTo = (event: {x: number; y: number}, i: number) => {
    let v = Math.max(0, Math.min(1, y.invert(event.y)));
    if (v < 0.003) v = 0;
    if (v > 0.997) v = 1;
    logits = tidyLogits(logitsFor(setProbability(probs(), i, v), temperature));
    if (logits.every((z) => z === -Infinity)) return;
    showOk();
    syncFields();
    emit();
  };
  svg.call(
    d3.drag<SVGSVGElement, undefined>()
      .container(svg.node()!)
      .subject((event) => ({x: event.x, y: event.y}))
      .on("start drag", (event) => {
        const i = Math.floor((event.x - margin.left) / x.step());
        if (i >= 0 && i < K) dragTo(event, i);
      })
  );

  Object.defineProperty(root, "value", {get: () => value, set: () => {}});
  Object.defineProperty(root, "text", {get: () => text});
  root.append(title, chartBox, message, logitField.wrap, probField.wrap);
  syncFields();
  showOk();
  return root;
}
