// The live view of the Gaussian KL fit: p with the forward and reverse q side by side, a table of μ, σ
// and both KLs, and the objectives per step. Built once per setting and updated in place on each of
// the run controller's "input" events, so a frame costs a few attribute writes, not a re-render.
import * as d3 from "d3";
import type {KlFitSnapshot} from "../../labs/loss/kl-objective.js";
import {fmt, palette} from "../kit/chart-style.js";

type Point = {x: number; y: number};
const W = 460;
const H = 220;
const M = {top: 26, right: 12, bottom: 28, left: 44};

function fmtRound(x: number, digits = 3): string {
  return fmt(Math.abs(x) < 0.5 * 10 ** -digits ? 0 : x, digits);
}

export function fitView(
  controller: HTMLElement & {value: KlFitSnapshot | undefined},
  setup: {curve: Point[]; domain: [number, number]; sds: number[]; moments: {mean: number; variance: number}}
): HTMLElement {
  const root = document.createElement("div");
  root.className = "loss-fit";
  const {curve, domain} = setup;
  const pMax = d3.max(curve, (d) => d.y) ?? 1;
  const yMax = Math.max(pMax, 1 / (Math.min(...setup.sds) * Math.sqrt(2 * Math.PI))) * 1.15;
  const x = d3.scaleLinear().domain(domain).range([M.left, W - M.right]);
  const y = d3.scaleLinear().domain([0, yMax]).range([H - M.bottom, M.top]);
  const line = d3.line<Point>().x((d) => x(d.x)).y((d) => y(d.y));
  const area = d3.area<Point>().x((d) => x(d.x)).y0(y(0)).y1((d) => y(d.y));

  const panel = (title: string, color: string, id: string) => {
    const svg = d3.create("svg").attr("viewBox", `0 0 ${W} ${H}`).attr("class", `loss-fit-${id}`).style("width", "100%").style("height", "auto").attr("font-family", "var(--sans-serif)").attr("font-size", 14);
    svg.append("clipPath").attr("id", `clip-${id}`).append("rect").attr("x", M.left).attr("y", M.top).attr("width", W - M.left - M.right).attr("height", H - M.top - M.bottom);
    svg.append("g").attr("transform", `translate(0,${H - M.bottom})`).call(d3.axisBottom(x).ticks(6)).attr("font-size", 13);
    svg.append("g").attr("transform", `translate(${M.left},0)`).call(d3.axisLeft(y).ticks(4)).attr("font-size", 13);
    svg.append("text").attr("x", M.left).attr("y", 15).attr("font-weight", 600).attr("font-size", 16).text(title);
    svg.append("path").attr("d", area(curve)).attr("fill", palette[0]).attr("fill-opacity", 0.25).attr("stroke", palette[0]);
    const q = svg.append("path").attr("fill", "none").attr("stroke", color).attr("stroke-width", 2.5).attr("clip-path", `url(#clip-${id})`);
    const mu = svg.append("line").attr("stroke", color).attr("stroke-dasharray", "3,3").attr("y1", y(0)).attr("y2", M.top);
    const label = svg.append("text").attr("x", W - M.right - 4).attr("y", M.top + 10).attr("text-anchor", "end").attr("font-size", 15);
    return {node: svg.node()!, q, mu, label};
  };
  const forward = panel("forward: minimise KL(p‖q)", palette[2], "forward");
  const reverse = panel("reverse: minimise KL(q‖p)", palette[3], "reverse");
  const grid = document.createElement("div");
  grid.className = "grid grid-cols-2";
  grid.append(forward.node, reverse.node);

  const table = document.createElement("table");
  table.className = "loss-fit-table";
  table.innerHTML = `<thead><tr><th class="fit-step">step 0</th><th>μ</th><th>σ</th><th>KL(p‖q)</th><th>KL(q‖p)</th></tr></thead>
  <tbody>
    <tr class="fit-forward"><td>forward fit</td><td class="mu"></td><td class="sd"></td><td class="kl-objective klpq"></td><td class="klqp"></td></tr>
    <tr class="fit-reverse"><td>reverse fit</td><td class="mu"></td><td class="sd"></td><td class="klpq"></td><td class="kl-objective klqp"></td></tr>
    <tr><td>moment matching</td><td>${fmtRound(setup.moments.mean, 3)}</td><td>${fmt(Math.sqrt(setup.moments.variance), 3)}</td><td colspan="2">the forward optimum, in closed form</td></tr>
  </tbody>`;
  const note = document.createElement("p");
  note.className = "loss-note";

  // Objectives per step: axes fixed at reset (x: all steps, y: the starting values), lines clipped.
  const HW = 920;
  const HH = 190;
  const hist = d3.create("svg").attr("viewBox", `0 0 ${HW} ${HH}`).attr("class", "loss-fit-history").style("width", "100%").style("height", "auto").attr("font-family", "var(--sans-serif)").attr("font-size", 14);
  const hx = d3.scaleLinear().range([M.left + 10, HW - M.right]);
  const hy = d3.scaleLinear().range([HH - M.bottom, M.top]);
  hist.append("clipPath").attr("id", "clip-history").append("rect").attr("x", M.left + 10).attr("y", M.top - 2).attr("width", HW - M.left - M.right).attr("height", HH - M.top - M.bottom + 4);
  const hxAxis = hist.append("g").attr("transform", `translate(0,${HH - M.bottom})`);
  const hyAxis = hist.append("g").attr("transform", `translate(${M.left + 10},0)`);
  hist.append("text").attr("x", HW - M.right).attr("y", HH - 2).attr("text-anchor", "end").text("step →");
  hist.append("text").attr("x", M.left + 10).attr("y", 12).call((t) => {
    t.text("↑ nats   ");
    t.append("tspan").attr("fill", palette[2]).text("━ forward fit: KL(p‖q)   ");
    t.append("tspan").attr("fill", palette[3]).text("━ reverse fit: KL(q‖p)");
  });
  const hForward = hist.append("path").attr("fill", "none").attr("stroke", palette[2]).attr("stroke-width", 2).attr("clip-path", "url(#clip-history)");
  const hReverse = hist.append("path").attr("fill", "none").attr("stroke", palette[3]).attr("stroke-width", 2).attr("clip-path", "url(#clip-history)");
  let scaledFor = -1;

  const cells = (row: string) => {
    const tr = table.querySelector(`.fit-${row}`)!;
    return {mu: tr.querySelector(".mu")!, sd: tr.querySelector(".sd")!, klpq: tr.querySelector(".klpq")!, klqp: tr.querySelector(".klqp")!};
  };
  const rows = {forward: cells("forward"), reverse: cells("reverse")};
  const stepCell = table.querySelector(".fit-step")!;

  const update = () => {
    const s = controller.value;
    if (!s) return;
    for (const [side, view] of [["forward", forward], ["reverse", reverse]] as const) {
      const f = s[side];
      const norm = 1 / (f.sd * Math.sqrt(2 * Math.PI));
      view.q.attr("d", line(curve.map((d) => ({x: d.x, y: norm * Math.exp(-0.5 * ((d.x - f.mu) / f.sd) ** 2)}))));
      view.mu.attr("x1", x(f.mu)).attr("x2", x(f.mu)).attr("visibility", f.mu >= domain[0] && f.mu <= domain[1] ? "visible" : "hidden");
      view.label.text(`μ = ${fmtRound(f.mu, 3)}, σ = ${fmtRound(f.sd, 3)}`);
      const r = rows[side];
      r.mu.textContent = fmtRound(f.mu, 3);
      r.sd.textContent = fmt(f.sd, 3);
      r.klpq.textContent = fmt(f.klPQ, 4);
      r.klqp.textContent = fmt(f.klQP, 4);
    }
    stepCell.textContent = `step ${s.step}`;
    note.textContent = `Both fits start from the same seeded μ = ${fmtRound(s.init.mu, 3)}, σ = ${fmt(s.init.sd, 3)}; KL values in nats; the objective each fit minimises is in bold.`;
    const h0 = s.history[0];
    if (h0 && scaledFor !== s.steps * 1e6 + h0.forward + h0.reverse) {
      scaledFor = s.steps * 1e6 + h0.forward + h0.reverse;
      hx.domain([0, s.steps]);
      hy.domain([0, Math.max(h0.forward, h0.reverse, 1e-3) * 1.1]);
      hxAxis.call(d3.axisBottom(hx).ticks(8)).attr("font-size", 13);
      hyAxis.call(d3.axisLeft(hy).ticks(4)).attr("font-size", 13);
    }
    const finite = s.history.filter((h) => Number.isFinite(h.forward) && Number.isFinite(h.reverse));
    hForward.attr("d", d3.line<(typeof finite)[number]>().x((h) => hx(h.step)).y((h) => hy(h.forward))(finite));
    hReverse.attr("d", d3.line<(typeof finite)[number]>().x((h) => hx(h.step)).y((h) => hy(h.reverse))(finite));
  };
  controller.addEventListener("input", update);
  update();
  root.append(grid, table, note, hist.node()!);
  return root;
}
