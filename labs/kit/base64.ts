// Float32Array <-> base64 of its little-endian bytes: how data loaders ship vectors inside JSON
// (a snapshot's embeddings, a page's first state). Pure; atob/btoa exist in browsers, workers and Node.

/** Float32Array -> base64 of its bytes. */
export function floatsToBase64(x: Float32Array): string {
  const bytes = new Uint8Array(x.buffer, x.byteOffset, x.byteLength);
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** base64 -> Float32Array (inverse of floatsToBase64); trailing bytes short of a float are ignored. */
export function base64ToFloats(text: string): Float32Array {
  const s = atob(text);
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return new Float32Array(bytes.buffer, 0, bytes.length >> 2);
}
