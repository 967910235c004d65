import {describe, it, expect} from "vitest";
import {PRESETS, paramBreakdown, adapterParams, memoryBill, int8RowwiseBits} from "../../labs/lora/memory.js";
import {InputError} from "../../labs/kit/params.js";

describe("memory calculator", () => {
  const llama7 = PRESETS[0];
  const llama65 = PRESETS[3];
  it("paramBreakdown(LLaMA-7B / 65B) gives the published 6.7B / 65.2B parameters", () => {
    expect(paramBreakdown(llama7).total / 1e9).toBeCloseTo(6.74, 2);
    expect(paramBreakdown(llama65).total / 1e9).toBeCloseTo(65.29, 1);
  });

  it("adapterParams: q,v at r = 8 on a 4096-wide, 32-layer model is 4,194,304", () => {
    expect(adapterParams(llama7, 8, "q,v")).toBe(4194304);
    // all linear: 4 attention (d→d) + gate, up (d→f) + down (f→d) per block
    expect(adapterParams(llama7, 1, "all-linear")).toBe(32 * (4 * 8192 + 3 * (4096 + 11008)));
    expect(() => adapterParams(llama7, 0, "q,v")).toThrow(/from 1 to d_model = 4096, got 0/);
    expect(() => adapterParams(llama7, 8, "everything" as never)).toThrow(/"everything"/);
    expect(() => memoryBill(llama7, "lora-2bit" as never, 8, "q,v")).toThrow(InputError);
  });

  it("memoryBill: full fine-tune is 16 bytes/param; QLoRA 65B base weights fit in 48 GB", () => {
    const full = memoryBill(llama7, "full-16bit", 8, "q,v");
    expect(full.total).toBe(16 * paramBreakdown(llama7).total);
    const q = memoryBill(llama65, "qlora-nf4-dq", 64, "all-linear");
    const p = paramBreakdown(llama65);
    const expected = (p.linear * 4.126953125) / 8 + 2 * p.embeddings + 4 * p.norms + 12 * adapterParams(llama65, 64, "all-linear");
    expect(q.total).toBeCloseTo(expected, 0);
    expect(q.total / 2 ** 30).toBeLessThan(48);
    const noDq = memoryBill(llama65, "lora-4bit-no-dq", 64, "all-linear");
    // double quantization saves 0.373 bits on every quantized parameter: ≈ 3 GB at 65B
    expect((noDq.total - q.total) / 1e9).toBeCloseTo((p.linear * 0.373046875) / 8 / 1e9, 6);
    expect((noDq.total - q.total) / 1e9).toBeGreaterThan(2.8);
  });

  it("int8RowwiseBits: LLM.int8() stores one fp32 scale per row, ≈ 8.0 bits/param (not 8.5 as with a scale per 64 weights)", () => {
    // LLaMA-7B, counted by hand: per block, rows 5·4096 + 2·11008 = 42,496 scales over 4·4096² + 3·4096·11008 weights.
    expect(int8RowwiseBits(llama7)).toBeCloseTo(8 + (32 * 42496) / 202375168, 12);
    for (const a of PRESETS) {
      expect(int8RowwiseBits(a)).toBeGreaterThan(8);
      expect(int8RowwiseBits(a)).toBeLessThan(8.01);
    }
    const bill = memoryBill(llama7, "lora-8bit", 8, "q,v");
    expect(bill.lines[0].bytes).toBeCloseTo((paramBreakdown(llama7).linear * int8RowwiseBits(llama7)) / 8, 0);
    expect(bill.lines[0].item).toMatch(/8\.007 bits/);
  });
});
