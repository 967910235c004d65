// The tiny GPT's final hidden states (after the final LayerNorm, before the tied head), and two ways to
// pool them into one vector per text: the mean over tokens and the last token. Uses the SFT lab's weights
// and building blocks (labs/sft/gpt.ts); not a second model. Source: nanoGPT model.py (forward, ln_f).
import * as tf from "@tensorflow/tfjs";
import {InputError} from "../kit/params.js";
import {type Batch, TinyGPT, attentionBias, embed, gelu, layerNorm, mm} from "../sft/gpt.js";

export type GptPooling = "mean" | "last";
export const GPT_POOLINGS: readonly GptPooling[] = ["mean", "last"];

/**
 * Hidden states [B, T, d] after ln_f for a batch: the same forward pass as TinyGPT.logits without the head,
 * so hidden · wteᵀ equals the logits. Call inside tf.tidy. InputError if T exceeds the context length.
 */
export function finalHidden(model: TinyGPT, b: Batch): tf.Tensor3D {
  const {dModel: d, nHeads: H, nLayers, contextLength} = model.config;
  const {batch: B, length: T} = b;
  if (T > contextLength) throw new InputError(`The sequence has ${T} tokens, more than the context length ${contextLength}.`);
  if (b.ids.length !== B * T) throw new InputError(`ids must have ${B}×${T} entries, got ${b.ids.length}.`);
  const p = (name: string) => model.params.get(name)!;
  const positions = b.positions ?? Int32Array.from({length: B * T}, (_, i) => i % T);
  let x = tf.add(embed(p("wte"), b.ids, B, T), embed(p("wpe"), positions, B, T)) as tf.Tensor3D; // [B, T, d]
  const bias = attentionBias(B, T, b.segments);
  const hd = d / H;
  for (let l = 0; l < nLayers; l++) {
    const pre = `h.${l}.`;
    // causal self-attention on ln_1(x): q, k, v [B, H, T, hd]
    const a = layerNorm(x, p(pre + "ln_1.weight"), p(pre + "ln_1.bias")).reshape([B * T, d]);
    const qkv = tf.add(mm(a, p(pre + "attn.c_attn.weight")), p(pre + "attn.c_attn.bias"));
    const [q, k, v] = tf.split(qkv, 3, 1).map((t) => t.reshape([B, T, H, hd]).transpose([0, 2, 1, 3]));
    const scores = tf.add(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(hd)), bias); // [B, H, T, T]
    const merged = tf.matMul(tf.softmax(scores), v).transpose([0, 2, 1, 3]).reshape([B * T, d]);
    x = tf.add(x, tf.add(mm(merged, p(pre + "attn.c_proj.weight")), p(pre + "attn.c_proj.bias")).reshape([B, T, d])) as tf.Tensor3D;
    // GELU MLP on ln_2(x)
    const m = layerNorm(x, p(pre + "ln_2.weight"), p(pre + "ln_2.bias")).reshape([B * T, d]);
    const h = gelu(tf.add(mm(m, p(pre + "mlp.c_fc.weight")), p(pre + "mlp.c_fc.bias")));
    x = tf.add(x, tf.add(mm(h, p(pre + "mlp.c_proj.weight")), p(pre + "mlp.c_proj.bias")).reshape([B, T, d])) as tf.Tensor3D;
  }
  return layerNorm(x, p("ln_f.weight"), p("ln_f.bias"));
}

/**
 * One vector per token sequence, both poolings: mean [n, d] over all tokens and last [n, d] = the last
 * token's state. A sequence longer than T is cut into windows of T (right-padded; the causal mask keeps
 * padding out of real positions); "mean" averages every real position, "last" reads the last token of a
 * final window holding the sequence's last min(T, len) tokens. Frees every tensor it makes.
 * InputError for an empty sequence.
 */
export function poolHidden(model: TinyGPT, seqs: readonly Int32Array[], batchWindows = 64): Record<GptPooling, Float32Array> {
  const T = model.config.contextLength;
  const d = model.config.dModel;
  const n = seqs.length;
  // windows: (sequence, start, length, role) — mean windows tile the sequence; one tail window for "last"
  const windows: {seq: number; ids: Int32Array; mean: boolean; last: boolean}[] = [];
  seqs.forEach((s, i) => {
    if (s.length === 0) throw new InputError(`Sequence ${i} has no tokens.`);
    for (let o = 0; o < s.length; o += T) {
      const ids = s.subarray(o, Math.min(s.length, o + T));
      windows.push({seq: i, ids, mean: true, last: o + T >= s.length && ids.length === Math.min(T, s.length)});
    }
    const tail = s.subarray(Math.max(0, s.length - T));
    if (!windows[windows.length - 1].last) windows.push({seq: i, ids: tail, mean: false, last: true});
  });
  const mean = new Float32Array(n * d), last = new Float32Array(n * d), count = new Float64Array(n);
  for (let w0 = 0; w0 < windows.length; w0 += batchWindows) {
    const group = windows.slice(w0, w0 + batchWindows);
    const B = group.length;
    const ids = new Int32Array(B * T); // right-padded with id 0
    group.forEach((w, b) => ids.set(w.ids, b * T));
    const states = tf.tidy(() => finalHidden(model, {ids, targets: new Int32Array(B * T), batch: B, length: T}).dataSync() as Float32Array); // [B, T, d]
    group.forEach((w, b) => {
      const len = w.ids.length;
      if (w.mean) {
        for (let t = 0; t < len; t++) for (let j = 0; j < d; j++) mean[w.seq * d + j] += states[(b * T + t) * d + j];
        count[w.seq] += len;
      }
      if (w.last) for (let j = 0; j < d; j++) last[w.seq * d + j] = states[(b * T + len - 1) * d + j];
    });
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[i * d + j] /= count[i];
  return {mean, last};
}
