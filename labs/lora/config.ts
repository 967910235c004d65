// Configurations and defaults of the LoRA page's two training runs, kept free of TensorFlow.js so the
// page can read them without loading it on the main thread. The runs themselves: simulate.ts, mlp.ts.
import type {LoraInit, LoraScaling} from "./lora.js";

export interface SimConfig {
  d: number;
  k: number;
  /** intrinsic rank of the signal part of ΔW */
  rStar: number;
  /** std of the noise entries added to ΔW */
  noise: number;
  /** LoRA ranks trained side by side */
  ranks: number[];
  alpha: number;
  scaling: LoraScaling;
  init: LoraInit;
  /** also train a full fine-tune (all d·k entries) */
  full: boolean;
  lr: number;
  steps: number;
  /** number of (whitened) input vectors, ≥ k */
  n: number;
  /** "nf4": the frozen base is the NF4 (double-quantized) reconstruction of W0, as in QLoRA */
  base: "exact" | "nf4";
  /**
   * "inputs": the loss (1/n)Σ||ŷ − y||² on the n inputs. "weights": the same number computed as ||ΔŴ − (W* − base)||_F²,
   * which equals it exactly because XᵀX = n I (same loss, same gradients, ~n/r fewer multiplications).
   */
  lossForm: "inputs" | "weights";
  seed: number;
}

export const DEFAULT_SIM: SimConfig = {
  d: 64,
  k: 64,
  rStar: 4,
  noise: 0.01,
  ranks: [1, 2, 4, 8, 16],
  alpha: 8,
  scaling: "standard",
  init: "kaiming",
  full: true,
  lr: 0.01,
  steps: 300,
  n: 128,
  base: "exact",
  lossForm: "weights",
  seed: 42
};

export interface MlpConfig {
  /** input size p, hidden width h, classes C */
  p: number;
  hidden: number;
  classes: number;
  nTrain: number;
  nTest: number;
  /** hidden units of the teacher network that labels the data */
  teacherHidden: number;
  /** task B = task A after rotating the input by this angle (degrees) in one plane */
  angle: number;
  ranks: number[];
  alpha: number;
  lr: number;
  pretrainSteps: number;
  adaptSteps: number;
  /** evaluate accuracies every this many steps */
  evalEvery: number;
  seed: number;
}

export const DEFAULT_MLP: MlpConfig = {
  p: 8,
  hidden: 24,
  classes: 4,
  nTrain: 512,
  nTest: 512,
  teacherHidden: 8,
  angle: 60,
  ranks: [1, 2, 4],
  alpha: 8,
  lr: 0.01,
  pretrainSteps: 200,
  adaptSteps: 150,
  evalEvery: 10,
  seed: 42
};
