// plotly.js's gl3d bundle ships no types; the kit (plot3d.ts) types what it uses.
declare module "plotly.js-gl3d-dist-min";
