// AdamW (decoupled weight decay) for tfjs variables, as torch.optim.AdamW computes it, with nanoGPT's
// grouping: weight decay on tensors with ≥ 2 dimensions (matmul weights, embeddings), none on biases and
// LayerNorm. tfjs ships Adam but no AdamW. Source: Loshchilov & Hutter 2019; PyTorch torch/optim/adamw.py.
import * as tf from "@tensorflow/tfjs";

export interface AdamWOptions {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
}

/** nanoGPT's train.py defaults: lr 6e-4, betas (0.9, 0.95), weight decay 0.1; PyTorch's eps 1e-8. */
export const NANOGPT_ADAMW: AdamWOptions = {lr: 6e-4, beta1: 0.9, beta2: 0.95, eps: 1e-8, weightDecay: 0.1};

export class AdamW {
  private m = new Map<string, tf.Variable>();
  private v = new Map<string, tf.Variable>();
  private t = 0;
  constructor(private readonly params: Map<string, tf.Variable>, public options: AdamWOptions) {
    for (const [name, p] of params) {
      tf.tidy(() => {
        this.m.set(name, tf.variable(tf.zerosLike(p), false));
        this.v.set(name, tf.variable(tf.zerosLike(p), false));
      });
    }
  }

  get steps(): number {
    return this.t;
  }

  /**
   * One update from gradients named like the parameters:
   * p ← p − lr·λ·p (if decayed); m ← β1 m + (1−β1) g; v ← β2 v + (1−β2) g²;
   * p ← p − lr · (m / (1−β1ᵗ)) / (√(v / (1−β2ᵗ)) + ε). Frees every temporary.
   */
  apply(grads: Record<string, tf.Tensor>): void {
    this.t++;
    const {lr, beta1, beta2, eps, weightDecay} = this.options;
    const bc1 = 1 - beta1 ** this.t;
    const bc2 = 1 - beta2 ** this.t;
    tf.tidy(() => {
      for (const [name, p] of this.params) {
        const g = grads[name];
        if (!g) continue;
        const m = this.m.get(name)!;
        const v = this.v.get(name)!;
        m.assign(tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1)));
        v.assign(tf.add(tf.mul(v, beta2), tf.mul(tf.square(g), 1 - beta2)));
        const decayed = p.rank >= 2 && weightDecay > 0 ? tf.mul(p, 1 - lr * weightDecay) : p;
        const update = tf.div(tf.div(m, bc1), tf.add(tf.sqrt(tf.div(v, bc2)), eps));
        p.assign(tf.sub(decayed, tf.mul(update, lr)));
      }
    });
  }

  dispose(): void {
    for (const t of [...this.m.values(), ...this.v.values()]) t.dispose();
    this.m.clear();
    this.v.clear();
  }
}

/** Loss and gradients of `lossFn` w.r.t. the named variables; the caller disposes the gradients. */
export function lossAndGrads(params: Map<string, tf.Variable>, lossFn: () => tf.Scalar): {loss: number; grads: Record<string, tf.Tensor>} {
  const names = [...params.keys()];
  const {value, grads} = tf.variableGrads(lossFn, names.map((n) => params.get(n)!));
  const loss = value.dataSync()[0];
  value.dispose();
  const named: Record<string, tf.Tensor> = {};
  // variableGrads keys its result by variable name.
  for (const n of names) named[n] = grads[params.get(n)!.name];
  return {loss, grads: named};
}

export function disposeGrads(grads: Record<string, tf.Tensor>): void {
  for (const g of Object.values(grads)) g.dispose();
}
