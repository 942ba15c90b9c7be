/**
 * The CLI's view of the outside world, passed in so commands can be tested without a process.
 *
 * @module
 */
import { readFileSync } from "node:fs";

/** Where a command reads and writes. */
export interface Io {
  /** Writes text to standard output (no newline added). */
  readonly out: (text: string) => void;
  /** Writes text to standard error (no newline added). */
  readonly err: (text: string) => void;
  /** Reads all of standard input as UTF-8. */
  readonly readStdin: () => Promise<string>;
  /** The working directory relative paths resolve against. */
  readonly cwd: string;
  /** Whether standard output is a terminal (for progress output). */
  readonly isTty: boolean;
  /** Whether standard error is a terminal (progress bars go there, and only then). */
  readonly isErrTty?: boolean;
}

/** The real process's I/O. */
export function processIo(): Io {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString("utf8");
    },
    cwd: process.cwd(),
    isTty: process.stdout.isTTY === true,
    isErrTty: process.stderr.isTTY === true,
  };
}

/** A usage or input problem the user can fix; `main` prints it without a stack trace. */
export class UserError extends Error {
  override readonly name = "UserError";
  /** @param exitCode - 2 for unusable input or usage, by convention. */
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

/** Reads a text file, turning I/O failures into a {@link UserError} that names the file. */
export function readTextFile(path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "it is a directory"
          : String((e as Error).message);
    throw new UserError(`cannot read ${path}: ${why}`);
  }
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  if (text.includes("\u0000"))
    throw new UserError(`${path} looks like a binary file (it contains NUL bytes)`);
  return text;
}
