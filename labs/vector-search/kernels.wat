;; WebAssembly kernels for the hot loops of the ANN indexes, in text form (compiled by wabt at build
;; time for the browser, at run time in Node). Each has a readable TypeScript reference that tests
;; compare it with (kernels.ts says which). float32 arithmetic throughout, as faiss does.
;; Not here: anything that allocates; JavaScript places every array in the exported memory and passes
;; byte offsets. All vector loads are 16-byte SIMD loads, so dimensions marked "% 4" must be multiples of 4.
(module
  (memory (export "mem") 1)

  ;; Horizontal sum of four float32 lanes: ((l0 + l1) + l2) + l3.
  (func $hsum (param $v v128) (result f32)
    (f32.add
      (f32.add
        (f32.add (f32x4.extract_lane 0 (local.get $v)) (f32x4.extract_lane 1 (local.get $v)))
        (f32x4.extract_lane 2 (local.get $v)))
      (f32x4.extract_lane 3 (local.get $v))))

  ;; out[j] = ||x - y_j||^2 for j < ny. x (d,), y (ny, d), out (ny,); d % 4 == 0.
  ;; Reference: l2sq in distance.ts.
  (func (export "l2ny") (param $x i32) (param $y i32) (param $d i32) (param $ny i32) (param $out i32)
    (local $end i32) (local $i i32) (local $acc v128) (local $t v128)
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $ny) (i32.const 2))))
    (local.set $d (i32.shl (local.get $d) (i32.const 2))) ;; bytes per row
    (block $done
      (br_if $done (i32.eqz (local.get $ny)))
      (loop $row
        (local.set $acc (v128.const f32x4 0 0 0 0))
        (local.set $i (i32.const 0))
        (loop $dim
          (local.set $t (f32x4.sub
            (v128.load (i32.add (local.get $x) (local.get $i)))
            (v128.load (i32.add (local.get $y) (local.get $i)))))
          (local.set $acc (f32x4.add (local.get $acc) (f32x4.mul (local.get $t) (local.get $t))))
          (br_if $dim (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 16))) (local.get $d))))
        (f32.store (local.get $out) (call $hsum (local.get $acc)))
        (local.set $y (i32.add (local.get $y) (local.get $d)))
        (br_if $row (i32.lt_u (local.tee $out (i32.add (local.get $out) (i32.const 4))) (local.get $end))))))

  ;; Inner-product table of a PQ query: out[j, t] = scale * <q_j, c_jt> for j < m, t < ksub.
  ;; q (m * dsub,); codebooks TRANSPOSED per sub-space, cbT (m, dsub, ksub), so that four centroids'
  ;; coordinate s sit side by side and one SIMD multiply-add serves four table entries; ksub % 4 == 0.
  ;; faiss computes the same table per query (IndexIVFPQ, "precomputed tables": the <x, y_R> term).
  ;; Reference: ipTable in kernels.ts.
  (func (export "ip_table") (param $q i32) (param $cbT i32) (param $m i32) (param $ksub i32) (param $dsub i32) (param $out i32) (param $scale f32)
    (local $j i32) (local $t i32) (local $s i32) (local $acc v128) (local $row i32) (local $ksubBytes i32) (local $qs i32) (local $col i32)
    (local.set $ksubBytes (i32.shl (local.get $ksub) (i32.const 2)))
    (loop $sub ;; j: one sub-space
      (local.set $t (i32.const 0))
      (loop $four ;; t: four centroids at a time
        (local.set $acc (v128.const f32x4 0 0 0 0))
        (local.set $qs (local.get $q))
        (local.set $col (i32.add (local.get $cbT) (local.get $t)))
        (local.set $s (i32.const 0))
        (loop $coord ;; s: one coordinate of the sub-vector
          (local.set $acc (f32x4.add (local.get $acc)
            (f32x4.mul (v128.load32_splat (local.get $qs)) (v128.load (local.get $col)))))
          (local.set $qs (i32.add (local.get $qs) (i32.const 4)))
          (local.set $col (i32.add (local.get $col) (local.get $ksubBytes)))
          (br_if $coord (i32.lt_u (local.tee $s (i32.add (local.get $s) (i32.const 1))) (local.get $dsub))))
        (v128.store (i32.add (local.get $out) (local.get $t)) (f32x4.mul (local.get $acc) (f32x4.splat (local.get $scale))))
        (br_if $four (i32.lt_u (local.tee $t (i32.add (local.get $t) (i32.const 16))) (local.get $ksubBytes))))
      ;; next sub-space: q moves dsub floats, cbT moves dsub * ksub floats, out moves ksub floats
      (local.set $q (local.get $qs))
      (local.set $cbT (i32.add (local.get $cbT) (i32.mul (local.get $dsub) (local.get $ksubBytes))))
      (local.set $out (i32.add (local.get $out) (local.get $ksubBytes)))
      (br_if $sub (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 1))) (local.get $m)))))

  ;; out[i] = a[i] + b[i] for i < count; count % 16 == 0 (four SIMD adds per iteration). The per-cell
  ;; ADC table of IVF-PQ: precomputed cell term + query term (faiss: fvec_madd in IndexIVFPQ.cpp,
  ;; precompute_list_tables_L2).
  (func (export "add") (param $a i32) (param $b i32) (param $out i32) (param $count i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $count) (i32.const 2))))
    (block $done
      (br_if $done (i32.eqz (local.get $count)))
      (loop $sixteen
        (v128.store (local.get $out) (f32x4.add (v128.load (local.get $a)) (v128.load (local.get $b))))
        (v128.store offset=16 (local.get $out) (f32x4.add (v128.load offset=16 (local.get $a)) (v128.load offset=16 (local.get $b))))
        (v128.store offset=32 (local.get $out) (f32x4.add (v128.load offset=32 (local.get $a)) (v128.load offset=32 (local.get $b))))
        (v128.store offset=48 (local.get $out) (f32x4.add (v128.load offset=48 (local.get $a)) (v128.load offset=48 (local.get $b))))
        (local.set $a (i32.add (local.get $a) (i32.const 64)))
        (local.set $b (i32.add (local.get $b) (i32.const 64)))
        (br_if $sixteen (i32.lt_u (local.tee $out (i32.add (local.get $out) (i32.const 64))) (local.get $end))))))

  ;; Bounded max-heap of the k smallest (distance, id) pairs, the same rules as topk.ts (ties keep the
  ;; smaller id): hd (k,) f32 distances and hi (k,) i32 ids, root = largest. Adds (s, id) to a heap of
  ;; `size` entries and returns the new size.
  (func $heap_add (param $hd i32) (param $hi i32) (param $k i32) (param $size i32) (param $s f32) (param $id i32) (result i32)
    (local $i i32) (local $p i32) (local $l i32) (local $c i32) (local $dc f32) (local $dr f32)
    (if (i32.lt_u (local.get $size) (local.get $k))
      (then
        ;; sift up from the new last slot
        (local.set $i (local.get $size))
        (block $placed
          (loop $up
            (br_if $placed (i32.eqz (local.get $i)))
            (local.set $p (i32.shr_u (i32.sub (local.get $i) (i32.const 1)) (i32.const 1)))
            (local.set $dc (f32.load (i32.add (local.get $hd) (i32.shl (local.get $p) (i32.const 2)))))
            (br_if $placed (f32.gt (local.get $dc) (local.get $s)))
            (br_if $placed (i32.and (f32.eq (local.get $dc) (local.get $s))
              (i32.gt_s (i32.load (i32.add (local.get $hi) (i32.shl (local.get $p) (i32.const 2)))) (local.get $id))))
            (f32.store (i32.add (local.get $hd) (i32.shl (local.get $i) (i32.const 2))) (local.get $dc))
            (i32.store (i32.add (local.get $hi) (i32.shl (local.get $i) (i32.const 2)))
              (i32.load (i32.add (local.get $hi) (i32.shl (local.get $p) (i32.const 2)))))
            (local.set $i (local.get $p))
            (br $up)))
        (f32.store (i32.add (local.get $hd) (i32.shl (local.get $i) (i32.const 2))) (local.get $s))
        (i32.store (i32.add (local.get $hi) (i32.shl (local.get $i) (i32.const 2))) (local.get $id))
        (return (i32.add (local.get $size) (i32.const 1)))))
    ;; full: keep only if (s, id) is smaller than the root
    (local.set $dr (f32.load (local.get $hd)))
    (if (f32.gt (local.get $s) (local.get $dr)) (then (return (local.get $size))))
    (if (i32.and (f32.eq (local.get $s) (local.get $dr)) (i32.gt_s (local.get $id) (i32.load (local.get $hi))))
      (then (return (local.get $size))))
    ;; replace the root and sift down
    (local.set $i (i32.const 0))
    (block $placed
      (loop $down
        (local.set $l (i32.add (i32.shl (local.get $i) (i32.const 1)) (i32.const 1)))
        (br_if $placed (i32.ge_u (local.get $l) (local.get $size)))
        (local.set $c (local.get $l))
        (local.set $dc (f32.load (i32.add (local.get $hd) (i32.shl (local.get $l) (i32.const 2)))))
        (if (i32.lt_u (i32.add (local.get $l) (i32.const 1)) (local.get $size))
          (then
            (local.set $dr (f32.load (i32.add (local.get $hd) (i32.shl (i32.add (local.get $l) (i32.const 1)) (i32.const 2)))))
            (if (i32.or (f32.gt (local.get $dr) (local.get $dc))
                  (i32.and (f32.eq (local.get $dr) (local.get $dc))
                    (i32.gt_s (i32.load (i32.add (local.get $hi) (i32.shl (i32.add (local.get $l) (i32.const 1)) (i32.const 2))))
                              (i32.load (i32.add (local.get $hi) (i32.shl (local.get $l) (i32.const 2)))))))
              (then
                (local.set $c (i32.add (local.get $l) (i32.const 1)))
                (local.set $dc (local.get $dr))))))
        (br_if $placed (f32.lt (local.get $dc) (local.get $s)))
        (br_if $placed (i32.and (f32.eq (local.get $dc) (local.get $s))
          (i32.lt_s (i32.load (i32.add (local.get $hi) (i32.shl (local.get $c) (i32.const 2)))) (local.get $id))))
        (f32.store (i32.add (local.get $hd) (i32.shl (local.get $i) (i32.const 2))) (local.get $dc))
        (i32.store (i32.add (local.get $hi) (i32.shl (local.get $i) (i32.const 2)))
          (i32.load (i32.add (local.get $hi) (i32.shl (local.get $c) (i32.const 2)))))
        (local.set $i (local.get $c))
        (br $down)))
    (f32.store (i32.add (local.get $hd) (i32.shl (local.get $i) (i32.const 2))) (local.get $s))
    (i32.store (i32.add (local.get $hi) (i32.shl (local.get $i) (i32.const 2))) (local.get $id))
    (local.get $size))

  ;; ADC scan of one inverted list: for each of n codes (n, m) bytes, s = base + sum_j table[j, code_j],
  ;; offered to the heap with the row's id. table (m, ksub) f32; m % 4 == 0 (four sub-codes are read
  ;; as one 32-bit word, four partial sums as in the TypeScript scan). Returns the new heap size.
  ;; Reference: scanList in kernels.ts (and the plain loop in ivf.ts / pq.ts).
  (func (export "scan") (param $codes i32) (param $ids i32) (param $n i32) (param $m i32) (param $ksub i32)
      (param $table i32) (param $base f32) (param $hd i32) (param $hi i32) (param $k i32) (param $size i32) (result i32)
    (local $end i32) (local $j i32) (local $w i32) (local $tab i32) (local $kb i32)
    (local $s0 f32) (local $s1 f32) (local $s2 f32) (local $s3 f32) (local $s f32)
    (local.set $kb (i32.shl (local.get $ksub) (i32.const 2))) ;; bytes per sub-table
    (local.set $end (i32.add (local.get $codes) (i32.mul (local.get $n) (local.get $m))))
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $row
        (local.set $s0 (local.get $base))
        (local.set $s1 (f32.const 0))
        (local.set $s2 (f32.const 0))
        (local.set $s3 (f32.const 0))
        (local.set $tab (local.get $table))
        (local.set $j (i32.const 0))
        (loop $four
          (local.set $w (i32.load (i32.add (local.get $codes) (local.get $j))))
          (local.set $s0 (f32.add (local.get $s0) (f32.load
            (i32.add (local.get $tab) (i32.shl (i32.and (local.get $w) (i32.const 255)) (i32.const 2))))))
          (local.set $tab (i32.add (local.get $tab) (local.get $kb)))
          (local.set $s1 (f32.add (local.get $s1) (f32.load
            (i32.add (local.get $tab) (i32.shl (i32.and (i32.shr_u (local.get $w) (i32.const 8)) (i32.const 255)) (i32.const 2))))))
          (local.set $tab (i32.add (local.get $tab) (local.get $kb)))
          (local.set $s2 (f32.add (local.get $s2) (f32.load
            (i32.add (local.get $tab) (i32.shl (i32.and (i32.shr_u (local.get $w) (i32.const 16)) (i32.const 255)) (i32.const 2))))))
          (local.set $tab (i32.add (local.get $tab) (local.get $kb)))
          (local.set $s3 (f32.add (local.get $s3) (f32.load
            (i32.add (local.get $tab) (i32.shl (i32.shr_u (local.get $w) (i32.const 24)) (i32.const 2))))))
          (local.set $tab (i32.add (local.get $tab) (local.get $kb)))
          (br_if $four (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 4))) (local.get $m))))
        (local.set $s (f32.add (f32.add (local.get $s0) (local.get $s1)) (f32.add (local.get $s2) (local.get $s3))))
        ;; the common case: the heap is full and s is no better than its root
        (if (i32.or (i32.lt_u (local.get $size) (local.get $k)) (f32.le (local.get $s) (f32.load (local.get $hd))))
          (then
            (local.set $size (call $heap_add (local.get $hd) (local.get $hi) (local.get $k) (local.get $size)
              (local.get $s) (i32.load (local.get $ids))))))
        (local.set $ids (i32.add (local.get $ids) (i32.const 4)))
        (br_if $row (i32.lt_u (local.tee $codes (i32.add (local.get $codes) (local.get $m))) (local.get $end)))))
    (local.get $size))
