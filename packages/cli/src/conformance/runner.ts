/**
 * Running conformance cases against an implementation: start it, shake hands, send each case,
 * compare each answer, and restart the implementation after a crash or a timeout so that one bad
 * vector costs one result, not the run. When the implementation cannot even start (it crashes or
 * stalls in the handshake several times in a row, or speaks another protocol version), the
 * remaining cases are reported as not run, with the reason.
 *
 * @module
 */
import type { ConformanceCase } from "./cases.ts";
import type { Mismatch } from "./compare.ts";
import { ImplementationProcess, type Noise, type RequestOutcome } from "./implementation-process.ts";
import {
  type ImplementationInfo,
  PROTOCOL_NAME,
  PROTOCOL_VERSION,
  type RequestType,
  readHello,
} from "./protocol.ts";

/** A case's outcome. */
export type CaseStatus = "pass" | "fail" | "unsupported" | "timeout" | "crash" | "not-run";

/** Every status, in report order. */
export const CASE_STATUSES: ReadonlyArray<CaseStatus> = [
  "pass",
  "fail",
  "unsupported",
  "timeout",
  "crash",
  "not-run",
];

/** What happened to one case. */
export interface CaseResult {
  readonly id: string;
  readonly type: RequestType;
  readonly status: CaseStatus;
  /** For `fail`: what differs. */
  readonly mismatches?: ReadonlyArray<Mismatch>;
  /** For other statuses: what happened, in words. */
  readonly detail?: string;
  readonly ms: number;
}

/** The outcome of a run. */
export interface ConformanceReport {
  readonly command: string;
  /** What the implementation said in its last successful handshake. */
  readonly implementation?: ImplementationInfo;
  readonly results: ReadonlyArray<CaseResult>;
  readonly counts: Readonly<Record<CaseStatus, number>>;
  /** How many times the implementation was started. */
  readonly starts: number;
  readonly noise: Noise;
  readonly ms: number;
}

/** Options for {@link runConformance}. */
export interface RunOptions {
  /** The shell command that starts the implementation's adapter. */
  readonly command: string;
  /** Its working directory. */
  readonly cwd: string;
  /** How long one request may take, in milliseconds. */
  readonly timeoutMs: number;
  /**
   * How long the handshake may take (it includes starting the process, slow on a loaded machine
   * or for adapters with a heavy runtime). Default: the larger of `timeoutMs` and
   * {@link DEFAULT_HANDSHAKE_TIMEOUT_MS}.
   */
  readonly handshakeTimeoutMs?: number;
  /** Sees each result as soon as it is known (for progress output). */
  readonly onResult?: (result: CaseResult, index: number, total: number) => void;
}

/** The handshake gives up after this many failed starts in a row. */
export const MAX_FAILED_STARTS = 3;

/** The default per-request deadline. */
export const DEFAULT_TIMEOUT_MS = 10_000;

/** The least time the handshake is given. */
export const DEFAULT_HANDSHAKE_TIMEOUT_MS = 10_000;

function crashDetail(outcome: RequestOutcome & { kind: "crash" }, during: string): string {
  const tail = outcome.stderr.trim().split("\n").slice(-3).join(" | ");
  return `the implementation exited (${outcome.exit}) ${during}${tail === "" ? "" : `; stderr ends: ${tail}`}`;
}

/** Judges one answer: unsupported, an error, or a result to compare. */
function judge(
  c: ConformanceCase,
  response: Readonly<Record<string, unknown>>,
): Omit<CaseResult, "id" | "type" | "ms"> {
  if (response.unsupported === true)
    return {
      status: "unsupported",
      ...(typeof response.reason === "string" ? { detail: response.reason } : {}),
    };
  if (Object.hasOwn(response, "error"))
    return {
      status: "fail",
      detail: `the implementation answered with an error: ${typeof response.error === "string" ? response.error : JSON.stringify(response.error)}`,
    };
  if (!Object.hasOwn(response, "result"))
    return {
      status: "fail",
      detail: `the response has no "result", "unsupported" or "error": ${JSON.stringify(response).slice(0, 200)}`,
    };
  const mismatches = c.compare(response.result);
  return mismatches.length === 0 ? { status: "pass" } : { status: "fail", mismatches };
}

