// First state of the LoRA page's MLP section, computed at build with the code the page runs live.
import {mlpStepper, DEFAULT_MLP} from "../../labs/lora/mlp.js";

const st = mlpStepper(DEFAULT_MLP);
let s = await st.reset();
while (st.progress(s) < 1) s = await st.step(50);
st.dispose?.();
process.stdout.write(JSON.stringify(s));
