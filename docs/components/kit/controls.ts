// A notebook control from its one declaration (labs/kit/controls.ts): the Observable Input, its
// start value from the link (a bad or adjusted link value is reported by urlProblems() and the
// address is rewritten to what is used), the URL kept in sync as the reader moves it, and, for typed
// values, a message beside the box while the text is not a value (the last good value stays in use).
//   const k = view(control({type: "range", key: "k", label: "clusters k", min: 1, max: 10, value: 4}));
import * as Inputs from "npm:@observablehq/inputs";
import {checkSpec, formatControl, initialValue, readControl, type ControlSpec, type ValueOf} from "../../labs/kit/controls.js";
import {reportProblem, setUrlValue} from "./url-state.js";

export type Control<S extends ControlSpec> = HTMLElement & {value: ValueOf<S>};

/**
 * Builds the control; pass it to view(). `build` replaces the standard input with a custom one (e.g. a
 * distribution editor) that starts from the given value, has `value` and dispatches "input"; its link
 * value is still read, reported and written from the spec.
 */
export function control<S extends ControlSpec>(spec: S, build: (spec: S, value: ValueOf<S>) => Control<S> = standard): Control<S> {
  checkSpec(spec);
  const linkText = new URLSearchParams(globalThis.location?.search ?? "").get(spec.key);
  const start = initialValue(spec, linkText);
  if (start.problem) reportProblem(start.problem);
  const write = (value: ValueOf<S>) => {
    if (spec.url === false) return;
    const text = formatControl(spec, value);
    setUrlValue(spec.key, text === formatControl(spec, spec.value) ? null : text);
  };
  if (start.rewrite) write(start.value);
  const element = build(spec, start.value);
  element.classList.add("lab-control");
  element.dataset.key = spec.key;
  labelInputs(element, spec.label);
  element.addEventListener("input", () => write(element.value));
  return element;
}

function standard<S extends ControlSpec>(spec: S, value: ValueOf<S>): Control<S> {
  switch (spec.type) {
    case "range":
      return Inputs.range([spec.min, spec.max], {label: spec.label, step: spec.step ?? 1, value: value as number}) as Control<S>;
    case "select":
      return Inputs.select(spec.choices, {label: spec.label, value: value as string, format: spec.format}) as Control<S>;
    case "radio":
      return Inputs.radio(spec.choices, {label: spec.label, value: value as string, format: spec.format}) as Control<S>;
    case "toggle":
      return Inputs.toggle({label: spec.label, value: value as boolean}) as Control<S>;
    default:
      return typed(spec, value);
  }
}

/**
 * A text box whose value is the parsed text (number, list, bounded text). Keystrokes that do not
 * parse show the reason beside the box and do not reach the page; the last good value stays.
 */
function typed<S extends ControlSpec>(spec: S, initial: ValueOf<S>): Control<S> {
  const text = formatControl(spec, initial);
  const common = {label: spec.label, value: text, spellcheck: false};
  const extra = spec as {placeholder?: string; rows?: number; submit?: string};
  const inner = spec.type === "textarea"
    ? Inputs.textarea({...common, placeholder: extra.placeholder, rows: extra.rows ?? 5, submit: extra.submit ?? false})
    : Inputs.text({...common, placeholder: extra.placeholder, autocomplete: "off"});
  if (spec.type === "number" || spec.type === "list") inner.querySelector("input")!.inputMode = "decimal";
  const root = document.createElement("div") as unknown as Control<S>;
  const message = document.createElement("span");
  message.className = "lab-control-error";
  message.setAttribute("role", "alert");
  let value = initial;
  inner.addEventListener("input", (event) => {
    event.stopPropagation();
    const read = readControl(spec, inner.value);
    if (!read.ok) {
      message.textContent = read.error;
      return;
    }
    message.textContent = "";
    value = read.value as ValueOf<S>;
    root.dispatchEvent(new Event("input", {bubbles: true}));
  });
  Object.defineProperty(root, "value", {
    get: () => value,
    set: (next: ValueOf<S>) => {
      value = next;
      inner.value = formatControl(spec, next);
      message.textContent = "";
    }
  });
  root.append(inner, message);
  return root;
}

/** Every form field gets an accessible name: Inputs ties its label to one field (the range's number box, not the slider). */
function labelInputs(root: HTMLElement, label: string): void {
  for (const field of Array.from(root.querySelectorAll("input, select, textarea"))) {
    const id = field.getAttribute("id");
    const labelled = field.closest("label") || (id && root.querySelector(`label[for="${CSS.escape(id)}"]`)) || field.hasAttribute("aria-label");
    if (!labelled) field.setAttribute("aria-label", label);
  }
}
