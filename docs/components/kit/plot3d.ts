// A 3-D figure with plotly.js where rotating a surface or a point cloud shows what a flat chart hides.
// The 2-D version (a Plot heatmap or scatter) is drawn first and stays as the fallback; plotly's
// gl3d bundle (1.75 MB) is fetched only when the figure scrolls into view, so a page pays nothing
// for a figure its reader never reaches. The text alternative carries the figure's key numbers.
// At most MAX_SCENES WebGL scenes live on a page: opening another closes the oldest (its 2-D view returns).
// plotly.js options used: displaylogo false (no link out), responsive sizing; Plotly.purge frees the context.

type Plotly = {
  newPlot(root: HTMLElement, data: object[], layout: object, config: object): Promise<unknown>;
  react(root: HTMLElement, data: object[], layout: object, config: object): Promise<unknown>;
  purge(root: HTMLElement): void;
  relayout(root: HTMLElement, update: object): Promise<unknown>;
};

export interface Figure3dOptions {
  /** plotly traces (surface, scatter3d) and the layout's scene; the kit adds size, fonts and colours. */
  traces: object[];
  scene: object;
  /** The 2-D version: first state, and what stays when WebGL is missing or the scene is closed. */
  fallback: (width: number) => Element;
  /** What the figure shows, with its key numbers, for screen readers and as a caption. */
  alt: string;
  height?: number;
  invalidation?: Promise<unknown>;
}

const MAX_SCENES = 2;
const live: {close(): void}[] = [];
let plotly: Promise<Plotly> | null = null;
const loadPlotly = () => (plotly ??= withReadbackHint(() => import("plotly.js-gl3d-dist-min")).then((m) => ((m as {default?: Plotly}).default ?? (m as unknown as Plotly))));

// plotly's gl3d renders axis text into a 2-D canvas and reads it back with getImageData, label by
// label; Chromium then warns on the console unless the context was made with willReadFrequently.
// 2-D contexts made while plotly loads or draws get that hint (nothing else changes; depth-counted
// so overlapping draws restore the original getContext exactly once).
let hinting = 0;
let originalGetContext: typeof HTMLCanvasElement.prototype.getContext | null = null;
async function withReadbackHint<T>(f: () => Promise<T>): Promise<T> {
  const proto = HTMLCanvasElement.prototype;
  if (hinting++ === 0) {
    const original = (originalGetContext = proto.getContext);
    proto.getContext = function (this: HTMLCanvasElement, kind: string, settings?: object) {
      return (original as (this: HTMLCanvasElement, kind: string, settings?: object) => RenderingContext | null).call(this, kind, kind === "2d" ? {willReadFrequently: true, ...settings} : settings);
    } as typeof proto.getContext;
  }
  try {
    return await f();
  } finally {
    if (--hinting === 0 && originalGetContext) proto.getContext = originalGetContext;
  }
}

/** Whether this browser can make a WebGL context (headless Chromium can, with software GL). */
export function hasWebGL(): boolean {
  try {
    const canvas = document.createElement("canvas");
    const gl = canvas.getContext("webgl2") ?? canvas.getContext("webgl");
    (gl as WebGLRenderingContext | null)?.getExtension("WEBGL_lose_context")?.loseContext();
    return gl !== null;
  } catch {
    return false;
  }
}

const FONT = {family: "system-ui, -apple-system, sans-serif", size: 12, color: "#1b1e23"};

/**
 * The figure: a <figure> with the 2-D fallback now and the 3-D scene once visible. It follows its
 * own width (call it once per data, not inside resize()), so a resize never makes a new scene.
 */
export function figure3d(options: Figure3dOptions): HTMLElement {
  const {traces, scene, fallback, alt, height = 440, invalidation} = options;
  let width = 0; // set by the first ResizeObserver report
  const root = document.createElement("figure");
  root.className = "lab-figure3d";
  const view = document.createElement("div");
  view.className = "lab-figure3d-view";
  // A group, not an img: the 3-D scene holds plotly's buttons, and an img may not contain controls (axe nested-interactive).
  view.setAttribute("role", "group");
  view.setAttribute("aria-label", alt);
  const caption = document.createElement("figcaption");
  caption.textContent = alt;
  const status = document.createElement("div");
  status.className = "lab-figure3d-status";
  let flat: Element = document.createElement("div");
  view.append(flat);
  root.append(view, status, caption);
  const drawFlat = () => {
    const next = fallback(width);
    if (flat.isConnected) flat.replaceWith(next);
    flat = next;
  };

  let disposed = false;
  let drawn = false;
  let container: HTMLElement | null = null;
  const handle = {
    close() {
      if (!drawn) return;
      drawn = false;
      const scene3d = container;
      container = null;
      if (scene3d) void loadPlotly().then((P) => P.purge(scene3d));
      view.replaceChildren(flat);
      status.replaceChildren(reopenButton());
    }
  };
  const reopenButton = () => {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = "Show in 3-D";
    b.addEventListener("click", () => void open());
    return b;
  };
  const open = async () => {
    if (disposed || drawn) return;
    if (!hasWebGL()) {
      status.textContent = "This browser has no WebGL, so the figure is shown flat.";
      return;
    }
    status.textContent = "Loading the 3-D view…";
    if (width <= 0) width = Math.floor(root.getBoundingClientRect().width) || 640;
    const P = await loadPlotly();
    if (disposed) return;
    while (live.length >= MAX_SCENES) live.shift()!.close();
    container = document.createElement("div");
    container.style.height = `${height}px`;
    view.replaceChildren(container);
    await withReadbackHint(() => P.newPlot(container!, traces, {
      width, height, margin: {l: 0, r: 0, t: 10, b: 0}, font: FONT, paper_bgcolor: "rgba(0,0,0,0)",
      scene: {...scene}, showlegend: traces.length > 1, legend: {x: 0, y: 1}
    }, {displaylogo: false, responsive: false, modeBarButtonsToRemove: ["toImage"]}));
    drawn = true;
    live.push(handle);
    status.replaceChildren();
    const flatButton = document.createElement("button");
    flatButton.type = "button";
    flatButton.textContent = "Show flat";
    flatButton.addEventListener("click", () => {
      const i = live.indexOf(handle);
      if (i >= 0) live.splice(i, 1);
      handle.close();
    });
    status.append(flatButton);
  };
  const sizes = new ResizeObserver(([entry]) => {
    const w = Math.floor(entry.contentRect.width);
    if (w <= 0 || w === width) return;
    width = w;
    if (container) void loadPlotly().then((P) => container && withReadbackHint(() => P.relayout(container!, {width})));
    else drawFlat();
  });
  sizes.observe(root);
  const seen = new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) {
      seen.disconnect();
      void open();
    }
  }, {rootMargin: "200px"});
  seen.observe(root);
  invalidation?.then(() => {
    disposed = true;
    seen.disconnect();
    sizes.disconnect();
    const i = live.indexOf(handle);
    if (i >= 0) live.splice(i, 1);
    handle.close();
  });
  return root;
}
