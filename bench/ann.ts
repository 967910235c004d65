// ANN benchmark: builds Flat, PQ, IVF-Flat and IVF-PQ from labs/vector-search and reports, per
// setting, training and adding time, bytes per vector, recall@10 and single-query QPS (one query at a
// time, one thread). With faiss importable from python3, runs faiss's same indexes on the same files as
// a peer, side by side. Not a test. Usage:
//   npx tsx bench/ann.ts [--base PATH --query PATH --dim D [--gt PATH]] [--json FILE] [--no-faiss] [--quick] [--no-kernels]
// --no-kernels runs the TypeScript references instead of the WebAssembly kernels (kernels.wat).
// Files: raw little-endian float32, row-major; --gt: int32 row-major top-k ids (k >= 10).
import {execFileSync, spawnSync} from "node:child_process";
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {mulberry32} from "../labs/kit/random.js";
import {exactKnn, recallAtK} from "../labs/vector-search/knn.js";
import {IVFSearcher, buildIVFFlat, buildIVFPQ, trainCoarse, trainIVFPQ} from "../labs/vector-search/ivf.js";
import {PQSearcher, pqEncode, trainPQ} from "../labs/vector-search/pq.js";
import {gaussianMixture, SYNTHETIC_DEFAULT} from "../labs/vector-search/synthetic.js";
import type {MeasureRow} from "../labs/vector-search/measure.js";
import {nodeBackend} from "../labs/vector-search/kernels-node.js";
import {TYPESCRIPT} from "../labs/vector-search/backend.js";

/** The lab's measurement row (labs/vector-search/measure.ts), plus which engine produced it. */
interface Row extends MeasureRow {
  engine: "lab" | "faiss";
  qpsCpu?: number; // queries per second of this process's CPU time (less sensitive to a busy machine)
  trainCpu?: number; // CPU seconds of training (printed, not written to --json)
}

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const K = 10;
const quick = flag("--quick");
const seed = 1234;
// one backend for every index below (backend.ts decides per loop whether a kernel applies)
const backend = flag("--no-kernels") ? TYPESCRIPT : await nodeBackend();

function readF32(path: string): Float32Array {
  const buf = readFileSync(path);
  return new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
}

// ---- data
let base: Float32Array, queries: Float32Array, d: number, nb: number, nq: number, source: string;
if (option("--base")) {
  d = Number(option("--dim"));
  if (!option("--query") || !Number.isInteger(d) || d < 1) throw new Error("--base needs --query PATH and --dim D.");
  base = readF32(option("--base")!);
  queries = readF32(option("--query")!);
  if (base.length % d || queries.length % d) throw new Error(`File sizes are not multiples of dim ${d}.`);
  nb = base.length / d;
  nq = queries.length / d;
  source = `${option("--base")} (${nb} × ${d}), ${nq} queries`;
} else {
  const cfg = quick ? {...SYNTHETIC_DEFAULT, nBase: 10_000, nQuery: 200} : SYNTHETIC_DEFAULT;
  const t = performance.now();
  const set = gaussianMixture(cfg);
  ({base, queries, d} = set);
  nb = set.nBase;
  nq = set.nQuery;
  source = `synthetic: ${nb} base + ${nq} queries, d = ${d}, ${cfg.clusters} Gaussian clusters, centre std ${cfg.centerStd}, noise std ${cfg.noiseStd}, seed ${cfg.seed} (${((performance.now() - t) / 1000).toFixed(1)} s)`;
}
console.log(`data: ${source}`);

const rows: Row[] = [];
const sec = (t0: number) => (performance.now() - t0) / 1000;
const cpuSec = (c0: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
};

// ---- Flat (also the ground truth when --gt is absent)
let gt: Int32Array, gtK: number;
{
  // exactKnn scans the whole base for each query in turn (no batching): time / nq = single-query cost
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const ids = exactKnn(base, nb, d, queries, nq, K, "l2", {backend}).ids;
  const s = sec(t0);
  const cpu = process.cpuUsage(c0);
  if (option("--gt")) {
    const raw = readFileSync(option("--gt")!);
    gt = new Int32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
    gtK = gt.length / nq;
    if (!Number.isInteger(gtK) || gtK < K) throw new Error(`--gt must hold ${nq} rows of at least ${K} int32 ids.`);
  } else {
    gt = ids;
    gtK = K;
  }
  rows.push({engine: "lab", index: "flat", m: null, nbits: null, nlist: null, nprobe: null, trainSeconds: 0, addSeconds: 0, bytesPerVector: d * 4, recallAt10: recallAtK(ids, K, gt, gtK, nq, K), qps: nq / s, qpsCpu: nq / ((cpu.user + cpu.system) / 1e6)});
}

