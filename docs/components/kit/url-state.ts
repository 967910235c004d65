// Page state in the URL: a notebook's control values live in the query string, so a teacher can
// copy the address and the class opens the exact same state. Controls (controls.ts) read and write
// it; link values they could not use as given are listed by urlProblems(), never thrown.

const problems: string[] = [];
const problemListeners = new Set<() => void>();

/** Writes key=value into the address bar without reloading or adding history entries. */
export function setUrlValue(key: string, value: string | null): void {
  const url = new URL(globalThis.location.href);
  if (value === null) url.searchParams.delete(key);
  else url.searchParams.set(key, value);
  history.replaceState(history.state, "", url);
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
