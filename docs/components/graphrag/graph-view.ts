// The entity graph on a canvas: nodes sized by mentions and coloured by community, edges by weight,
// zoom and pan with d3-zoom, the nearest node under the pointer named in a tooltip, and a click (or Enter
// on the focused canvas) selecting that node's community. Created once per layout; update() recolours it
// for another level or draws a search path without losing the reader's zoom.
import * as d3 from "d3";
import {base64ToFloats} from "../../labs/kit/base64.js";
import type {Layout} from "../../labs/graphrag/layout.js";
import {palette} from "../kit/chart-style.js";

export interface GraphStyle {
  membership: Record<string, number>; // entity id → community id at the shown level
  titles: Map<number, string>; // community id → title (its most central entities)
  path?: {nodes: string[]; edges: Array<[string, string]>}; // a search's traversal, drawn on top
  fresh?: Set<string>; // entities added by the last document, ringed
}

export interface Selection {
  entity: string;
  community: number;
}

export interface GraphView extends HTMLElement {
  value: Selection | null;
  update(style: GraphStyle): void;
}

const GREY = "#b5b8bf";
let views = 0; // datalist ids must be unique on the page

/** Colours for the 9 largest communities among drawn nodes; the rest share grey. */
function colours(layout: Layout, membership: Record<string, number>): Map<number, string> {
  const size = new Map<number, number>();
  for (const id of layout.ids) size.set(membership[id], (size.get(membership[id]) ?? 0) + 1);
  const top = [...size].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, 9);
  return new Map(top.map(([c], i) => [c, palette[i]]));
}

/** A layout as JSON carries it (floats in base64 from the build, plain arrays from the worker) → typed arrays. */
export function decodeLayout(l: {ids: string[]; x: string | ArrayLike<number>; y: string | ArrayLike<number>; links: ArrayLike<number>; weights: ArrayLike<number>}): Layout {
  const floats = (v: string | ArrayLike<number>) => (typeof v === "string" ? base64ToFloats(v) : Float32Array.from(v));
  return {ids: l.ids, x: floats(l.x), y: floats(l.y), links: Int32Array.from(l.links), weights: Float32Array.from(l.weights)};
}

