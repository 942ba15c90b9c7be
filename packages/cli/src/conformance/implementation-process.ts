/**
 * One run of the implementation under test: a shell command started as a subprocess, spoken to
 * one request at a time over its standard input and output. Nothing it does can hang or crash
 * the runner: every request has a deadline after which the process (its whole process group) is
 * killed; an exit while a request is pending is reported as a crash; lines on standard output
 * that are not a JSON response to the pending request are counted and skipped; standard error is
 * kept (its tail) for crash reports and otherwise ignored.
 *
 * @module
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";

/** What happened to one request. */
export type RequestOutcome =
  | { readonly kind: "answer"; readonly response: Readonly<Record<string, unknown>>; readonly ms: number }
  | { readonly kind: "timeout"; readonly ms: number }
  | { readonly kind: "crash"; readonly exit: string; readonly stderr: string; readonly ms: number };

/** Output the runner skipped: lines that were not a response to the pending request. */
export interface Noise {
  /** How many stdout lines were skipped. */
  garbageLines: number;
  /** The first few distinct ones, shortened. */
  readonly samples: string[];
  /** Bytes written to stderr, over every process started. */
  stderrBytes: number;
}

/** Options for {@link ImplementationProcess}. */
export interface ImplementationProcessOptions {
  /** A shell command (run with `/bin/sh -c` or the platform's shell). */
  readonly command: string;
  readonly cwd: string;
  /** Skipped output is counted here (shared across restarts). */
  readonly noise: Noise;
  /** The most bytes of one stdout line; a longer line is skipped as garbage. Default 64 MiB. */
  readonly maxLineBytes?: number;
}

const STDERR_TAIL = 2000;
/** How long after "exit" the process counts as gone when its output is still open. */
const EXIT_GRACE_MS = 250;
const NOISE_SAMPLES = 3;
const SAMPLE_LENGTH = 120;

function shorten(text: string, max = SAMPLE_LENGTH): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}

interface Pending {
  readonly id: number;
  readonly started: number;
  readonly resolve: (outcome: RequestOutcome) => void;
  readonly timer: NodeJS.Timeout;
}

/** A started implementation. Create with {@link ImplementationProcess.start}. */
export class ImplementationProcess {
  private readonly child: ChildProcessWithoutNullStreams;
  private buffer = "";
  private stderr = "";
  private pending: Pending | undefined;
  private exitDescription: string | undefined;
  private readonly exited: Promise<void>;

  private constructor(private readonly options: ImplementationProcessOptions) {
    // A process group of its own (detached), so a timeout kills the shell and everything it started.
    this.child = spawn(options.command, {
      cwd: options.cwd,
      shell: true,
      detached: process.platform !== "win32",
      stdio: ["pipe", "pipe", "pipe"],
      env: { ...process.env },
    });
    this.child.stdout.setEncoding("utf8");
    this.child.stderr.setEncoding("utf8");
    this.child.stdout.on("data", (chunk: string) => this.onStdout(chunk));
    this.child.stderr.on("data", (chunk: string) => {
      options.noise.stderrBytes += Buffer.byteLength(chunk);
      this.stderr = (this.stderr + chunk).slice(-STDERR_TAIL);
    });
    // Writing to a process that has just died fails with EPIPE; the exit handler reports it.
    this.child.stdin.on("error", () => {});
    this.exited = new Promise((resolve) => {
      const onGone = (description: string) => {
        if (this.exitDescription !== undefined) return;
        this.exitDescription = description;
        this.settle((p) => ({
          kind: "crash",
          exit: description,
          stderr: this.stderr,
          ms: Date.now() - p.started,
        }));
        resolve();
      };
      const describe = (code: number | null, signal: NodeJS.Signals | null) =>
        signal === null ? `exit code ${code ?? "unknown"}` : `killed by ${signal}`;
      // An answer written just before exiting can arrive after "exit", so wait for "close" (all
      // output read); a grandchild holding stdout open must not delay it long, hence the timer.
      this.child.on("exit", (code, signal) => {
        setTimeout(() => onGone(describe(code, signal)), EXIT_GRACE_MS).unref();
      });
      this.child.on("close", (code, signal) => onGone(describe(code, signal)));
      this.child.on("error", (e) => onGone(`could not be started: ${e.message}`));
    });
  }

