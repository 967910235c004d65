#!/usr/bin/env python3
"""Reference for labs/sft/gpt.ts: draws small fixed weights and batches, computes nanoGPT's forward loss with
PyTorch (Debian python3-torch) in float64, and three torch.optim.AdamW steps (float32, nanoGPT's decay
grouping), and writes everything to data/sft/fixtures/gpt-torch.json (weights stored [in, out], as gpt.ts).
Run: /usr/bin/python3 scripts/sft-gpt-fixture.py
"""
import json
import torch
import torch.nn.functional as F

CONFIG = {"vocabSize": 23, "contextLength": 8, "dModel": 16, "nHeads": 2, "nLayers": 2}


def shapes(c):
    d = c["dModel"]
    out = [("wte", [c["vocabSize"], d]), ("wpe", [c["contextLength"], d])]
    for l in range(c["nLayers"]):
        p = f"h.{l}."
        out += [(p + "ln_1.weight", [d]), (p + "ln_1.bias", [d]), (p + "attn.c_attn.weight", [d, 3 * d]), (p + "attn.c_attn.bias", [3 * d]),
                (p + "attn.c_proj.weight", [d, d]), (p + "attn.c_proj.bias", [d]), (p + "ln_2.weight", [d]), (p + "ln_2.bias", [d]),
                (p + "mlp.c_fc.weight", [d, 4 * d]), (p + "mlp.c_fc.bias", [4 * d]), (p + "mlp.c_proj.weight", [4 * d, d]), (p + "mlp.c_proj.bias", [d])]
    return out + [("ln_f.weight", [d]), ("ln_f.bias", [d])]


def forward_loss(W, c, ids, targets, pos, seg):
    d, H = c["dModel"], c["nHeads"]
    B, T = ids.shape
    hd = d // H
    x = W["wte"][ids] + W["wpe"][pos]
    causal = torch.tril(torch.ones(T, T, dtype=torch.bool))
    allowed = (causal[None] & (seg[:, :, None] == seg[:, None, :]))[:, None]  # [B, 1, T, T]
    for l in range(c["nLayers"]):
        p = f"h.{l}."
        h = F.layer_norm(x, (d,), W[p + "ln_1.weight"], W[p + "ln_1.bias"], eps=1e-5)
        q, k, v = (h @ W[p + "attn.c_attn.weight"] + W[p + "attn.c_attn.bias"]).split(d, dim=2)
        q, k, v = (t.view(B, T, H, hd).transpose(1, 2) for t in (q, k, v))
        att = (q @ k.transpose(-2, -1)) / hd ** 0.5
        att = att.masked_fill(~allowed, float("-inf")).softmax(dim=-1)
        y = (att @ v).transpose(1, 2).reshape(B, T, d)
        x = x + y @ W[p + "attn.c_proj.weight"] + W[p + "attn.c_proj.bias"]
        h = F.layer_norm(x, (d,), W[p + "ln_2.weight"], W[p + "ln_2.bias"], eps=1e-5)
        x = x + F.gelu(h @ W[p + "mlp.c_fc.weight"] + W[p + "mlp.c_fc.bias"], approximate="tanh") @ W[p + "mlp.c_proj.weight"] + W[p + "mlp.c_proj.bias"]
    x = F.layer_norm(x, (d,), W["ln_f.weight"], W["ln_f.bias"], eps=1e-5)
    logits = x @ W["wte"].T
    return F.cross_entropy(logits.reshape(-1, c["vocabSize"]), targets.reshape(-1), ignore_index=-100)


def f32(t):
    return [float("%.9g" % v) for v in t.flatten().tolist()]


def main():
    g = torch.Generator().manual_seed(12)
    c = CONFIG
    weights = {}
    for name, shape in shapes(c):
        if name.endswith("bias"):
            w = 0.1 * torch.randn(shape, generator=g)
        elif "ln_" in name:
            w = 1 + 0.1 * torch.randn(shape, generator=g)
        else:
            w = 0.3 * torch.randn(shape, generator=g)
        weights[name] = torch.tensor(f32(w.float()), dtype=torch.float32).reshape(shape)
    B, T = 2, 8
    ids = torch.randint(0, c["vocabSize"], (B, T), generator=g)
    targets = torch.randint(0, c["vocabSize"], (B, T), generator=g)
    targets[0, :3] = -100  # a masked prompt
    targets[1, 5] = -100
    plain_pos = torch.arange(T).repeat(B, 1)
    one_segment = torch.zeros(B, T, dtype=torch.long)
    packed_seg = torch.tensor([[0, 0, 0, 1, 1, 1, 1, 1], [0, 0, 0, 0, 0, 1, 1, 2]])
    packed_pos = torch.tensor([[0, 1, 2, 0, 1, 2, 3, 4], [0, 1, 2, 3, 4, 0, 1, 0]])

    W64 = {k: v.double() for k, v in weights.items()}
    loss_causal = forward_loss(W64, c, ids, targets, plain_pos, one_segment).item()
    loss_packed = forward_loss(W64, c, ids, targets, packed_pos, packed_seg).item()

    # Three AdamW steps in float32 on the causal batch.
    P = {k: v.clone().requires_grad_(True) for k, v in weights.items()}
    decay = [p for p in P.values() if p.dim() >= 2]
    no_decay = [p for p in P.values() if p.dim() < 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.1}, {"params": no_decay, "weight_decay": 0.0}], lr=1e-2, betas=(0.9, 0.95), eps=1e-8)
    adamw_losses = []
    for _ in range(3):
        opt.zero_grad()
        loss = forward_loss(P, c, ids, targets, plain_pos, one_segment)
        adamw_losses.append(loss.item())
        loss.backward()
        opt.step()
    adamw_losses.append(forward_loss(P, c, ids, targets, plain_pos, one_segment).item())

    out = {
        "torch": torch.__version__,
        "config": c,
        "weights": {k: f32(v) for k, v in weights.items()},
        "batch": {"batch": B, "length": T, "ids": ids.flatten().tolist(), "targets": targets.flatten().tolist()},
        "packed": {"positions": packed_pos.flatten().tolist(), "segments": packed_seg.flatten().tolist()},
        "lossCausal": loss_causal,
        "lossPacked": loss_packed,
        "adamw": {"lr": 1e-2, "beta1": 0.9, "beta2": 0.95, "eps": 1e-8, "weightDecay": 0.1, "losses": adamw_losses},
    }
    with open("data/sft/fixtures/gpt-torch.json", "w") as f:
        json.dump(out, f)
        f.write("\n")
    print(f"torch {torch.__version__}: causal {loss_causal:.6f}, packed {loss_packed:.6f}, AdamW {[round(x, 6) for x in adamw_losses]}")


if __name__ == "__main__":
    main()
