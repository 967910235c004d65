// A tiny GPT in TensorFlow.js, laid out like nanoGPT's model.py: decoder-only, learned token and position
// embeddings, pre-LayerNorm blocks (causal self-attention, then a GELU MLP), a final LayerNorm and an LM
// head tied to the token embedding. No dropout, no KV cache, no flash attention, float32 only.
// Source: Karpathy, nanoGPT model.py (bias=True); Radford et al. 2019 (GPT-2) for the layout.
import * as tf from "@tensorflow/tfjs";
import {InputError} from "../kit/params.js";
import {mulberry32, randomNormal} from "../kit/random.js";

export interface GPTConfig {
  vocabSize: number; // V
  contextLength: number; // T_max, rows of the position embedding
  dModel: number; // d
  nHeads: number; // H, d % H == 0
  nLayers: number; // L
}

export function checkConfig(c: GPTConfig): void {
  const ints: [keyof GPTConfig, number, number][] = [
    ["vocabSize", 2, 1 << 17],
    ["contextLength", 1, 4096],
    ["dModel", 1, 2048],
    ["nHeads", 1, 64],
    ["nLayers", 1, 48]
  ];
  for (const [k, lo, hi] of ints) {
    const v = c[k];
    if (!Number.isInteger(v) || v < lo || v > hi) throw new InputError(`${k} must be a whole number from ${lo} to ${hi}, got ${v}.`);
  }
  if (c.dModel % c.nHeads !== 0) throw new InputError(`The width d = ${c.dModel} must be divisible by the number of heads ${c.nHeads}.`);
}

/** Parameter shapes in order, with names like nanoGPT's state_dict. Linear weights are stored [in, out] (y = x W + b). */
export function parameterShapes(c: GPTConfig): [string, number[]][] {
  const d = c.dModel;
  const shapes: [string, number[]][] = [
    ["wte", [c.vocabSize, d]],
    ["wpe", [c.contextLength, d]]
  ];
  for (let l = 0; l < c.nLayers; l++) {
    const p = `h.${l}.`;
    shapes.push(
      [p + "ln_1.weight", [d]],
      [p + "ln_1.bias", [d]],
      [p + "attn.c_attn.weight", [d, 3 * d]],
      [p + "attn.c_attn.bias", [3 * d]],
      [p + "attn.c_proj.weight", [d, d]],
      [p + "attn.c_proj.bias", [d]],
      [p + "ln_2.weight", [d]],
      [p + "ln_2.bias", [d]],
      [p + "mlp.c_fc.weight", [d, 4 * d]],
      [p + "mlp.c_fc.bias", [4 * d]],
      [p + "mlp.c_proj.weight", [4 * d, d]],
      [p + "mlp.c_proj.bias", [d]]
    );
  }
  shapes.push(["ln_f.weight", [d]], ["ln_f.bias", [d]]);
  return shapes;
}

/** Number of parameters (the tied head adds none): V·d + T·d + L·(12d² + 13d) + 2d. */
export function parameterCount(c: GPTConfig): number {
  return parameterShapes(c).reduce((a, [, s]) => a + s.reduce((x, y) => x * y, 1), 0);
}

export type Weights = Map<string, Float32Array>;

/**
 * Initial weights: N(0, std) for embeddings and linear weights (nanoGPT: 0.02; nanoGPT also scales the two
 * residual projections by 1/√(2L), left out here), zero biases, LayerNorm gain 1 and bias 0. Seeded.
 */
export function initWeights(c: GPTConfig, seed: number, std = 0.02): Weights {
  const normal = randomNormal(mulberry32(seed));
  const weights: Weights = new Map();
  for (const [name, shape] of parameterShapes(c)) {
    const n = shape.reduce((x, y) => x * y, 1);
    const w = new Float32Array(n);
    if (name.endsWith("bias")) w.fill(0);
    else if (name.includes("ln_")) w.fill(1);
    else for (let i = 0; i < n; i++) w[i] = std * normal();
    weights.set(name, w);
  }
  return weights;
}

export interface Batch {
  /** Token ids, [B, T] row-major. */
  ids: Int32Array;
  /** Next-token targets aligned with ids (label of position t is the token after t), −100 = ignored. [B, T] */
  targets: Int32Array;
  batch: number; // B
  length: number; // T
  /** Optional position ids [B, T] (packing resets them); default 0..T−1 per row. */
  positions?: Int32Array;
  /** Optional example ids [B, T]: attention stays within one example (block-diagonal causal mask). */
  segments?: Int32Array;
}

// tfjs variable names are global; a counter keeps two models' names apart.
let modelCount = 0;

/** The model: tf.Variables named as in parameterShapes, and the forward pass. */
export class TinyGPT {
  readonly config: GPTConfig;
  readonly params: Map<string, tf.Variable>;