// Best of several passes over all queries (wall clock and CPU time each their own best), for both
// engines: at least PASSES passes, more until MIN_SECONDS have passed (at most 20). The machine may be
// shared, and a pass slowed by another process says nothing about either engine.
const PASSES = 3;
const MIN_SECONDS = 2;
function measure(search: (q: number, out: Int32Array, dist: Float32Array, off: number) => void): {recall: number; qps: number; qpsCpu: number} {
  const ids = new Int32Array(nq * K);
  const dist = new Float32Array(nq * K);
  for (let q = 0; q < Math.min(nq, 20); q++) search(q, ids, dist, q * K); // warm-up
  let qps = 0, qpsCpu = 0;
  const start = performance.now();
  for (let pass = 0; pass < 20 && (pass < PASSES || sec(start) < MIN_SECONDS); pass++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let q = 0; q < nq; q++) search(q, ids, dist, q * K);
    qps = Math.max(qps, nq / sec(t0));
    qpsCpu = Math.max(qpsCpu, nq / cpuSec(c0));
  }
  return {recall: recallAtK(ids, K, gt, gtK, nq, K), qps, qpsCpu};
}

const nprobes = [1, 4, 16, 64];
const nlist = quick ? 64 : 256;

// ---- PQ (exhaustive ADC)
for (const m of [8, 16]) {
  if (d % m) continue;
  const nbits = 8;
  let t0 = performance.now();
  const c0 = process.cpuUsage();
  const {pq} = trainPQ(base, nb, d, m, nbits, mulberry32(seed), {niter: 25, backend});
  const trainSeconds = sec(t0), trainCpu = cpuSec(c0);
  t0 = performance.now();
  const codes = pqEncode(pq, base, nb, {backend});
  const addSeconds = sec(t0);
  const searcher = new PQSearcher(pq, codes, nb, K, {backend});
  const {recall, qps, qpsCpu} = measure((q, out, dist, off) => searcher.search(queries, q * d, out, dist, off));
  rows.push({engine: "lab", index: "pq", m, nbits, nlist: null, nprobe: null, trainSeconds, trainCpu, addSeconds, bytesPerVector: (m * nbits) / 8, recallAt10: recall, qps, qpsCpu});
}

// ---- IVF-Flat
{
  let t0 = performance.now();
  const c0 = process.cpuUsage();
  const coarse = trainCoarse(base, nb, d, nlist, mulberry32(seed), 10, {backend}).centroids;
  const trainSeconds = sec(t0), trainCpu = cpuSec(c0);
  t0 = performance.now();
  const index = buildIVFFlat(coarse, nlist, base, nb, d, {backend});
  const addSeconds = sec(t0);
  const searcher = new IVFSearcher(index, K, {backend});
  for (const nprobe of nprobes) {
    const {recall, qps, qpsCpu} = measure((q, out, dist, off) => searcher.search(queries, q * d, nprobe, out, dist, off));
    rows.push({engine: "lab", index: "ivf-flat", m: null, nbits: null, nlist, nprobe, trainSeconds, trainCpu, addSeconds, bytesPerVector: d * 4 + 8, recallAt10: recall, qps, qpsCpu});
  }
}

// ---- IVF-PQ
{
  const m = 16, nbits = 8;
  let t0 = performance.now();
  const c0 = process.cpuUsage();
  const {coarse, pq} = trainIVFPQ(base, nb, d, nlist, m, nbits, mulberry32(seed), {coarseIter: 10, pqIter: 25, backend});
  const trainSeconds = sec(t0), trainCpu = cpuSec(c0);
  t0 = performance.now();
  const index = buildIVFPQ(coarse, nlist, pq, base, nb, {backend});
  const addSeconds = sec(t0);
  const searcher = new IVFSearcher(index, K, {backend});
  for (const nprobe of nprobes) {
    const {recall, qps, qpsCpu} = measure((q, out, dist, off) => searcher.search(queries, q * d, nprobe, out, dist, off));
    rows.push({engine: "lab", index: "ivf-pq", m, nbits, nlist, nprobe, trainSeconds, trainCpu, addSeconds, bytesPerVector: (m * nbits) / 8 + 8, recallAt10: recall, qps, qpsCpu});
  }
}

