/**
 * Stated limits against the ones MIMI expects: user and room IDs of at most 255 characters
 * (draft-ralston-mimi-signaling §3, §4), server names, event types and state keys of at most 255
 * characters and whole events of at most 65536 bytes of canonical JSON
 * (draft-ralston-mimi-linearized-matrix). A different number is a warning; the same number counted
 * in other units is a note. A recommendation ("SHOULD NOT exceed 230 characters") below the limit
 * agrees with it and is not reported.
 *
 * The table here restates the schemas' limits, since this package does not import the schemas;
 * `mimi check` passes the limits it reads from the schemas themselves instead.
 *
 * @module
 */
import type { DraftExtraction } from "../extract/extract-draft.ts";
import type { LimitSubject, LimitUnit } from "../extract/limits.ts";
import type { Finding } from "../finding.ts";

/** A limit MIMI expects. */
export interface ExpectedLimit {
  readonly subject: LimitSubject;
  /** What it limits, for messages. */
  readonly kind: string;
  readonly max: number;
  readonly unit: LimitUnit;
  /** Where the expectation comes from. */
  readonly source: string;
  /** Rule names that denote the subject (for examples). */
  readonly rules: ReadonlyArray<string>;
}

/** The limits MIMI expects. */
export const EXPECTED_LIMITS: ReadonlyArray<ExpectedLimit> = [
  {
    subject: "user_id",
    kind: "user ID",
    max: 255,
    unit: "characters",
    source: "draft-ralston-mimi-signaling, Section 4",
    rules: ["user_id", "user-id", "userid"],
  },
  {
    subject: "room_id",
    kind: "room ID",
    max: 255,
    unit: "characters",
    source: "draft-ralston-mimi-signaling, Section 3",
    rules: ["room_id", "room-id", "roomid"],
  },
  {
    subject: "server_name",
    kind: "server name",
    max: 255,
    unit: "characters",
    source: "draft-ralston-mimi-linearized-matrix, Server Names (RFC 1123 host names)",
    rules: ["server_name", "server-name", "servername"],
  },
  {
    subject: "event",
    kind: "event (its canonical JSON, signatures included)",
    max: 65536,
    unit: "bytes",
    source: "draft-ralston-mimi-linearized-matrix",
    rules: [],
  },
  {
    subject: "event_type",
    kind: "event type",
    max: 255,
    unit: "characters",
    source: "draft-ralston-mimi-linearized-matrix",
    rules: [],
  },
  {
    subject: "state_key",
    kind: "state key",
    max: 255,
    unit: "characters",
    source: "draft-ralston-mimi-linearized-matrix",
    rules: [],
  },
];

/** The expected limit for values of a rule, if MIMI expects one. */
export function expectedLimit(
  rule: string,
  expected: ReadonlyArray<ExpectedLimit> = EXPECTED_LIMITS,
): ExpectedLimit | undefined {
  const key = rule.toLowerCase();
  return expected.find((l) => l.rules.includes(key));
}

/** Whether a limiting phrase only recommends ("SHOULD NOT exceed"), rather than requires. */
function recommends(phrase: string): boolean {
  return /\b(?:SHOULD|should|RECOMMENDED|recommended)\b/.test(phrase);
}

/** Compares every stated limit with the expected one for each subject it names. */
export function checkLimits(
  extraction: DraftExtraction,
  limits: ReadonlyArray<ExpectedLimit> = EXPECTED_LIMITS,
): Finding[] {
  const findings: Finding[] = [];
  const path = extraction.document.path;
  for (const stated of extraction.limits) {
    for (const subject of stated.subjects) {
      const expected = limits.find((l) => l.subject === subject);
      if (expected === undefined) continue;
      // A recommended maximum below the required one agrees with it.
      if (recommends(stated.phrase) && stated.value <= expected.max) continue;
      const position = {
        file: path,
        line: stated.line,
        column: stated.column,
        endLine: stated.endLine,
        endColumn: stated.endColumn,
      };
      const unit = stated.unit === undefined ? "" : ` ${stated.unit}`;
      if (stated.value !== expected.max) {
        findings.push({
          ...position,
          severity: "warning",
          code: "limit-mismatch",
          message: `the draft limits ${withArticle(expected.kind)} to ${stated.value}${unit} ("${stated.phrase}"); MIMI expects at most ${expected.max} ${expected.unit} (${expected.source})`,
          hint: `write ${expected.max}, or record why this draft differs`,
        });
      } else if (stated.unit !== undefined && stated.unit !== expected.unit) {
        findings.push({
          ...position,
          severity: "note",
          code: "limit-unit-mismatch",
          message: `the draft limits ${withArticle(expected.kind)} to ${stated.value} ${stated.unit}; MIMI counts this limit in ${expected.unit} (${expected.source})`,
          hint: `say ${expected.unit}: for non-ASCII text the two differ`,
        });
      }
    }
  }
  return findings;
}

function withArticle(kind: string): string {
  // "an event", but "a user ID": a leading u sounds like "you".
  return /^(?:[aeio])/i.test(kind) ? `an ${kind}` : `a ${kind}`;
}
