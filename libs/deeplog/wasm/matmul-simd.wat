;; SIMD (f32x4) versions of DeepLog's three matrix kernels (libs/deeplog/src/kernels.ts has
;; the JavaScript loops they replace and are tested against). Compiled to matmul-simd.wasm
;; at build time by infra/scripts/wasm-build.js (wabt); loaded by src/wasm-kernels.ts.
;;
;; Every pointer is a byte offset into the imported memory `env.memory`; matrices are
;; row-major f32. The caller guarantees: K and N multiples of 4, ROWS >= 1 (the loops are
;; do-while), and every operand inside the memory. The inner loops take four rows of B
;; (or D) at a time, so each loaded vector of C is updated by four multiply-adds.

(module
  (import "env" "memory" (memory 1))

  ;; C[r,:] += A[r,:] · B   for r in 0..rows   (A: rows × K, B: K × N, C: rows × N)
  (func (export "mmAcc")
    (param $A i32) (param $K i32) (param $B i32) (param $N i32) (param $C i32) (param $rows i32)
    (local $r i32) (local $k i32) (local $j i32)
    (local $nb i32)   ;; bytes per row of B and C (N × 4)
    (local $ap i32) (local $bp i32) (local $cp i32)
    (local $kb i32)   ;; bytes per row of A (K × 4)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local.set $nb (i32.mul (local.get $N) (i32.const 4)))
    (local.set $kb (i32.mul (local.get $K) (i32.const 4)))
    (local.set $r (i32.const 0))
    (loop $rows_loop
      (local.set $ap (i32.add (local.get $A) (i32.mul (local.get $r) (local.get $kb))))
      (local.set $cp (i32.add (local.get $C) (i32.mul (local.get $r) (local.get $nb))))
      (local.set $bp (local.get $B))
      (local.set $k (i32.const 0))
      (loop $k_loop
        ;; A[r, k..k+3], each broadcast to all four lanes
        (local.set $a0 (f32x4.splat (f32.load (local.get $ap))))
        (local.set $a1 (f32x4.splat (f32.load (i32.add (local.get $ap) (i32.const 4)))))
        (local.set $a2 (f32x4.splat (f32.load (i32.add (local.get $ap) (i32.const 8)))))
        (local.set $a3 (f32x4.splat (f32.load (i32.add (local.get $ap) (i32.const 12)))))
        (local.set $j (i32.const 0))
        (loop $j_loop
          ;; C[r, j..j+3] += a0·B[k, j..] + a1·B[k+1, j..] + a2·B[k+2, j..] + a3·B[k+3, j..]
          (v128.store
            (i32.add (local.get $cp) (local.get $j))
            (f32x4.add
              (f32x4.add
                (f32x4.add
                  (f32x4.add
                    (v128.load (i32.add (local.get $cp) (local.get $j)))
                    (f32x4.mul (local.get $a0)
                      (v128.load (i32.add (local.get $bp) (local.get $j)))))
                  (f32x4.mul (local.get $a1)
                    (v128.load (i32.add (i32.add (local.get $bp) (local.get $nb)) (local.get $j)))))
                (f32x4.mul (local.get $a2)
                  (v128.load (i32.add (i32.add (i32.add (local.get $bp) (local.get $nb)) (local.get $nb)) (local.get $j)))))
              (f32x4.mul (local.get $a3)
                (v128.load (i32.add (i32.add (i32.add (i32.add (local.get $bp) (local.get $nb)) (local.get $nb)) (local.get $nb)) (local.get $j))))))
          (local.set $j (i32.add (local.get $j) (i32.const 16)))
          (br_if $j_loop (i32.lt_u (local.get $j) (local.get $nb))))
        (local.set $ap (i32.add (local.get $ap) (i32.const 16)))
        (local.set $bp (i32.add (i32.mul (local.get $nb) (i32.const 4)) (local.get $bp)))
        (local.set $k (i32.add (local.get $k) (i32.const 4)))
        (br_if $k_loop (i32.lt_u (local.get $k) (local.get $K))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br_if $rows_loop (i32.lt_u (local.get $r) (local.get $rows)))))

  ;; C += Aᵀ · D over rows   (A: rows × K, D: rows × N, C: K × N; rows a multiple of 4)
  (func (export "mmAtbAcc")
    (param $A i32) (param $K i32) (param $D i32) (param $N i32) (param $C i32) (param $rows i32)
    (local $r i32) (local $k i32) (local $j i32)
    (local $nb i32)   ;; bytes per row of D and C (N × 4)
    (local $kb i32)   ;; bytes per row of A (K × 4)
    (local $ap i32) (local $cp i32) (local $dp i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local.set $nb (i32.mul (local.get $N) (i32.const 4)))
    (local.set $kb (i32.mul (local.get $K) (i32.const 4)))
    (local.set $r (i32.const 0))
    (loop $rows_loop
      (local.set $dp (i32.add (local.get $D) (i32.mul (local.get $r) (local.get $nb))))
      (local.set $k (i32.const 0))
      (loop $k_loop
        ;; A[r..r+3, k], each broadcast to all four lanes
        (local.set $ap
          (i32.add
            (i32.add (local.get $A) (i32.mul (local.get $r) (local.get $kb)))
            (i32.mul (local.get $k) (i32.const 4))))
        (local.set $a0 (f32x4.splat (f32.load (local.get $ap))))
        (local.set $a1 (f32x4.splat (f32.load (i32.add (local.get $ap) (local.get $kb)))))
        (local.set $a2 (f32x4.splat (f32.load (i32.add (i32.add (local.get $ap) (local.get $kb)) (local.get $kb)))))
        (local.set $a3 (f32x4.splat (f32.load (i32.add (i32.add (i32.add (local.get $ap) (local.get $kb)) (local.get $kb)) (local.get $kb)))))
        (local.set $cp (i32.add (local.get $C) (i32.mul (local.get $k) (local.get $nb))))
        (local.set $j (i32.const 0))
        (loop $j_loop
          ;; C[k, j..j+3] += a0·D[r, j..] + a1·D[r+1, j..] + a2·D[r+2, j..] + a3·D[r+3, j..]
          (v128.store
            (i32.add (local.get $cp) (local.get $j))
            (f32x4.add
              (f32x4.add
                (f32x4.add
                  (f32x4.add
                    (v128.load (i32.add (local.get $cp) (local.get $j)))
                    (f32x4.mul (local.get $a0)
                      (v128.load (i32.add (local.get $dp) (local.get $j)))))
                  (f32x4.mul (local.get $a1)
                    (v128.load (i32.add (i32.add (local.get $dp) (local.get $nb)) (local.get $j)))))
                (f32x4.mul (local.get $a2)
                  (v128.load (i32.add (i32.add (i32.add (local.get $dp) (local.get $nb)) (local.get $nb)) (local.get $j)))))
              (f32x4.mul (local.get $a3)
                (v128.load (i32.add (i32.add (i32.add (i32.add (local.get $dp) (local.get $nb)) (local.get $nb)) (local.get $nb)) (local.get $j))))))
          (local.set $j (i32.add (local.get $j) (i32.const 16)))
          (br_if $j_loop (i32.lt_u (local.get $j) (local.get $nb))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br_if $k_loop (i32.lt_u (local.get $k) (local.get $K))))
      (local.set $r (i32.add (local.get $r) (i32.const 4)))
      (br_if $rows_loop (i32.lt_u (local.get $r) (local.get $rows)))))

  ;; C = D · Bᵀ   (D: rows × N, B: K × N, C: rows × K)
  (func (export "mmAbt")
    (param $D i32) (param $N i32) (param $B i32) (param $K i32) (param $C i32) (param $rows i32)
    (local $r i32) (local $k i32) (local $j i32)
    (local $nb i32)   ;; bytes per row of D and B (N × 4)
    (local $dp i32) (local $bp i32) (local $cp i32)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)   ;; partial dot products of four rows of B
    (local $d v128)
    (local.set $nb (i32.mul (local.get $N) (i32.const 4)))
    (local.set $r (i32.const 0))
    (loop $rows_loop
      (local.set $dp (i32.add (local.get $D) (i32.mul (local.get $r) (local.get $nb))))
      (local.set $cp (i32.add (local.get $C) (i32.mul (i32.mul (local.get $r) (local.get $K)) (i32.const 4))))
      (local.set $bp (local.get $B))
      (local.set $k (i32.const 0))
      (loop $k_loop
        (local.set $s0 (f32x4.splat (f32.const 0)))
        (local.set $s1 (f32x4.splat (f32.const 0)))
        (local.set $s2 (f32x4.splat (f32.const 0)))
        (local.set $s3 (f32x4.splat (f32.const 0)))
        (local.set $j (i32.const 0))
        (loop $j_loop
          (local.set $d (v128.load (i32.add (local.get $dp) (local.get $j))))
          (local.set $s0 (f32x4.add (local.get $s0) (f32x4.mul (local.get $d)
            (v128.load (i32.add (local.get $bp) (local.get $j))))))
          (local.set $s1 (f32x4.add (local.get $s1) (f32x4.mul (local.get $d)
            (v128.load (i32.add (i32.add (local.get $bp) (local.get $nb)) (local.get $j))))))
          (local.set $s2 (f32x4.add (local.get $s2) (f32x4.mul (local.get $d)
            (v128.load (i32.add (i32.add (i32.add (local.get $bp) (local.get $nb)) (local.get $nb)) (local.get $j))))))
          (local.set $s3 (f32x4.add (local.get $s3) (f32x4.mul (local.get $d)
            (v128.load (i32.add (i32.add (i32.add (i32.add (local.get $bp) (local.get $nb)) (local.get $nb)) (local.get $nb)) (local.get $j))))))
          (local.set $j (i32.add (local.get $j) (i32.const 16)))
          (br_if $j_loop (i32.lt_u (local.get $j) (local.get $nb))))
        ;; C[r, k..k+3] = the lane sums ((l0 + l1) + l2) + l3 of s0..s3
        (f32.store (i32.add (local.get $cp) (i32.const 0))
          (f32.add (f32.add (f32.add (f32x4.extract_lane 0 (local.get $s0)) (f32x4.extract_lane 1 (local.get $s0)))
            (f32x4.extract_lane 2 (local.get $s0))) (f32x4.extract_lane 3 (local.get $s0))))
        (f32.store (i32.add (local.get $cp) (i32.const 4))
          (f32.add (f32.add (f32.add (f32x4.extract_lane 0 (local.get $s1)) (f32x4.extract_lane 1 (local.get $s1)))
            (f32x4.extract_lane 2 (local.get $s1))) (f32x4.extract_lane 3 (local.get $s1))))
        (f32.store (i32.add (local.get $cp) (i32.const 8))
          (f32.add (f32.add (f32.add (f32x4.extract_lane 0 (local.get $s2)) (f32x4.extract_lane 1 (local.get $s2)))
            (f32x4.extract_lane 2 (local.get $s2))) (f32x4.extract_lane 3 (local.get $s2))))
        (f32.store (i32.add (local.get $cp) (i32.const 12))
          (f32.add (f32.add (f32.add (f32x4.extract_lane 0 (local.get $s3)) (f32x4.extract_lane 1 (local.get $s3)))
            (f32x4.extract_lane 2 (local.get $s3))) (f32x4.extract_lane 3 (local.get $s3))))
        (local.set $cp (i32.add (local.get $cp) (i32.const 16)))
        (local.set $bp (i32.add (i32.mul (local.get $nb) (i32.const 4)) (local.get $bp)))
        (local.set $k (i32.add (local.get $k) (i32.const 4)))
        (br_if $k_loop (i32.lt_u (local.get $k) (local.get $K))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br_if $rows_loop (i32.lt_u (local.get $r) (local.get $rows)))))
)