export function graphView(layout: Layout, names: Record<string, string>, mentions: Record<string, number>, width: number, style: GraphStyle): GraphView {
  const height = Math.round(Math.min(560, Math.max(320, width * 0.7)));
  const ratio = globalThis.devicePixelRatio || 1;
  const root = document.createElement("figure") as unknown as GraphView;
  root.className = "gr-graph";
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  canvas.tabIndex = 0;
  canvas.setAttribute("role", "img");
  const tip = document.createElement("div");
  tip.className = "gr-tip";
  tip.hidden = true;
  const legend = document.createElement("figcaption");
  legend.className = "gr-legend";
  // Keyboard and screen-reader route to the same selection as a click: find an entity by name.
  const find = document.createElement("label");
  find.className = "gr-find";
  const box = document.createElement("input");
  box.type = "search";
  box.setAttribute("list", `gr-names-${++views}`);
  box.placeholder = "e.g. Iraq";
  const list = document.createElement("datalist");
  list.id = `gr-names-${views}`;
  for (const id of [...layout.ids].sort((a, b) => (mentions[b] ?? 0) - (mentions[a] ?? 0))) list.append(new Option(names[id] ?? id));
  const found = document.createElement("span");
  found.className = "gr-found";
  found.setAttribute("role", "status");
  find.append(document.createTextNode("find an entity "), box, list, found);
  root.append(find, canvas, tip, legend);
  const ctx = canvas.getContext("2d")!;

  const n = layout.ids.length;
  const index = new Map(layout.ids.map((id, i) => [id, i]));
  const radius = Float32Array.from(layout.ids, (id) => 1 + 1.1 * Math.log2(1 + (mentions[id] ?? 1))); // log: "America" has 1,101 mentions
  // Frame the middle 90% of nodes: a few loosely tied entities drift far out and would shrink the rest.
  const span = (v: Float32Array) => {
    const lo = d3.quantile(v, 0.05)!, hi = d3.quantile(v, 0.95)!, pad = 0.15 * (hi - lo);
    return [lo - pad, hi + pad];
  };
  const [x0, x1] = span(layout.x);
  const [y0, y1] = span(layout.y);
  const fit = Math.min((width - 20) / Math.max(1, x1 - x0), (height - 20) / Math.max(1, y1 - y0));
  const home = d3.zoomIdentity.translate(width / 2, height / 2).scale(fit).translate(-(x0 + x1) / 2, -(y0 + y1) / 2);
  let transform = home;
  let current = style;
  let fill = colours(layout, style.membership);
  const labelled = [...layout.ids].sort((a, b) => (mentions[b] ?? 0) - (mentions[a] ?? 0)).slice(0, 40);
  const quadtree = d3.quadtree<number>().x((i) => layout.x[i]).y((i) => layout.y[i]).addAll(d3.range(n));
  root.value = null;

  function draw(): void {
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    ctx.save();
    ctx.translate(transform.x, transform.y);
    ctx.scale(transform.k, transform.k);
    const px = 1 / transform.k;
    ctx.strokeStyle = "rgba(120,120,130,0.18)";
    for (let e = 0; e < layout.weights.length; e++) {
      ctx.lineWidth = Math.min(4, 0.4 + Math.log2(layout.weights[e])) * px;
      ctx.beginPath();
      ctx.moveTo(layout.x[layout.links[2 * e]], layout.y[layout.links[2 * e]]);
      ctx.lineTo(layout.x[layout.links[2 * e + 1]], layout.y[layout.links[2 * e + 1]]);
      ctx.stroke();
    }
    const selected = root.value?.community;
    for (let i = 0; i < n; i++) {
      const c = current.membership[layout.ids[i]];
      ctx.globalAlpha = selected === undefined || c === selected ? 1 : 0.25;
      ctx.fillStyle = fill.get(c) ?? GREY;
      ctx.beginPath();
      ctx.arc(layout.x[i], layout.y[i], radius[i] * Math.max(px, 0.35), 0, 2 * Math.PI);
      ctx.fill();
    }
    ctx.globalAlpha = 1;
    if (current.path) {
      ctx.strokeStyle = "#d62728";
      ctx.lineWidth = 2.5 * px;
      for (const [s, t] of current.path.edges) {
        const a = index.get(s);
        const b = index.get(t);
        if (a === undefined || b === undefined) continue;
        ctx.beginPath();
        ctx.moveTo(layout.x[a], layout.y[a]);
        ctx.lineTo(layout.x[b], layout.y[b]);
        ctx.stroke();
      }
    }
    const ringed = [...(current.path?.nodes ?? []), ...(current.fresh ?? []), ...(root.value ? [root.value.entity] : [])];
    ctx.strokeStyle = "#111";
    ctx.lineWidth = 1.5 * px;
    for (const id of ringed) {
      const i = index.get(id);
      if (i === undefined) continue;
      ctx.beginPath();
      ctx.arc(layout.x[i], layout.y[i], (radius[i] + 2.5) * Math.max(px, 0.35), 0, 2 * Math.PI);
      ctx.stroke();
    }
    ctx.restore();
    ctx.font = "11px var(--sans-serif), sans-serif";
    ctx.fillStyle = "#222";
    // Path and selected names first, then the most mentioned; a label that would overlap a placed one is skipped.
    const named = new Set([...(current.path?.nodes ?? []), ...(root.value ? [root.value.entity] : []), ...labelled]);
    const placed: Array<[number, number, number, number]> = [];
    for (const id of named) {
      const i = index.get(id);
      if (i === undefined) continue;
      const [sx, sy] = transform.apply([layout.x[i], layout.y[i]]);
      const text = names[id] ?? id;
      const box: [number, number, number, number] = [sx + 4, sy - 15, sx + 4 + ctx.measureText(text).width, sy - 2];
      if (box[0] < 0 || box[1] < 0 || box[2] > width || box[3] > height) continue;
      if (placed.some((b) => box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3])) continue;
      placed.push(box);
      ctx.fillStyle = "rgba(255,255,255,0.75)";
      ctx.fillRect(box[0] - 1, box[1], box[2] - box[0] + 2, box[3] - box[1] + 2);
      ctx.fillStyle = "#222";
      ctx.fillText(text, sx + 4, sy - 4);
    }
  }

  function describe(): void {
    const count = new Set(layout.ids.map((id) => current.membership[id])).size;
    canvas.setAttribute("aria-label", `Entity graph: ${n.toLocaleString("en-US")} entities and ${layout.weights.length.toLocaleString("en-US")} co-occurrence edges in ${count} communities. Largest entities: ${labelled.slice(0, 8).map((id) => names[id] ?? id).join(", ")}.`);
    legend.replaceChildren();
    for (const [c, colour] of fill) {
      const item = document.createElement("span");
      const swatch = document.createElement("i");
      swatch.style.background = colour;
      item.append(swatch, document.createTextNode(current.titles.get(c) ?? `community ${c}`));
      legend.append(item);
    }
  }

  function nodeAt(event: MouseEvent | PointerEvent): number | undefined {
    const [mx, my] = d3.pointer(event, canvas);
    const [gx, gy] = transform.invert([mx, my]);
    return quadtree.find(gx, gy, 12 / transform.k);
  }

  function select(i: number | undefined): void {
    root.value = i === undefined ? null : {entity: layout.ids[i], community: current.membership[layout.ids[i]]};
    draw();
    root.dispatchEvent(new Event("input", {bubbles: true}));
  }

  const zoom = d3.zoom<HTMLCanvasElement, unknown>().scaleExtent([fit * 0.5, fit * 40]).on("zoom", (event) => {
    transform = event.transform;
    draw();
  });
  d3.select(canvas).call(zoom).call(zoom.transform, home).on("dblclick.zoom", null);
  canvas.addEventListener("pointermove", (event) => {
    const i = nodeAt(event);
    tip.hidden = i === undefined;
    if (i === undefined) return;
    const id = layout.ids[i];
    tip.textContent = `${names[id] ?? id} · ${mentions[id] ?? 0} mentions · ${current.titles.get(current.membership[id]) ?? ""}`;
    const [mx, my] = d3.pointer(event, root);
    tip.style.left = `${Math.min(mx + 12, width - 200)}px`;
    tip.style.top = `${my + 12}px`;
  });
  canvas.addEventListener("pointerleave", () => (tip.hidden = true));
  canvas.addEventListener("click", (event) => select(nodeAt(event)));
  box.addEventListener("change", () => {
    const wanted = box.value.trim().toLowerCase();
    const i = layout.ids.findIndex((id) => (names[id] ?? id).toLowerCase() === wanted || id === wanted);
    found.textContent = i < 0 && wanted ? ` No drawn entity is named “${box.value.trim()}”: only entities mentioned at least twice are drawn.` : "";
    select(i < 0 ? undefined : i);
  });
  canvas.addEventListener("keydown", (event) => {
    // Keyboard: Enter selects the largest entity's community; Escape clears the selection.
    if (event.key === "Enter") select(index.get(labelled[0]));
    if (event.key === "Escape") select(undefined);
  });

  root.update = (next: GraphStyle) => {
    current = next;
    fill = colours(layout, next.membership);
    const before = root.value?.community;
    if (root.value) root.value = {entity: root.value.entity, community: next.membership[root.value.entity]};
    describe();
    draw();
    if (root.value && root.value.community !== before) root.dispatchEvent(new Event("input", {bubbles: true}));
  };
  describe();
  draw();
  return root;
}
