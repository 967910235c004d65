// The seed control: every random choice on a page flows from this number, so the same seed gives
// the same figures on every machine. Persisted in the URL like any other control.
import {DEFAULT_SEED} from "../../labs/kit/random.js";
import {intParam} from "../../labs/kit/params.js";
import {setUrlValue, urlValue} from "./url-state.js";

const parseSeed = intParam({name: "Seed", min: 0, max: 2 ** 32 - 1});

export function seedInput(options: {value?: number; key?: string; label?: string} = {}): HTMLElement & {value: number} {
  const {key = "seed", label = "Seed"} = options;
  const initial = urlValue(key, options.value ?? DEFAULT_SEED, parseSeed);
  const root = document.createElement("form") as unknown as HTMLElement & {value: number};
  root.className = "lab-seed";
  root.style.cssText = "display:flex;gap:0.5rem;align-items:center;font:13px var(--sans-serif);margin:0.3rem 0";
  const text = document.createElement("label");
  text.textContent = label;
  const field = document.createElement("input");
  field.type = "number";
  field.min = "0";
  field.step = "1";
  field.value = String(initial);
  field.style.width = "8em";
  const dice = document.createElement("button");
  dice.type = "button";
  dice.textContent = "New seed";
  const message = document.createElement("span");
  message.className = "lab-run-error";
  let value = initial;
  const commit = (next: number) => {
    value = next;
    field.value = String(next);
    message.textContent = "";
    setUrlValue(key, String(next));
    root.dispatchEvent(new Event("input", {bubbles: true}));
  };
  field.addEventListener("input", (event) => {
    event.stopPropagation();
    const parsed = parseSeed(field.value);
    if (parsed.ok) commit(parsed.value);
    else message.textContent = parsed.error;
  });
  // A new seed is drawn from the clock on purpose: the reader asked for a different run.
  dice.addEventListener("click", () => commit(Date.now() % 100_000));
  root.addEventListener("submit", (event) => event.preventDefault());
  Object.defineProperty(root, "value", {get: () => value, set: (v: number) => commit(v)});
  root.append(text, field, dice, message);
  return root;
}
