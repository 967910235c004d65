#!/usr/bin/python3
# Leiden (python3-leidenalg 0.9, Traag et al. 2019) on a weighted edge list, to set beside the lab's Louvain
# in bench/graphrag.ts: ModularityVertexPartition (best of --trials seeds, each iterated until stable),
# RBConfigurationVertexPartition at --resolution, igraph's C Louvain (community_multilevel), and a
# hierarchical Leiden that recurses inside communities above --max-cluster-size, as graspologic's
# hierarchical_leiden does for GraphRAG. Times are of the clustering calls only (not Python's start-up).
# Input: one edge a line, `source<TAB>target<TAB>weight` (npx tsx bench/graphrag.ts --export-graph FILE).
# Usage: /usr/bin/python3 scripts/graphrag-leiden.py FILE [--seed 42] [--resolution 1] [--trials 4] [--json]
import argparse
import json
import random
import statistics
import sys
import time

import igraph
import leidenalg


def read_edges(path):
    edges = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 3:
                sys.exit(f"{path}:{number}: expected source<TAB>target<TAB>weight, got {line!r}")
            edges.append((parts[0], parts[1], float(parts[2])))
    if not edges:
        sys.exit(f"{path}: no edges")
    return edges


def timed(f):
    t = time.perf_counter()
    result = f()
    return result, (time.perf_counter() - t) * 1000


def leiden(graph, seed):
    return leidenalg.find_partition(graph, leidenalg.ModularityVertexPartition, weights="weight", seed=seed, n_iterations=-1)


def hierarchical(graph, seed, max_cluster_size, max_levels):
    """Levels of memberships (vertex index → community number); a community that is not split keeps its number."""
    membership = leiden(graph, seed).membership
    levels = [list(membership)]
    frontier = sorted(set(membership))
    next_id = max(membership) + 1
    for _ in range(1, max_levels):
        membership = list(membership)
        split = []
        for c in frontier:
            members = [v for v, m in enumerate(levels[-1]) if m == c]
            if len(members) <= max_cluster_size:
                continue
            sub = graph.induced_subgraph(members)
            parts = leiden(sub, seed).membership if sub.ecount() else list(range(len(members)))
            if len(set(parts)) < 2:
                continue
            for p in sorted(set(parts)):
                for v, q in zip(members, parts):
                    if q == p:
                        membership[v] = next_id
                split.append(next_id)
                next_id += 1
        levels.append(membership)
        frontier = split
    return levels


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("edges")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--resolution", type=float, default=1.0)
    ap.add_argument("--trials", type=int, default=4)
    ap.add_argument("--max-cluster-size", type=int, default=10)
    ap.add_argument("--max-levels", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    random.seed(args.seed)  # python-igraph draws from Python's random module (community_multilevel's node order)

    graph = igraph.Graph.TupleList(read_edges(args.edges), directed=False, weights=True)
    q = lambda membership: graph.modularity(membership, weights="weight")

    runs = [timed(lambda s=s: leiden(graph, args.seed + s)) for s in range(args.trials)]
    best = max(runs, key=lambda r: q(r[0].membership))[0]  # VertexPartition.modularity ignores weights
    rb, rb_ms = timed(lambda: leidenalg.find_partition(
        graph, leidenalg.RBConfigurationVertexPartition, weights="weight", seed=args.seed,
        resolution_parameter=args.resolution, n_iterations=-1))
    ml, ml_ms = timed(lambda: graph.community_multilevel(weights="weight"))
    levels, h_ms = timed(lambda: hierarchical(graph, args.seed, args.max_cluster_size, args.max_levels))

    out = {
        "nodes": graph.vcount(), "edges": graph.ecount(),
        "leiden": {"modularity": q(best.membership), "first": q(runs[0][0].membership), "communities": len(best),
                   "msPerRun": statistics.median(ms for _, ms in runs), "trials": args.trials},
        "rbConfiguration": {"resolution": args.resolution, "modularity": q(rb.membership), "communities": len(rb), "ms": rb_ms},
        "igraphLouvain": {"modularity": q(ml.membership), "communities": len(ml), "ms": ml_ms},
        "hierarchical": {"ms": h_ms, "levels": [{"communities": len(set(m)), "modularity": q(m)} for m in levels]},
        "versions": {"leidenalg": leidenalg.version, "igraph": igraph.__version__},
    }
    if args.json:
        print(json.dumps(out))
        return
    print(f"{out['nodes']} nodes, {out['edges']} edges (leidenalg {leidenalg.version}, igraph {igraph.__version__})")
    print(f"Leiden modularity, best of {args.trials} seeds: Q {out['leiden']['modularity']:.4f} ({len(best)} communities), "
          f"{out['leiden']['msPerRun']:.1f} ms per run")
    print(f"Leiden RBConfiguration γ {args.resolution}: Q {out['rbConfiguration']['modularity']:.4f} ({len(rb)} communities), {rb_ms:.1f} ms")
    print(f"igraph Louvain (community_multilevel): Q {out['igraphLouvain']['modularity']:.4f} ({len(ml)} communities), {ml_ms:.1f} ms")
    for i, level in enumerate(out["hierarchical"]["levels"]):
        print(f"hierarchical Leiden C{i} (max cluster size {args.max_cluster_size}): {level['communities']} communities, Q {level['modularity']:.4f}")
    print(f"hierarchical Leiden total: {h_ms:.1f} ms")


if __name__ == "__main__":
    main()
