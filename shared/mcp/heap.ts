/**
 * Side-effect module: the V8 flags of every stdio server. The build's loader (dist/<name>.js,
 * scripts/build.mjs) imports it before the server bundle and its dependencies load, so the flags
 * also hold for their start-up; `phx-gen-mcp serve` imports it first through ./stdio-console.ts.
 * All three are read by V8 while it runs (unlike heap limits, which it reads once), so setting
 * them from JavaScript works.
 *
 * Why: a server idles, then answers a call in a burst of 1-300 ms. Its peak RSS (issue 10:
 * at most 100 MB, of which node and the SDK take ~67 MB before any call) comes from what V8
 * keeps around for such bursts, not from the data of the call (a 200-schema phoenix-context
 * dry run holds ~6 MB). `npm run bench` on the 2-core machine, peak RSS after the warm runs
 * (ecto-schema / ecto-migration / phoenix-context):
 * - the first two flags, set after the dependencies had loaded (one-file bundle): 96-105 /
 *   104-105 / 116-127 MB over three runs;
 * - the same flags set before they load (the loader): 92 / 95 / 117 MB;
 * - and no optimizing compiler: 77 / 77 / 84 MB.
 */
import { setFlagsFromString } from 'node:v8';

// The young generation stays at its initial size (1 MB semi-spaces) instead of doubling under
// allocation pressure up to 16 MB and never shrinking: start-up alone used to grow it to 4 MB.
setFlagsFromString('--semi-space-growth-factor=1');

// The old generation grows by 20% of the live size per GC cycle instead of up to 4x under fast
// allocation (a 200-schema call allocates ~40 MB of short-lived views, strings and documents).
setFlagsFromString('--heap-growing-percent=20');

// No TurboFan (Ignition and Sparkplug only). Its background compiles of the generators' large
// view functions take up to 120 ms of CPU each on this machine and ~13 MB of compiler zones at
// a time, and that memory stays with the worker threads' malloc arenas once freed
// (MALLOC_ARENA_MAX=1 recovers ~10 MB of it). For calls this short it costs more than it
// returns: interleaved A/B over stdio, 20-field calls are the same within noise (p50 3.85 vs
// 3.86 ms), CPU per 20-field call goes down (4.0 -> 2.7 ms: no compiles on the second core),
// cold start does not suffer (1.05-1.10x the hello-world server). 200-schema calls take
// 1.3-1.6x as long (phoenix-context dry run 127 -> 200 ms; the three generators together
// 209 -> 264 ms against the 1 s budget) and a 1000-schema phoenix-context call ~1.9x
// (537 -> 1035 ms). Peak RSS: 18 to 33 MB less.
setFlagsFromString('--no-opt');
