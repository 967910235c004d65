// Live charts: figures that redraw in place while a run trains, and the frame helper runs use.

/** Resolves after the next frame, in a task of its own (not inside the animation-frame callback, which every other callback of that frame shares). */
export const nextFrame = (): Promise<void> => new Promise((resolve) => (typeof requestAnimationFrame === "function" ? requestAnimationFrame(() => setTimeout(resolve, 0)) : setTimeout(resolve, 0)));

// Pending redraws of every live chart on the page, run one per task and one per frame, so neither a
// task nor the browser's rendering step after it handles more than one chart's changes.
const queue: (() => void)[] = [];
let pumping = false;
function pump(): void {
  if (pumping) return;
  const next = queue.shift();
  if (!next) return;
  pumping = true;
  setTimeout(() => {
    try {
      next();
    } finally {
      // A chart that fails to draw (its error reaches the console) must not stop the others.
      requestAnimationFrame(() => {
        pumping = false;
        pump();
      });
    }
  }, 0);
}

export type LiveChart<T> = HTMLDivElement & {
  /** Redraws with new data in a task of its own, soon; several calls before then draw once, with the last data. */
  update(data: T): void;
};

/**
 * A chart that stays in the page and redraws in place while a run trains:
 *   display(liveChart((s, width) => LossCurve(s.history, {width}), {source: follow(run), initial, invalidation})); Framework's resize()
 * renders inside a ResizeObserver callback, i.e. in the browser's rendering step, so every chart
 * whose cell re-ran since the last frame draws in one long task, and each re-run also swaps a fresh,
 * empty div into the page (two layouts of everything below it). Instead, the cell that creates this
 * element does not depend on the live data; another cell calls update(data). Updates render one at a
 * time in tasks of their own (one per frame, see pump()), at the width a ResizeObserver last reported (no forced layout). The new
 * chart is built detached and patched into the drawn one (see patch()): a redraw of the same chart
 * with new data changes a few path and text attributes instead of inserting hundreds of nodes, so
 * the browser restyles, lays out and paints almost nothing. Once drawn, the box's height is fixed
 * and size + layout containment make it a relayout boundary; a new height (a legend that wraps) is adopted
 * when the chart reports it. Charts drawn this way use `title` tooltips, which patch like any other
 * attribute, not Plot's interactive `tip`, whose listeners would keep the first drawing's data.
 */
export interface LiveChartOptions<T> {
  /** Drawn first (e.g. a snapshot precomputed at build time). */
  initial?: T;
  /** Values to draw as they come, typically follow(run) (kit follow.ts); closed on invalidation. */
  source?: AsyncIterable<T>;
  /** Framework's `invalidation`: stops observing sizes and closes the source. */
  invalidation?: Promise<unknown>;
}

export function liveChart<T>(render: (data: T, width: number) => Element, options: LiveChartOptions<T> = {}): LiveChart<T> {
  const {initial, source, invalidation} = options;
  const root = document.createElement("div") as unknown as LiveChart<T>;
  root.className = "lab-live-chart";
  let data = initial;
  let width = 0;
  let scheduled = false;
  let disposed = false;
  const heights = new ResizeObserver(([entry]) => {
    // The drawn element's height with its margins (e.g. a paragraph's), which stay inside the box.
    const style = getComputedStyle(entry.target);
    const h = Math.ceil((entry.borderBoxSize?.[0]?.blockSize ?? entry.contentRect.height) + parseFloat(style.marginTop) + parseFloat(style.marginBottom));
    if (h > 0 && root.style.height !== `${h}px`) {
      root.style.height = `${h}px`;
      root.style.contain = "size layout style"; // not paint: Plot's labels may overflow the chart's box
    }
  });
  const draw = () => {
    scheduled = false;
    if (disposed || data === undefined || width <= 0) return;
    const chart = render(data, width);
    const old = root.firstElementChild;
    if (old && old.nodeName === chart.nodeName) return patch(old, chart);
    heights.disconnect();
    root.replaceChildren(chart);
    heights.observe(chart);
  };
  const widths = new ResizeObserver(([entry]) => {
    const w = Math.floor(entry.contentRect.width);
    if (w === width) return;
    width = w;
    draw();
  });
  widths.observe(root);
  root.update = (next: T) => {
    data = next;
    if (scheduled || disposed) return;
    scheduled = true;
    queue.push(draw);
    pump();
  };
  const iterator = source?.[Symbol.asyncIterator]();
  if (iterator) {
    (async () => {
      for (let r = await iterator.next(); !r.done && !disposed; r = await iterator.next()) root.update(r.value);
    })();
  }
  invalidation?.then(() => {
    widths.disconnect();
    heights.disconnect();
    disposed = true;
    void iterator?.return?.();
  });
  return root;
}

/**
 * Makes `old` (in the page) equal to `next` (detached): same attributes, text and children, reusing
 * every old node whose tag matches at the same position and moving in the new node elsewhere.
 */
export function patch(old: Element, next: Element): void {
  for (const {name, value} of Array.from(next.attributes)) if (old.getAttribute(name) !== value) old.setAttribute(name, value);
  // role is kept: the site adds role="group" to Plot's labelled groups after they are drawn (scripts/postbuild.ts).
  for (const {name} of Array.from(old.attributes)) if (!next.hasAttribute(name) && name !== "role") old.removeAttribute(name);
  const children = Array.from(next.childNodes);
  children.forEach((n, i) => {
    const o = old.childNodes[i];
    if (!o) old.append(n);
    else if (o.nodeType !== n.nodeType || o.nodeName !== n.nodeName) old.replaceChild(n, o);
    else if (o.nodeType === Node.ELEMENT_NODE) {
      if (!o.isEqualNode(n)) patch(o as Element, n as Element); // a native check skips unchanged axes, legends, styles
    }
    else if (o.nodeValue !== n.nodeValue) o.nodeValue = n.nodeValue;
  });
  while (old.childNodes.length > children.length) old.lastChild!.remove();
}