;; k-means assignment, blocked as faiss does with BLAS: the nearest centroid of every point by
  ;; ||x - c||^2 = ||x||^2 - 2<x, c> + ||c||^2, dropping ||x||^2 (the same for every c). Four points
  ;; against eight centroids at a time: centroids are TRANSPOSED, cT (d, kpad), so one SIMD load holds
  ;; coordinate s of four centroids and is multiplied by a broadcast x_s; no horizontal sums.
  ;; x (n4, d) with n4 % 4 == 0; cT (d, kpad) and cn (kpad,) = ||c||^2 with kpad % 8 == 0 (padding
  ;; centroids carry cn = +inf); outputs arg (n4,) i32 and best (n4,) f32 = min_c ||c||^2 - 2<x, c>.
  ;; Ties go to the lower centroid index. Reference: nearestCentroids in kmeans.ts.
  (func (export "assign") (param $x i32) (param $n4 i32) (param $d i32) (param $cT i32) (param $cn i32) (param $kpad i32) (param $arg i32) (param $best i32)
    (local $p i32) (local $c i32) (local $s i32) (local $col i32) (local $rowBytes i32) (local $colStep i32)
    (local $x0 i32) (local $x1 i32) (local $x2 i32) (local $x3 i32)
    (local $a00 v128) (local $a01 v128) (local $a10 v128) (local $a11 v128)
    (local $a20 v128) (local $a21 v128) (local $a30 v128) (local $a31 v128)
    (local $ca v128) (local $cb v128) (local $xs v128)
    (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $b3 v128) ;; best per lane, per point
    (local $i0 v128) (local $i1 v128) (local $i2 v128) (local $i3 v128) ;; its centroid index
    (local $ia v128) (local $ib v128) (local $na v128) (local $nb v128) (local $dist v128) (local $mask v128)
    (local $r i32) (local $lane f32) (local $bv f32) (local $bi i32) (local $li i32) (local $bl v128) (local $il v128)
    (local.set $rowBytes (i32.shl (local.get $d) (i32.const 2)))
    (local.set $colStep (i32.shl (local.get $kpad) (i32.const 2)))
    (block $done
      (br_if $done (i32.eqz (local.get $n4)))
      (loop $points ;; p: four points
        (local.set $x0 (i32.add (local.get $x) (i32.mul (local.get $p) (local.get $rowBytes))))
        (local.set $x1 (i32.add (local.get $x0) (local.get $rowBytes)))
        (local.set $x2 (i32.add (local.get $x1) (local.get $rowBytes)))
        (local.set $x3 (i32.add (local.get $x2) (local.get $rowBytes)))
        (local.set $b0 (v128.const f32x4 inf inf inf inf))
        (local.set $b1 (local.get $b0))
        (local.set $b2 (local.get $b0))
        (local.set $b3 (local.get $b0))
        (local.set $i0 (v128.const i32x4 0 0 0 0))
        (local.set $i1 (local.get $i0))
        (local.set $i2 (local.get $i0))
        (local.set $i3 (local.get $i0))
        (local.set $ia (v128.const i32x4 0 1 2 3))
        (local.set $ib (v128.const i32x4 4 5 6 7))
        (local.set $c (i32.const 0))
        (loop $centroids ;; c: eight centroids (as a byte offset into a row of cT)
          (local.set $a00 (v128.const f32x4 0 0 0 0))
          (local.set $a01 (local.get $a00)) (local.set $a10 (local.get $a00)) (local.set $a11 (local.get $a00))
          (local.set $a20 (local.get $a00)) (local.set $a21 (local.get $a00)) (local.set $a30 (local.get $a00))
          (local.set $a31 (local.get $a00))
          (local.set $col (i32.add (local.get $cT) (local.get $c)))
          (local.set $s (i32.const 0))
          (loop $coord ;; s: byte offset of one coordinate within a point's row
            (local.set $ca (v128.load (local.get $col)))
            (local.set $cb (v128.load offset=16 (local.get $col)))
            (local.set $xs (v128.load32_splat (i32.add (local.get $x0) (local.get $s))))
            (local.set $a00 (f32x4.add (local.get $a00) (f32x4.mul (local.get $xs) (local.get $ca))))
            (local.set $a01 (f32x4.add (local.get $a01) (f32x4.mul (local.get $xs) (local.get $cb))))
            (local.set $xs (v128.load32_splat (i32.add (local.get $x1) (local.get $s))))
            (local.set $a10 (f32x4.add (local.get $a10) (f32x4.mul (local.get $xs) (local.get $ca))))
            (local.set $a11 (f32x4.add (local.get $a11) (f32x4.mul (local.get $xs) (local.get $cb))))
            (local.set $xs (v128.load32_splat (i32.add (local.get $x2) (local.get $s))))
            (local.set $a20 (f32x4.add (local.get $a20) (f32x4.mul (local.get $xs) (local.get $ca))))
            (local.set $a21 (f32x4.add (local.get $a21) (f32x4.mul (local.get $xs) (local.get $cb))))
            (local.set $xs (v128.load32_splat (i32.add (local.get $x3) (local.get $s))))
            (local.set $a30 (f32x4.add (local.get $a30) (f32x4.mul (local.get $xs) (local.get $ca))))
            (local.set $a31 (f32x4.add (local.get $a31) (f32x4.mul (local.get $xs) (local.get $cb))))
            (local.set $col (i32.add (local.get $col) (local.get $colStep)))
            (br_if $coord (i32.lt_u (local.tee $s (i32.add (local.get $s) (i32.const 4))) (local.get $rowBytes))))
          ;; distances (without ||x||^2) = ||c||^2 - 2<x, c>; keep the smaller per lane (strict <: ties keep the lower index)
          (local.set $na (v128.load (i32.add (local.get $cn) (local.get $c))))
          (local.set $nb (v128.load offset=16 (i32.add (local.get $cn) (local.get $c))))
          (local.set $dist (f32x4.sub (local.get $na) (f32x4.add (local.get $a00) (local.get $a00))))
          (local.set $mask (f32x4.lt (local.get $dist) (local.get $b0)))
          (local.set $b0 (v128.bitselect (local.get $dist) (local.get $b0) (local.get $mask)))
          (local.set $i0 (v128.bitselect (local.get $ia) (local.get $i0) (local.get $mask)))
          (local.set $dist (f32x4.sub (local.get $nb) (f32x4.add (local.get $a01) (local.get $a01))))
          (local.set $mask (f32x4.lt (local.get $dist) (local.get $b0)))
          (local.set $b0 (v128.bitselect (local.get $dist) (local.get $b0) (local.get $mask)))
          (local.set $i0 (v128.bitselect (local.get $ib) (local.get $i0) (local.get $mask)))
          (local.set $dist (f32x4.sub (local.get $na) (f32x4.add (local.get $a10) (local.get $a10))))
          (local.set $mask (f32x4.lt (local.get $dist) (local.get $b1)))
          (local.set $b1 (v128.bitselect (local.get $dist) (local.get $b1) (local.get $mask)))
          (local.set $i1 (v128.bitselect (local.get $ia) (local.get $i1) (local.get $mask)))
          (local.set $dist (f32x4.sub (local.get $nb) (f32x4.add (local.get $a11) (local.get $a11))))
          (local.set $mask (f32x4.lt (local.get $dist) (local.get $b1)))
          (local.set $b1 (v128.bitselect (local.get $dist) (local.get $b1) (local.get $mask)))
          (local.set $i1 (v128.bitselect (local.get $ib) (local.get $i1) (local.get $mask)))
          (local.set $dist (f32x4.sub (local.get $na) (f32x4.add (local.get $a20) (local.get $a20))))
          (local.set $mask (f32x4.lt (local.get $dist) (local.get $b2)))
          (local.set $b2 (v128.bitselect (local.get $dist) (local.get $b2) (local.get $mask)))
          (local.set $i2 (v128.bitselect (local.get $ia) (local.get $i2) (local.get $mask)))
          (local.set $dist (f32x4.sub (local.get $nb) (f32x4.add (local.get $a21) (local.get $a21))))
          (local.set $mask (f32x4.lt (local.get $dist) (local.get $b2)))
          (local.set $b2 (v128.bitselect (local.get $dist) (local.get $b2) (local.get $mask)))
          (local.set $i2 (v128.bitselect (local.get $ib) (local.get $i2) (local.get $mask)))
          (local.set $dist (f32x4.sub (local.get $na) (f32x4.add (local.get $a30) (local.get $a30))))
          (local.set $mask (f32x4.lt (local.get $dist) (local.get $b3)))
          (local.set $b3 (v128.bitselect (local.get $dist) (local.get $b3) (local.get $mask)))
          (local.set $i3 (v128.bitselect (local.get $ia) (local.get $i3) (local.get $mask)))
          (local.set $dist (f32x4.sub (local.get $nb) (f32x4.add (local.get $a31) (local.get $a31))))
          (local.set $mask (f32x4.lt (local.get $dist) (local.get $b3)))
          (local.set $b3 (v128.bitselect (local.get $dist) (local.get $b3) (local.get $mask)))
          (local.set $i3 (v128.bitselect (local.get $ib) (local.get $i3) (local.get $mask)))
          (local.set $ia (i32x4.add (local.get $ia) (v128.const i32x4 8 8 8 8)))
          (local.set $ib (i32x4.add (local.get $ib) (v128.const i32x4 8 8 8 8)))
          (br_if $centroids (i32.lt_u (local.tee $c (i32.add (local.get $c) (i32.const 32))) (local.get $colStep))))
        ;; reduce the four lanes of each point: smallest distance, then lowest index
        (local.set $r (i32.const 0))
        (loop $each
          (local.set $bl (select (result v128) (local.get $b0) (select (result v128) (local.get $b1) (select (result v128) (local.get $b2) (local.get $b3) (i32.eq (local.get $r) (i32.const 2))) (i32.eq (local.get $r) (i32.const 1))) (i32.eqz (local.get $r))))
          (local.set $il (select (result v128) (local.get $i0) (select (result v128) (local.get $i1) (select (result v128) (local.get $i2) (local.get $i3) (i32.eq (local.get $r) (i32.const 2))) (i32.eq (local.get $r) (i32.const 1))) (i32.eqz (local.get $r))))
          (local.set $bv (f32x4.extract_lane 0 (local.get $bl)))
          (local.set $bi (i32x4.extract_lane 0 (local.get $il)))
          (local.set $lane (f32x4.extract_lane 1 (local.get $bl)))
          (local.set $li (i32x4.extract_lane 1 (local.get $il)))
          (if (i32.or (f32.lt (local.get $lane) (local.get $bv)) (i32.and (f32.eq (local.get $lane) (local.get $bv)) (i32.lt_s (local.get $li) (local.get $bi))))
            (then (local.set $bv (local.get $lane)) (local.set $bi (local.get $li))))
          (local.set $lane (f32x4.extract_lane 2 (local.get $bl)))
          (local.set $li (i32x4.extract_lane 2 (local.get $il)))
          (if (i32.or (f32.lt (local.get $lane) (local.get $bv)) (i32.and (f32.eq (local.get $lane) (local.get $bv)) (i32.lt_s (local.get $li) (local.get $bi))))
            (then (local.set $bv (local.get $lane)) (local.set $bi (local.get $li))))
          (local.set $lane (f32x4.extract_lane 3 (local.get $bl)))
          (local.set $li (i32x4.extract_lane 3 (local.get $il)))
          (if (i32.or (f32.lt (local.get $lane) (local.get $bv)) (i32.and (f32.eq (local.get $lane) (local.get $bv)) (i32.lt_s (local.get $li) (local.get $bi))))
            (then (local.set $bv (local.get $lane)) (local.set $bi (local.get $li))))
          (i32.store (local.get $arg) (local.get $bi))
          (f32.store (local.get $best) (local.get $bv))
          (local.set $arg (i32.add (local.get $arg) (i32.const 4)))
          (local.set $best (i32.add (local.get $best) (i32.const 4)))
          (br_if $each (i32.lt_u (local.tee $r (i32.add (local.get $r) (i32.const 1))) (i32.const 4))))
        (br_if $points (i32.lt_u (local.tee $p (i32.add (local.get $p) (i32.const 4))) (local.get $n4))))))
