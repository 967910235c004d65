// A number control for the loss page: a slider plus a free text box, persisted in the URL. Unlike
// Inputs.range, a bad typed value (0, "abc", out of range) is not swallowed: the value becomes
// {ok: false, error} so the page can show the message in place of the chart.
import type {Parsed} from "../../labs/kit/params.js";
import {setUrlValue, urlValue} from "../kit/url-state.js";

export type ParsedControl = HTMLElement & {value: Parsed<number>};

export function numberControl(options: {
  label: string;
  key: string;
  min: number;
  max: number;
  step: number;
  value: number;
  parse: (text: string) => Parsed<number>;
}): ParsedControl {
  const {label, key, min, max, step, parse} = options;
  const initial = urlValue(key, options.value, parse);
  const root = document.createElement("form") as unknown as ParsedControl;
  root.className = "loss-control";
  root.addEventListener("submit", (event) => event.preventDefault());
  const name = document.createElement("label");
  name.textContent = label;
  const slider = document.createElement("input");
  Object.assign(slider, {type: "range", min: String(min), max: String(max), step: String(step), value: String(initial)});
  slider.setAttribute("aria-label", label);
  const box = document.createElement("input");
  box.type = "text";
  box.inputMode = "decimal";
  box.value = String(initial);
  box.size = 6;
  box.name = key;
  box.setAttribute("aria-label", `${label} (type a value)`);
  const message = document.createElement("span");
  message.className = "lab-run-error";
  let value: Parsed<number> = {ok: true, value: initial};
  const commit = (text: string, fromSlider: boolean) => {
    value = parse(text);
    message.textContent = value.ok ? "" : value.error;
    if (fromSlider) box.value = text;
    else if (value.ok) slider.value = String(value.value);
    setUrlValue(key, text.trim());
    root.dispatchEvent(new Event("input", {bubbles: true}));
  };
  slider.addEventListener("input", (event) => {
    event.stopPropagation();
    commit(slider.value, true);
  });
  box.addEventListener("input", (event) => {
    event.stopPropagation();
    commit(box.value, false);
  });
  Object.defineProperty(root, "value", {get: () => value, set: () => {}});
  root.append(name, slider, box, message);
  return root;
}

/** The first error among parsed values, or null when all are valid. */
export function firstError(...values: Parsed<unknown>[]): string | null {
  for (const v of values) if (!v.ok) return v.error;
  return null;
}
