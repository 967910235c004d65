;; The word2vec kernel of kernel.ts in WebAssembly with 128-bit SIMD: the same skip-gram and CBOW
;; negative-sampling SGD, the same random stream and the same float32 arithmetic, so both kernels give
;; bit-identical vectors (test/word2vec/wasm.test.ts). Four float lanes at a time over the dimension;
;; a whole chunk of sentences runs here without calling out, except to JavaScript's Math for the loss
;; of saturated dot products (|x . v| >= 6) and for the exact sigmoid that only the tests switch on.
;; Leaves out hierarchical softmax and threads. Source: word2vec.c (tmikolov, 20c129a) TrainModelThread.
;;
;; Layout: wasm-kernel.ts grows the memory, writes the tables and the corpus at the byte offsets held
;; in the globals below, and sets the settings. Every vector row is padded with zeros to a multiple of
;; four floats (rowBytes = 16 * ceil(D / 4)); the padding stays zero because every update adds
;; g * (a padded lane) = 0 to it. Rows and scratch vectors are 16-byte aligned.
(module
  (import "math" "softplus" (func $softplus (param f64) (result f64))) ;; log(1 + e^x), stable
  (import "math" "sigmoid" (func $sigmoid (param f64) (result f64))) ;; 1 / (1 + e^-x), tests only
  (memory (export "memory") 1)

  ;; Settings.
  (global $V (export "V") (mut i32) (i32.const 0)) ;; vocabulary: ids >= V are skipped
  (global $rowBytes (export "rowBytes") (mut i32) (i32.const 16))
  (global $window (export "window") (mut i32) (i32.const 5))
  (global $negative (export "negative") (mut i32) (i32.const 5))
  (global $subsample (export "subsample") (mut i32) (i32.const 1)) ;; 0: keep every word
  (global $cbow (export "cbow") (mut i32) (i32.const 0)) ;; 1: CBOW, 0: skip-gram
  (global $exact (export "exact") (mut i32) (i32.const 0)) ;; 1: exact sigmoid (tests)
  (global $epochs (export "epochs") (mut i32) (i32.const 1))
  (global $S (export "S") (mut i32) (i32.const 0)) ;; sentences
  (global $total (export "total") (mut f64) (f64.const 0)) ;; epochs x T words
  (global $alpha0 (export "alpha0") (mut f64) (f64.const 0.025))
  (global $minAlpha (export "minAlpha") (mut f64) (f64.const 0)) ;; end of the linear decay
  (global $expScale (export "expScale") (mut f64) (f64.const 0)) ;; EXP_TABLE_SIZE / (2 MAX_EXP)
  (global $noiseN (export "noiseN") (mut f64) (f64.const 0)) ;; entries of the alias table

  ;; Byte offsets.
  (global $syn0 (export "syn0") (mut i32) (i32.const 0)) ;; (V, rowBytes) input vectors
  (global $syn1 (export "syn1") (mut i32) (i32.const 0)) ;; (V, rowBytes) output vectors
  (global $neu1 (export "neu1") (mut i32) (i32.const 0)) ;; (rowBytes) CBOW hidden vector
  (global $neu1e (export "neu1e") (mut i32) (i32.const 0)) ;; (rowBytes) input gradient step
  (global $expTable (export "expTable") (mut i32) (i32.const 0)) ;; f32 sigmoid table
  (global $lossPos (export "lossPos") (mut i32) (i32.const 0)) ;; f32 -log sigmoid(x) table
  (global $lossNeg (export "lossNeg") (mut i32) (i32.const 0)) ;; f32 -log sigmoid(-x) table
  (global $keep (export "keep") (mut i32) (i32.const 0)) ;; (V) f32 keep probabilities
  (global $aliasProb (export "aliasProb") (mut i32) (i32.const 0)) ;; (noiseN) f64
  (global $aliasIdx (export "aliasIdx") (mut i32) (i32.const 0)) ;; (noiseN) i32
  (global $fixedNeg (export "fixedNeg") (mut i32) (i32.const 0)) ;; 0, or (negative) i32 fixed negatives (tests)
  (global $ids (export "ids") (mut i32) (i32.const 0)) ;; (N) i32 token ids
  (global $offsets (export "offsets") (mut i32) (i32.const 0)) ;; (S + 1) i32 sentence starts
  (global $sen (export "sen") (mut i32) (i32.const 0)) ;; (longest sentence) i32 subsampled sentence

  ;; Run state (kernel.ts KernelState); wasm-kernel.ts writes it before a step and reads it after.
  (global $rng (export "rng") (mut i32) (i32.const 0))
  (global $epoch (export "epoch") (mut i32) (i32.const 0))
  (global $sentence (export "sentence") (mut i32) (i32.const 0))
  (global $wordsDone (export "wordsDone") (mut f64) (f64.const 0))
  (global $alphaWords (export "alphaWords") (mut f64) (f64.const 0))
  (global $alpha (export "alpha") (mut f64) (f64.const 0))
  (global $pairs (export "pairs") (mut f64) (f64.const 0))
  (global $lossSum (export "lossSum") (mut f64) (f64.const 0))
  (global $lossCount (export "lossCount") (mut f64) (f64.const 0))

  ;; sampling.ts nextU32: one mulberry32 step.
  (func $rand (result i32)
    (local $s i32) (local $t i32)
    (local.set $s (i32.add (global.get $rng) (i32.const 0x6d2b79f5)))
    (global.set $rng (local.get $s))
    (local.set $t (i32.mul (i32.xor (local.get $s) (i32.shr_u (local.get $s) (i32.const 15)))
                           (i32.or (local.get $s) (i32.const 1))))
    (local.set $t (i32.xor (local.get $t)
                           (i32.add (local.get $t)
                                    (i32.mul (i32.xor (local.get $t) (i32.shr_u (local.get $t) (i32.const 7)))
                                             (i32.or (local.get $t) (i32.const 61))))))
    (i32.xor (local.get $t) (i32.shr_u (local.get $t) (i32.const 14))))

  ;; sampling.ts nextUniform: [0, 1).
  (func $uniform (result f64)
    (f64.div (f64.convert_i32_u (call $rand)) (f64.const 4294967296)))

  ;; sampling.ts aliasDraw: a noise word from the unigram^0.75 alias table.
  (func $noise (result i32)
    (local $x f64) (local $i i32)
    (local.set $x (f64.mul (call $uniform) (global.get $noiseN)))
    (local.set $i (i32.trunc_f64_u (local.get $x)))
    (if (result i32)
        (f64.lt (f64.sub (local.get $x) (f64.convert_i32_u (local.get $i)))
                (f64.load (i32.add (global.get $aliasProb) (i32.shl (local.get $i) (i32.const 3)))))
      (then (local.get $i))
      (else (i32.load (i32.add (global.get $aliasIdx) (i32.shl (local.get $i) (i32.const 2)))))))

  ;; Fills a row with zeros.
  (func $zero (param $p i32)
    (local $j i32)
    (loop $l
      (v128.store (i32.add (local.get $p) (local.get $j)) (v128.const i32x4 0 0 0 0))
      (br_if $l (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 16))) (global.get $rowBytes)))))

  ;; dst += src, row by row.
  (func $addRow (param $dst i32) (param $src i32)
    (local $j i32)
    (loop $l
      (v128.store (i32.add (local.get $dst) (local.get $j))
        (f32x4.add (v128.load (i32.add (local.get $dst) (local.get $j)))
                   (v128.load (i32.add (local.get $src) (local.get $j)))))
      (br_if $l (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 16))) (global.get $rowBytes)))))

  ;; kernel.ts negativeUpdate: input row at byte offset $inp against the positive $word and the
  ;; negatives; adds the input's step to neu1e, updates output rows in place, returns the loss.
  (func $update (export "update") (param $inp i32) (param $word i32) (param $alpha f64) (result f64)
    (local $d i32) (local $target i32) (local $label f64) (local $l2 i32) (local $j i32)
    (local $acc v128) (local $f f64) (local $g f32) (local $gv v128) (local $o v128)
    (local $idx i32) (local $loss f64)
    (loop $each
      (block $next
        (if (i32.eqz (local.get $d))
          (then (local.set $target (local.get $word)) (local.set $label (f64.const 1)))
          (else
            (local.set $target
              (if (result i32) (global.get $fixedNeg)
                (then (i32.load (i32.add (global.get $fixedNeg) (i32.shl (i32.sub (local.get $d) (i32.const 1)) (i32.const 2)))))
                (else (call $noise))))
            ;; word2vec.c skips a negative equal to the positive
            (br_if $next (i32.eq (local.get $target) (local.get $word)))
            (local.set $label (f64.const 0))))
        (local.set $l2 (i32.add (global.get $syn1) (i32.mul (local.get $target) (global.get $rowBytes))))
        ;; f = x . v_t: lane l sums dimensions l, l+4, ...; then (l0 + l1) + (l2 + l3), as kernel.ts.
        (local.set $acc (v128.const f32x4 0 0 0 0))
        (local.set $j (i32.const 0))
        (loop $dot
          (local.set $acc
            (f32x4.add (local.get $acc)
              (f32x4.mul (v128.load (i32.add (local.get $inp) (local.get $j)))
                         (v128.load (i32.add (local.get $l2) (local.get $j))))))
          (br_if $dot (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 16))) (global.get $rowBytes))))
        (local.set $f (f64.promote_f32
          (f32.add (f32.add (f32x4.extract_lane 0 (local.get $acc)) (f32x4.extract_lane 1 (local.get $acc)))
                   (f32.add (f32x4.extract_lane 2 (local.get $acc)) (f32x4.extract_lane 3 (local.get $acc))))))
        (if (i32.or (global.get $exact)
                    (i32.or (f64.ge (local.get $f) (f64.const 6)) (f64.le (local.get $f) (f64.const -6))))
          (then
            (local.set $g (f32.demote_f64 (f64.mul
              (f64.sub (local.get $label)
                (if (result f64) (global.get $exact)
                  (then (call $sigmoid (local.get $f)))
                  (else (if (result f64) (f64.ge (local.get $f) (f64.const 6)) (then (f64.const 1)) (else (f64.const 0))))))
              (local.get $alpha))))
            (local.set $loss (f64.add (local.get $loss)
              (call $softplus (if (result f64) (f64.eq (local.get $label) (f64.const 1)) (then (f64.neg (local.get $f))) (else (local.get $f)))))))
          (else
            (local.set $idx (i32.shl (i32.trunc_f64_s (f64.mul (f64.add (local.get $f) (f64.const 6)) (global.get $expScale))) (i32.const 2)))
            (local.set $g (f32.demote_f64 (f64.mul
              (f64.sub (local.get $label) (f64.promote_f32 (f32.load (i32.add (global.get $expTable) (local.get $idx)))))
              (local.get $alpha))))
            (local.set $loss (f64.add (local.get $loss) (f64.promote_f32 (f32.load (i32.add
              (if (result i32) (f64.eq (local.get $label) (f64.const 1)) (then (global.get $lossPos)) (else (global.get $lossNeg)))
              (local.get $idx))))))))
        ;; saturated: the update would add exact zeros
        (br_if $next (f32.eq (local.get $g) (f32.const 0)))
        ;; neu1e += g v_t (before its update, as word2vec.c); v_t += g x
        (local.set $gv (f32x4.splat (local.get $g)))
        (local.set $j (i32.const 0))
        (loop $axpy
          (local.set $o (v128.load (i32.add (local.get $l2) (local.get $j))))
          (v128.store (i32.add (global.get $neu1e) (local.get $j))
            (f32x4.add (v128.load (i32.add (global.get $neu1e) (local.get $j))) (f32x4.mul (local.get $gv) (local.get $o))))
          (v128.store (i32.add (local.get $l2) (local.get $j))
            (f32x4.add (local.get $o) (f32x4.mul (local.get $gv) (v128.load (i32.add (local.get $inp) (local.get $j))))))
          (br_if $axpy (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 16))) (global.get $rowBytes)))))
      (br_if $each (i32.le_u (local.tee $d (i32.add (local.get $d) (i32.const 1))) (global.get $negative))))
    (local.get $loss))

  ;; kernel.ts readSentence: sentence $index into sen, without out-of-vocabulary ids, subsampled.
  (func $read (param $index i32) (result i32)
    (local $i i32) (local $end i32) (local $w i32) (local $len i32) (local $read i32)
    (local.set $i (i32.load (i32.add (global.get $offsets) (i32.shl (local.get $index) (i32.const 2)))))
    (local.set $end (i32.load (i32.add (global.get $offsets) (i32.shl (i32.add (local.get $index) (i32.const 1)) (i32.const 2)))))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $w (i32.load (i32.add (global.get $ids) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $each (i32.ge_u (local.get $w) (global.get $V)))
        (local.set $read (i32.add (local.get $read) (i32.const 1)))
        (if (global.get $subsample)
          (then (br_if $each (f64.lt
            (f64.promote_f32 (f32.load (i32.add (global.get $keep) (i32.shl (local.get $w) (i32.const 2)))))
            (call $uniform)))))
        (i32.store (i32.add (global.get $sen) (i32.shl (local.get $len) (i32.const 2))) (local.get $w))
        (local.set $len (i32.add (local.get $len) (i32.const 1)))
        (br $each)))
    (global.set $wordsDone (f64.add (global.get $wordsDone) (f64.convert_i32_u (local.get $read))))
    (local.get $len))

  ;; kernel.ts trainSentenceSG / trainSentenceCBOW over the $len words in sen.
  (func $train (param $len i32) (param $alpha f64)
    (local $pos i32) (local $word i32) (local $r i32) (local $lo i32) (local $hi i32) (local $c i32)
    (local $row i32) (local $loss f64) (local $pairs i32) (local $cw v128)
    (if (i32.eqz (local.get $len)) (then (return)))
    (loop $each
      (local.set $word (i32.load (i32.add (global.get $sen) (i32.shl (local.get $pos) (i32.const 2)))))
      ;; reduced window: radius window - b, b ~ U{0..window-1}
      (local.set $r (i32.sub (global.get $window) (i32.rem_u (call $rand) (global.get $window))))
      (local.set $lo (select (i32.const 0) (i32.sub (local.get $pos) (local.get $r)) (i32.lt_s (i32.sub (local.get $pos) (local.get $r)) (i32.const 0))))
      (local.set $hi (select (i32.sub (local.get $len) (i32.const 1)) (i32.add (local.get $pos) (local.get $r))
                             (i32.ge_s (i32.add (local.get $pos) (local.get $r)) (local.get $len))))
      (if (global.get $cbow)
        (then
          (if (i32.ne (local.get $hi) (local.get $lo))
            (then
              ;; h = mean of the context rows (cbow_mean)
              (call $zero (global.get $neu1))
              (local.set $c (local.get $lo))
              (loop $sum
                (if (i32.ne (local.get $c) (local.get $pos))
                  (then (call $addRow (global.get $neu1)
                    (i32.add (global.get $syn0) (i32.mul (i32.load (i32.add (global.get $sen) (i32.shl (local.get $c) (i32.const 2)))) (global.get $rowBytes))))))
                (br_if $sum (i32.le_s (local.tee $c (i32.add (local.get $c) (i32.const 1))) (local.get $hi))))
              (local.set $cw (f32x4.splat (f32.convert_i32_s (i32.sub (local.get $hi) (local.get $lo)))))
              (local.set $c (i32.const 0))
              (loop $mean
                (v128.store (i32.add (global.get $neu1) (local.get $c))
                  (f32x4.div (v128.load (i32.add (global.get $neu1) (local.get $c))) (local.get $cw)))
                (br_if $mean (i32.lt_u (local.tee $c (i32.add (local.get $c) (i32.const 16))) (global.get $rowBytes))))
              (call $zero (global.get $neu1e))
              (local.set $loss (f64.add (local.get $loss) (call $update (global.get $neu1) (local.get $word) (local.get $alpha))))
              ;; every context row gets the whole step on h (word2vec.c, gensim cbow_mean=1)
              (local.set $c (local.get $lo))
              (loop $apply
                (if (i32.ne (local.get $c) (local.get $pos))
                  (then (call $addRow
                    (i32.add (global.get $syn0) (i32.mul (i32.load (i32.add (global.get $sen) (i32.shl (local.get $c) (i32.const 2)))) (global.get $rowBytes)))
                    (global.get $neu1e))))
                (br_if $apply (i32.le_s (local.tee $c (i32.add (local.get $c) (i32.const 1))) (local.get $hi))))
              (local.set $pairs (i32.add (local.get $pairs) (i32.const 1))))))
        (else
          ;; skip-gram: each context word's input row predicts the center word
          (local.set $c (local.get $lo))
          (loop $ctx
            (if (i32.ne (local.get $c) (local.get $pos))
              (then
                (local.set $row (i32.add (global.get $syn0) (i32.mul (i32.load (i32.add (global.get $sen) (i32.shl (local.get $c) (i32.const 2)))) (global.get $rowBytes))))
                (call $zero (global.get $neu1e))
                (local.set $loss (f64.add (local.get $loss) (call $update (local.get $row) (local.get $word) (local.get $alpha))))
                (call $addRow (local.get $row) (global.get $neu1e))
                (local.set $pairs (i32.add (local.get $pairs) (i32.const 1)))))
            (br_if $ctx (i32.le_s (local.tee $c (i32.add (local.get $c) (i32.const 1))) (local.get $hi))))))
      (br_if $each (i32.lt_s (local.tee $pos (i32.add (local.get $pos) (i32.const 1))) (local.get $len))))
    (global.set $lossSum (f64.add (global.get $lossSum) (local.get $loss)))
    (global.set $lossCount (f64.add (global.get $lossCount) (f64.convert_i32_u (local.get $pairs))))
    (global.set $pairs (f64.add (global.get $pairs) (f64.convert_i32_u (local.get $pairs)))))

  ;; kernel.ts stepKernel: trains until at least $words vocabulary words were read or the run ends.
  (func (export "step") (param $words f64) (result f64)
    (local $start f64)
    (local.set $start (global.get $wordsDone))
    (block $done
      (loop $each
        (br_if $done (i32.ge_s (global.get $epoch) (global.get $epochs)))
        (br_if $done (f64.ge (f64.sub (global.get $wordsDone) (local.get $start)) (local.get $words)))
        (if (i32.ge_s (global.get $sentence) (global.get $S))
          (then
            (global.set $epoch (i32.add (global.get $epoch) (i32.const 1)))
            (global.set $sentence (i32.const 0))
            (br $each)))
        ;; linear decay to minAlpha (kernel.ts learningRate), updated every 10,000 words
        (if (f64.gt (f64.sub (global.get $wordsDone) (global.get $alphaWords)) (f64.const 10000))
          (then
            (global.set $alphaWords (global.get $wordsDone))
            (global.set $alpha (f64.max
              (f64.sub (global.get $alpha0)
                (f64.mul (f64.sub (global.get $alpha0) (global.get $minAlpha))
                         (f64.div (global.get $wordsDone) (f64.add (global.get $total) (f64.const 1)))))
              (global.get $minAlpha)))))
        (call $train (call $read (global.get $sentence)) (global.get $alpha))
        (global.set $sentence (i32.add (global.get $sentence) (i32.const 1)))
        (br $each)))
    (if (i32.and (i32.lt_s (global.get $epoch) (global.get $epochs))
                 (i32.and (i32.ge_s (global.get $sentence) (global.get $S))
                          (i32.eq (global.get $epoch) (i32.sub (global.get $epochs) (i32.const 1)))))
      (then
        (global.set $epoch (i32.add (global.get $epoch) (i32.const 1)))
        (global.set $sentence (i32.const 0))))
    (f64.sub (global.get $wordsDone) (local.get $start)))
)
