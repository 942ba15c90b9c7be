/**
 * Heap measurement for benchmarks: the V8 heap in use after a full garbage collection. `pnpm bench`
 * runs under `tsx` without `--expose-gc`, so when `globalThis.gc` is missing the flag is set at run
 * time and the `gc` function taken from a fresh context (V8 only installs it in contexts created
 * after the flag is set).
 *
 * @module
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** A function that runs a full garbage collection, and how it was obtained. */
export interface Collector {
  readonly gc: () => void;
  readonly how: string;
}

/** `globalThis.gc` when Node ran with `--expose-gc`, else one enabled at run time. */
export function collector(): Collector {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === "function") return { gc: exposed, how: "global.gc (node --expose-gc)" };
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as unknown;
  if (typeof gc !== "function") throw new Error("cannot enable garbage collection from JavaScript");
  return {
    gc: gc as () => void,
    how: "v8.setFlagsFromString('--expose-gc') then gc from a new vm context (same as node --expose-gc)",
  };
}

/** Bytes of V8 heap in use after two full collections (the second catches what finalizers freed). */
export function heapAfterGc(c: Collector): number {
  c.gc();
  c.gc();
  return process.memoryUsage().heapUsed;
}
