// What the RLHF notebook imports from labs/rlhf, in one place (each module documents its own part).
export {BACKBONE_FEATURES, TRUE_WEIGHTS} from "./dataset.js";
export {optimalPolicy, frontier, logspace} from "./optimum.js";
export {meanKL, meanExpectation, softmaxPerPrompt} from "./policy.js";
export {bestOfN} from "./bon.js";
export {spearman} from "./metrics.js";
export {spaces, sftPolicy, labelSet, bonCurve, evaluate} from "./pipeline.js";
export {sftAlgorithm} from "./sft.js";
export {ppoAlgorithm, DEFAULT_PPO} from "./ppo.js";
export {dpoAlgorithm} from "./dpo.js";
export {acceptanceRate} from "./rejection.js";
export {frozenHeadCeiling} from "./linear-probe.js";
export {DEFAULT_RM} from "./reward.js";
export {CONTROLS, BON_NS, SFT_KEY, betaOf, labelsFrom, rmKeyFrom, ppoKeyFrom, dpoKeyFrom} from "./controls.js";
export {agreement, bestUtility, probabilityCorrect, centredPerPrompt, topMass, tryLabelSet} from "./view.js";
