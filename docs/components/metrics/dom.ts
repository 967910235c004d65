// Tiny DOM helpers for the metrics page: every piece of reader text goes in as textContent.
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: {className?: string; style?: string; title?: string; data?: Record<string, string>} = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.style) node.setAttribute("style", props.style);
  if (props.title) node.title = props.title;
  for (const [k, v] of Object.entries(props.data ?? {})) node.dataset[k] = v;
  node.append(...children);
  return node;
}

/** Lines of a textarea as segments: trailing newlines dropped, so a final Enter adds no empty segment. */
export function lines(text: string): string[] {
  return text.replace(/\n+$/, "").split("\n");
}
