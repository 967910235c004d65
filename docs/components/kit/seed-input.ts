// The seed control: every random choice on a page flows from this number, so the same seed gives
// the same figures on every machine. A typed-number control (kit controls.ts) plus a "New seed" button.
import {DEFAULT_SEED} from "../../labs/kit/random.js";
import type {NumberSpec} from "../../labs/kit/controls.js";
import {control, type Control} from "./controls.js";

export const seedSpec = (options: {value?: number; key?: string; label?: string} = {}): NumberSpec => ({
  type: "number", key: options.key ?? "seed", label: options.label ?? "Seed", name: "Seed",
  min: 0, max: 2 ** 32 - 1, integer: true, value: options.value ?? DEFAULT_SEED
});

export function seedInput(options: {value?: number; key?: string; label?: string} = {}): Control<NumberSpec> {
  const root = control(seedSpec(options));
  root.classList.add("lab-seed");
  const dice = document.createElement("button");
  dice.type = "button";
  dice.textContent = "New seed";
  // A new seed is drawn from the clock on purpose: the reader asked for a different run.
  dice.addEventListener("click", () => {
    root.value = Date.now() % 100_000;
    root.dispatchEvent(new Event("input", {bubbles: true}));
  });
  root.append(dice);
  return root;
}
