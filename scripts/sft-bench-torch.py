#!/usr/bin/env python3
"""PyTorch side of bench/sft.ts: the same tiny GPT (nanoGPT layout, biases, tied head, tanh GELU, no dropout),
trained with AdamW on random tokens, CPU, one thread, fp32. Prints one JSON line
{"engine", "params", "tokensPerSecond", "msPerStep", "firstLoss", "lastLoss"}.
Run: /usr/bin/python3 scripts/sft-bench-torch.py --vocab 512 --ctx 128 --d 128 --heads 4 --layers 2 --batch 16 --steps 20
"""
import argparse
import json
import math
import time
import torch
import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):
    def __init__(self, d, heads, ctx):
        super().__init__()
        self.heads = heads
        self.ln_1 = nn.LayerNorm(d)
        self.c_attn = nn.Linear(d, 3 * d)
        self.c_proj = nn.Linear(d, d)
        self.ln_2 = nn.LayerNorm(d)
        self.c_fc = nn.Linear(d, 4 * d)
        self.mlp_proj = nn.Linear(4 * d, d)
        self.register_buffer("causal", torch.tril(torch.ones(ctx, ctx, dtype=torch.bool)))

    def forward(self, x):
        B, T, d = x.shape
        q, k, v = self.c_attn(self.ln_1(x)).split(d, dim=2)
        q, k, v = (t.view(B, T, self.heads, d // self.heads).transpose(1, 2) for t in (q, k, v))
        att = (q @ k.transpose(-2, -1)) / math.sqrt(d // self.heads)
        att = att.masked_fill(~self.causal[:T, :T], float("-inf")).softmax(dim=-1)
        x = x + self.c_proj((att @ v).transpose(1, 2).reshape(B, T, d))
        return x + self.mlp_proj(F.gelu(self.c_fc(self.ln_2(x)), approximate="tanh"))


class GPT(nn.Module):
    def __init__(self, vocab, ctx, d, heads, layers):
        super().__init__()
        self.wte = nn.Embedding(vocab, d)
        self.wpe = nn.Embedding(ctx, d)
        self.h = nn.ModuleList(Block(d, heads, ctx) for _ in range(layers))
        self.ln_f = nn.LayerNorm(d)
        for m in self.modules():
            if isinstance(m, (nn.Linear, nn.Embedding)):
                nn.init.normal_(m.weight, 0.0, 0.02)
            if isinstance(m, nn.Linear):
                nn.init.zeros_(m.bias)

    def forward(self, idx, targets):
        T = idx.shape[1]
        x = self.wte(idx) + self.wpe(torch.arange(T))
        for block in self.h:
            x = block(x)
        logits = self.ln_f(x) @ self.wte.weight.T  # tied head
        return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1))


def main():
    p = argparse.ArgumentParser()
    for name, default in [("vocab", 512), ("ctx", 128), ("d", 128), ("heads", 4), ("layers", 2), ("batch", 16), ("steps", 20)]:
        p.add_argument(f"--{name}", type=int, default=default)
    a = p.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(1)
    model = GPT(a.vocab, a.ctx, a.d, a.heads, a.layers)
    params = sum(t.numel() for t in model.parameters())
    decay = [t for t in model.parameters() if t.dim() >= 2]
    no_decay = [t for t in model.parameters() if t.dim() < 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.1}, {"params": no_decay, "weight_decay": 0.0}], lr=6e-4, betas=(0.9, 0.95), eps=1e-8)
    warmup = 3
    first = last = float("nan")
    for s in range(warmup + a.steps):
        if s == warmup:
            t0 = time.perf_counter()
        idx = torch.randint(0, a.vocab, (a.batch, a.ctx))
        targets = torch.randint(0, a.vocab, (a.batch, a.ctx))
        loss = model(idx, targets)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        last = loss.item()
        if s == 0:
            first = last
    seconds = time.perf_counter() - t0
    # Which BLAS the process really loaded (Debian's torch calls whatever libblas.so.3 the system provides:
    # the reference netlib BLAS by default, far slower than OpenBLAS).
    blas = sorted({line.split()[-1] for line in open("/proc/self/maps") if "blas" in line.lower() and line.split()[-1].startswith("/")})
    print(json.dumps({"engine": f"torch-{torch.__version__}-1thread ({', '.join(b.split('/')[-2] + '/' + b.split('/')[-1] for b in blas) or 'BLAS unknown'})", "params": params, "tokensPerSecond": a.steps * a.batch * a.ctx / seconds,
                      "msPerStep": 1000 * seconds / a.steps, "firstLoss": first, "lastLoss": last}))


if __name__ == "__main__":
    main()
