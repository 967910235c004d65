// Label placement for the word map: the query word and its neighbours sit close together in the
// projection, so labels drawn on their points overlap into a blob. Each label is placed greedily, in
// priority order, at the first of a ring of candidate offsets (nearest first) where its box overlaps
// no placed box and no emphasised point and stays in the frame; a leader line joins a moved label to its point.
// Pure geometry in pixels (y down); no DOM. Not an optimal labeller (the problem is NP-hard): a greedy one.

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface LabelRequest {
  x: number; // anchor point, px
  y: number;
  width: number; // label box, px
  height: number;
}

export interface PlacedLabel {
  /** Centre of the label box, px. */
  x: number;
  y: number;
  box: Box;
  /** False when no candidate was free: the label sits at the least crowded candidate instead. */
  free: boolean;
}

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
const boxAt = (cx: number, cy: number, w: number, h: number): Box => ({x0: cx - w / 2, y0: cy - h / 2, x1: cx + w / 2, y1: cy + h / 2});
const overlapArea = (a: Box, b: Box) => Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0)) * Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0));

/** Candidate centres for a label around (x, y): above, below, right, left first, then rings further out. */
function candidates(r: LabelRequest, gap: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const hw = r.width / 2 + gap;
  const hh = r.height / 2 + gap;
  out.push([r.x, r.y - hh], [r.x, r.y + hh], [r.x + hw, r.y], [r.x - hw, r.y]);
  for (const scale of [1, 1.6, 2.4, 3.4, 4.6, 6, 8]) {
    for (let k = 0; k < 16; k++) {
      const angle = (k / 16) * 2 * Math.PI - Math.PI / 2;
      out.push([r.x + Math.cos(angle) * (hw + gap * 2) * scale, r.y + Math.sin(angle) * (hh + gap * 2) * scale]);
    }
  }
  return out;
}

/**
 * Places labels in the order given (the first is the most important: it gets the nearest free spot).
 * `obstacles` are boxes labels must avoid too (e.g. the emphasised points' rings); `frame` is the drawable area.
 * Returns one placement per request, same order. A label is `free` when its box overlaps no earlier
 * label, no obstacle and lies inside the frame.
 */
export function placeLabels(requests: LabelRequest[], frame: Box, obstacles: Box[] = [], gap = 3): PlacedLabel[] {
  const placed: Box[] = [];
  return requests.map((r) => {
    let best: PlacedLabel | null = null;
    let bestCost = Infinity;
    for (const [cx, cy] of candidates(r, gap)) {
      const box = boxAt(cx, cy, r.width, r.height);
      const inside = box.x0 >= frame.x0 && box.x1 <= frame.x1 && box.y0 >= frame.y0 && box.y1 <= frame.y1;
      let cost = inside ? 0 : 1e6;
      for (const p of placed) cost += overlapArea(box, p);
      for (const o of obstacles) cost += overlapArea(box, o);
      if (cost === 0) {
        best = {x: cx, y: cy, box, free: true};
        break;
      }
      if (cost < bestCost) {
        bestCost = cost;
        best = {x: cx, y: cy, box, free: false};
      }
    }
    placed.push(best!.box);
    return best!;
  });
}

/** True when `box` overlaps any of `boxes` (used to hide minor labels under the placed ones). */
export function collides(box: Box, boxes: Box[]): boolean {
  return boxes.some((b) => overlaps(box, b));
}

/** A label's box for text centred at (x, y), from an estimate of its width (average glyph ≈ 0.6 em). */
export function textBox(text: string, x: number, y: number, fontSize: number): Box {
  return boxAt(x, y, text.length * fontSize * 0.6 + 2, fontSize + 2);
}
