// Page-side helpers for /sft: the default conversation and the small tables the page shows, computed
// from labs/sft (labels, TRL defaults, the training snapshot's per-token losses). No algorithm here.
import {type ChatFamily, type Message, family} from "../../labs/sft/templates.js";
import {POLICIES, type Policy, labelChat, maskedMeanLoss, type Labelled} from "../../labs/sft/labels.js";
import {conversations} from "../../labs/sft/dataset.js";
import type {TrainSnapshot, Variant} from "../../labs/sft/train.js";
import {fmt} from "../kit/chart-style.js";

export const DEFAULT_CHAT = ["system: Answer in one sentence.", "user: What is the symbol of Iron?", "assistant: The symbol of Iron is Fe.", "user: And of Copper?", "assistant: The symbol of Copper is Cu."].join("\n");

function count(fam: ChatFamily, messages: Message[], policy: Policy): string {
  try {
    const l = labelChat(fam, messages, policy);
    const on = l.mask.reduce((a, b) => a + b, 0);
    return `${on} of ${l.tokens.length} tokens (${fmt((100 * on) / l.tokens.length, 1)}%)`;
  } catch (error) {
    return `refused: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** One row per label policy: how many tokens it trains on for this chat, or why it is refused. */
export function policyRows(fam: ChatFamily, messages: Message[]): Record<string, string>[] {
  return POLICIES.map((p) => ({policy: p.name, "trained on": count(fam, messages, p.id)}));
}

/** What TRL's SFTTrainer trains on by default for each dataset format, counted on this chat. */
export function trlDefaults(fam: ChatFamily, messages: Message[]): Record<string, string>[] {
  return [
    {"dataset format": "“text” (language modelling)", "SFTTrainer default": "every token", "here": count(fam, messages, "full")},
    {"dataset format": "“messages” (conversational)", "SFTTrainer default": "every token (assistant_only_loss=False)", "here": count(fam, messages, "full")},
    {"dataset format": "“prompt” + “completion”", "SFTTrainer default": "the completion only (completion_only_loss=None)", "here": count(fam, messages, "completion")},
    {"dataset format": "“messages”, assistant_only_loss=True", "SFTTrainer default": "assistant turns (template needs {% generation %})", "here": count(fam, messages, "assistant")}
  ];
}

const PROBE = conversations()[75]; // "What is the symbol of Iron?" — the worker's probe (labs/sft/train.ts)
let probeLabels: Record<Policy, Labelled> | null = null;

/** The probe chat's labels under each policy, and each model's mean loss under each policy. */
export function probeRows(s: TrainSnapshot): {labelled: Labelled; rows: Record<string, string>[]} {
  probeLabels ??= Object.fromEntries(POLICIES.map((p) => [p.id, labelChat(family("smollm2"), PROBE, p.id)])) as Record<Policy, Labelled>;
  const rows = POLICIES.map((p) => {
    const labels = probeLabels![p.id].labels;
    const row: Record<string, string> = {policy: p.name};
    for (const v of ["masked", "full"] as Variant[]) {
      const {mean, count} = maskedMeanLoss(s.probe.loss[v], labels);
      row[`${v === "masked" ? "masked" : "full-sequence"} model`] = `${fmt(mean, 3)} over ${count} tokens`;
    }
    return row;
  });
  return {labelled: probeLabels.assistant, rows};
}