;; The update step's sums: sums[arg[i], :] += x[i, :] for i < n, in float64 (each float32 is
  ;; widened exactly), point by point in order, so the sums equal the TypeScript reference's double
  ;; sums bit for bit. x (n, d) with d % 4 == 0; arg (n,) i32; sums (k, d) f64, zeroed by the caller.
  ;; Reference: updateCentroids in kmeans.ts.
  (func (export "accumulate") (param $x i32) (param $n i32) (param $d i32) (param $arg i32) (param $sums i32)
    (local $end i32) (local $rowBytes i32) (local $i i32) (local $row i32) (local $v v128) (local $p i32)
    (local.set $rowBytes (i32.shl (local.get $d) (i32.const 2)))
    (local.set $end (i32.add (local.get $arg) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $points
        ;; this point's row of sums: sums + arg[i] * d * 8 bytes
        (local.set $row (i32.add (local.get $sums) (i32.shl (i32.mul (i32.load (local.get $arg)) (local.get $rowBytes)) (i32.const 1))))
        (local.set $i (i32.const 0))
        (loop $four
          (local.set $v (v128.load (i32.add (local.get $x) (local.get $i))))
          (local.set $p (i32.add (local.get $row) (i32.shl (local.get $i) (i32.const 1))))
          (v128.store (local.get $p) (f64x2.add (v128.load (local.get $p)) (f64x2.promote_low_f32x4 (local.get $v))))
          (v128.store offset=16 (local.get $p) (f64x2.add (v128.load offset=16 (local.get $p))
            (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v)))))
          (br_if $four (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 16))) (local.get $rowBytes))))
        (local.set $x (i32.add (local.get $x) (local.get $rowBytes)))
        (br_if $points (i32.lt_u (local.tee $arg (i32.add (local.get $arg) (i32.const 4))) (local.get $end))))))
)
