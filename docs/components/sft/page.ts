// Page-side helpers for /sft: the default conversation and the small tables the page shows, formatted from
// what the text worker (labs/sft/text.worker.ts) and the training snapshot computed. No algorithm here, and
// nothing that loads the tokenizer: that stays in the worker.
import {POLICIES, type Policy, maskedMeanLoss} from "../../labs/sft/policies.js";
import type {Labelled} from "../../labs/sft/labels.js";
import type {PolicyCount} from "../../labs/sft/text.worker.js";
import type {TrainSnapshot, Variant} from "../../labs/sft/train.js";
import {fmt} from "../kit/chart-style.js";

export const DEFAULT_CHAT = ["system: Answer in one sentence.", "user: What is the symbol of Iron?", "assistant: The symbol of Iron is Fe.", "user: And of Copper?", "assistant: The symbol of Copper is Cu."].join("\n");

function count(c: PolicyCount): string {
  if ("error" in c) return `refused: ${c.error}`;
  return `${c.on} of ${c.total} tokens (${fmt((100 * c.on) / c.total, 1)}%)`;
}

/** One row per label policy: how many tokens it trains on for this chat, or why it is refused. */
export function policyRows(counts: Record<Policy, PolicyCount>): Record<string, string>[] {
  return POLICIES.map((p) => ({policy: p.name, "trained on": count(counts[p.id])}));
}

/** What TRL's SFTTrainer trains on by default for each dataset format, counted on this chat. */
export function trlDefaults(counts: Record<Policy, PolicyCount>): Record<string, string>[] {
  return [
    {"dataset format": "“text” (language modelling)", "SFTTrainer default": "every token", "here": count(counts.full)},
    {"dataset format": "“messages” (conversational)", "SFTTrainer default": "every token (assistant_only_loss=False)", "here": count(counts.full)},
    {"dataset format": "“prompt” + “completion”", "SFTTrainer default": "the completion only (completion_only_loss=None)", "here": count(counts.completion)},
    {"dataset format": "“messages”, assistant_only_loss=True", "SFTTrainer default": "assistant turns (template needs {% generation %})", "here": count(counts.assistant)}
  ];
}

/** The probe chat's labels (from the text worker) and each model's mean loss under each policy. */
export function probeRows(s: TrainSnapshot, probeLabels: Record<Policy, Labelled>): {labelled: Labelled; rows: Record<string, string>[]} {
  const rows = POLICIES.map((p) => {
    const labels = probeLabels[p.id].labels;
    const row: Record<string, string> = {policy: p.name};
    for (const v of ["masked", "full"] as Variant[]) {
      const {mean, count} = maskedMeanLoss(s.probe.loss[v], labels);
      row[`${v === "masked" ? "masked" : "full-sequence"} model`] = `${fmt(mean, 3)} over ${count} tokens`;
    }
    return row;
  });
  return {labelled: probeLabels.assistant, rows};
}
