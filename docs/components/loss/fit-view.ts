// The Gaussian KL fit as one figure for the kit's liveChart: p with the forward and reverse q side by
// side, a table of μ, σ and both KLs, and the objectives per step. A pure render of one snapshot; the
// kit patches it into the drawn one, so a redraw while the run goes changes a few attributes.
import * as d3 from "d3";
import {mixtureMoments, type Mixture} from "../../labs/loss/gaussian.js";
import {checkFitConfig, type KlFitConfig, type KlFitSnapshot} from "../../labs/loss/kl-objective.js";
import {fmt, palette} from "../kit/chart-style.js";
import {fmtRound, mixtureCurve} from "./charts.js";

type Point = {x: number; y: number};
export interface FitSetup {
  curve: Point[]; // p on the drawing grid
  domain: [number, number];
  sds: number[]; // the modes' σ (for the y scale)
  moments: {mean: number; variance: number};
}
/** What the figure needs of a config: p's curve on a domain wide enough for p and the forward optimum. Throws InputError for a bad config. */
export function fitSetup(config: KlFitConfig): FitSetup & {mixture: Mixture} {
  checkFitConfig(config);
  const {mixture} = config;
  const moments = mixtureMoments(mixture);
  const half = Math.max(...mixture.means.map((m, i) => Math.abs(m) + 5 * mixture.sds[i]));
  const reach = Math.max(half, 3 * Math.sqrt(moments.variance));
  const domain: [number, number] = [-reach, reach];
  return {mixture, moments, domain, sds: mixture.sds, curve: mixtureCurve(mixture, domain)};
}

const W = 460;
const H = 220;
const M = {top: 26, right: 12, bottom: 28, left: 44};

function panel(s: KlFitSnapshot, setup: FitSetup, side: "forward" | "reverse", title: string, color: string): SVGSVGElement {
  const {curve, domain} = setup;
  const pMax = d3.max(curve, (d) => d.y) ?? 1;
  const yMax = Math.max(pMax, 1 / (Math.min(...setup.sds) * Math.sqrt(2 * Math.PI))) * 1.15;
  const x = d3.scaleLinear().domain(domain).range([M.left, W - M.right]);
  const y = d3.scaleLinear().domain([0, yMax]).range([H - M.bottom, M.top]);
  const f = s[side];
  const norm = 1 / (f.sd * Math.sqrt(2 * Math.PI));
  const q = curve.map((d) => ({x: d.x, y: norm * Math.exp(-0.5 * ((d.x - f.mu) / f.sd) ** 2)}));
  const svg = d3.create("svg").attr("viewBox", `0 0 ${W} ${H}`).attr("class", `loss-fit-${side}`).attr("role", "img")
    .attr("aria-label", `${title}: q has μ = ${fmtRound(f.mu, 3)}, σ = ${fmtRound(f.sd, 3)}`)
    .style("width", "100%").style("height", "auto").attr("font-family", "var(--sans-serif)").attr("font-size", 14);
  svg.append("clipPath").attr("id", `clip-${side}`).append("rect").attr("x", M.left).attr("y", M.top).attr("width", W - M.left - M.right).attr("height", H - M.top - M.bottom);
  svg.append("g").attr("transform", `translate(0,${H - M.bottom})`).call(d3.axisBottom(x).ticks(6)).attr("font-size", 13);
  svg.append("g").attr("transform", `translate(${M.left},0)`).call(d3.axisLeft(y).ticks(4)).attr("font-size", 13);
  svg.append("text").attr("x", M.left).attr("y", 15).attr("font-weight", 600).attr("font-size", 16).attr("fill", "currentColor").text(title);
  svg.append("path").attr("d", d3.area<Point>().x((d) => x(d.x)).y0(y(0)).y1((d) => y(d.y))(curve)).attr("fill", palette[0]).attr("fill-opacity", 0.25).attr("stroke", palette[0]);
  svg.append("path").attr("d", d3.line<Point>().x((d) => x(d.x)).y((d) => y(d.y))(q)).attr("fill", "none").attr("stroke", color).attr("stroke-width", 2.5).attr("clip-path", `url(#clip-${side})`);
  svg.append("line").attr("stroke", color).attr("stroke-dasharray", "3,3").attr("y1", y(0)).attr("y2", M.top)
    .attr("x1", x(f.mu)).attr("x2", x(f.mu)).attr("visibility", f.mu >= domain[0] && f.mu <= domain[1] ? "visible" : "hidden");
  svg.append("text").attr("x", W - M.right - 4).attr("y", M.top + 10).attr("text-anchor", "end").attr("font-size", 15).attr("fill", "currentColor").text(`μ = ${fmtRound(f.mu, 3)}, σ = ${fmtRound(f.sd, 3)}`);
  return svg.node()!;
}

