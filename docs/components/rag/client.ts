// Page side of labs/rag/query-worker.ts (the kit's request/response worker client).
import type {QueryRequest} from "../../labs/rag/query-worker.js";
import {type WorkerClient, workerClient} from "../kit/worker-client.js";

export type QueryClient = WorkerClient<QueryRequest>;

export function queryClient(url: string, invalidation?: Promise<unknown>): QueryClient {
  return workerClient<QueryRequest>(url, invalidation);
}
