// The (rank r, α) loss landscape of the LoRA page, computed at build (about 10 s of Adam fits in Node)
// beside the config and grid it used (firstState): the default simulation problem.
import {firstState} from "../../labs/kit/first-state.js";
import {lossLandscape, DEFAULT_GRID} from "../../labs/lora/landscape.js";
import {DEFAULT_SIM_PAGE} from "../../labs/lora/controls.js";

process.stdout.write(JSON.stringify(firstState({sim: DEFAULT_SIM_PAGE, grid: DEFAULT_GRID}, lossLandscape(DEFAULT_SIM_PAGE, DEFAULT_GRID))));
