// Page state in the URL: a notebook's control values live in the query string, so a teacher can
// copy the address and the class opens the exact same state. Bad values in a shared link fall back
// to the default and are listed by urlProblems(), never thrown.
import type {Parsed} from "../../labs/kit/params.js";

const problems: string[] = [];
const problemListeners = new Set<() => void>();

function params(): URLSearchParams {
  return new URLSearchParams(globalThis.location?.search ?? "");
}

/** The value of ?key= at page load, parsed and validated; the fallback when absent or invalid. */
export function urlValue<T>(key: string, fallback: T, parse: (text: string) => Parsed<T>): T {
  const text = params().get(key);
  if (text === null) return fallback;
  const parsed = parse(text);
  if (parsed.ok) return parsed.value;
  reportProblem(`Link parameter “${key}”: ${parsed.error} Using the default (${String(fallback)}).`);
  return fallback;
}

/** Writes key=value into the address bar without reloading or adding history entries. */
export function setUrlValue(key: string, value: string | null): void {
  const url = new URL(globalThis.location.href);
  if (value === null) url.searchParams.delete(key);
  else url.searchParams.set(key, value);
  history.replaceState(history.state, "", url);
}

/** Keeps ?key= in sync with an input's value; returns the input so it can be passed to view(). */
export function persist<E extends HTMLElement & {value: unknown}>(input: E, key: string, format: (value: E["value"]) => string = String): E {
  input.addEventListener("input", () => setUrlValue(key, format(input.value)));
  return input;
}

export function reportProblem(message: string): void {
  if (!problems.includes(message)) problems.push(message);
  for (const listener of problemListeners) listener();
}

/** A notice listing link parameters that were malformed or out of range (empty when all were fine). */
export function urlProblems(): HTMLElement {
  const box = document.createElement("div");
  box.className = "lab-notice lab-url-problems";
  box.setAttribute("role", "alert");
  const render = () => {
    box.replaceChildren();
    if (problems.length === 0) return;
    const title = document.createElement("strong");
    title.textContent = "This link had values the page could not use:";
    const list = document.createElement("ul");
    for (const message of problems) {
      const item = document.createElement("li");
      item.textContent = message;
      list.append(item);
    }
    box.append(title, list);
  };
  problemListeners.add(render);
  render();
  return box;
}

/** “Copy link to this state”: copies the current address (controls included) to the clipboard. */
export function shareButton(): HTMLElement {
  const root = document.createElement("div");
  root.className = "lab-share";
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = "Copy link to this state";
  const status = document.createElement("span");
  status.className = "lab-share-status";
  const field = document.createElement("input");
  field.readOnly = true;
  field.size = 40;
  field.style.display = "none";
  button.addEventListener("click", async () => {
    const href = globalThis.location.href;
    field.value = href;
    try {
      await navigator.clipboard.writeText(href);
      status.textContent = "Link copied.";
      field.style.display = "none";
    } catch {
      // Clipboard access can be refused (permissions, insecure context): show the link to copy by hand.
      status.textContent = "Copy this link:";
      field.style.display = "";
      field.select();
    }
  });
  root.append(button, status, field);
  return root;
}
