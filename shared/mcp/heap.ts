/**
 * Side-effect module (imported by ./stdio-console.ts, so it runs first in every stdio entry):
 * keeps V8's young generation from growing, and the old generation from growing far ahead of use.
 *
 * By default V8 doubles the semi-spaces under allocation pressure, up to 16 MB each, and never
 * gives them back. A server idles most of the time and a generation call allocates in bursts (a
 * 200-schema domain: thousands of short-lived view objects and strings), so a grown new space is
 * resident memory that buys nothing. A/B over stdio on the 2-core bench machine (same bundle,
 * calls interleaved): peak RSS after 150 × 20-field + 6 × 200-schema dry runs went from 111 to
 * 83 MB (ecto-migration) and from 152 to 125 MB (phoenix-context), p50 latency unchanged within
 * noise (2.5 ms vs 2.5 ms for 20 fields; 107 vs 98 ms, 255 vs 219 ms for 200 schemas). The flag
 * is read whenever the heap considers growing, so setting it after start-up takes effect (unlike
 * heap limits, which V8 reads once).
 */
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--semi-space-growth-factor=1');

// Old space: after each full GC V8 lets the heap grow up to 4× the live size before the next
// one when a call allocates fast, so a 200-schema generation (a small live set, lots of
// short-lived strings and layout documents) reaches 110–170 MB RSS. Growing by 20% collects
// sooner. Like the flag above, it is read whenever the heap limit is recomputed. Measured over
// stdio on the 2-core machine (20-field calls, then 200-schema dry runs and writes; peak RSS
// before → after): ecto-schema 107 → 88 MB, ecto-migration 111 → 96 MB, phoenix-context
// 166 → 107 MB; 200-schema p50 76 → 77, 76 → 87, 159 → 223 ms (noisy, loaded machine).
setFlagsFromString('--heap-growing-percent=20');
