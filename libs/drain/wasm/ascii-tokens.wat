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
;;   524288 value pieces: one 8-byte record per piece {i32 start, i32 end} that
;;          valuePieces found to be a value, relative to the token's start.
;; A token is a maximal run of non-whitespace bytes, as in maskWith; 65536 input bytes
;; hold at most 32768 tokens, which the 393216 bytes of records hold, and a token at most
;; 32768 pieces, which the 262144 bytes of piece records hold.

(module
  (memory (export "memory") 16)

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
  ;; The piece loop of Masker.maskToken over the bytes of one ASCII token [from, to)
  ;; (absolute offsets): the pieces between delimiter bytes (class bit 2), and for each
  ;; non-empty piece the test of isValueRange (masking.ts) under the rule bits `rules`
  ;; (1 digits, 8 paths, 16 e-mails, 512 keyValues): a digit or `\`; a path (a `/` and
  ;; longer than one byte, starting with `/` or holding two); an e-mail (an `@` after the
  ;; piece's first byte, the first `.` after the last `@` at least two bytes after it and
  ;; inside the piece); or, with keyValues, a piece right after `=` that follows a word
  ;; byte. Writes a record per value piece at 524288; returns their number.
  (func (export "valuePieces") (param $from i32) (param $to i32) (param $rules i32) (result i32)
    (local $i i32) (local $c i32) (local $start i32) (local $rec i32) (local $value i32)
    (local $slashes i32) (local $at i32) (local $dot i32) (local $k i32)
    (local.set $rec (i32.const 524288))
    (local.set $i (local.get $from))
    (local.set $start (local.get $from))
    (loop $bytes
      ;; at $to or at a delimiter: the piece [$start, $i) ends
      (if (i32.or (i32.ge_u (local.get $i) (local.get $to))
                  (i32.and (i32.load16_u (i32.shl (i32.load8_u (local.get $i)) (i32.const 1))) (i32.const 4)))
        (then
          (if (i32.gt_u (local.get $i) (local.get $start))
            (then
              (local.set $value (i32.const 0))
              (local.set $slashes (i32.const 0))
              (local.set $at (i32.const -1))
              (local.set $k (local.get $start))
              (block $decided
                (block $scanned
                (loop $scan
                  (br_if $scanned (i32.ge_u (local.get $k) (local.get $i)))
                  (local.set $c (i32.load8_u (local.get $k)))
                  (if (i32.or (i32.and (i32.and (local.get $rules) (i32.const 1))
                                       (i32.lt_u (i32.sub (local.get $c) (i32.const 48)) (i32.const 10)))
                              (i32.eq (local.get $c) (i32.const 92)))
                    (then (local.set $value (i32.const 1)) (br $decided)))
                  (if (i32.eq (local.get $c) (i32.const 47))
                    (then (local.set $slashes (i32.add (local.get $slashes) (i32.const 1)))))
                  (if (i32.eq (local.get $c) (i32.const 64))
                    (then (local.set $at (local.get $k))))
                  (local.set $k (i32.add (local.get $k) (i32.const 1)))
                  (br $scan)))
                ;; a path
                (if (i32.and (i32.and (i32.ne (i32.and (local.get $rules) (i32.const 8)) (i32.const 0))
                                      (i32.gt_u (local.get $slashes) (i32.const 0)))
                             (i32.and (i32.gt_u (i32.sub (local.get $i) (local.get $start)) (i32.const 1))
                                      (i32.or (i32.eq (i32.load8_u (local.get $start)) (i32.const 47))
                                              (i32.gt_u (local.get $slashes) (i32.const 1)))))
                  (then (local.set $value (i32.const 1)) (br $decided)))
                ;; an e-mail address or user@host
                (if (i32.and (i32.ne (i32.and (local.get $rules) (i32.const 16)) (i32.const 0))
                             (i32.gt_s (local.get $at) (local.get $start)))
                  (then
                    (local.set $dot (i32.add (local.get $at) (i32.const 1)))
                    (block $nodot
                      (loop $find
                        (br_if $nodot (i32.ge_u (local.get $dot) (local.get $i)))
                        (br_if $nodot (i32.eq (i32.load8_u (local.get $dot)) (i32.const 46)))
                        (local.set $dot (i32.add (local.get $dot) (i32.const 1)))
                        (br $find)))
                    (if (i32.and (i32.gt_u (local.get $dot) (i32.add (local.get $at) (i32.const 1)))
                                 (i32.lt_u (local.get $dot) (local.get $i)))
                      (then (local.set $value (i32.const 1)) (br $decided)))))
                ;; the value of key=value
                (if (i32.and (i32.ne (i32.and (local.get $rules) (i32.const 512)) (i32.const 0))
                             (i32.gt_u (i32.sub (local.get $start) (local.get $from)) (i32.const 1)))
                  (then
                    (if (i32.eq (i32.load8_u (i32.sub (local.get $start) (i32.const 1))) (i32.const 61))
                      (then
                        (local.set $c (i32.load8_u (i32.sub (local.get $start) (i32.const 2))))
                        (if (i32.or (i32.or (i32.lt_u (i32.sub (local.get $c) (i32.const 48)) (i32.const 10))
                                            (i32.lt_u (i32.sub (i32.or (local.get $c) (i32.const 32)) (i32.const 97)) (i32.const 26)))
                                    (i32.eq (local.get $c) (i32.const 95)))
                          (then (local.set $value (i32.const 1)))))))))
              (if (local.get $value)
                (then
                  (i32.store (local.get $rec) (i32.sub (local.get $start) (local.get $from)))
                  (i32.store offset=4 (local.get $rec) (i32.sub (local.get $i) (local.get $from)))
                  (local.set $rec (i32.add (local.get $rec) (i32.const 8)))))))
          (local.set $start (i32.add (local.get $i) (i32.const 1)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $bytes (i32.le_u (local.get $i) (local.get $to))))
    (i32.shr_u (i32.sub (local.get $rec) (i32.const 524288)) (i32.const 3)))
)
