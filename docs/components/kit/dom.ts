// The one DOM helper components share: an element with text set through textContent (never HTML), so
// corpus and reader text can never become markup.

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}

/** A table with one header row (text only). */
export function headedTable(headers: readonly string[], className?: string): HTMLTableElement {
  const table = el("table", undefined, className);
  const head = el("tr");
  for (const h of headers) head.append(el("th", h));
  table.append(head);
  return table;
}

/** Wraps a wide figure in a labelled region that scrolls sideways on a phone and is reachable by keyboard. */
export function scrollRegion(child: HTMLElement, label: string): HTMLElement {
  const wrap = el("div", undefined, "lab-scroll");
  wrap.tabIndex = 0;
  wrap.setAttribute("role", "region");
  wrap.setAttribute("aria-label", label);
  wrap.append(child);
  return wrap;
}

/**
 * An empty element for a cell that sometimes shows nothing: `display(error ? notice(error) : blank())`.
 * Framework clears a cell's old output only when the new run displays something, so `if (error)
 * display(...)` would leave a stale notice on the page once the error is gone.
 */
export function blank(): HTMLElement {
  const span = document.createElement("span");
  span.hidden = true;
  return span;
}