function table(s: KlFitSnapshot, setup: FitSetup): HTMLTableElement {
  const t = document.createElement("table");
  t.className = "loss-fit-table";
  const row = (cls: string, cells: [string, string?][]) => {
    const tr = t.insertRow();
    if (cls) tr.className = cls;
    for (const [text, c] of cells) {
      const td = tr.insertCell();
      td.textContent = text;
      if (c) td.className = c;
    }
  };
  const head = t.createTHead().insertRow();
  for (const [text, c] of [[`step ${s.step}`, "fit-step"], ["μ"], ["σ"], ["KL(p‖q)"], ["KL(q‖p)"]]) {
    const th = document.createElement("th");
    th.textContent = text;
    if (c) th.className = c;
    head.append(th);
  }
  const f = s.forward;
  const r = s.reverse;
  row("fit-forward", [["forward fit"], [fmtRound(f.mu, 3), "mu"], [fmt(f.sd, 3), "sd"], [fmt(f.klPQ, 4), "kl-objective klpq"], [fmt(f.klQP, 4), "klqp"]]);
  row("fit-reverse", [["reverse fit"], [fmtRound(r.mu, 3), "mu"], [fmt(r.sd, 3), "sd"], [fmt(r.klPQ, 4), "klpq"], [fmt(r.klQP, 4), "kl-objective klqp"]]);
  row("", [["moment matching"], [fmtRound(setup.moments.mean, 3)], [fmt(Math.sqrt(setup.moments.variance), 3)], ["the forward optimum, in closed form"]]);
  (t.rows[t.rows.length - 1].cells[3] as HTMLTableCellElement).colSpan = 2;
  return t;
}

/** The objectives per step: x over all steps, y from 0 to the starting values; lines clipped. */
function history(s: KlFitSnapshot, width: number): SVGSVGElement {
  const HW = Math.max(300, width);
  const HH = 190;
  const svg = d3.create("svg").attr("viewBox", `0 0 ${HW} ${HH}`).attr("class", "loss-fit-history").attr("role", "img")
    .attr("aria-label", "the objectives KL(p‖q) of the forward fit and KL(q‖p) of the reverse fit per step")
    .style("width", "100%").style("height", "auto").attr("font-family", "var(--sans-serif)").attr("font-size", 13);
  const h0 = s.history[0];
  const hx = d3.scaleLinear().domain([0, s.steps]).range([M.left + 10, HW - M.right]);
  const hy = d3.scaleLinear().domain([0, Math.max(h0?.forward ?? 0, h0?.reverse ?? 0, 1e-3) * 1.1]).range([HH - M.bottom, M.top + 8]);
  svg.append("clipPath").attr("id", "clip-history").append("rect").attr("x", M.left + 10).attr("y", M.top - 2).attr("width", HW - M.left - M.right).attr("height", HH - M.top - M.bottom + 4);
  svg.append("g").attr("transform", `translate(0,${HH - M.bottom})`).call(d3.axisBottom(hx).ticks(Math.max(2, Math.floor(HW / 110))));
  svg.append("g").attr("transform", `translate(${M.left + 10},0)`).call(d3.axisLeft(hy).ticks(4));
  svg.append("text").attr("x", HW - M.right).attr("y", HH - 2).attr("text-anchor", "end").attr("fill", "currentColor").text("step →");
  const legend = svg.append("text").attr("x", M.left + 10).attr("y", 12).attr("fill", "currentColor");
  legend.append("tspan").text("↑ nats  ");
  legend.append("tspan").attr("fill", palette[2]).text("━ forward: KL(p‖q)  ");
  legend.append("tspan").attr("fill", palette[3]).text("━ reverse: KL(q‖p)");
  const finite = s.history.filter((h) => Number.isFinite(h.forward) && Number.isFinite(h.reverse));
  for (const [key, color] of [["forward", palette[2]], ["reverse", palette[3]]] as const) {
    svg.append("path").attr("fill", "none").attr("stroke", color).attr("stroke-width", 2).attr("clip-path", "url(#clip-history)")
      .attr("d", d3.line<(typeof finite)[number]>().x((h) => hx(h.step)).y((h) => hy(h[key]))(finite));
  }
  return svg.node()!;
}

/** The whole fit figure for one snapshot, `width` px wide. */
export function FitView(s: KlFitSnapshot, setup: FitSetup, width: number): HTMLElement {
  const root = document.createElement("div");
  root.className = "loss-fit";
  const grid = document.createElement("div");
  grid.className = "grid grid-cols-2";
  grid.append(panel(s, setup, "forward", "forward: minimise KL(p‖q)", palette[2]), panel(s, setup, "reverse", "reverse: minimise KL(q‖p)", palette[3]));
  const scroll = document.createElement("div");
  scroll.className = "lab-scroll";
  scroll.append(table(s, setup));
  const note = document.createElement("p");
  note.className = "loss-note";
  note.textContent = `Both fits start from the same seeded μ = ${fmtRound(s.init.mu, 3)}, σ = ${fmt(s.init.sd, 3)}; KL values in nats; the objective each fit minimises is in bold.`;
  root.append(grid, scroll, note, history(s, width));
  return root;
}
