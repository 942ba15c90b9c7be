/**
 * What goes wrong when a model file is loaded: which file, where in it (a JSON path), and why.
 * Loading never throws on bad content; it collects every problem it finds.
 *
 * @module
 */
import { formatJsonPath, type JsonPathSegment } from "@mimi-spec/schema";
import { Result, Schema, SchemaIssue } from "effect";

/** One problem in one model file. */
export interface ModelProblem {
  /** The file, relative to the repository root (`models/membership.json`). */
  readonly file: string;
  /** Where in the file: a JSON path such as `$.changes[0].rules[2].require`. */
  readonly path: string;
  /** What is wrong and, where it helps, what would fix it. */
  readonly message: string;
}

/** `models/x.json: $.a[0]: message`, the form every tool prints. */
export function formatProblem(problem: ModelProblem): string {
  return `${problem.file}: ${problem.path}: ${problem.message}`;
}

/** Collects problems for one file, with paths given as segments. */
export class ProblemSink {
  readonly problems: ModelProblem[] = [];

  constructor(readonly file: string) {}

  /** Records a problem at `path`. */
  add(path: ReadonlyArray<JsonPathSegment>, message: string): void {
    this.problems.push({ file: this.file, path: formatJsonPath(path), message });
  }
}

const formatIssues = SchemaIssue.makeFormatterStandardSchemaV1();

/**
 * Decodes `value` with `schema`, rejecting keys the schema does not declare (a misspelt key in a
 * model would otherwise be silently dropped). Returns the value, or every problem with its path.
 */
export function decodeModel<S extends Schema.Top>(
  schema: S,
  value: unknown,
  sink: ProblemSink,
): S["Type"] | undefined {
  const decoded = Schema.decodeUnknownResult(schema as unknown as Schema.Codec<S["Type"], unknown>, {
    errors: "all",
    onExcessProperty: "error",
  })(value);
  if (Result.isSuccess(decoded)) return decoded.success;
  for (const issue of formatIssues(decoded.failure.issue).issues) {
    const path = (issue.path ?? []).map((p) => {
      const key = typeof p === "object" && p !== null ? p.key : p;
      return typeof key === "number" ? key : String(key);
    });
    sink.add(path, issue.message);
  }
  return undefined;
}
