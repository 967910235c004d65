// Memory bill of fine-tuning a LLaMA-shaped model: base weights at 16/8/4 bits (with block constants),
// LoRA adapters, their gradients and Adam states, against full fine-tuning with mixed-precision Adam.
// Leaves out activations, the KV cache and framework overhead (they depend on batch and sequence length).
// Sources: Touvron et al. 2023 (LLaMA shapes); Dettmers et al. 2022 (LLM.int8(), arXiv:2208.07339) §3.1 (one scale
// per row); Dettmers et al. 2023 (QLoRA, arXiv:2305.14314) §3; bitsandbytes/transformers (what stays unquantized).
import {InputError} from "../kit/params.js";
import {bitsPerParameter} from "./quant.js";

export interface Architecture {
  name: string;
  layers: number;
  dModel: number;
  dFfn: number;
  vocab: number;
}

export const PRESETS: Architecture[] = [
  {name: "LLaMA-7B", layers: 32, dModel: 4096, dFfn: 11008, vocab: 32000},
  {name: "LLaMA-13B", layers: 40, dModel: 5120, dFfn: 13824, vocab: 32000},
  {name: "LLaMA-33B", layers: 60, dModel: 6656, dFfn: 17920, vocab: 32000},
  {name: "LLaMA-65B", layers: 80, dModel: 8192, dFfn: 22016, vocab: 32000}
];

export interface ParamBreakdown {
  /** q, k, v, o, gate, up, down in every block: the layers bitsandbytes quantizes */
  linear: number;
  /** input embedding and lm_head (untied in LLaMA): kept in 16 bits */
  embeddings: number;
  /** RMSNorm gains (2 per block + final): kept in fp32 for training */
  norms: number;
  total: number;
}

export function paramBreakdown(a: Architecture): ParamBreakdown {
  const {layers: L, dModel: d, dFfn: f, vocab: v} = a;
  const linear = L * (4 * d * d + 3 * d * f);
  const embeddings = 2 * v * d;
  const norms = (2 * L + 1) * d;
  return {linear, embeddings, norms, total: linear + embeddings + norms};
}

/**
 * Bits per parameter of the linear layers stored as LLM.int8() stores them: int8 weights and one fp32
 * scale per output row (bitsandbytes Int8Params.SCB, shape (out,)), i.e. 8 + 32·Σ rows / Σ weights ≈ 8.0.
 * Rows per block: q, k, v, o and down give d each, gate and up give d_ffn each.
 */
export function int8RowwiseBits(a: Architecture): number {
  const {dModel: d, dFfn: f} = a;
  const rows = 5 * d + 2 * f; // scales per block
  const weights = 4 * d * d + 3 * d * f; // weights per block
  return 8 + (32 * rows) / weights;
}

export type Targets = "q,v" | "all-linear";
export const TARGETS: readonly Targets[] = ["q,v", "all-linear"];

/** LoRA parameters r(d_in + d_out) summed over the adapted matrices of every block. */
export function adapterParams(a: Architecture, r: number, targets: Targets): number {
  if (!Number.isInteger(r) || r < 1 || r > a.dModel) throw new InputError(`The rank r must be a whole number from 1 to d_model = ${a.dModel}, got ${r}.`);
  if (!TARGETS.includes(targets)) throw new InputError(`The adapted layers must be "q,v" or "all-linear", got "${String(targets)}".`);
  const {layers: L, dModel: d, dFfn: f} = a;
  const perBlock = targets === "q,v" ? 2 * r * (d + d) : 4 * r * (d + d) + 3 * r * (d + f);
  return L * perBlock;
}

export type Method = "full-16bit" | "lora-16bit" | "lora-8bit" | "qlora-nf4-dq" | "lora-4bit-no-dq";
export const METHODS: readonly Method[] = ["full-16bit", "lora-16bit", "lora-8bit", "lora-4bit-no-dq", "qlora-nf4-dq"];

export interface MemoryLine {
  item: string;
  bytes: number;
}

export interface MemoryBill {
  method: Method;
  lines: MemoryLine[];
  total: number;
  trainable: number;
}

/**
 * Bytes per item. Full fine-tune, mixed precision: 16-bit weights and gradients, fp32 master copy and two
 * fp32 Adam moments (2 + 2 + 4 + 8 = 16 bytes/param). LoRA: frozen base at b bits on the linear layers
 * (embeddings 16-bit, norms fp32), adapters + gradients in 16-bit, two fp32 Adam moments per adapter parameter.
 * The int8 base is LLM.int8()'s (one scale per row); the 4-bit ones are QLoRA's (one absmax per 64 weights).
 */
export function memoryBill(a: Architecture, method: Method, r: number, targets: Targets): MemoryBill {
  if (!METHODS.includes(method)) throw new InputError(`Unknown method "${String(method)}"; use one of ${METHODS.join(", ")}.`);
  const p = paramBreakdown(a);
  const lines: MemoryLine[] = [];
  if (method === "full-16bit") {
    lines.push({item: "weights (16-bit)", bytes: 2 * p.total});
    lines.push({item: "gradients (16-bit)", bytes: 2 * p.total});
    lines.push({item: "fp32 master weights", bytes: 4 * p.total});
    lines.push({item: "Adam m, v (fp32)", bytes: 8 * p.total});
    return {method, lines, total: 16 * p.total, trainable: p.total};
  }
  const linearBits = method === "lora-16bit" ? 16 : method === "lora-8bit" ? int8RowwiseBits(a) : method === "qlora-nf4-dq" ? bitsPerParameter(4, 64, {bits: 8, blockSize: 256}) : bitsPerParameter(4, 64);
  const n = adapterParams(a, r, targets);
  lines.push({item: `linear layers (${linearBits === 16 ? "16" : linearBits.toFixed(3)} bits/param)`, bytes: (p.linear * linearBits) / 8});
  lines.push({item: "embeddings + lm_head (16-bit)", bytes: 2 * p.embeddings});
  lines.push({item: "norms (fp32)", bytes: 4 * p.norms});
  lines.push({item: "adapters (16-bit)", bytes: 2 * n});
  lines.push({item: "adapter gradients (16-bit)", bytes: 2 * n});
  lines.push({item: "Adam m, v for adapters (fp32)", bytes: 8 * n});
  return {method, lines, total: lines.reduce((s, l) => s + l.bytes, 0), trainable: n};
}