  /** Starts the command (the handshake is the caller's first request). */
  static start(options: ImplementationProcessOptions): ImplementationProcess {
    return new ImplementationProcess(options);
  }

  /** Whether the process has exited (or failed to start). */
  get dead(): boolean {
    return this.exitDescription !== undefined;
  }

  /** The tail of what the process wrote to stderr. */
  get stderrTail(): string {
    return this.stderr;
  }

  /** Sends one request and waits for its answer, the process's exit, or `timeoutMs`. */
  request(
    message: { readonly id: number } & Record<string, unknown>,
    timeoutMs: number,
  ): Promise<RequestOutcome> {
    const started = Date.now();
    if (this.exitDescription !== undefined)
      return Promise.resolve({ kind: "crash", exit: this.exitDescription, stderr: this.stderr, ms: 0 });
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.settle((p) => ({ kind: "timeout", ms: Date.now() - p.started }));
        this.kill();
      }, timeoutMs);
      this.pending = { id: message.id, started, resolve, timer };
      this.child.stdin.write(`${JSON.stringify(message)}\n`);
    });
  }

  /** Says goodbye, closes stdin, and kills the process if it has not exited within `graceMs`. */
  async stop(graceMs: number): Promise<void> {
    if (this.exitDescription === undefined) {
      this.child.stdin.end(`${JSON.stringify({ type: "bye" })}\n`);
      const timer = setTimeout(() => this.kill(), graceMs);
      await this.exited;
      clearTimeout(timer);
    }
    this.child.stdout.destroy();
    this.child.stderr.destroy();
  }

  /** Kills the process group at once. */
  kill(): void {
    const pid = this.child.pid;
    try {
      if (pid !== undefined && process.platform !== "win32") process.kill(-pid, "SIGKILL");
      else this.child.kill("SIGKILL");
    } catch {
      // Already gone.
    }
  }

  private settle(outcome: (p: Pending) => RequestOutcome): void {
    const p = this.pending;
    if (p === undefined) return;
    this.pending = undefined;
    clearTimeout(p.timer);
    p.resolve(outcome(p));
  }

  private onStdout(chunk: string): void {
    this.buffer += chunk;
    const max = this.options.maxLineBytes ?? 64 * 1024 * 1024;
    for (;;) {
      const newline = this.buffer.indexOf("\n");
      if (newline < 0) {
        if (this.buffer.length > max) {
          this.skip(`${this.buffer.slice(0, SAMPLE_LENGTH)} (a line over ${max} bytes)`);
          this.buffer = "";
        }
        return;
      }
      const line = this.buffer.slice(0, newline).replace(/\r$/u, "");
      this.buffer = this.buffer.slice(newline + 1);
      this.onLine(line);
    }
  }

  private onLine(line: string): void {
    if (line.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      this.skip(line);
      return;
    }
    const p = this.pending;
    if (
      p === undefined ||
      typeof value !== "object" ||
      value === null ||
      Array.isArray(value) ||
      (value as { id?: unknown }).id !== p.id
    ) {
      this.skip(line);
      return;
    }
    this.settle(() => ({
      kind: "answer",
      response: value as Readonly<Record<string, unknown>>,
      ms: Date.now() - p.started,
    }));
  }

  private skip(line: string): void {
    this.options.noise.garbageLines++;
    const sample = shorten(line);
    // Distinct samples: a banner printed at every restart should not crowd out other noise.
    if (this.options.noise.samples.length < NOISE_SAMPLES && !this.options.noise.samples.includes(sample))
      this.options.noise.samples.push(sample);
  }
}