// ---- faiss peer (optional)
const FAISS_SCRIPT = String.raw`
import sys, json, time, numpy as np, faiss
faiss.omp_set_num_threads(1)
base_path, query_path, gt_path, d, nlist, K, PASSES, MIN_SECONDS = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), 10, int(sys.argv[6]), float(sys.argv[7])
xb = np.fromfile(base_path, dtype='float32').reshape(-1, d); xq = np.fromfile(query_path, dtype='float32').reshape(-1, d)
gt = np.fromfile(gt_path, dtype='int32').reshape(xq.shape[0], -1)[:, :K]
nq = xq.shape[0]
def recall(I): return float(np.mean([len(set(I[i]) & set(gt[i])) / K for i in range(nq)]))
def measure(index, passes=PASSES):
    for i in range(min(nq, 20)): index.search(xq[i:i+1], K)
    I = np.empty((nq, K), dtype='int64'); qps = cpu = 0.0; start = time.perf_counter(); p = 0
    while p < passes or (passes > 1 and p < 20 and time.perf_counter() - start < MIN_SECONDS):
        p += 1
        t = time.perf_counter(); c = time.process_time()
        for i in range(nq): I[i] = index.search(xq[i:i+1], K)[1][0]
        qps = max(qps, nq / (time.perf_counter() - t)); cpu = max(cpu, nq / (time.process_time() - c))
    return recall(I), qps, cpu
rows = []
def row(index, m, nbits, nl, nprobe, tt, ta, bpv, r, q, tc=0.0):
    rows.append(dict(engine='faiss', index=index, m=m, nbits=nbits, nlist=nl, nprobe=nprobe, trainSeconds=tt, trainCpu=tc, addSeconds=ta, bytesPerVector=bpv, recallAt10=r, qps=q[0], qpsCpu=q[1]))
def train(index):
    t = time.perf_counter(); c = time.process_time(); index.train(xb)
    return time.perf_counter() - t, time.process_time() - c
idx = faiss.IndexFlatL2(d); t = time.perf_counter(); idx.add(xb); ta = time.perf_counter() - t
r, *q = measure(idx, 1); row('flat', None, None, None, None, 0.0, ta, d * 4, r, q)
for m in (8, 16):
    if d % m: continue
    idx = faiss.IndexPQ(d, m, 8); tt, tc = train(idx)
    t = time.perf_counter(); idx.add(xb); ta = time.perf_counter() - t
    r, *q = measure(idx); row('pq', m, 8, None, None, tt, ta, m, r, q, tc)
quant = faiss.IndexFlatL2(d); idx = faiss.IndexIVFFlat(quant, d, nlist)
tt, tc = train(idx)
t = time.perf_counter(); idx.add(xb); ta = time.perf_counter() - t
for p in (1, 4, 16, 64):
    idx.nprobe = p; r, *q = measure(idx); row('ivf-flat', None, None, nlist, p, tt, ta, d * 4 + 8, r, q, tc)
quant2 = faiss.IndexFlatL2(d); idx = faiss.IndexIVFPQ(quant2, d, nlist, 16, 8)
tt, tc = train(idx)
t = time.perf_counter(); idx.add(xb); ta = time.perf_counter() - t
for p in (1, 4, 16, 64):
    idx.nprobe = p; r, *q = measure(idx); row('ivf-pq', 16, 8, nlist, p, tt, ta, 16 + 8, r, q, tc)
print(json.dumps(dict(version=faiss.__version__, rows=rows)))
`;

function findFaissPython(): string | null {
  for (const py of [process.env.FAISS_PYTHON, "python3", "/usr/bin/python3"]) {
    if (!py) continue;
    const r = spawnSync(py, ["-c", "import faiss, numpy"], {stdio: "ignore"});
    if (r.status === 0) return py;
  }
  return null;
}

