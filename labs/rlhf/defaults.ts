// Default settings of the RLHF notebook, shared by the page and its data loader so that the
// precomputed first state is exactly what the page's controls would compute.
import {DEFAULT_SEED} from "../kit/random.js";
import {DEFAULT_DPO, type DpoConfig} from "./dpo.js";
import {DEFAULT_LABELERS} from "./labelers.js";
import type {LabelSetConfig} from "./pipeline.js";
import {DEFAULT_PPO, type PpoConfig} from "./ppo.js";
import type {RmConfig} from "./reward-model.js";

export const PAGE_SEED = DEFAULT_SEED;
export const PAGE_LABELS: LabelSetConfig = {seed: PAGE_SEED, labelers: {...DEFAULT_LABELERS}, source: "simulated", mine: []};
export const PAGE_RM: RmConfig = {steps: 100, lr: 0.05, useMargin: false, centerCoef: 0, l2: 0.001};
export const PAGE_PPO: PpoConfig = {...DEFAULT_PPO, beta: 0.05, steps: 150};
export const PAGE_DPO: DpoConfig = {...DEFAULT_DPO};
export const BON_NS = [1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 64, 128, 256];
