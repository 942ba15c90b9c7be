import type { Io } from "../src/io.ts";

/** An in-memory Io that records what a command writes. */
export function memoryIo(
  stdin = "",
  cwd = process.cwd(),
): Io & { stdout: () => string; stderr: () => string } {
  let out = "";
  let err = "";
  return {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    readStdin: async () => stdin,
    cwd,
    isTty: false,
    stdout: () => out,
    stderr: () => err,
  };
}
