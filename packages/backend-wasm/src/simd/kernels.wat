;; layerwise's own SIMD kernels, for what tfjs-backend-wasm does slowly. They run on tfjs's
;; wasm memory (imported), so they read and write tfjs tensors in place: every pointer
;; argument is a byte offset into that memory. The memory's limits are filled in by the build:
;; "1" for tfjs's single-threaded build, "1 65536 shared" for its threaded one.
(module
  (import "env" "memory" (memory MEMORY_LIMITS))

  ;; One Keras 2 Adam update over n floats, rounding exactly where the api's composition
  ;; (mul, add, square, sqrt, div, sub kernels) rounds, so both paths give the same bits:
  ;;   m' = m*b1 + g*c1;  v' = v*b2 + (g*g)*c2;  p' = p - (m'*lr) / (sqrt(v') + eps)
  (func (export "adam_step")
    (param $p i32) (param $g i32) (param $m i32) (param $v i32)
    (param $po i32) (param $mo i32) (param $vo i32) (param $n i32)
    (param $b1 f32) (param $c1 f32) (param $b2 f32) (param $c2 f32) (param $lr f32) (param $eps f32)
    (local $i i32) (local $off i32) (local $end4 i32)
    (local $vb1 v128) (local $vc1 v128) (local $vb2 v128) (local $vc2 v128) (local $vlr v128) (local $veps v128)
    (local $gv v128) (local $mv v128) (local $vv v128)
    (local $gs f32) (local $ms f32) (local $vs f32)
    (local.set $vb1 (f32x4.splat (local.get $b1)))
    (local.set $vc1 (f32x4.splat (local.get $c1)))
    (local.set $vb2 (f32x4.splat (local.get $b2)))
    (local.set $vc2 (f32x4.splat (local.get $c2)))
    (local.set $vlr (f32x4.splat (local.get $lr)))
    (local.set $veps (f32x4.splat (local.get $eps)))
    (local.set $end4 (i32.and (local.get $n) (i32.const -4)))
    (block $done4
      (loop $vec
        (br_if $done4 (i32.ge_u (local.get $i) (local.get $end4)))
        (local.set $off (i32.shl (local.get $i) (i32.const 2)))
        (local.set $gv (v128.load (i32.add (local.get $g) (local.get $off))))
        (local.set $mv (f32x4.add
          (f32x4.mul (v128.load (i32.add (local.get $m) (local.get $off))) (local.get $vb1))
          (f32x4.mul (local.get $gv) (local.get $vc1))))
        (local.set $vv (f32x4.add
          (f32x4.mul (v128.load (i32.add (local.get $v) (local.get $off))) (local.get $vb2))
          (f32x4.mul (f32x4.mul (local.get $gv) (local.get $gv)) (local.get $vc2))))
        (v128.store (i32.add (local.get $mo) (local.get $off)) (local.get $mv))
        (v128.store (i32.add (local.get $vo) (local.get $off)) (local.get $vv))
        (v128.store (i32.add (local.get $po) (local.get $off))
          (f32x4.sub
            (v128.load (i32.add (local.get $p) (local.get $off)))
            (f32x4.div
              (f32x4.mul (local.get $mv) (local.get $vlr))
              (f32x4.add (f32x4.sqrt (local.get $vv)) (local.get $veps)))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $vec)))
    (block $done
      (loop $tail
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $off (i32.shl (local.get $i) (i32.const 2)))
        (local.set $gs (f32.load (i32.add (local.get $g) (local.get $off))))
        (local.set $ms (f32.add
          (f32.mul (f32.load (i32.add (local.get $m) (local.get $off))) (local.get $b1))
          (f32.mul (local.get $gs) (local.get $c1))))
        (local.set $vs (f32.add
          (f32.mul (f32.load (i32.add (local.get $v) (local.get $off))) (local.get $b2))
          (f32.mul (f32.mul (local.get $gs) (local.get $gs)) (local.get $c2))))
        (f32.store (i32.add (local.get $mo) (local.get $off)) (local.get $ms))
        (f32.store (i32.add (local.get $vo) (local.get $off)) (local.get $vs))
        (f32.store (i32.add (local.get $po) (local.get $off))
          (f32.sub
            (f32.load (i32.add (local.get $p) (local.get $off)))
            (f32.div
              (f32.mul (local.get $ms) (local.get $lr))
              (f32.add (f32.sqrt (local.get $vs)) (local.get $eps)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $tail))))

  ;; C = A @ B for few rows (m small): C[i, j] = bias[j] + sum_p A(i, p) * B[p, j], then
  ;; max(0, .) when $relu. B is row-major [k, n], C row-major [m, n]; A(i, p) is the float at
  ;; a + 4 * (i * $asi + p * $asp), so a transposed A needs no copy. $bias is 0 for none.
  ;; Streams B once per row of C with no packing, where XNNPACK would first pack all of B
  ;; (its cost, for changing weights at batch 1, is the whole product's many times over).
  (func (export "mm_rows")
    (param $a i32) (param $asi i32) (param $asp i32) (param $b i32) (param $c i32) (param $bias i32)
    (param $m i32) (param $k i32) (param $n i32) (param $relu i32)
    (local $i i32) (local $p i32) (local $j i32) (local $crow i32) (local $brow i32)
    (local $nb i32) (local $n4 i32) (local $s f32) (local $sv v128) (local $x i32) (local $y i32)
    (local.set $nb (i32.shl (local.get $n) (i32.const 2)))
    (local.set $n4 (i32.and (local.get $n) (i32.const -4)))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $i) (local.get $m)))
        (local.set $crow (i32.add (local.get $c) (i32.mul (local.get $i) (local.get $nb))))
        ;; start from the bias (or zero)
        (local.set $j (i32.const 0))
        (block $init_done
          (loop $init
            (br_if $init_done (i32.ge_u (local.get $j) (local.get $n)))
            (f32.store (i32.add (local.get $crow) (i32.shl (local.get $j) (i32.const 2)))
              (if (result f32) (local.get $bias)
                (then (f32.load (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 2)))))
                (else (f32.const 0))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $init)))
        (local.set $p (i32.const 0))
        (block $k_done
          (loop $ks
            (br_if $k_done (i32.ge_u (local.get $p) (local.get $k)))
            (local.set $s (f32.load (i32.add (local.get $a)
              (i32.shl (i32.add (i32.mul (local.get $i) (local.get $asi)) (i32.mul (local.get $p) (local.get $asp))) (i32.const 2)))))
            (local.set $sv (f32x4.splat (local.get $s)))
            (local.set $brow (i32.add (local.get $b) (i32.mul (local.get $p) (local.get $nb))))
            (local.set $j (i32.const 0))
            (block $vec_done
              (loop $vec
                (br_if $vec_done (i32.ge_u (local.get $j) (local.get $n4)))
                (local.set $x (i32.add (local.get $crow) (i32.shl (local.get $j) (i32.const 2))))
                (v128.store (local.get $x)
                  (f32x4.add (v128.load (local.get $x))
                    (f32x4.mul (local.get $sv) (v128.load (i32.add (local.get $brow) (i32.shl (local.get $j) (i32.const 2)))))))
                (local.set $j (i32.add (local.get $j) (i32.const 4)))
                (br $vec)))
            (block $tail_done
              (loop $tail
                (br_if $tail_done (i32.ge_u (local.get $j) (local.get $n)))
                (local.set $x (i32.add (local.get $crow) (i32.shl (local.get $j) (i32.const 2))))
                (f32.store (local.get $x)
                  (f32.add (f32.load (local.get $x))
                    (f32.mul (local.get $s) (f32.load (i32.add (local.get $brow) (i32.shl (local.get $j) (i32.const 2)))))))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br $tail)))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $ks)))
        (if (local.get $relu)
          (then
            (local.set $j (i32.const 0))
            (block $relu_done
              (loop $relu_loop
                (br_if $relu_done (i32.ge_u (local.get $j) (local.get $n)))
                (local.set $y (i32.add (local.get $crow) (i32.shl (local.get $j) (i32.const 2))))
                (f32.store (local.get $y) (f32.max (f32.load (local.get $y)) (f32.const 0)))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br $relu_loop)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows))))

  ;; C = A @ B^T for few rows: C[i, j] = bias[j] + dot(A[i, :], B[j, :]), then max(0, .) when
  ;; $relu. A row-major [m, k], B row-major [n, k] (so B^T needs no transpose), C [m, n].
  (func (export "mm_dots")
    (param $a i32) (param $b i32) (param $c i32) (param $bias i32)
    (param $m i32) (param $k i32) (param $n i32) (param $relu i32)
    (local $i i32) (local $j i32) (local $p i32) (local $arow i32) (local $brow i32)
    (local $kb i32) (local $k4 i32) (local $acc v128) (local $s f32)
    (local.set $kb (i32.shl (local.get $k) (i32.const 2)))
    (local.set $k4 (i32.and (local.get $k) (i32.const -4)))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $i) (local.get $m)))
        (local.set $arow (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $kb))))
        (local.set $j (i32.const 0))
        (block $cols_done
          (loop $cols
            (br_if $cols_done (i32.ge_u (local.get $j) (local.get $n)))
            (local.set $brow (i32.add (local.get $b) (i32.mul (local.get $j) (local.get $kb))))
            (local.set $acc (v128.const f32x4 0 0 0 0))
            (local.set $p (i32.const 0))
            (block $vec_done
              (loop $vec
                (br_if $vec_done (i32.ge_u (local.get $p) (local.get $k4)))
                (local.set $acc (f32x4.add (local.get $acc)
                  (f32x4.mul
                    (v128.load (i32.add (local.get $arow) (i32.shl (local.get $p) (i32.const 2))))
                    (v128.load (i32.add (local.get $brow) (i32.shl (local.get $p) (i32.const 2)))))))
                (local.set $p (i32.add (local.get $p) (i32.const 4)))
                (br $vec)))
            (local.set $s (f32.add
              (f32.add (f32x4.extract_lane 0 (local.get $acc)) (f32x4.extract_lane 1 (local.get $acc)))
              (f32.add (f32x4.extract_lane 2 (local.get $acc)) (f32x4.extract_lane 3 (local.get $acc)))))
            (block $tail_done
              (loop $tail
                (br_if $tail_done (i32.ge_u (local.get $p) (local.get $k)))
                (local.set $s (f32.add (local.get $s)
                  (f32.mul
                    (f32.load (i32.add (local.get $arow) (i32.shl (local.get $p) (i32.const 2))))
                    (f32.load (i32.add (local.get $brow) (i32.shl (local.get $p) (i32.const 2)))))))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (br $tail)))
            (if (local.get $bias)
              (then (local.set $s (f32.add (local.get $s) (f32.load (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 2))))))))
            (if (local.get $relu)
              (then (local.set $s (f32.max (local.get $s) (f32.const 0)))))
            (f32.store (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $j)) (i32.const 2)))
              (local.get $s))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $cols)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows))))

  ;; out[i] = max(x[i], s) / min(x[i], s) over n floats ($op 0: max, 1: min), with wasm's
  ;; NaN-propagating max/min. tfjs's Maximum / Minimum against a scalar take ~4.5 ns a float.
  (func (export "minmax_scalar")
    (param $op i32) (param $x i32) (param $s f32) (param $out i32) (param $n i32)
    (local $i i32) (local $off i32) (local $end4 i32) (local $sv v128) (local $v v128) (local $f f32)
    (local.set $sv (f32x4.splat (local.get $s)))
    (local.set $end4 (i32.and (local.get $n) (i32.const -4)))
    (block $done4
      (loop $vec
        (br_if $done4 (i32.ge_u (local.get $i) (local.get $end4)))
        (local.set $off (i32.shl (local.get $i) (i32.const 2)))
        (local.set $v (v128.load (i32.add (local.get $x) (local.get $off))))
        (v128.store (i32.add (local.get $out) (local.get $off))
          (if (result v128) (local.get $op)
            (then (f32x4.min (local.get $v) (local.get $sv)))
            (else (f32x4.max (local.get $v) (local.get $sv)))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $vec)))
    (block $done
      (loop $tail
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $off (i32.shl (local.get $i) (i32.const 2)))
        (local.set $f (f32.load (i32.add (local.get $x) (local.get $off))))
        (f32.store (i32.add (local.get $out) (local.get $off))
          (if (result f32) (local.get $op)
            (then (f32.min (local.get $f) (local.get $s)))
            (else (f32.max (local.get $f) (local.get $s)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $tail))))

  ;; out[i] = (x[i] OP s) ? 1 : 0 as bytes, over n floats. The op is given as which of
  ;; x < s, x > s, x == s count as true ($lt, $gt, $eq: 0 or 1), then negated when $not:
  ;; less = (1,0,0,0), lessEqual = (1,0,1,0), greater = (0,1,0,0), greaterEqual = (0,1,1,0),
  ;; equal = (0,0,1,0), notEqual = (0,0,1,1). IEEE: a NaN is none of the three.
  (func (export "compare_scalar")
    (param $x i32) (param $s f32) (param $out i32) (param $n i32)
    (param $lt i32) (param $gt i32) (param $eq i32) (param $not i32)
    (local $i i32) (local $end16 i32) (local $sv v128) (local $p i32)
    (local $mlt v128) (local $mgt v128) (local $meq v128) (local $minv v128)
    (local $m0 v128) (local $m1 v128) (local $m2 v128) (local $m3 v128) (local $f f32) (local $r i32)
    (local.set $sv (f32x4.splat (local.get $s)))
    (local.set $mlt (i32x4.splat (i32.sub (i32.const 0) (local.get $lt))))
    (local.set $mgt (i32x4.splat (i32.sub (i32.const 0) (local.get $gt))))
    (local.set $meq (i32x4.splat (i32.sub (i32.const 0) (local.get $eq))))
    (local.set $minv (i32x4.splat (i32.sub (i32.const 0) (local.get $not))))
    (local.set $end16 (i32.and (local.get $n) (i32.const -16)))
    (block $done16
      (loop $vec
        (br_if $done16 (i32.ge_u (local.get $i) (local.get $end16)))
        (local.set $p (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const 2))))
        (local.set $m0 (call $cmp4 (v128.load offset=0 (local.get $p)) (local.get $sv) (local.get $mlt) (local.get $mgt) (local.get $meq) (local.get $minv)))
        (local.set $m1 (call $cmp4 (v128.load offset=16 (local.get $p)) (local.get $sv) (local.get $mlt) (local.get $mgt) (local.get $meq) (local.get $minv)))
        (local.set $m2 (call $cmp4 (v128.load offset=32 (local.get $p)) (local.get $sv) (local.get $mlt) (local.get $mgt) (local.get $meq) (local.get $minv)))
        (local.set $m3 (call $cmp4 (v128.load offset=48 (local.get $p)) (local.get $sv) (local.get $mlt) (local.get $mgt) (local.get $meq) (local.get $minv)))
        ;; masks of -1 / 0 narrow to bytes of -1 / 0; keep the low bit for 1 / 0
        (v128.store (i32.add (local.get $out) (local.get $i))
          (v128.and
            (i8x16.narrow_i16x8_s
              (i16x8.narrow_i32x4_s (local.get $m0) (local.get $m1))
              (i16x8.narrow_i32x4_s (local.get $m2) (local.get $m3)))
            (i8x16.splat (i32.const 1))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $vec)))
    (block $done
      (loop $tail
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $f (f32.load (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $r (i32.or
          (i32.or
            (i32.and (local.get $lt) (f32.lt (local.get $f) (local.get $s)))
            (i32.and (local.get $gt) (f32.gt (local.get $f) (local.get $s))))
          (i32.and (local.get $eq) (f32.eq (local.get $f) (local.get $s)))))
        (i32.store8 (i32.add (local.get $out) (local.get $i)) (i32.xor (local.get $r) (local.get $not)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $tail))))

  (func $cmp4 (param $v v128) (param $sv v128) (param $mlt v128) (param $mgt v128) (param $meq v128) (param $minv v128) (result v128)
    (v128.xor
      (v128.or
        (v128.or
          (v128.and (local.get $mlt) (f32x4.lt (local.get $v) (local.get $sv)))
          (v128.and (local.get $mgt) (f32x4.gt (local.get $v) (local.get $sv))))
        (v128.and (local.get $meq) (f32x4.eq (local.get $v) (local.get $sv))))
      (local.get $minv)))

  ;; Max-pool gradient, NHWC: each dy element goes to the first maximum of its window in x
  ;; (row-major window order; later equal values never replace it; a NaN wins, and only the
  ;; first NaN; taps in the padding are skipped), summed where windows overlap. $dx must hold
  ;; zeros. Four channels at a time (then one), one pass over the taps, where tfjs has no
  ;; correct kernel and the composition of tfjs kernels took ~10 passes.
  (func (export "max_pool_backprop")
    (param $x i32) (param $dy i32) (param $dx i32)
    (param $batch i32) (param $inH i32) (param $inW i32) (param $C i32) (param $outH i32) (param $outW i32)
    (param $fH i32) (param $fW i32) (param $sH i32) (param $sW i32) (param $padTop i32) (param $padLeft i32)
    (local $b i32) (local $oh i32) (local $ow i32) (local $c i32) (local $c4 i32)
    (local $hs i32) (local $he i32) (local $ws i32) (local $we i32) (local $h0 i32) (local $w0 i32)
    (local $image i32) (local $o i32) (local $first i32)
    (local.set $c4 (i32.and (local.get $C) (i32.const -4)))
    (block $b_done (loop $b_loop
      (br_if $b_done (i32.ge_u (local.get $b) (local.get $batch)))
      (local.set $image (i32.mul (local.get $b) (i32.mul (i32.mul (local.get $inH) (local.get $inW)) (local.get $C))))
      (local.set $oh (i32.const 0))
      (block $oh_done (loop $oh_loop
        (br_if $oh_done (i32.ge_u (local.get $oh) (local.get $outH)))
        (local.set $h0 (i32.sub (i32.mul (local.get $oh) (local.get $sH)) (local.get $padTop)))
        (local.set $hs (select (local.get $h0) (i32.const 0) (i32.gt_s (local.get $h0) (i32.const 0))))
        (local.set $he (i32.add (local.get $h0) (local.get $fH)))
        (local.set $he (select (local.get $he) (local.get $inH) (i32.lt_s (local.get $he) (local.get $inH))))
        (local.set $ow (i32.const 0))
        (block $ow_done (loop $ow_loop
          (br_if $ow_done (i32.ge_u (local.get $ow) (local.get $outW)))
          (local.set $w0 (i32.sub (i32.mul (local.get $ow) (local.get $sW)) (local.get $padLeft)))
          (local.set $ws (select (local.get $w0) (i32.const 0) (i32.gt_s (local.get $w0) (i32.const 0))))
          (local.set $we (i32.add (local.get $w0) (local.get $fW)))
          (local.set $we (select (local.get $we) (local.get $inW) (i32.lt_s (local.get $we) (local.get $inW))))
          (if (i32.and (i32.lt_s (local.get $hs) (local.get $he)) (i32.lt_s (local.get $ws) (local.get $we)))
            (then
              ;; flat index of channel 0 at the window's first tap
              (local.set $first (i32.add (local.get $image)
                (i32.mul (i32.add (i32.mul (local.get $hs) (local.get $inW)) (local.get $ws)) (local.get $C))))
              (local.set $c (i32.const 0))
              (block $c4_done (loop $c4_loop
                (br_if $c4_done (i32.ge_u (local.get $c) (local.get $c4)))
                (call $pool_route4 (local.get $x) (local.get $dy) (local.get $dx) (i32.add (local.get $first) (local.get $c))
                  (i32.add (local.get $o) (local.get $c)) (i32.sub (local.get $he) (local.get $hs)) (i32.sub (local.get $we) (local.get $ws))
                  (i32.mul (local.get $inW) (local.get $C)) (local.get $C))
                (local.set $c (i32.add (local.get $c) (i32.const 4)))
                (br $c4_loop)))
              (block $c_done (loop $c_loop
                (br_if $c_done (i32.ge_u (local.get $c) (local.get $C)))
                (call $pool_route1 (local.get $x) (local.get $dy) (local.get $dx) (i32.add (local.get $first) (local.get $c))
                  (i32.add (local.get $o) (local.get $c)) (i32.sub (local.get $he) (local.get $hs)) (i32.sub (local.get $we) (local.get $ws))
                  (i32.mul (local.get $inW) (local.get $C)) (local.get $C))
                (local.set $c (i32.add (local.get $c) (i32.const 1)))
                (br $c_loop)))))
          (local.set $o (i32.add (local.get $o) (local.get $C)))
          (local.set $ow (i32.add (local.get $ow) (i32.const 1)))
          (br $ow_loop)))
        (local.set $oh (i32.add (local.get $oh) (i32.const 1)))
        (br $oh_loop)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $b_loop))))

  ;; One window, channels $src..$src+3 (flat x index of its first tap): $rows x $cols taps,
  ;; $rowStep / $colStep elements apart. Adds dy[$o + l] at each lane's first maximum.
  (func $pool_route4 (param $x i32) (param $dy i32) (param $dx i32) (param $src i32) (param $o i32)
    (param $rows i32) (param $cols i32) (param $rowStep i32) (param $colStep i32)
    (local $r i32) (local $q i32) (local $at i32) (local $v v128) (local $best v128) (local $where v128)
    (local $idx v128) (local $take v128) (local $lane i32)
    (local.set $best (v128.load (i32.add (local.get $x) (i32.shl (local.get $src) (i32.const 2)))))
    (local.set $where (i32x4.add (i32x4.splat (local.get $src)) (v128.const i32x4 0 1 2 3)))
    (block $r_done (loop $r_loop
      (br_if $r_done (i32.ge_u (local.get $r) (local.get $rows)))
      (local.set $q (i32.const 0))
      (block $q_done (loop $q_loop
        (br_if $q_done (i32.ge_u (local.get $q) (local.get $cols)))
        (if (i32.or (local.get $r) (local.get $q))
          (then
            (local.set $at (i32.add (local.get $src)
              (i32.add (i32.mul (local.get $r) (local.get $rowStep)) (i32.mul (local.get $q) (local.get $colStep)))))
            (local.set $v (v128.load (i32.add (local.get $x) (i32.shl (local.get $at) (i32.const 2)))))
            ;; v > best, or v is NaN while best is not
            (local.set $take (v128.or (f32x4.gt (local.get $v) (local.get $best))
              (v128.and (f32x4.ne (local.get $v) (local.get $v)) (f32x4.eq (local.get $best) (local.get $best)))))
            (local.set $best (v128.bitselect (local.get $v) (local.get $best) (local.get $take)))
            (local.set $where (v128.bitselect
              (i32x4.add (i32x4.splat (local.get $at)) (v128.const i32x4 0 1 2 3)) (local.get $where) (local.get $take)))))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (br $q_loop)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $r_loop)))
    (call $route (local.get $dy) (local.get $dx) (i32x4.extract_lane 0 (local.get $where)) (local.get $o))
    (call $route (local.get $dy) (local.get $dx) (i32x4.extract_lane 1 (local.get $where)) (i32.add (local.get $o) (i32.const 1)))
    (call $route (local.get $dy) (local.get $dx) (i32x4.extract_lane 2 (local.get $where)) (i32.add (local.get $o) (i32.const 2)))
    (call $route (local.get $dy) (local.get $dx) (i32x4.extract_lane 3 (local.get $where)) (i32.add (local.get $o) (i32.const 3))))

  ;; The same for the one channel at $src.
  (func $pool_route1 (param $x i32) (param $dy i32) (param $dx i32) (param $src i32) (param $o i32)
    (param $rows i32) (param $cols i32) (param $rowStep i32) (param $colStep i32)
    (local $r i32) (local $q i32) (local $at i32) (local $v f32) (local $best f32) (local $where i32)
    (local.set $best (f32.load (i32.add (local.get $x) (i32.shl (local.get $src) (i32.const 2)))))
    (local.set $where (local.get $src))
    (block $r_done (loop $r_loop
      (br_if $r_done (i32.ge_u (local.get $r) (local.get $rows)))
      (local.set $q (i32.const 0))
      (block $q_done (loop $q_loop
        (br_if $q_done (i32.ge_u (local.get $q) (local.get $cols)))
        (local.set $at (i32.add (local.get $src)
          (i32.add (i32.mul (local.get $r) (local.get $rowStep)) (i32.mul (local.get $q) (local.get $colStep)))))
        (local.set $v (f32.load (i32.add (local.get $x) (i32.shl (local.get $at) (i32.const 2)))))
        (if (i32.or (f32.gt (local.get $v) (local.get $best))
              (i32.and (f32.ne (local.get $v) (local.get $v)) (f32.eq (local.get $best) (local.get $best))))
          (then (local.set $best (local.get $v)) (local.set $where (local.get $at))))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (br $q_loop)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $r_loop)))
    (call $route (local.get $dy) (local.get $dx) (local.get $where) (local.get $o)))

  ;; dx[$to] += dy[$from]
  (func $route (param $dy i32) (param $dx i32) (param $to i32) (param $from i32)
    (local $p i32)
    (local.set $p (i32.add (local.get $dx) (i32.shl (local.get $to) (i32.const 2))))
    (f32.store (local.get $p)
      (f32.add (f32.load (local.get $p)) (f32.load (i32.add (local.get $dy) (i32.shl (local.get $from) (i32.const 2)))))))

  ;; out[i] = cond[i] ? a : b over n 4-byte elements, cond as bytes; a (b) is one element
  ;; repeated when $aOne ($bOne) is 1, else n elements. tfjs's Select wants three full-size
  ;; operands, so a relu's gradient, where(x > 0, dy, 0), first filled a full tensor of zeros.
  (func (export "select4")
    (param $cond i32) (param $a i32) (param $aOne i32) (param $b i32) (param $bOne i32) (param $out i32) (param $n i32)
    (local $i i32) (local $off i32) (local $end4 i32) (local $mask v128) (local $as v128) (local $bs v128)
    (local.set $as (v128.load32_splat (local.get $a)))
    (local.set $bs (v128.load32_splat (local.get $b)))
    (local.set $end4 (i32.and (local.get $n) (i32.const -4)))
    (block $done4
      (loop $vec
        (br_if $done4 (i32.ge_u (local.get $i) (local.get $end4)))
        (local.set $off (i32.shl (local.get $i) (i32.const 2)))
        (local.set $mask (i32x4.ne
          (i32x4.extend_low_i16x8_u (i16x8.extend_low_i8x16_u (v128.load32_zero (i32.add (local.get $cond) (local.get $i)))))
          (v128.const i32x4 0 0 0 0)))
        (v128.store (i32.add (local.get $out) (local.get $off))
          (v128.bitselect
            (if (result v128) (local.get $aOne) (then (local.get $as)) (else (v128.load (i32.add (local.get $a) (local.get $off)))))
            (if (result v128) (local.get $bOne) (then (local.get $bs)) (else (v128.load (i32.add (local.get $b) (local.get $off)))))
            (local.get $mask)))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $vec)))
    (block $done
      (loop $tail
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $off (i32.shl (local.get $i) (i32.const 2)))
        (i32.store (i32.add (local.get $out) (local.get $off))
          (if (result i32) (i32.load8_u (i32.add (local.get $cond) (local.get $i)))
            (then (i32.load (select (local.get $a) (i32.add (local.get $a) (local.get $off)) (local.get $aOne))))
            (else (i32.load (select (local.get $b) (i32.add (local.get $b) (local.get $off)) (local.get $bOne))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $tail))))

  ;; out[c] = sum over r of x[r, c], x row-major [rows, cols], rows in order: a sum over all
  ;; axes but the last (a bias gradient). tfjs's Sum first transposes the axes innermost.
  (func (export "sum_rows")
    (param $x i32) (param $out i32) (param $rows i32) (param $cols i32)
    (local $r i32) (local $c i32) (local $c4 i32) (local $row i32) (local $p i32)
    (local.set $c4 (i32.and (local.get $cols) (i32.const -4)))
    (local.set $c (i32.const 0))
    (block $z_done (loop $z
      (br_if $z_done (i32.ge_u (local.get $c) (local.get $cols)))
      (f32.store (i32.add (local.get $out) (i32.shl (local.get $c) (i32.const 2))) (f32.const 0))
      (local.set $c (i32.add (local.get $c) (i32.const 1)))
      (br $z)))
    (block $r_done (loop $r_loop
      (br_if $r_done (i32.ge_u (local.get $r) (local.get $rows)))
      (local.set $row (i32.add (local.get $x) (i32.shl (i32.mul (local.get $r) (local.get $cols)) (i32.const 2))))
      (local.set $c (i32.const 0))
      (block $v_done (loop $v
        (br_if $v_done (i32.ge_u (local.get $c) (local.get $c4)))
        (local.set $p (i32.add (local.get $out) (i32.shl (local.get $c) (i32.const 2))))
        (v128.store (local.get $p)
          (f32x4.add (v128.load (local.get $p)) (v128.load (i32.add (local.get $row) (i32.shl (local.get $c) (i32.const 2))))))
        (local.set $c (i32.add (local.get $c) (i32.const 4)))
        (br $v)))
      (block $t_done (loop $t
        (br_if $t_done (i32.ge_u (local.get $c) (local.get $cols)))
        (local.set $p (i32.add (local.get $out) (i32.shl (local.get $c) (i32.const 2))))
        (f32.store (local.get $p)
          (f32.add (f32.load (local.get $p)) (f32.load (i32.add (local.get $row) (i32.shl (local.get $c) (i32.const 2))))))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $t)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $r_loop))))

  ;; In place: x[r, j] = x[r, j] + bias[j] (when $bias), then max(0, .) when $relu, over rows
  ;; of $cols: the epilogue of a fused convolution (its output is a fresh tensor).
  (func (export "bias_relu")
    (param $x i32) (param $bias i32) (param $rows i32) (param $cols i32) (param $relu i32)
    (local $r i32) (local $c i32) (local $c4 i32) (local $row i32) (local $p i32) (local $v v128) (local $f f32)
    (local.set $c4 (i32.and (local.get $cols) (i32.const -4)))
    (block $r_done (loop $r_loop
      (br_if $r_done (i32.ge_u (local.get $r) (local.get $rows)))
      (local.set $row (i32.add (local.get $x) (i32.shl (i32.mul (local.get $r) (local.get $cols)) (i32.const 2))))
      (local.set $c (i32.const 0))
      (block $v_done (loop $v_loop
        (br_if $v_done (i32.ge_u (local.get $c) (local.get $c4)))
        (local.set $p (i32.add (local.get $row) (i32.shl (local.get $c) (i32.const 2))))
        (local.set $v (v128.load (local.get $p)))
        (if (local.get $bias)
          (then (local.set $v (f32x4.add (local.get $v) (v128.load (i32.add (local.get $bias) (i32.shl (local.get $c) (i32.const 2))))))))
        (if (local.get $relu)
          (then (local.set $v (f32x4.max (local.get $v) (v128.const f32x4 0 0 0 0)))))
        (v128.store (local.get $p) (local.get $v))
        (local.set $c (i32.add (local.get $c) (i32.const 4)))
        (br $v_loop)))
      (block $t_done (loop $t_loop
        (br_if $t_done (i32.ge_u (local.get $c) (local.get $cols)))
        (local.set $p (i32.add (local.get $row) (i32.shl (local.get $c) (i32.const 2))))
        (local.set $f (f32.load (local.get $p)))
        (if (local.get $bias)
          (then (local.set $f (f32.add (local.get $f) (f32.load (i32.add (local.get $bias) (i32.shl (local.get $c) (i32.const 2))))))))
        (if (local.get $relu)
          (then (local.set $f (f32.max (local.get $f) (f32.const 0)))))
        (f32.store (local.get $p) (local.get $f))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $t_loop)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $r_loop))))

  ;; dFilter of an NHWC convolution, dw [fH, fW, inC, outC] (zeroed by the caller), outC a
  ;; multiple of 4: dw[tap, :] += x[b, iy, ix, c] * dy[b, oy, ox, :] for every output pixel
  ;; whose tap lands inside x. For filters with few taps (a first layer: K = fH * fW * inC of
  ;; 9 or 27) XNNPACK's formulation, a forward convolution whose "filter" is all of dy, ran
  ;; at ~3 GFLOP/s; here each (batch, output row, tap) is one run over the row's pixels with
  ;; 32 output channels held in registers. Only the taps (rows of dw as [fH * fW * inC, outC])
  ;; in [$t0, $t1) are written, so threads can share one dw, each its own range.
  (func (export "conv_filter_grad")
    (param $x i32) (param $dy i32) (param $dw i32)
    (param $batch i32) (param $inH i32) (param $inW i32) (param $inC i32) (param $outH i32) (param $outW i32) (param $outC i32)
    (param $fH i32) (param $fW i32) (param $sH i32) (param $sW i32) (param $dH i32) (param $dWd i32) (param $padTop i32) (param $padLeft i32)
    (param $t0 i32) (param $t1 i32)
    (local $b i32) (local $oy i32) (local $fy i32) (local $fx i32) (local $c i32) (local $j i32) (local $tap i32) (local $cEnd i32)
    (local $iy i32) (local $start i32) (local $last i32) (local $ox0 i32) (local $ox1 i32)
    (local $px i32) (local $pd i32) (local $pw i32) (local $xstep i32) (local $dstep i32)
    (local.set $xstep (i32.shl (i32.mul (local.get $sW) (local.get $inC)) (i32.const 2)))
    (local.set $dstep (i32.shl (local.get $outC) (i32.const 2)))
    (block $b_done (loop $b_loop
      (br_if $b_done (i32.ge_u (local.get $b) (local.get $batch)))
      (local.set $oy (i32.const 0))
      (block $oy_done (loop $oy_loop
        (br_if $oy_done (i32.ge_u (local.get $oy) (local.get $outH)))
        (local.set $fy (i32.const 0))
        (block $fy_done (loop $fy_loop
          (br_if $fy_done (i32.ge_u (local.get $fy) (local.get $fH)))
          (local.set $iy (i32.add (i32.sub (i32.mul (local.get $oy) (local.get $sH)) (local.get $padTop))
            (i32.mul (local.get $fy) (local.get $dH))))
          (if (i32.and (i32.ge_s (local.get $iy) (i32.const 0)) (i32.lt_s (local.get $iy) (local.get $inH)))
            (then
              (local.set $fx (i32.const 0))
              (block $fx_done (loop $fx_loop
                (br_if $fx_done (i32.ge_u (local.get $fx) (local.get $fW)))
                ;; ix = ox * sW - start lies in [0, inW) for ox in [ox0, ox1)
                (local.set $start (i32.sub (local.get $padLeft) (i32.mul (local.get $fx) (local.get $dWd))))
                (local.set $ox0 (select
                  (i32.div_u (i32.add (local.get $start) (i32.sub (local.get $sW) (i32.const 1))) (local.get $sW))
                  (i32.const 0)
                  (i32.gt_s (local.get $start) (i32.const 0))))
                (local.set $last (i32.add (i32.sub (local.get $inW) (i32.const 1)) (local.get $start)))
                (local.set $ox1 (select
                  (i32.add (i32.div_u (local.get $last) (local.get $sW)) (i32.const 1))
                  (i32.const 0)
                  (i32.ge_s (local.get $last) (i32.const 0))))
                (local.set $ox1 (select (local.get $ox1) (local.get $outW) (i32.lt_u (local.get $ox1) (local.get $outW))))
                ;; channels c whose tap (fy * fW + fx) * inC + c lies in [t0, t1)
                (local.set $tap (i32.mul (i32.add (i32.mul (local.get $fy) (local.get $fW)) (local.get $fx)) (local.get $inC)))
                (local.set $c (select (i32.sub (local.get $t0) (local.get $tap)) (i32.const 0) (i32.gt_s (local.get $t0) (local.get $tap))))
                (local.set $cEnd (i32.sub (local.get $t1) (local.get $tap)))
                (local.set $cEnd (select (local.get $inC) (local.get $cEnd) (i32.gt_s (local.get $cEnd) (local.get $inC))))
                (if (i32.lt_u (local.get $ox0) (local.get $ox1))
                  (then
                    (block $c_done (loop $c_loop
                      (br_if $c_done (i32.ge_s (local.get $c) (local.get $cEnd)))
                      ;; x[b, iy, ox0 * sW - start, c]
                      (local.set $px (i32.add (local.get $x) (i32.shl
                        (i32.add (i32.mul (i32.add (i32.mul (i32.add (i32.mul (local.get $b) (local.get $inH)) (local.get $iy)) (local.get $inW))
                          (i32.sub (i32.mul (local.get $ox0) (local.get $sW)) (local.get $start))) (local.get $inC)) (local.get $c))
                        (i32.const 2))))
                      ;; dy[b, oy, ox0, 0]
                      (local.set $pd (i32.add (local.get $dy) (i32.shl
                        (i32.mul (i32.add (i32.mul (i32.add (i32.mul (local.get $b) (local.get $outH)) (local.get $oy)) (local.get $outW))
                          (local.get $ox0)) (local.get $outC))
                        (i32.const 2))))
                      ;; dw[(fy * fW + fx) * inC + c, 0]
                      (local.set $pw (i32.add (local.get $dw) (i32.shl
                        (i32.mul (i32.add (i32.mul (i32.add (i32.mul (local.get $fy) (local.get $fW)) (local.get $fx)) (local.get $inC)) (local.get $c))
                          (local.get $outC))
                        (i32.const 2))))
                      (local.set $j (i32.const 0))
                      (block $j8_done (loop $j8_loop
                        (br_if $j8_done (i32.gt_u (i32.add (local.get $j) (i32.const 32)) (local.get $outC)))
                        (call $fgrad8 (local.get $px) (local.get $xstep)
                          (i32.add (local.get $pd) (i32.shl (local.get $j) (i32.const 2))) (local.get $dstep)
                          (i32.sub (local.get $ox1) (local.get $ox0)) (i32.add (local.get $pw) (i32.shl (local.get $j) (i32.const 2))))
                        (local.set $j (i32.add (local.get $j) (i32.const 32)))
                        (br $j8_loop)))
                      (block $j1_done (loop $j1_loop
                        (br_if $j1_done (i32.ge_u (local.get $j) (local.get $outC)))
                        (call $fgrad1 (local.get $px) (local.get $xstep)
                          (i32.add (local.get $pd) (i32.shl (local.get $j) (i32.const 2))) (local.get $dstep)
                          (i32.sub (local.get $ox1) (local.get $ox0)) (i32.add (local.get $pw) (i32.shl (local.get $j) (i32.const 2))))
                        (local.set $j (i32.add (local.get $j) (i32.const 4)))
                        (br $j1_loop)))
                      (local.set $c (i32.add (local.get $c) (i32.const 1)))
                      (br $c_loop)))))
                (local.set $fx (i32.add (local.get $fx) (i32.const 1)))
                (br $fx_loop)))))
          (local.set $fy (i32.add (local.get $fy) (i32.const 1)))
          (br $fy_loop)))
        (local.set $oy (i32.add (local.get $oy) (i32.const 1)))
        (br $oy_loop)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $b_loop))))

  ;; w[0..32) += sum over $n pixels of x[px] * d[pd + 0..32), px / pd advancing by the steps.
  (func $fgrad8 (param $px i32) (param $xstep i32) (param $pd i32) (param $dstep i32) (param $n i32) (param $pw i32)
    (local $v v128) (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $a4 v128) (local $a5 v128) (local $a6 v128) (local $a7 v128)
    (local.set $a0 (v128.load offset=0 (local.get $pw)))
    (local.set $a1 (v128.load offset=16 (local.get $pw)))
    (local.set $a2 (v128.load offset=32 (local.get $pw)))
    (local.set $a3 (v128.load offset=48 (local.get $pw)))
    (local.set $a4 (v128.load offset=64 (local.get $pw)))
    (local.set $a5 (v128.load offset=80 (local.get $pw)))
    (local.set $a6 (v128.load offset=96 (local.get $pw)))
    (local.set $a7 (v128.load offset=112 (local.get $pw)))
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $v (f32x4.splat (f32.load (local.get $px))))
      (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $v) (v128.load offset=0 (local.get $pd)))))
      (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $v) (v128.load offset=16 (local.get $pd)))))
      (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $v) (v128.load offset=32 (local.get $pd)))))
      (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $v) (v128.load offset=48 (local.get $pd)))))
      (local.set $a4 (f32x4.add (local.get $a4) (f32x4.mul (local.get $v) (v128.load offset=64 (local.get $pd)))))
      (local.set $a5 (f32x4.add (local.get $a5) (f32x4.mul (local.get $v) (v128.load offset=80 (local.get $pd)))))
      (local.set $a6 (f32x4.add (local.get $a6) (f32x4.mul (local.get $v) (v128.load offset=96 (local.get $pd)))))
      (local.set $a7 (f32x4.add (local.get $a7) (f32x4.mul (local.get $v) (v128.load offset=112 (local.get $pd)))))
      (local.set $px (i32.add (local.get $px) (local.get $xstep)))
      (local.set $pd (i32.add (local.get $pd) (local.get $dstep)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next)))
    (v128.store offset=0 (local.get $pw) (local.get $a0))
    (v128.store offset=16 (local.get $pw) (local.get $a1))
    (v128.store offset=32 (local.get $pw) (local.get $a2))
    (v128.store offset=48 (local.get $pw) (local.get $a3))
    (v128.store offset=64 (local.get $pw) (local.get $a4))
    (v128.store offset=80 (local.get $pw) (local.get $a5))
    (v128.store offset=96 (local.get $pw) (local.get $a6))
    (v128.store offset=112 (local.get $pw) (local.get $a7)))

  ;; The same for 4 channels.
  (func $fgrad1 (param $px i32) (param $xstep i32) (param $pd i32) (param $dstep i32) (param $n i32) (param $pw i32)
    (local $a v128)
    (local.set $a (v128.load (local.get $pw)))
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $a (f32x4.add (local.get $a) (f32x4.mul (f32x4.splat (f32.load (local.get $px))) (v128.load (local.get $pd)))))
      (local.set $px (i32.add (local.get $px) (local.get $xstep)))
      (local.set $pd (i32.add (local.get $pd) (local.get $dstep)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next)))
    (v128.store (local.get $pw) (local.get $a)))

  ;; out[i] = max(x[i], b[i]) / min(x[i], b[i]) over n floats ($op 0: max, 1: min): wasm's
  ;; f32x4.max / min give NaN when either lane is NaN, where tfjs's Maximum / Minimum return x
  ;; for a NaN b.
  (func (export "minmax")
    (param $op i32) (param $x i32) (param $b i32) (param $out i32) (param $n i32)
    (local $i i32) (local $off i32) (local $end4 i32) (local $w v128) (local $v v128) (local $f f32) (local $g f32)
    (local.set $end4 (i32.and (local.get $n) (i32.const -4)))
    (block $done4
      (loop $vec
        (br_if $done4 (i32.ge_u (local.get $i) (local.get $end4)))
        (local.set $off (i32.shl (local.get $i) (i32.const 2)))
        (local.set $v (v128.load (i32.add (local.get $x) (local.get $off))))
        (local.set $w (v128.load (i32.add (local.get $b) (local.get $off))))
        (v128.store (i32.add (local.get $out) (local.get $off))
          (if (result v128) (local.get $op)
            (then (f32x4.min (local.get $v) (local.get $w)))
            (else (f32x4.max (local.get $v) (local.get $w)))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $vec)))
    (block $done
      (loop $tail
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $off (i32.shl (local.get $i) (i32.const 2)))
        (local.set $f (f32.load (i32.add (local.get $x) (local.get $off))))
        (local.set $g (f32.load (i32.add (local.get $b) (local.get $off))))
        (f32.store (i32.add (local.get $out) (local.get $off))
          (if (result f32) (local.get $op)
            (then (f32.min (local.get $f) (local.get $g)))
            (else (f32.max (local.get $f) (local.get $g)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $tail))))

  ;; out[i] = x[i] truncated toward zero to int32, saturating (NaN -> 0, beyond the range ->
  ;; its end), over n floats. tfjs's Cast stores through an Int32Array, which wraps (3e9 ->
  ;; -1294967296, Infinity -> 0).
  (func (export "cast_f32_i32")
    (param $x i32) (param $out i32) (param $n i32)
    (local $i i32) (local $off i32) (local $end4 i32)
    (local.set $end4 (i32.and (local.get $n) (i32.const -4)))
    (block $done4
      (loop $vec
        (br_if $done4 (i32.ge_u (local.get $i) (local.get $end4)))
        (local.set $off (i32.shl (local.get $i) (i32.const 2)))
        (v128.store (i32.add (local.get $out) (local.get $off))
          (i32x4.trunc_sat_f32x4_s (v128.load (i32.add (local.get $x) (local.get $off)))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $vec)))
    (block $done
      (loop $tail
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $off (i32.shl (local.get $i) (i32.const 2)))
        (i32.store (i32.add (local.get $out) (local.get $off))
          (i32.trunc_sat_f32_s (f32.load (i32.add (local.get $x) (local.get $off)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $tail))))

  ;; out[o * inner + k] = the index j < $r of the first maximum ($min 0) or minimum ($min 1)
  ;; of x[(o * r + j) * inner + k], or of its first NaN (NumPy's rule), as int32. tfjs's
  ;; ArgMax / ArgMin skip NaNs.
  (func (export "arg_reduce")
    (param $x i32) (param $out i32) (param $outer i32) (param $r i32) (param $inner i32) (param $min i32)
    (local $o i32) (local $k i32) (local $j i32) (local $p i32) (local $step i32) (local $at i32)
    (local $best f32) (local $v f32)
    (local.set $step (i32.shl (local.get $inner) (i32.const 2)))
    (block $o_done (loop $o_loop
      (br_if $o_done (i32.ge_u (local.get $o) (local.get $outer)))
      (local.set $k (i32.const 0))
      (block $k_done (loop $k_loop
        (br_if $k_done (i32.ge_u (local.get $k) (local.get $inner)))
        (local.set $p (i32.add (local.get $x) (i32.shl
          (i32.add (i32.mul (i32.mul (local.get $o) (local.get $r)) (local.get $inner)) (local.get $k)) (i32.const 2))))
        (local.set $best (f32.load (local.get $p)))
        (local.set $at (i32.const 0))
        (local.set $j (i32.const 1))
        (block $j_done
          ;; a NaN first: index 0
          (br_if $j_done (f32.ne (local.get $best) (local.get $best)))
          (if (local.get $min)
            (then
            (loop $j_loop
              (br_if $j_done (i32.ge_u (local.get $j) (local.get $r)))
              (local.set $p (i32.add (local.get $p) (local.get $step)))
              (local.set $v (f32.load (local.get $p)))
              (if (f32.ne (local.get $v) (local.get $v))
                (then (local.set $at (local.get $j)) (br $j_done)))
              (if (f32.lt (local.get $v) (local.get $best))
                (then (local.set $best (local.get $v)) (local.set $at (local.get $j))))
              (local.set $j (i32.add (local.get $j) (i32.const 1)))
              (br $j_loop)))
            (else
            (loop $j_loop
              (br_if $j_done (i32.ge_u (local.get $j) (local.get $r)))
              (local.set $p (i32.add (local.get $p) (local.get $step)))
              (local.set $v (f32.load (local.get $p)))
              (if (f32.ne (local.get $v) (local.get $v))
                (then (local.set $at (local.get $j)) (br $j_done)))
              (if (f32.gt (local.get $v) (local.get $best))
                (then (local.set $best (local.get $v)) (local.set $at (local.get $j))))
              (local.set $j (i32.add (local.get $j) (i32.const 1)))
              (br $j_loop)))))
        (i32.store (i32.add (local.get $out) (i32.shl (i32.add (i32.mul (local.get $o) (local.get $inner)) (local.get $k)) (i32.const 2)))
          (local.get $at))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $k_loop)))
      (local.set $o (i32.add (local.get $o) (i32.const 1)))
      (br $o_loop))))

  ;; Max ($avg 0) or average ($avg 1) pooling, NHWC: for each output pixel and each group of
  ;; four channels, the window's in-bounds taps (row-major) are read in one loop and reduced
  ;; in a register; averages are divided by the in-bounds count. f32x4.max gives NaN when
  ;; either lane is NaN; XNNPACK's pooling clamps its output with pmin / pmax, which drop NaN
  ;; (a NaN mean became -Infinity). A window with no in-bounds tap gives -Infinity (max) or
  ;; NaN (0 / 0).
  (func (export "pool")
    (param $x i32) (param $out i32)
    (param $batch i32) (param $inH i32) (param $inW i32) (param $C i32) (param $outH i32) (param $outW i32)
    (param $fH i32) (param $fW i32) (param $sH i32) (param $sW i32) (param $padTop i32) (param $padLeft i32) (param $avg i32)
    (local $b i32) (local $oh i32) (local $ow i32) (local $h0 i32) (local $w0 i32)
    (local $hs i32) (local $he i32) (local $ws i32) (local $we i32)
    (local $image i32) (local $dst i32) (local $rowBytes i32) (local $rowStep i32) (local $first i32) (local $count i32)
    (local.set $rowBytes (i32.shl (local.get $C) (i32.const 2)))
    (local.set $rowStep (i32.mul (local.get $inW) (local.get $rowBytes)))
    (local.set $dst (local.get $out))
    (block $b_done (loop $b_loop
      (br_if $b_done (i32.ge_u (local.get $b) (local.get $batch)))
      (local.set $image (i32.add (local.get $x) (i32.mul (i32.mul (local.get $b) (local.get $inH)) (local.get $rowStep))))
      (local.set $oh (i32.const 0))
      (block $oh_done (loop $oh_loop
        (br_if $oh_done (i32.ge_u (local.get $oh) (local.get $outH)))
        (local.set $h0 (i32.sub (i32.mul (local.get $oh) (local.get $sH)) (local.get $padTop)))
        (local.set $hs (select (local.get $h0) (i32.const 0) (i32.gt_s (local.get $h0) (i32.const 0))))
        (local.set $he (i32.add (local.get $h0) (local.get $fH)))
        (local.set $he (select (local.get $he) (local.get $inH) (i32.lt_s (local.get $he) (local.get $inH))))
        (local.set $ow (i32.const 0))
        (block $ow_done (loop $ow_loop
          (br_if $ow_done (i32.ge_u (local.get $ow) (local.get $outW)))
          (local.set $w0 (i32.sub (i32.mul (local.get $ow) (local.get $sW)) (local.get $padLeft)))
          (local.set $ws (select (local.get $w0) (i32.const 0) (i32.gt_s (local.get $w0) (i32.const 0))))
          (local.set $we (i32.add (local.get $w0) (local.get $fW)))
          (local.set $we (select (local.get $we) (local.get $inW) (i32.lt_s (local.get $we) (local.get $inW))))
          (if (i32.and (i32.lt_s (local.get $hs) (local.get $he)) (i32.lt_s (local.get $ws) (local.get $we)))
            (then
              (local.set $first (i32.add (local.get $image)
                (i32.add (i32.mul (local.get $hs) (local.get $rowStep)) (i32.mul (local.get $ws) (local.get $rowBytes)))))
              (local.set $count (i32.mul (i32.sub (local.get $he) (local.get $hs)) (i32.sub (local.get $we) (local.get $ws))))
              (call $pool_window (local.get $first) (local.get $dst) (local.get $C)
                (i32.sub (local.get $he) (local.get $hs)) (i32.sub (local.get $we) (local.get $ws))
                (local.get $rowStep) (local.get $rowBytes) (local.get $avg) (f32.convert_i32_s (local.get $count))))
            (else
              (call $fill_row (local.get $dst) (local.get $C)
                (select (f32.const nan) (f32.const -inf) (local.get $avg)))))
          (local.set $dst (i32.add (local.get $dst) (local.get $rowBytes)))
          (local.set $ow (i32.add (local.get $ow) (i32.const 1)))
          (br $ow_loop)))
        (local.set $oh (i32.add (local.get $oh) (i32.const 1)))
        (br $oh_loop)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $b_loop))))

  ;; One output pixel of `pool`: dst[0..C) = max (or mean, $avg) over $rows x $cols taps, the
  ;; first at $first, taps $rowStep / $colStep bytes apart; $count = $rows * $cols. Sixteen
  ;; channels a pass over the taps, then four, then one. The max is pmax (one instruction;
  ;; f32x4.max is nine on x64) with the NaNs met or-ed into a mask and put back at the end;
  ;; the mean multiplies by 1 / count.
  (func $pool_window
    (param $first i32) (param $dst i32) (param $C i32) (param $rows i32) (param $cols i32)
    (param $rowStep i32) (param $colStep i32) (param $avg i32) (param $count f32)
    (local $c i32) (local $cEnd i32) (local $rp i32) (local $tp i32) (local $end i32) (local $last i32) (local $rowEnd i32) (local $d i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $n0 v128) (local $n1 v128) (local $n2 v128) (local $n3 v128)
    (local $v v128) (local $inv v128) (local $f f32) (local $g f32) (local $isNaN i32)
    (local.set $inv (f32x4.splat (f32.div (f32.const 1) (local.get $count))))
    ;; one past the last row's first tap, and the bytes a row of taps spans
    (local.set $end (i32.add (local.get $first) (i32.mul (local.get $rows) (local.get $rowStep))))
    (local.set $rowEnd (i32.mul (local.get $cols) (local.get $colStep)))
    ;; sixteen channels at a time
    (local.set $cEnd (i32.and (local.get $C) (i32.const -16)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $c) (local.get $cEnd)))
      (local.set $rp (i32.add (local.get $first) (i32.shl (local.get $c) (i32.const 2))))
      (local.set $last (i32.add (local.get $end) (i32.shl (local.get $c) (i32.const 2))))
      (local.set $d (i32.add (local.get $dst) (i32.shl (local.get $c) (i32.const 2))))
      (if (local.get $avg)
        (then
          (local.set $a0 (v128.const f32x4 0 0 0 0))
          (local.set $a1 (v128.const f32x4 0 0 0 0))
          (local.set $a2 (v128.const f32x4 0 0 0 0))
          (local.set $a3 (v128.const f32x4 0 0 0 0))
          (loop $r_loop
            (local.set $tp (local.get $rp))
            (loop $q_loop
              (local.set $a0 (f32x4.add (local.get $a0) (v128.load offset=0 (local.get $tp))))
              (local.set $a1 (f32x4.add (local.get $a1) (v128.load offset=16 (local.get $tp))))
              (local.set $a2 (f32x4.add (local.get $a2) (v128.load offset=32 (local.get $tp))))
              (local.set $a3 (f32x4.add (local.get $a3) (v128.load offset=48 (local.get $tp))))
              (local.set $tp (i32.add (local.get $tp) (local.get $colStep)))
              (br_if $q_loop (i32.lt_u (local.get $tp) (i32.add (local.get $rp) (local.get $rowEnd)))))
            (local.set $rp (i32.add (local.get $rp) (local.get $rowStep)))
            (br_if $r_loop (i32.lt_u (local.get $rp) (local.get $last))))
          (v128.store offset=0 (local.get $d) (f32x4.mul (local.get $a0) (local.get $inv)))
          (v128.store offset=16 (local.get $d) (f32x4.mul (local.get $a1) (local.get $inv)))
          (v128.store offset=32 (local.get $d) (f32x4.mul (local.get $a2) (local.get $inv)))
          (v128.store offset=48 (local.get $d) (f32x4.mul (local.get $a3) (local.get $inv))))
        (else
          (local.set $a0 (v128.load offset=0 (local.get $rp)))
          (local.set $a1 (v128.load offset=16 (local.get $rp)))
          (local.set $a2 (v128.load offset=32 (local.get $rp)))
          (local.set $a3 (v128.load offset=48 (local.get $rp)))
          (local.set $n0 (v128.const i32x4 0 0 0 0))
          (local.set $n1 (v128.const i32x4 0 0 0 0))
          (local.set $n2 (v128.const i32x4 0 0 0 0))
          (local.set $n3 (v128.const i32x4 0 0 0 0))
          (loop $r_loop
            (local.set $tp (local.get $rp))
            (loop $q_loop
              (local.set $v (v128.load offset=0 (local.get $tp)))
              (local.set $a0 (f32x4.pmax (local.get $a0) (local.get $v)))
              (local.set $n0 (v128.or (local.get $n0) (f32x4.ne (local.get $v) (local.get $v))))
              (local.set $v (v128.load offset=16 (local.get $tp)))
              (local.set $a1 (f32x4.pmax (local.get $a1) (local.get $v)))
              (local.set $n1 (v128.or (local.get $n1) (f32x4.ne (local.get $v) (local.get $v))))
              (local.set $v (v128.load offset=32 (local.get $tp)))
              (local.set $a2 (f32x4.pmax (local.get $a2) (local.get $v)))
              (local.set $n2 (v128.or (local.get $n2) (f32x4.ne (local.get $v) (local.get $v))))
              (local.set $v (v128.load offset=48 (local.get $tp)))
              (local.set $a3 (f32x4.pmax (local.get $a3) (local.get $v)))
              (local.set $n3 (v128.or (local.get $n3) (f32x4.ne (local.get $v) (local.get $v))))
              (local.set $tp (i32.add (local.get $tp) (local.get $colStep)))
              (br_if $q_loop (i32.lt_u (local.get $tp) (i32.add (local.get $rp) (local.get $rowEnd)))))
            (local.set $rp (i32.add (local.get $rp) (local.get $rowStep)))
            (br_if $r_loop (i32.lt_u (local.get $rp) (local.get $last))))
          (v128.store offset=0 (local.get $d) (v128.bitselect (v128.const f32x4 nan nan nan nan) (local.get $a0) (local.get $n0)))
          (v128.store offset=16 (local.get $d) (v128.bitselect (v128.const f32x4 nan nan nan nan) (local.get $a1) (local.get $n1)))
          (v128.store offset=32 (local.get $d) (v128.bitselect (v128.const f32x4 nan nan nan nan) (local.get $a2) (local.get $n2)))
          (v128.store offset=48 (local.get $d) (v128.bitselect (v128.const f32x4 nan nan nan nan) (local.get $a3) (local.get $n3)))))
      (local.set $c (i32.add (local.get $c) (i32.const 16)))
      (br $next)))
    ;; four
    (local.set $cEnd (i32.and (local.get $C) (i32.const -4)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $c) (local.get $cEnd)))
      (local.set $rp (i32.add (local.get $first) (i32.shl (local.get $c) (i32.const 2))))
      (local.set $last (i32.add (local.get $end) (i32.shl (local.get $c) (i32.const 2))))
      (local.set $d (i32.add (local.get $dst) (i32.shl (local.get $c) (i32.const 2))))
      (if (local.get $avg)
        (then
          (local.set $a0 (v128.const f32x4 0 0 0 0))
          (loop $r_loop
            (local.set $tp (local.get $rp))
            (loop $q_loop
              (local.set $a0 (f32x4.add (local.get $a0) (v128.load offset=0 (local.get $tp))))
              (local.set $tp (i32.add (local.get $tp) (local.get $colStep)))
              (br_if $q_loop (i32.lt_u (local.get $tp) (i32.add (local.get $rp) (local.get $rowEnd)))))
            (local.set $rp (i32.add (local.get $rp) (local.get $rowStep)))
            (br_if $r_loop (i32.lt_u (local.get $rp) (local.get $last))))
          (v128.store offset=0 (local.get $d) (f32x4.mul (local.get $a0) (local.get $inv))))
        (else
          (local.set $a0 (v128.load offset=0 (local.get $rp)))
          (local.set $n0 (v128.const i32x4 0 0 0 0))
          (loop $r_loop
            (local.set $tp (local.get $rp))
            (loop $q_loop
              (local.set $v (v128.load offset=0 (local.get $tp)))
              (local.set $a0 (f32x4.pmax (local.get $a0) (local.get $v)))
              (local.set $n0 (v128.or (local.get $n0) (f32x4.ne (local.get $v) (local.get $v))))
              (local.set $tp (i32.add (local.get $tp) (local.get $colStep)))
              (br_if $q_loop (i32.lt_u (local.get $tp) (i32.add (local.get $rp) (local.get $rowEnd)))))
            (local.set $rp (i32.add (local.get $rp) (local.get $rowStep)))
            (br_if $r_loop (i32.lt_u (local.get $rp) (local.get $last))))
          (v128.store offset=0 (local.get $d) (v128.bitselect (v128.const f32x4 nan nan nan nan) (local.get $a0) (local.get $n0)))))
      (local.set $c (i32.add (local.get $c) (i32.const 4)))
      (br $next)))
    ;; one
    (block $t_done (loop $t_loop
      (br_if $t_done (i32.ge_u (local.get $c) (local.get $C)))
      (local.set $rp (i32.add (local.get $first) (i32.shl (local.get $c) (i32.const 2))))
      (local.set $last (i32.add (local.get $end) (i32.shl (local.get $c) (i32.const 2))))
      (local.set $f (f32.load (local.get $rp)))
      (local.set $isNaN (i32.const 0))
      (if (local.get $avg) (then (local.set $f (f32.const 0))))
      (loop $r_loop
        (local.set $tp (local.get $rp))
        (loop $q_loop
          (local.set $g (f32.load (local.get $tp)))
          (if (local.get $avg)
            (then (local.set $f (f32.add (local.get $f) (local.get $g))))
            (else
              (local.set $f (select (local.get $g) (local.get $f) (f32.gt (local.get $g) (local.get $f))))
              (local.set $isNaN (i32.or (local.get $isNaN) (f32.ne (local.get $g) (local.get $g))))))
          (local.set $tp (i32.add (local.get $tp) (local.get $colStep)))
          (br_if $q_loop (i32.lt_u (local.get $tp) (i32.add (local.get $rp) (local.get $rowEnd)))))
        (local.set $rp (i32.add (local.get $rp) (local.get $rowStep)))
        (br_if $r_loop (i32.lt_u (local.get $rp) (local.get $last))))
      (if (local.get $avg)
        (then (local.set $f (f32.mul (local.get $f) (f32x4.extract_lane 0 (local.get $inv)))))
        (else (if (local.get $isNaN) (then (local.set $f (f32.const nan))))))
      (f32.store (i32.add (local.get $dst) (i32.shl (local.get $c) (i32.const 2))) (local.get $f))
      (local.set $c (i32.add (local.get $c) (i32.const 1)))
      (br $t_loop))))

  ;; dst[0..C) = $value
  (func $fill_row (param $dst i32) (param $C i32) (param $value f32)
    (local $c i32)
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $c) (local.get $C)))
      (f32.store (i32.add (local.get $dst) (i32.shl (local.get $c) (i32.const 2))) (local.get $value))
      (local.set $c (i32.add (local.get $c) (i32.const 1)))
      (br $next))))

  ;; out[i] = 1 where x[i] > 0, -1 where x[i] < 0, else x[i] itself (so +-0 and NaN stay),
  ;; over n floats. tfjs's Sign gives 0 for small magnitudes (1e-10 -> 0).
  (func (export "sign")
    (param $x i32) (param $out i32) (param $n i32)
    (local $i i32) (local $off i32) (local $end4 i32) (local $v v128) (local $f f32)
    (local.set $end4 (i32.and (local.get $n) (i32.const -4)))
    (block $done4
      (loop $vec
        (br_if $done4 (i32.ge_u (local.get $i) (local.get $end4)))
        (local.set $off (i32.shl (local.get $i) (i32.const 2)))
        (local.set $v (v128.load (i32.add (local.get $x) (local.get $off))))
        (v128.store (i32.add (local.get $out) (local.get $off))
          (v128.bitselect (v128.const f32x4 1 1 1 1)
            (v128.bitselect (v128.const f32x4 -1 -1 -1 -1) (local.get $v) (f32x4.lt (local.get $v) (v128.const f32x4 0 0 0 0)))
            (f32x4.gt (local.get $v) (v128.const f32x4 0 0 0 0))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $vec)))
    (block $done
      (loop $tail
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $off (i32.shl (local.get $i) (i32.const 2)))
        (local.set $f (f32.load (i32.add (local.get $x) (local.get $off))))
        (f32.store (i32.add (local.get $out) (local.get $off))
          (select (f32.const 1)
            (select (f32.const -1) (local.get $f) (f32.lt (local.get $f) (f32.const 0)))
            (f32.gt (local.get $f) (f32.const 0))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $tail))))

  ;; out[i] = x[i] unless x[i] <= 0 (then 0), over n floats: NaN is not <= 0, so it stays.
  ;; Two instructions a vector (compare, and-not) where f32x4.max is nine on x64; tfjs's Relu
  ;; (XNNPACK's clamp) turns NaN into 0. In place when out = x.
  (func (export "relu")
    (param $x i32) (param $out i32) (param $n i32)
    (local $i i32) (local $off i32) (local $end8 i32) (local $v v128) (local $w v128) (local $f f32)
    (local.set $end8 (i32.and (local.get $n) (i32.const -8)))
    (block $done8
      (loop $vec
        (br_if $done8 (i32.ge_u (local.get $i) (local.get $end8)))
        (local.set $off (i32.shl (local.get $i) (i32.const 2)))
        (local.set $v (v128.load (i32.add (local.get $x) (local.get $off))))
        (local.set $w (v128.load offset=16 (i32.add (local.get $x) (local.get $off))))
        (v128.store (i32.add (local.get $out) (local.get $off))
          (v128.andnot (local.get $v) (f32x4.le (local.get $v) (v128.const f32x4 0 0 0 0))))
        (v128.store offset=16 (i32.add (local.get $out) (local.get $off))
          (v128.andnot (local.get $w) (f32x4.le (local.get $w) (v128.const f32x4 0 0 0 0))))
        (local.set $i (i32.add (local.get $i) (i32.const 8)))
        (br $vec)))
    (block $done
      (loop $tail
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $off (i32.shl (local.get $i) (i32.const 2)))
        (local.set $f (f32.load (i32.add (local.get $x) (local.get $off))))
        (f32.store (i32.add (local.get $out) (local.get $off))
          (select (f32.const 0) (local.get $f) (f32.le (local.get $f) (f32.const 0))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $tail))))

;; out[i] = x[i] where x[i] is +-0, else out[i] unchanged: a zero keeps its sign through
  ;; tanh, sin, expm1, log1p and erf (IEEE), which tfjs's kernels compute as +0 from -0.
  (func (export "keep_zeros")
    (param $x i32) (param $out i32) (param $n i32)
    (local $i i32) (local $off i32) (local $end4 i32) (local $v v128) (local $f f32)
    (local.set $end4 (i32.and (local.get $n) (i32.const -4)))
    (block $done4
      (loop $vec
        (br_if $done4 (i32.ge_u (local.get $i) (local.get $end4)))
        (local.set $off (i32.shl (local.get $i) (i32.const 2)))
        (local.set $v (v128.load (i32.add (local.get $x) (local.get $off))))
        (v128.store (i32.add (local.get $out) (local.get $off))
          (v128.bitselect (local.get $v) (v128.load (i32.add (local.get $out) (local.get $off)))
            (f32x4.eq (local.get $v) (v128.const f32x4 0 0 0 0))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $vec)))
    (block $done
      (loop $tail
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $off (i32.shl (local.get $i) (i32.const 2)))
        (local.set $f (f32.load (i32.add (local.get $x) (local.get $off))))
        (if (f32.eq (local.get $f) (f32.const 0))
          (then (f32.store (i32.add (local.get $out) (local.get $off)) (local.get $f))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $tail))))

  ;; out[b, c, r, :] = x[b, r, c, :] in 4-byte elements, x [batch, rows, cols, inner], for the
  ;; rows r in [r0, r1) of every batch: each permutation that swaps two groups of axes (a
  ;; matrix transpose, batched, of single elements or of runs of inner). Parts with disjoint
  ;; row ranges write disjoint memory. tfjs's Transpose moves one element at a time (128x784
  ;; floats in ~375 us); this moves 4x4 tiles through shuffles, 16 rows of x a column step,
  ;; so each 64-byte line of out is written whole.
  (func (export "transpose4")
    (param $x i32) (param $out i32) (param $batch i32) (param $rows i32) (param $cols i32) (param $inner i32)
    (param $r0 i32) (param $r1 i32)
    (local $b i32) (local $xb i32) (local $ob i32) (local $plane i32) (local $bytes i32) (local $rs i32) (local $os i32)
    (local $rT i32) (local $cT i32) (local $rb i32) (local $rbEnd i32) (local $r i32) (local $c i32) (local $src i32) (local $dst i32)
    (local $a v128) (local $bv v128) (local $cv v128) (local $dv v128) (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (local.set $bytes (i32.shl (local.get $inner) (i32.const 2)))
    (local.set $rs (i32.mul (local.get $cols) (local.get $bytes)))
    (local.set $os (i32.mul (local.get $rows) (local.get $bytes)))
    (local.set $plane (i32.mul (local.get $rows) (local.get $rs)))
    (local.set $rT (i32.add (local.get $r0) (i32.and (i32.sub (local.get $r1) (local.get $r0)) (i32.const -4))))
    (local.set $cT (i32.and (local.get $cols) (i32.const -4)))
    (local.set $xb (local.get $x))
    (local.set $ob (local.get $out))
    (block $b_done (loop $b_loop
      (br_if $b_done (i32.ge_u (local.get $b) (local.get $batch)))
      (if (i32.eq (local.get $inner) (i32.const 1))
        (then
          (local.set $rb (local.get $r0))
          (block $rb_done (loop $rb_loop
            (br_if $rb_done (i32.ge_u (local.get $rb) (local.get $rT)))
            (local.set $rbEnd (select (i32.add (local.get $rb) (i32.const 16)) (local.get $rT)
              (i32.lt_u (i32.add (local.get $rb) (i32.const 16)) (local.get $rT))))
            (local.set $c (i32.const 0))
            (block $c_done (loop $c_loop
              (br_if $c_done (i32.ge_u (local.get $c) (local.get $cT)))
              (local.set $r (local.get $rb))
              (block $r_done (loop $r_loop
                (br_if $r_done (i32.ge_u (local.get $r) (local.get $rbEnd)))
                (local.set $src (i32.add (local.get $xb) (i32.add (i32.mul (local.get $r) (local.get $rs)) (i32.shl (local.get $c) (i32.const 2)))))
                (local.set $a (v128.load (local.get $src)))
                (local.set $bv (v128.load (i32.add (local.get $src) (local.get $rs))))
                (local.set $src (i32.add (local.get $src) (i32.shl (local.get $rs) (i32.const 1))))
                (local.set $cv (v128.load (local.get $src)))
                (local.set $dv (v128.load (i32.add (local.get $src) (local.get $rs))))
                ;; t0 = a0 b0 a1 b1, t1 = a2 b2 a3 b3, t2 = c0 d0 c1 d1, t3 = c2 d2 c3 d3
                (local.set $t0 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $a) (local.get $bv)))
                (local.set $t1 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $a) (local.get $bv)))
                (local.set $t2 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $cv) (local.get $dv)))
                (local.set $t3 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $cv) (local.get $dv)))
                (local.set $dst (i32.add (local.get $ob) (i32.add (i32.mul (local.get $c) (local.get $os)) (i32.shl (local.get $r) (i32.const 2)))))
                (v128.store (local.get $dst) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t0) (local.get $t2)))
                (local.set $dst (i32.add (local.get $dst) (local.get $os)))
                (v128.store (local.get $dst) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t0) (local.get $t2)))
                (local.set $dst (i32.add (local.get $dst) (local.get $os)))
                (v128.store (local.get $dst) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t1) (local.get $t3)))
                (local.set $dst (i32.add (local.get $dst) (local.get $os)))
                (v128.store (local.get $dst) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t1) (local.get $t3)))
                (local.set $r (i32.add (local.get $r) (i32.const 4)))
                (br $r_loop)))
              (local.set $c (i32.add (local.get $c) (i32.const 4)))
              (br $c_loop)))
            (local.set $rb (local.get $rbEnd))
            (br $rb_loop)))
          ;; what the tiles leave: the last cols % 4 columns, then the last (r1 - r0) % 4 rows
          (call $transpose_runs (local.get $xb) (local.get $ob) (local.get $rs) (local.get $os) (local.get $bytes)
            (local.get $r0) (local.get $rT) (local.get $cT) (local.get $cols))
          (call $transpose_runs (local.get $xb) (local.get $ob) (local.get $rs) (local.get $os) (local.get $bytes)
            (local.get $rT) (local.get $r1) (i32.const 0) (local.get $cols)))
        (else
          (call $transpose_runs (local.get $xb) (local.get $ob) (local.get $rs) (local.get $os) (local.get $bytes)
            (local.get $r0) (local.get $r1) (i32.const 0) (local.get $cols))))
      (local.set $xb (i32.add (local.get $xb) (local.get $plane)))
      (local.set $ob (i32.add (local.get $ob) (local.get $plane)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $b_loop))))

  ;; Row c of out at r = row r of x at c, runs of $bytes each, for r in [r0, r1) and c in [c0, c1).
  (func $transpose_runs
    (param $x i32) (param $out i32) (param $rs i32) (param $os i32) (param $bytes i32)
    (param $r0 i32) (param $r1 i32) (param $c0 i32) (param $c1 i32)
    (local $r i32) (local $c i32)
    (local.set $r (local.get $r0))
    (block $r_done (loop $r_loop
      (br_if $r_done (i32.ge_u (local.get $r) (local.get $r1)))
      (local.set $c (local.get $c0))
      (block $c_done (loop $c_loop
        (br_if $c_done (i32.ge_u (local.get $c) (local.get $c1)))
        (memory.copy
          (i32.add (local.get $out) (i32.add (i32.mul (local.get $c) (local.get $os)) (i32.mul (local.get $r) (local.get $bytes))))
          (i32.add (local.get $x) (i32.add (i32.mul (local.get $r) (local.get $rs)) (i32.mul (local.get $c) (local.get $bytes))))
          (local.get $bytes))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $c_loop)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $r_loop))))

  ;; 1 when any of the n floats at $x is a NaN (or, with $inf, an infinity), else 0: one
  ;; pass of compares, eight floats an iteration, so a fast kernel that mishandles those can
  ;; run when there are none.
  (func (export "any_special")
    (param $x i32) (param $n i32) (param $inf i32) (result i32)
    (local $i i32) (local $off i32) (local $end8 i32) (local $acc v128) (local $lim v128) (local $f i32)
    ;; |bits| > 0x7f800000 is NaN; >= it (> 0x7f7fffff) takes the infinities too
    (local.set $lim (i32x4.splat (select (i32.const 0x7f7fffff) (i32.const 0x7f800000) (local.get $inf))))
    (local.set $end8 (i32.and (local.get $n) (i32.const -8)))
    (block $done8
      (loop $vec
        (br_if $done8 (i32.ge_u (local.get $i) (local.get $end8)))
        (local.set $off (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const 2))))
        (local.set $acc (v128.or (local.get $acc)
          (v128.or
            (i32x4.gt_u (v128.and (v128.load (local.get $off)) (v128.const i32x4 0x7fffffff 0x7fffffff 0x7fffffff 0x7fffffff)) (local.get $lim))
            (i32x4.gt_u (v128.and (v128.load offset=16 (local.get $off)) (v128.const i32x4 0x7fffffff 0x7fffffff 0x7fffffff 0x7fffffff)) (local.get $lim)))))
        (local.set $i (i32.add (local.get $i) (i32.const 8)))
        (br $vec)))
    (local.set $f (v128.any_true (local.get $acc)))
    (block $done
      (loop $tail
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $f (i32.or (local.get $f)
          (i32.gt_u (i32.and (i32.load (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const 2)))) (i32.const 0x7fffffff))
            (i32x4.extract_lane 0 (local.get $lim)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $tail)))
    (local.get $f))
)
