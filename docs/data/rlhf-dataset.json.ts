// The RLHF lab's dataset (data/rlhf/dataset.json, composed from the hand-written source.json).
import {readFileSync} from "node:fs";
import {validateDataset, type Dataset} from "../../labs/rlhf/dataset.js";

const dataset = JSON.parse(readFileSync("data/rlhf/dataset.json", "utf8")) as Dataset;
validateDataset(dataset);
process.stdout.write(JSON.stringify(dataset));
