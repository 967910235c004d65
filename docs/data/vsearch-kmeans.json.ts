// Build-time figures of the /kmeans page that are too heavy for the main thread: on the default view
// (the controls' defaults), standard and balanced k-means from the same init for 20 init streams, and
// how often the balanced objective dips below or ends below the standard one. Same code as the page.
import {firstState} from "../../labs/kit/first-state.js";
import {stream} from "../../labs/kit/random.js";
import {DEFAULT_SEED} from "../../labs/kit/random.js";
import {kmeansControls as c} from "../../labs/vector-search/controls.js";
import {countBalancedBelow} from "../../labs/vector-search/kmeans-pair.js";
import {pointPreset} from "../../labs/vector-search/points2d.js";

const config = {preset: c.preset.value, n: c.n.value, k: c.k.value, init: c.init.value, seed: DEFAULT_SEED, runs: 20};
const points = pointPreset(config.preset, config.n, stream(config.seed, "points"));
process.stdout.write(JSON.stringify(firstState(config, countBalancedBelow(points, 2, config.k, config.init, config.seed, config.runs))));
