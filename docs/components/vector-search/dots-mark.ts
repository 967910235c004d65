// A Plot mark for thousands of points: one <path> per colour, each point a zero-length segment with a
// round cap ("Mx,yh0"), instead of one <circle> per point. Drawing 2,000 points this way takes a few
// DOM nodes, so a figure redraws within one short main-thread task. No per-point tooltips.
type Scale = (v: number) => number;
type Scales = {x?: Scale; y?: Scale};

export interface CloudPoint {
  x: number;
  y: number;
  fill: string;
}

export function dotsMark(points: CloudPoint[], {r = 2, opacity = 1}: {r?: number; opacity?: number} = {}) {
  return (_index: unknown, scales: Scales): SVGGElement => {
    const ns = "http://www.w3.org/2000/svg";
    const g = document.createElementNS(ns, "g");
    g.setAttribute("role", "presentation");
    g.dataset.points = String(points.length);
    const sx = scales.x!, sy = scales.y!;
    const byFill = new Map<string, string[]>();
    for (const p of points) {
      const parts = byFill.get(p.fill) ?? [];
      parts.push(`M${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}h0`);
      byFill.set(p.fill, parts);
    }
    for (const [fill, parts] of byFill) {
      const path = document.createElementNS(ns, "path");
      path.setAttribute("d", parts.join(""));
      path.setAttribute("stroke", fill);
      path.setAttribute("stroke-width", String(2 * r));
      path.setAttribute("stroke-linecap", "round");
      path.setAttribute("fill", "none");
      if (opacity < 1) path.setAttribute("stroke-opacity", String(opacity));
      g.append(path);
    }
    return g;
  };
}
