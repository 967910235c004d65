// Bounded max-heap that keeps the k smallest (distance, id) pairs seen: the selection step of
// every search in this lab. Ties keep the earlier id. Not a general priority queue.
// Same idea as faiss's heap_replace_top in faiss/utils/Heap.h.

export class TopK {
  readonly k: number;
  size = 0;
  readonly dist: Float64Array; // (k,) heap order, root = largest kept distance
  readonly ids: Int32Array; // (k,)

  constructor(k: number) {
    this.k = k;
    this.dist = new Float64Array(k);
    this.ids = new Int32Array(k);
  }

  reset(): void {
    this.size = 0;
  }

  /** Largest kept distance, or Infinity while fewer than k are kept (the pruning threshold). */
  worst(): number {
    return this.size < this.k ? Infinity : this.dist[0];
  }

  push(d: number, id: number): void {
    const dist = this.dist, ids = this.ids;
    if (this.size < this.k) {
      // sift up
      let i = this.size++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (dist[p] > d || (dist[p] === d && ids[p] > id)) break;
        dist[i] = dist[p];
        ids[i] = ids[p];
        i = p;
      }
      dist[i] = d;
      ids[i] = id;
      return;
    }
    if (d > dist[0] || (d === dist[0] && id > ids[0])) return;
    // replace root, sift down
    const n = this.size;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n && (dist[r] > dist[l] || (dist[r] === dist[l] && ids[r] > ids[l]))) c = r;
      if (dist[c] < d || (dist[c] === d && ids[c] < id)) break;
      dist[i] = dist[c];
      ids[i] = ids[c];
      i = c;
    }
    dist[i] = d;
    ids[i] = id;
  }

  /** Replaces the kept pairs with (dist[dOff + i], ids[io + i]) for i < size <= k (a heap filled elsewhere, e.g. in WebAssembly). */
  loadFrom(dist: Float32Array, dOff: number, ids: Int32Array, io: number, size: number): void {
    this.size = size;
    for (let i = 0; i < size; i++) {
      this.dist[i] = dist[dOff + i];
      this.ids[i] = ids[io + i];
    }
  }

  private sd = new Float64Array(0);
  private si = new Int32Array(0);

  /** Writes the kept pairs in ascending distance into outIds/outDist at offset; pads with -1/Infinity. */
  sorted(outIds: Int32Array, outDist: Float32Array | Float64Array, offset = 0): void {
    // insertion sort in double precision of the (at most k) kept pairs: k is small
    if (this.sd.length !== this.k) {
      this.sd = new Float64Array(this.k);
      this.si = new Int32Array(this.k);
    }
    const sd = this.sd, si = this.si, n = this.size;
    for (let i = 0; i < n; i++) {
      const d = this.dist[i], id = this.ids[i];
      let j = i - 1;
      while (j >= 0 && (sd[j] > d || (sd[j] === d && si[j] > id))) {
        sd[j + 1] = sd[j];
        si[j + 1] = si[j];
        j--;
      }
      sd[j + 1] = d;
      si[j + 1] = id;
    }
    for (let i = 0; i < this.k; i++) {
      outIds[offset + i] = i < n ? si[i] : -1;
      outDist[offset + i] = i < n ? sd[i] : Infinity;
    }
  }
}
