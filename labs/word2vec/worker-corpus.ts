// Worker-side decoding of the training corpus: the page fetches Brown's two data files once and hands
// their bytes to every worker (a 0.8 MB JSON text and a 2 MB buffer, cheap to clone, unlike a million
// decoded tokens); the worker unpacks them (kept for later resets). The reader's text is tokenised here.
// Used by worker.ts and worker-tfjs.ts only.
import type {Stepper} from "../kit/stepper.js";
import type {WorkerRequest, WorkerResponse} from "../kit/worker-protocol.js";
import {tokenizeText} from "./corpus.js";
import {unpackCorpus} from "./packed.js";
import {type Engine, type SessionConfig, type SessionSnapshot, sessionStepper, stepsDone} from "./session.js";
import {type Corpus, encodeSentences} from "./vocab.js";

/** Brown as the page fetched it (word2vec-brown.json's text, word2vec-brown.bin's bytes), or the reader's text. */
export type CorpusSource = {kind: "brown"; json: string; bin: ArrayBuffer} | {kind: "text"; text: string};
export type WorkerConfig = Omit<SessionConfig, "corpus" | "pos"> & {source: CorpusSource; wasm?: string}; // wasm: URL of the kernel's bytes

let brownCache: Promise<{corpus: Corpus; pos: Uint8Array}> | null = null;

async function loadBrown(json: string, bin: ArrayBuffer): Promise<{corpus: Corpus; pos: Uint8Array}> {
  const types = JSON.parse(json);
  return {corpus: unpackCorpus(types, bin), pos: Uint8Array.from(types.pos as number[])};
}

export async function loadCorpus(source: CorpusSource): Promise<{corpus: Corpus; pos: Uint8Array | null}> {
  if (source.kind === "brown") return (brownCache ??= loadBrown(source.json, source.bin));
  return {corpus: encodeSentences(tokenizeText(source.text)), pos: null};
}

/**
 * The worker's global scope for serveStepper, except that snapshots move their typed arrays to the page
 * instead of copying them: a copied 3 MB vectors table costs the page's main thread a buffer allocation
 * and a copy at every refresh. Each snapshot's arrays are fresh, so the worker never reads them again.
 */
export function transferringScope() {
  const self = globalThis as unknown as {onmessage: unknown; postMessage(message: unknown, transfer: Transferable[]): void};
  return {
    get onmessage() {
      return self.onmessage as ((event: MessageEvent<WorkerRequest>) => void) | null;
    },
    set onmessage(handler: ((event: MessageEvent<WorkerRequest>) => void) | null) {
      self.onmessage = handler;
    },
    postMessage(message: WorkerResponse) {
      const transfer: Transferable[] = [];
      if (message.type === "snapshot") {
        const s = message.snapshot as Partial<SessionSnapshot>;
        for (const a of [s.vectors, s.unit, s.pca?.mean, ...(s.pca?.axes ?? [])]) if (a && !transfer.includes(a.buffer as ArrayBuffer)) transfer.push(a.buffer as ArrayBuffer);
      }
      self.postMessage(message, transfer);
    }
  };
}

/** A session whose reset() first loads the corpus in the worker. */
export function workerSession(config: WorkerConfig, makeEngine: (config: SessionConfig) => Engine | Promise<Engine>): Stepper<SessionSnapshot> {
  let inner: Stepper<SessionSnapshot> | null = null;
  return {
    async reset() {
      const {corpus, pos} = await loadCorpus(config.source);
      inner = sessionStepper({...config, corpus, pos}, makeEngine);
      return inner.reset();
    },
    step: (n) => {
      if (!inner) throw new Error("The worker got a step before a reset.");
      return inner.step(n);
    },
    progress: (s) => s.progress,
    stepsDone
  };
}