/** Runs every case; never throws for anything the implementation does. */
export async function runConformance(
  cases: ReadonlyArray<ConformanceCase>,
  options: RunOptions,
): Promise<ConformanceReport> {
  const started = Date.now();
  const noise: Noise = { garbageLines: 0, samples: [], stderrBytes: 0 };
  const results: CaseResult[] = [];
  let implementation: ImplementationInfo | undefined;
  let current: ImplementationProcess | undefined;
  let starts = 0;
  let failedStarts = 0;
  let fatal: string | undefined;
  let nextId = 1;
  const handshakeMs = options.handshakeTimeoutMs ?? Math.max(options.timeoutMs, DEFAULT_HANDSHAKE_TIMEOUT_MS);

  /** A running, greeted implementation, or why there is none. */
  const ready = async (): Promise<ImplementationProcess | string> => {
    if (current !== undefined && !current.dead) return current;
    while (failedStarts < MAX_FAILED_STARTS) {
      starts++;
      const proc = ImplementationProcess.start({ command: options.command, cwd: options.cwd, noise });
      const outcome = await proc.request(
        {
          id: 0,
          type: "hello",
          protocol: PROTOCOL_NAME,
          version: PROTOCOL_VERSION,
          runner: "mimi conformance",
        },
        handshakeMs,
      );
      let problem: string;
      if (outcome.kind === "answer") {
        const hello = readHello(outcome.response.result);
        if (hello.ok) {
          failedStarts = 0;
          implementation = hello.info;
          current = proc;
          return proc;
        }
        problem = `handshake refused: ${hello.message}`;
        if (hello.fatal) {
          await proc.stop(options.timeoutMs);
          fatal = problem;
          return problem;
        }
      } else if (outcome.kind === "timeout") problem = `no answer to the handshake within ${handshakeMs} ms`;
      else problem = crashDetail(outcome, "during the handshake");
      proc.kill();
      await proc.stop(0);
      failedStarts++;
      fatal =
        failedStarts >= MAX_FAILED_STARTS
          ? `the implementation failed to start ${failedStarts} times in a row; last: ${problem}`
          : undefined;
    }
    return fatal ?? "the implementation could not be started";
  };

  for (const [index, c] of cases.entries()) {
    let result: CaseResult;
    const proc = fatal === undefined ? await ready() : fatal;
    if (typeof proc === "string") {
      result = { id: c.id, type: c.type, status: "not-run", detail: proc, ms: 0 };
    } else {
      const outcome = await proc.request({ id: nextId++, ...c.body }, options.timeoutMs);
      if (outcome.kind === "answer")
        result = { id: c.id, type: c.type, ms: outcome.ms, ...judge(c, outcome.response) };
      else if (outcome.kind === "timeout")
        result = {
          id: c.id,
          type: c.type,
          status: "timeout",
          detail: `no answer within ${options.timeoutMs} ms; the implementation was killed and will be restarted`,
          ms: outcome.ms,
        };
      else
        result = {
          id: c.id,
          type: c.type,
          status: "crash",
          detail: crashDetail(outcome, "while answering"),
          ms: outcome.ms,
        };
      if (outcome.kind !== "answer") {
        proc.kill();
        await proc.stop(0);
      }
    }
    results.push(result);
    options.onResult?.(result, index, cases.length);
  }
  if (current !== undefined && !current.dead) await current.stop(Math.min(options.timeoutMs, 2000));
  const counts = Object.fromEntries(CASE_STATUSES.map((s) => [s, 0])) as Record<CaseStatus, number>;
  for (const r of results) counts[r.status]++;
  return {
    command: options.command,
    ...(implementation === undefined ? {} : { implementation }),
    results,
    counts,
    starts,
    noise,
    ms: Date.now() - started,
  };
}

/** Whether a report counts as a failed run (`unsupported` only when `requireAll`). */
export function reportFailed(report: ConformanceReport, requireAll = false): boolean {
  const c = report.counts;
  return c.fail + c.timeout + c.crash + c["not-run"] + (requireAll ? c.unsupported : 0) > 0;
}