  constructor(config: GPTConfig, weights: Weights) {
    checkConfig(config);
    this.config = config;
    this.params = new Map();
    for (const [name, shape] of parameterShapes(config)) {
      const w = weights.get(name);
      if (!w || w.length !== shape.reduce((x, y) => x * y, 1)) throw new InputError(`Weight ${name} is missing or has the wrong size.`);
      const initial = tf.tensor(w, shape, "float32");
      this.params.set(name, tf.variable(initial, true, `${name}#${++modelCount}`));
      initial.dispose(); // the variable keeps its own reference to the data
    }
  }

  /** The weights as plain arrays (a copy). */
  weights(): Weights {
    const out: Weights = new Map();
    for (const [name, v] of this.params) out.set(name, v.dataSync() as Float32Array);
    return out;
  }

  private p(name: string): tf.Variable {
    return this.params.get(name)!;
  }

  /** Logits [B, T, V] for a batch. Call inside tf.tidy (it allocates intermediates). */
  logits(b: Batch): tf.Tensor3D {
    const {dModel: d, nHeads: H, contextLength} = this.config;
    const {batch: B, length: T} = b;
    if (T > contextLength) throw new InputError(`The sequence has ${T} tokens, more than the context length ${contextLength}.`);
    if (b.ids.length !== B * T) throw new InputError(`ids must have ${B}×${T} entries, got ${b.ids.length}.`);
    const positions = b.positions ?? Int32Array.from({length: B * T}, (_, i) => i % T);
    // x: [B, T, d] = token embedding + position embedding
    let x = tf.add(embed(this.p("wte"), b.ids, B, T), embed(this.p("wpe"), positions, B, T)) as tf.Tensor3D;
    const bias = attentionBias(B, T, b.segments); // [B or 1, 1, T, T], 0 = allowed, −1e9 = masked
    for (let l = 0; l < this.config.nLayers; l++) {
      const pre = `h.${l}.`;
      x = tf.add(x, this.attention(layerNorm(x, this.p(pre + "ln_1.weight"), this.p(pre + "ln_1.bias")), pre, bias, H, d)) as tf.Tensor3D;
      x = tf.add(x, this.mlp(layerNorm(x, this.p(pre + "ln_2.weight"), this.p(pre + "ln_2.bias")), pre)) as tf.Tensor3D;
    }
    x = layerNorm(x, this.p("ln_f.weight"), this.p("ln_f.bias"));
    // Tied head: logits = x · wteᵀ, [B·T, d] × [d, V]
    const flat = mm(x.reshape([B * T, d]), tf.transpose(this.p("wte")));
    return flat.reshape([B, T, this.config.vocabSize]);
  }

  private attention(x: tf.Tensor3D, pre: string, bias: tf.Tensor, H: number, d: number): tf.Tensor3D {
    const [B, T] = x.shape;
    const hd = d / H;
    // qkv: [B·T, 3d] → q, k, v each [B, H, T, hd]
    const qkv = tf.add(mm(x.reshape([B * T, d]), this.p(pre + "attn.c_attn.weight")), this.p(pre + "attn.c_attn.bias"));
    const [q, k, v] = tf.split(qkv, 3, 1).map((t) => t.reshape([B, T, H, hd]).transpose([0, 2, 1, 3]));
    // scores: [B, H, T, T] = q kᵀ / √hd + mask bias
    const scores = tf.add(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(hd)), bias);
    const y = tf.matMul(tf.softmax(scores), v); // [B, H, T, hd]
    const merged = y.transpose([0, 2, 1, 3]).reshape([B * T, d]);
    return tf.add(mm(merged, this.p(pre + "attn.c_proj.weight")), this.p(pre + "attn.c_proj.bias")).reshape([B, T, d]);
  }

  private mlp(x: tf.Tensor3D, pre: string): tf.Tensor3D {
    const [B, T, d] = x.shape;
    const h = gelu(tf.add(mm(x.reshape([B * T, d]), this.p(pre + "mlp.c_fc.weight")), this.p(pre + "mlp.c_fc.bias")));
    return tf.add(mm(h, this.p(pre + "mlp.c_proj.weight")), this.p(pre + "mlp.c_proj.bias")).reshape([B, T, d]);
  }

  /** Mean cross-entropy (nats) over targets ≠ −100, as F.cross_entropy(ignore_index=−100). A scalar; inside tf.tidy. */
  loss(b: Batch): tf.Scalar {
    return maskedCrossEntropy(this.logits(b), b.targets);
  }

  /** Per-position loss (nats) [B·T]; ignored positions get 0. */
  tokenLosses(b: Batch): Float32Array {
    return tf.tidy(() => {
      const {perToken} = crossEntropyParts(this.logits(b), b.targets);
      return perToken.dataSync() as Float32Array;
    });
  }

  dispose(): void {
    for (const v of this.params.values()) v.dispose();
    this.params.clear();
  }
}