let faissVersion: string | null = null;
if (!flag("--no-faiss")) {
  const py = findFaissPython();
  if (!py) console.log("faiss peer: python3 with faiss not found (apt-get install python3-faiss); lab rows only.");
  else {
    const dir = mkdtempSync(join(tmpdir(), "ann-bench-"));
    try {
      writeFileSync(join(dir, "base.f32"), new Uint8Array(base.buffer, base.byteOffset, base.byteLength));
      writeFileSync(join(dir, "query.f32"), new Uint8Array(queries.buffer, queries.byteOffset, queries.byteLength));
      writeFileSync(join(dir, "gt.i32"), new Uint8Array(gt.buffer, gt.byteOffset, gt.byteLength));
      writeFileSync(join(dir, "peer.py"), FAISS_SCRIPT);
      console.log(`faiss peer: running ${py} (one thread)…`);
      const out = execFileSync(py, [join(dir, "peer.py"), join(dir, "base.f32"), join(dir, "query.f32"), join(dir, "gt.i32"), String(d), String(nlist), String(PASSES), String(MIN_SECONDS)], {encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], maxBuffer: 1 << 24});
      const parsed = JSON.parse(out.trim().split("\n").pop()!) as {version: string; rows: Row[]};
      faissVersion = parsed.version;
      rows.push(...parsed.rows);
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  }
}

// ---- report
const key = (r: Row) => `${r.index}|${r.m}|${r.nbits}|${r.nlist}|${r.nprobe}`;
const peer = new Map(rows.filter((r) => r.engine === "faiss").map((r) => [key(r), r]));
const pad = (s: string, n: number) => s.padStart(n);
console.log(`\nk-means: IVF coarse quantizer 10 iterations, PQ codebooks 25 iterations, at most 256 points per centroid (faiss 1.7.3's defaults: IndexIVF cp.niter = 10, ProductQuantizer cp.niter = 25), random init, seed ${seed}.`);
console.log(flag("--no-kernels") ? "TypeScript references only (--no-kernels)." : "WebAssembly kernels (labs/vector-search/kernels.wat): k-means assignment, PQ encoding, IVF-PQ query.");
console.log(`recall@10 = |found ∩ exact top-10| / 10, averaged over ${nq} queries; qps = single-query, one thread, best of at least ${PASSES} passes and ${MIN_SECONDS} s (Flat: one pass); cpu-qps = queries per CPU-second.${faissVersion ? ` faiss ${faissVersion} beside, measured the same way.` : ""}\n`);
const header = ["index", "m", "nbits", "nlist", "nprobe", "train s", "add s", "B/vec", "recall@10", "qps"];
const widths = [9, 3, 5, 5, 6, 8, 7, 6, 9, 8];
let line = header.map((h, i) => pad(h, widths[i])).join(" ");
line += "  cpu-qps";
line += " train-cpu";
if (faissVersion) line += " | faiss: train s  recall@10      qps  cpu-qps  Δrecall  qps ratio  cpu-qps ratio  train ratio  train-cpu ratio";
console.log(line);
for (const r of rows.filter((x) => x.engine === "lab")) {
  const cells = [r.index, r.m ?? "", r.nbits ?? "", r.nlist ?? "", r.nprobe ?? "", r.trainSeconds.toFixed(2), r.addSeconds.toFixed(2), r.bytesPerVector, r.recallAt10.toFixed(3), Math.round(r.qps)];
  line = cells.map((c, i) => pad(String(c), widths[i])).join(" ") + " " + pad(String(Math.round(r.qpsCpu ?? NaN)), 8) + " " + pad(r.trainCpu ? r.trainCpu.toFixed(2) : "", 9);
  const f = peer.get(key(r));
  if (f) line += ` |       ${pad(f.trainSeconds.toFixed(2), 8)} ${pad(f.recallAt10.toFixed(3), 10)} ${pad(String(Math.round(f.qps)), 8)} ${pad(String(Math.round(f.qpsCpu ?? NaN)), 8)} ${pad((r.recallAt10 - f.recallAt10).toFixed(3), 8)} ${pad((r.qps / f.qps).toFixed(2), 10)} ${pad(((r.qpsCpu ?? NaN) / (f.qpsCpu ?? NaN)).toFixed(2), 14)} ${pad(f.trainSeconds > 0 ? (r.trainSeconds / f.trainSeconds).toFixed(2) : "", 12)} ${pad(f.trainCpu && r.trainCpu ? (r.trainCpu / f.trainCpu).toFixed(2) : "", 16)}`;
  console.log(line);
}
const jsonPath = option("--json");
if (jsonPath) {
  writeFileSync(jsonPath, JSON.stringify(rows.map(({engine, trainCpu, ...rest}) => ({...rest, engine})), null, 1));
  console.log(`\nwrote ${rows.length} rows to ${jsonPath}`);
}
