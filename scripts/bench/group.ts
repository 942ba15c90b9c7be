/**
 * What every benchmark group receives and returns. A group lives in its own module
 * (`scripts/bench/<group>.ts`) and is listed in `index.ts`.
 *
 * @module
 */

/** Options shared by every group. */
export interface BenchOptions {
  /** A short smoke run: numbers are not meaningful, only that the group runs. */
  readonly quick: boolean;
  /** Progress lines (to stderr, so stdout stays the report). */
  readonly log: (line: string) => void;
}

/** A benchmark group: runs its workloads and returns a markdown report section. */
export interface BenchGroup {
  /** The name `--only` selects it by. */
  readonly name: string;
  /** What it measures, one line. */
  readonly summary: string;
  /** Runs the group; writes its JSON report under `reports/` and returns markdown. */
  readonly run: (options: BenchOptions) => Promise<string>;
}
