// The word2vec page's first state: the space trained at build time (labs/word2vec/build-snapshot.ts),
// shown in the explorer until the reader presses Start. Its config is the corpus only: the page names
// the snapshot's own training settings beside it, so it stands for "a space trained on Brown" whatever
// the training controls say, and it is right only while the corpus is Brown (its words and tags).
// Output: firstState({corpus: "brown"}, BuildSnapshot) (labs/kit/first-state.ts).
import {firstState} from "../../labs/kit/first-state.js";
import {trainBuildSnapshot} from "../../labs/word2vec/build-snapshot.js";

process.stdout.write(JSON.stringify(firstState({corpus: "brown"}, await trainBuildSnapshot())));
