// Preloaded with `node --import ./scripts/no-network.mjs` to prove a build is hermetic:
// any fetch() from the build process fails loudly and names the URL it tried.
globalThis.fetch = async (url) => {
  throw new Error(`Network access attempted during an offline build: ${url}`);
};