/**
 * a·b for 2-D a [m, k] and b [k, n], with gradients da = dy·bᵀ and db = aᵀ·dy computed on explicitly
 * transposed copies: tfjs's wasm backend runs untransposed 2-D products through XNNPACK (~9 GFLOP/s on
 * one core here) but transposed ones through a plain loop (~1.2 GFLOP/s); see bench/sft.ts.
 */
export function mm(a: tf.Tensor, b: tf.Tensor): tf.Tensor2D {
  const product = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, y, save] = args as [tf.Tensor, tf.Tensor, tf.GradSaveFunc];
    save([x, y]);
    return {
      value: tf.matMul(x as tf.Tensor2D, y as tf.Tensor2D),
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [xs, ys] = saved as tf.Tensor2D[];
        const g = dy as tf.Tensor2D;
        return [tf.matMul(g, tf.transpose(ys)), tf.matMul(tf.transpose(xs), g)];
      }
    };
  });
  return product(a, b) as tf.Tensor2D;
}

/**
 * Embedding lookup table[idx] → [B, T, d]. Its gradient adds each row of dy into its token's row with
 * scatterND (duplicates sum), because tfjs's wasm backend has no UnsortedSegmentSum kernel for gather's gradient.
 */
export function embed(table: tf.Tensor, ids: Int32Array, B: number, T: number): tf.Tensor3D {
  const [V, d] = table.shape as [number, number];
  const lookup = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => ({
    value: tf.gather(args[0] as tf.Tensor, tf.tensor2d(ids, [B, T], "int32")),
    // Called after the forward pass's tidy; it builds its own index tensor from the plain array.
    gradFunc: (dy: tf.Tensor | tf.Tensor[]) => tf.scatterND(tf.tensor2d(ids, [B * T, 1], "int32"), (dy as tf.Tensor).reshape([B * T, d]), [V, d])
  }));
  return lookup(table) as tf.Tensor3D;
}

/** LayerNorm over the last axis, eps 1e-5 (PyTorch's default), biased variance. */
export function layerNorm(x: tf.Tensor3D, gain: tf.Tensor, bias: tf.Tensor): tf.Tensor3D {
  const {mean, variance} = tf.moments(x, -1, true);
  return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5))), gain), bias) as tf.Tensor3D;
}

/** GELU, tanh form: ½x(1 + tanh(√(2/π)(x + 0.044715x³))) (PyTorch approximate="tanh", nanoGPT's new_gelu). */
export function gelu(x: tf.Tensor): tf.Tensor {
  const inner = tf.mul(Math.sqrt(2 / Math.PI), tf.add(x, tf.mul(0.044715, tf.pow(x, 3))));
  return tf.mul(tf.mul(0.5, x), tf.add(1, tf.tanh(inner)));
}

/** Additive attention mask: 0 where key j ≤ query i (and, with segments, same example), −1e9 elsewhere. */
export function attentionBias(B: number, T: number, segments?: Int32Array): tf.Tensor {
  const causal = new Float32Array(T * T);
  for (let i = 0; i < T; i++) for (let j = 0; j < T; j++) causal[i * T + j] = j <= i ? 0 : -1e9;
  if (!segments) return tf.tensor4d(causal, [1, 1, T, T]);
  const out = new Float32Array(B * T * T);
  for (let b = 0; b < B; b++)
    for (let i = 0; i < T; i++)
      for (let j = 0; j < T; j++) out[(b * T + i) * T + j] = j <= i && segments[b * T + i] === segments[b * T + j] ? 0 : -1e9;
  return tf.tensor4d(out, [B, 1, T, T]);
}

function crossEntropyParts(logits: tf.Tensor3D, targets: Int32Array): {perToken: tf.Tensor1D; weight: tf.Tensor1D} {
  const [B, T, V] = logits.shape;
  const safe = Int32Array.from(targets, (t) => (t < 0 ? 0 : t));
  for (const t of safe) if (t >= V) throw new InputError(`A target id ${t} is outside the vocabulary of ${V}.`);
  const weight = tf.tensor1d(Float32Array.from(targets, (t) => (t === -100 ? 0 : 1)));
  const logp = tf.logSoftmax(logits.reshape([B * T, V])); // [B·T, V]
  const picked = tf.sum(tf.mul(logp, tf.oneHot(tf.tensor1d(safe, "int32"), V)), 1); // [B·T]
  return {perToken: tf.mul(tf.neg(picked), weight) as tf.Tensor1D, weight};
}

/** Σ loss over counted positions / their number. Throws InputError if no position counts (0/0). */
export function maskedCrossEntropy(logits: tf.Tensor3D, targets: Int32Array): tf.Scalar {
  const count = targets.reduce((a, t) => a + (t === -100 ? 0 : 1), 0);
  if (count === 0) throw new InputError("Every target is −100: there is no token to compute the loss on.");
  const {perToken} = crossEntropyParts(logits, targets);
  return tf.div(tf.sum(perToken), count) as tf.Scalar;
}
