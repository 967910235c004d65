// Click-to-add on a Plot figure: turns a click into data coordinates with the figure's own x and y
// scales, correcting for an SVG drawn at another size than its viewBox (a narrow page scales it).
type ScaledPlot = HTMLElement & {scale: (name: string) => {invert?: (v: number) => number}};

export function onPlotClick(plot: ScaledPlot, onClick: (x: number, y: number) => void): void {
  const svg = (plot.tagName === "svg" ? plot : plot.querySelector("svg")) as SVGSVGElement | null;
  if (!svg) return;
  svg.style.cursor = "crosshair";
  svg.classList.add("vs-clickable");
  svg.addEventListener("click", (event) => {
    const rect = svg.getBoundingClientRect();
    const sx = plot.scale("x"), sy = plot.scale("y");
    if (!sx?.invert || !sy?.invert) return;
    const px = ((event.clientX - rect.left) * svg.viewBox.baseVal.width) / rect.width || event.clientX - rect.left;
    const py = ((event.clientY - rect.top) * svg.viewBox.baseVal.height) / rect.height || event.clientY - rect.top;
    const x = sx.invert(px), y = sy.invert(py);
    if (Number.isFinite(x) && Number.isFinite(y)) onClick(x, y);
  });
}
