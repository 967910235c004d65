// Label placement on the word map: labels of a tight cluster (the query and its neighbours) must not
// overlap one another or the emphasised points, and must stay in the frame. Checked by brute force
// over every pair of placed boxes.
import {describe, expect, it} from "vitest";
import {mulberry32} from "../../labs/kit/random.js";
import {collides, placeLabels, textBox, type Box} from "../../labs/word2vec/labels.js";

const overlap = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

describe("placeLabels", () => {
  it("placeLabels(11 labels on points within 12 px) gives pairwise disjoint boxes inside the frame, clear of the rings", () => {
    const random = mulberry32(7);
    const frame = {x0: 0, y0: 0, x1: 600, y1: 400};
    const words = ["money", "cash", "funds", "taxes", "income", "profits", "dollars", "budget", "wages", "credit", "savings"];
    const requests = words.map((w) => {
      const x = 300 + (random() - 0.5) * 24;
      const y = 200 + (random() - 0.5) * 24;
      const b = textBox(w, x, y, 13);
      return {x, y, width: b.x1 - b.x0, height: b.y1 - b.y0};
    });
    const rings = requests.map((r) => ({x0: r.x - 7, y0: r.y - 7, x1: r.x + 7, y1: r.y + 7}));
    const placed = placeLabels(requests, frame, rings);
    expect(placed.every((p) => p.free)).toBe(true);
    for (let i = 0; i < placed.length; i++) {
      const b = placed[i].box;
      expect(b.x0 >= 0 && b.y0 >= 0 && b.x1 <= 600 && b.y1 <= 400).toBe(true);
      for (const ring of rings) expect(overlap(b, ring)).toBe(false);
      for (let j = 0; j < i; j++) expect(overlap(b, placed[j].box)).toBe(false);
    }
    // The first label gets the nearest free spot: within a few label heights of its point.
    expect(Math.hypot(placed[0].x - requests[0].x, placed[0].y - requests[0].y)).toBeLessThan(60);
  });

  it("placeLabels puts an isolated label right above its point", () => {
    const [p] = placeLabels([{x: 100, y: 100, width: 40, height: 14}], {x0: 0, y0: 0, x1: 200, y1: 200}, [], 3);
    expect(p).toMatchObject({x: 100, y: 100 - 10, free: true});
  });

  it("placeLabels keeps a label near the frame's edge inside it", () => {
    const [p] = placeLabels([{x: 2, y: 2, width: 40, height: 14}], {x0: 0, y0: 0, x1: 200, y1: 200});
    expect(p.box.x0).toBeGreaterThanOrEqual(0);
    expect(p.box.y0).toBeGreaterThanOrEqual(0);
  });

  it("collides(box, boxes) is true exactly when a box overlaps", () => {
    expect(collides({x0: 0, y0: 0, x1: 10, y1: 10}, [{x0: 9, y0: 9, x1: 20, y1: 20}])).toBe(true);
    expect(collides({x0: 0, y0: 0, x1: 10, y1: 10}, [{x0: 10, y0: 0, x1: 20, y1: 10}])).toBe(false);
  });
});
