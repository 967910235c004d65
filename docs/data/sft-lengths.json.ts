// Token counts of the SFT page's 108 training chats (SmolLM2 template, GPT-2 BPE), for the packing table,
// computed at build time so the page does not tokenize the dataset on the main thread.
import {conversations} from "../../labs/sft/dataset.js";
import {labelChat} from "../../labs/sft/labels.js";
import {family} from "../../labs/sft/templates.js";

process.stdout.write(JSON.stringify(conversations().map((c) => labelChat(family("smollm2"), c, "full").tokens.length)));
