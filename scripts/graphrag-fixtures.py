#!/usr/bin/python3
# Reference values for test/graphrag: weighted modularity with resolution (networkx 2.8
# networkx.algorithms.community.modularity), NMI (scikit-learn 1.2 normalized_mutual_info_score, arithmetic
# mean) and the modularity reached by networkx's Louvain and python3-leidenalg's Leiden on a planted graph.
# Debian packages: apt-get install -y python3-networkx python3-sklearn python3-leidenalg.
# Usage: /usr/bin/python3 scripts/graphrag-fixtures.py > test/graphrag/fixtures.json
import json
import random

import igraph
import leidenalg
import networkx as nx
import sklearn
from networkx.algorithms.community import louvain_communities, modularity
from sklearn.metrics import normalized_mutual_info_score


def edges_of(g):
    return [[str(u), str(v), g[u][v].get("weight", 1)] for u, v in g.edges()]


def to_sets(partition):
    groups = {}
    for node, label in partition.items():
        groups.setdefault(label, set()).add(node)
    return list(groups.values())


def modularity_case(name, g, partition, resolution):
    return {
        "name": name,
        "nodes": [str(n) for n in g.nodes()],
        "edges": edges_of(g),
        "partition": {str(n): c for n, c in partition.items()},
        "resolution": resolution,
        "q": modularity(g, to_sets(partition), weight="weight", resolution=resolution),
    }


rng = random.Random(20260101)
cases = []

karate = nx.Graph()
karate.add_edges_from(nx.karate_club_graph().edges())  # unweighted, as Zachary's 78 edges
club = {n: (0 if d["club"] == "Mr. Hi" else 1) for n, d in nx.karate_club_graph().nodes(data=True)}
cases.append(modularity_case("karate, the two clubs", karate, club, 1))
cases.append(modularity_case("karate, the two clubs, γ 0.5", karate, club, 0.5))
best = {}
for i, c in enumerate(louvain_communities(karate, seed=1)):
    for n in c:
        best[n] = i
cases.append(modularity_case("karate, networkx Louvain seed 1", karate, best, 1))
cases.append(modularity_case("karate, one community", karate, {n: 0 for n in karate}, 1))
cases.append(modularity_case("karate, singletons", karate, {n: n for n in karate}, 1))

for i, (n, m, resolution) in enumerate([(30, 80, 1), (30, 80, 0.5), (40, 120, 2), (25, 60, 1.7)]):
    g = nx.gnm_random_graph(n, m, seed=100 + i)
    for u, v in g.edges():
        g[u][v]["weight"] = rng.choice([1, 2, 3, 5]) if i % 2 == 0 else round(rng.uniform(0.1, 4), 3)
    partition = {node: rng.randrange(4) for node in g}
    cases.append(modularity_case(f"G(n {n}, m {m}) weighted, random 4-labelling, γ {resolution}", g, partition, resolution))

loops = nx.Graph()
loops.add_weighted_edges_from([(0, 1, 2), (1, 2, 1), (2, 0, 1), (2, 3, 0.5), (3, 4, 3), (4, 4, 2), (0, 0, 1)])
loops.add_node(5)  # isolated
cases.append(modularity_case("self-loops and an isolated node", loops, {0: 0, 1: 0, 2: 0, 3: 1, 4: 1, 5: 2}, 1))
cases.append(modularity_case("self-loops and an isolated node, γ 1.5", loops, {0: 0, 1: 1, 2: 0, 3: 1, 4: 1, 5: 1}, 1.5))

nmi_cases = []


def nmi_case(name, a, b):
    nmi_cases.append({"name": name, "a": a, "b": b, "nmi": normalized_mutual_info_score(a, b)})


for i, (n, ka, kb) in enumerate([(50, 3, 4), (50, 8, 8), (200, 10, 6), (12, 2, 5)]):
    nmi_case(f"random labels, n {n}, {ka} vs {kb} clusters", [rng.randrange(ka) for _ in range(n)], [rng.randrange(kb) for _ in range(n)])
base = [rng.randrange(5) for _ in range(60)]
noisy = [x if rng.random() < 0.8 else rng.randrange(5) for x in base]
nmi_case("a labelling and 20% of it relabelled at random", base, noisy)
nmi_case("the same partition with renamed labels", base, [(x * 3 + 7) % 11 for x in base])
nmi_case("both one cluster", [0] * 6, [3] * 6)
nmi_case("one cluster against two", [0] * 6, [0, 0, 0, 1, 1, 1])
nmi_case("all singletons on both sides", list(range(7)), list(range(7, 14)))
nmi_case("split of one cluster into two", [0, 0, 0, 0, 1, 1, 1, 1], [0, 0, 2, 2, 1, 1, 1, 1])
nmi_case("string labels", ["a", "a", "b", "b", "c"], ["x", "y", "y", "y", "z"])

# Louvain / Leiden reference on a planted partition (5 blocks of 40, p_in 0.3, p_out 0.02, weights 1–3)
planted = nx.random_partition_graph([40] * 5, 0.3, 0.02, seed=7)
planted = nx.relabel_nodes(planted, {n: f"n{n}" for n in planted})
for u, v in planted.edges():
    planted[u][v]["weight"] = rng.choice([1, 1, 2, 3])
nx_best = max(modularity(planted, louvain_communities(planted, weight="weight", seed=s), weight="weight") for s in range(5))
ig = igraph.Graph.TupleList(edges_of(planted), weights=True)
leiden = max(  # weighted Q (a partition's own .modularity attribute ignores the weights)
    ig.modularity(leidenalg.find_partition(ig, leidenalg.ModularityVertexPartition, weights="weight", seed=s, n_iterations=-1).membership, weights="weight")
    for s in range(5)
)
print(json.dumps({
    "generator": "scripts/graphrag-fixtures.py",
    "versions": {"networkx": nx.__version__, "scikit-learn": sklearn.__version__, "leidenalg": leidenalg.version, "igraph": igraph.__version__},
    "modularity": cases,
    "nmi": nmi_cases,
    "planted": {
        "nodes": [str(n) for n in planted.nodes()],
        "edges": edges_of(planted),
        "networkxLouvainBestOf5": nx_best,
        "leidenBestOf5": leiden,
    },
}, indent=1))
