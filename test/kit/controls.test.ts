import {describe, expect, it} from "vitest";
import {checkSpec, formatControl, initialValue, readControl, snapToStep, type ControlSpec} from "../../labs/kit/controls.js";
import {quote} from "../../labs/kit/params.js";

const n: ControlSpec = {type: "range", key: "n", label: "number of points", min: 0, max: 600, step: 10, value: 200};
const T: ControlSpec = {type: "range", key: "T", label: "temperature", min: 0.05, max: 5, step: 0.05, value: 1};
const nprobe: ControlSpec = {type: "list", key: "nprobe", label: "nprobe values", min: 1, max: 4096, integer: true, maxLength: 8, value: [1, 4, 16]};

describe("labs/kit/controls", () => {
  it("readControl(range) snaps an off-step link value and says so", () => {
    expect(readControl(n, "200")).toEqual({ok: true, value: 200});
    const r = readControl(n, "7");
    expect(r.ok && r.value).toBe(10);
    expect(r.ok && r.note).toMatch(/steps of 10.*7 is shown as 10/);
    // Decimal steps snap without float noise: 0.05 + 6·0.05 is 0.35, not 0.35000000000000003.
    expect(readControl(T, "0.34")).toMatchObject({ok: true, value: 0.35});
  });
  it("readControl refuses out-of-range, non-decimal and empty text with the control's name", () => {
    for (const bad of ["601", "-10", "abc", "", "0x10", "0b11", "Infinity", "1e400"]) {
      const r = readControl(n, bad);
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.error).toMatch(/^number of points /);
    }
    expect(readControl(n, "2e2")).toEqual({ok: true, value: 200});
  });
  it("readControl(list) yields the parsed list and checks whole numbers and length", () => {
    expect(readControl(nprobe, "1, 2,64")).toEqual({ok: true, value: [1, 2, 64]});
    expect(readControl(nprobe, "1,2.5").ok).toBe(false);
    expect(readControl(nprobe, "1,2,3,4,5,6,7,8,9").ok).toBe(false);
    expect(formatControl(nprobe, [1, 2, 64])).toBe("1,2,64");
  });
  it("initialValue(spec, link) uses a good link value, reports and rewrites a bad or adjusted one", () => {
    expect(initialValue(n, null)).toEqual({value: 200, rewrite: false});
    expect(initialValue(n, "300")).toEqual({value: 300, rewrite: false});
    expect(initialValue(n, "0300")).toEqual({value: 300, rewrite: true});
    const bad = initialValue(n, "lots");
    expect(bad.value).toBe(200);
    expect(bad.rewrite).toBe(true);
    expect(bad.problem).toMatch(/Link parameter “n”.*Using the default \(200\)/);
    const snapped = initialValue(n, "7");
    expect(snapped).toMatchObject({value: 10, rewrite: true});
    expect(snapped.problem).toMatch(/shown as 10/);
  });
  it("a 10,000-character link value is quoted to at most 80 characters in the message", () => {
    const long = "9".repeat(5000) + "x".repeat(5000);
    const r = initialValue(n, long);
    expect(r.problem!.length).toBeLessThan(200);
    expect(quote("abc")).toBe('"abc"');
    expect(quote("a".repeat(100)).length).toBe(82);
  });
  it("checkSpec refuses a default the control cannot show", () => {
    expect(() => checkSpec(n)).not.toThrow();
    expect(() => checkSpec({...n, value: 205})).toThrow(/default 205/);
    expect(() => checkSpec({type: "select", key: "m", label: "model", choices: ["sg", "cbow"], value: "glove"})).toThrow();
  });
  it("snapToStep(x, min, step) lands on min + k·step", () => {
    expect(snapToStep(0.3, 0, 0.1)).toBe(0.3);
    expect(snapToStep(17, 2, 5)).toBe(17);
    expect(snapToStep(18, 2, 5)).toBe(17);
  });
});
