// The page-side kit in one import: `import {control, runController, follow, ...} from "./components/kit/index.js"`.
export {control} from "./controls.js";
export {seedInput} from "./seed-input.js";
export {shareButton, urlProblems} from "./url-state.js";
export {runController} from "./run-controller.js";
export {workerStepper} from "./worker-stepper.js";
export {follow} from "./follow.js";
export {liveChart, nextFrame} from "./live.js";
export {figure3d} from "./plot3d.js";
export {misconception, predict, notice} from "./callouts.js";
export {palette, plotDefaults, fmt} from "./chart-style.js";
export {SimpleTable} from "./table.js";
export {reducedMotion} from "./motion.js";
export {blank, el, headedTable, scrollRegion} from "./dom.js";
