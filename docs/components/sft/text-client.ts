// Page side of labs/sft/text.worker.ts: one module worker, one promise per request, so the page's cells
// await tokens instead of building GPT-2's encoder on the main thread. A worker that fails rejects every
// pending and later request with its message.
import type {Policy} from "../../labs/sft/policies.js";
import type {ChatAnswer, ProbeAnswer, TextRequest, TrapAnswer} from "../../labs/sft/text.worker.js";

export interface TextClient {
  chat(chat: string, family: string, policy: Policy): Promise<ChatAnswer>;
  trap(): Promise<TrapAnswer>;
  probe(): Promise<ProbeAnswer>;
  terminate(): void;
}

export function textClient(url: string): TextClient {
  const worker = new Worker(url, {type: "module"});
  const pending = new Map<number, {resolve: (v: unknown) => void; reject: (e: Error) => void}>();
  let next = 0;
  let broken: Error | null = null;
  worker.onmessage = ({data}: MessageEvent<{id: number; answer?: unknown; failure?: string}>) => {
    const p = pending.get(data.id);
    pending.delete(data.id);
    if (data.failure !== undefined) p?.reject(new Error(data.failure));
    else p?.resolve(data.answer);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    broken = new Error(`The tokenizer worker failed to load: ${event.message || "unknown error"}`);
    for (const p of pending.values()) p.reject(broken);
    pending.clear();
  };
  function ask<T>(request: TextRequest): Promise<T> {
    if (broken) return Promise.reject(broken);
    return new Promise<T>((resolve, reject) => {
      const id = next++;
      pending.set(id, {resolve: resolve as (v: unknown) => void, reject});
      worker.postMessage({id, request});
    });
  }
  return {
    chat: (chat, family, policy) => ask<ChatAnswer>({kind: "chat", chat, family, policy}),
    trap: () => ask<TrapAnswer>({kind: "trap"}),
    probe: () => ask<ProbeAnswer>({kind: "probe"}),
    terminate: () => worker.terminate()
  };
}
