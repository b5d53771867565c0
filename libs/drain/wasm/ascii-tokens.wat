;; Token boundaries of an ASCII message: the per-character loop of Masker.maskWith
;; (libs/drain/src/masking.ts, the reference the tests compare it with) over the bytes the
;; caller read into memory, so JavaScript does no work per character. Compiled to
;; ascii-tokens.wasm at build time by infra/scripts/wasm-build.js (wabt); loaded by
;; src/ascii-tokenizer.ts.
;;
;; Memory layout (byte offsets into the exported memory, 8 pages; see ascii-tokenizer.ts):
;;   0      class table: 256 u16, the character classes of masking.ts for each byte
;;          (bit 0 whitespace; bits 1–6 the masker's flags; bits 7–10 the characters that
;;          send a message back to the JavaScript path: non-ASCII, ", ', [ or {), written
;;          by the JavaScript side from the masker's own table;
;;   1024   input: up to 65536 bytes of text;
;;   66560  tokens: one 12-byte record per token {i32 start, i32 end, i32 flags}, start
;;          and end relative to `from`, flags the OR of the token's byte classes.
;; A token is a maximal run of non-whitespace bytes, as in maskWith; 65536 input bytes
;; hold at most 32768 tokens, which the 393216 bytes of records hold.

(module
  (memory (export "memory") 8)

  ;; Tokenises bytes [from, to) (absolute offsets inside the input area) into the records.
  ;; Returns the number of tokens, or -1 when the OR of every token's classes meets `bail`.
  (func (export "tokenize") (param $from i32) (param $to i32) (param $bail i32) (result i32)
    (local $i i32) (local $c i32) (local $f i32) (local $all i32) (local $start i32) (local $rec i32)
    (local.set $i (local.get $from))
    (local.set $rec (i32.const 66560))
    (block $done
      (loop $tokens
        ;; skip whitespace; $c is the class of the first byte of the token
        (block $found
          (loop $ws
            (br_if $done (i32.ge_u (local.get $i) (local.get $to)))
            (local.set $c (i32.load16_u (i32.shl (i32.load8_u offset=0 (local.get $i)) (i32.const 1))))
            (br_if $found (i32.eqz (i32.and (local.get $c) (i32.const 1))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $ws)))
        (local.set $start (local.get $i))
        (local.set $f (local.get $c))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        ;; the token: up to the next whitespace byte or `to`
        (block $end
          (loop $chars
            (br_if $end (i32.ge_u (local.get $i) (local.get $to)))
            (local.set $c (i32.load16_u (i32.shl (i32.load8_u (local.get $i)) (i32.const 1))))
            (br_if $end (i32.and (local.get $c) (i32.const 1)))
            (local.set $f (i32.or (local.get $f) (local.get $c)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $chars)))
        (i32.store (local.get $rec) (i32.sub (local.get $start) (local.get $from)))
        (i32.store offset=4 (local.get $rec) (i32.sub (local.get $i) (local.get $from)))
        (i32.store offset=8 (local.get $rec) (local.get $f))
        (local.set $rec (i32.add (local.get $rec) (i32.const 12)))
        (local.set $all (i32.or (local.get $all) (local.get $f)))
        (br $tokens)))
    (if (result i32) (i32.and (local.get $all) (local.get $bail))
      (then (i32.const -1))
      (else (i32.div_u (i32.sub (local.get $rec) (i32.const 66560)) (i32.const 12)))))
)
