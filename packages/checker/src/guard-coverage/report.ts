/**
 * The coverage report: for every guard, invariant and requirement, how often it accepted
 * (held) and rejected (broke) in the counted runs, and whether it was exercised at all. A guard
 * the profiles of the runs switch off is `disabled`, not a gap; an id on the exclusion list is
 * `excluded`, with its reason; anything else never exercised is a gap that fails the check.
 *
 * Requirements come from two places: the registry entries checked by a guard or invariant, and
 * the requirement IDs the guards and invariants themselves cite.
 *
 * @module
 */
import { enabledUnder, GUARD_IDS, GUARDS, invariants } from "@mimi-spec/machine";
import { REQUIREMENTS } from "@mimi-spec/schema";
import type { CoverageCounter } from "./counter.ts";
import { EXCLUSIONS, type Exclusions } from "./exclusions.ts";

/** Whether something was exercised. */
export type CoverageStatus = "exercised" | "disabled" | "excluded" | "never";

/** One guard's line. */
export interface GuardLine {
  readonly id: string;
  readonly requirements: ReadonlyArray<string>;
  readonly pass: number;
  readonly reject: number;
  readonly status: CoverageStatus;
  /** Why it is disabled or excluded. */
  readonly note?: string;
}

/** One invariant's line. */
export interface InvariantLine {
  readonly id: string;
  readonly requirements: ReadonlyArray<string>;
  /** Checks on worlds that gave the invariant something to check. */
  readonly relevant: number;
  readonly held: number;
  readonly violated: number;
  readonly status: CoverageStatus;
  readonly note?: string;
}

/** One requirement's line: the sum over the guards and invariants that check it. */
export interface RequirementLine {
  readonly id: string;
  /** The guards and invariants that check it (`guard:` / `invariant:` prefixed). */
  readonly checks: ReadonlyArray<string>;
  /** Guard passes plus relevant invariant checks that held. */
  readonly accepted: number;
  /** Guard refusals plus invariant violations. */
  readonly rejected: number;
  readonly status: CoverageStatus;
  readonly note?: string;
}

/** The whole report. */
export interface CoverageReport {
  readonly profiles: ReadonlyArray<string>;
  readonly guards: ReadonlyArray<GuardLine>;
  readonly invariants: ReadonlyArray<InvariantLine>;
  readonly requirements: ReadonlyArray<RequirementLine>;
  /** Ids never exercised (not disabled, not excluded): each fails the coverage check. */
  readonly gaps: {
    readonly guards: ReadonlyArray<string>;
    readonly invariants: ReadonlyArray<string>;
    readonly requirements: ReadonlyArray<string>;
  };
  /** Whether there are no gaps. */
  readonly ok: boolean;
}

/** The requirement → checks map: registry entries checked by a guard or invariant, and what guards and invariants cite. */
export function requirementChecks(): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  const add = (requirement: string, check: string) => {
    const set = map.get(requirement) ?? new Set<string>();
    set.add(check);
    map.set(requirement, set);
  };
  for (const entry of REQUIREMENTS)
    if (entry.check.kind === "guard" || entry.check.kind === "invariant")
      add(entry.id, `${entry.check.kind}:${entry.check.name}`);
  for (const id of GUARD_IDS) for (const r of GUARDS[id].requirements) add(r, `guard:${id}`);
  for (const inv of invariants) for (const r of inv.requirements) add(r, `invariant:${inv.id}`);
  return map;
}

/** The coverage report of `counter`. */
export function coverageReport(
  counter: CoverageCounter,
  exclusions: Exclusions = EXCLUSIONS,
): CoverageReport {
  const profiles = [...counter.profiles.values()];
  const guards: GuardLine[] = GUARD_IDS.map((id) => {
    const info = GUARDS[id] as {
      readonly requirements: ReadonlyArray<string>;
      readonly enabledWhen?: Readonly<Record<string, string>>;
    };
    const count = counter.guards.get(id) ?? { pass: 0, reject: 0 };
    // With no profile recorded nothing ran: nothing can be called disabled.
    const enabled = profiles.length === 0 || profiles.some((p) => enabledUnder(p, info.enabledWhen));
    const excluded = exclusions.guards[id];
    const status: CoverageStatus =
      count.pass + count.reject > 0
        ? "exercised"
        : !enabled
          ? "disabled"
          : excluded !== undefined
            ? "excluded"
            : "never";
    const note =
      status === "disabled"
        ? `only under ${Object.entries(info.enabledWhen ?? {})
            .map(([k, v]) => `${k}=${v}`)
            .join(", ")}`
        : status === "excluded"
          ? excluded
          : undefined;
    return { id, requirements: info.requirements, ...count, status, ...(note === undefined ? {} : { note }) };
  });
  const invariantLines: InvariantLine[] = invariants.map((inv) => {
    const count = counter.invariants.get(inv.id) ?? { relevant: 0, held: 0, violated: 0 };
    const excluded = exclusions.invariants[inv.id];
    const status: CoverageStatus =
      count.relevant > 0 ? "exercised" : excluded !== undefined ? "excluded" : "never";
    return {
      id: inv.id,
      requirements: inv.requirements,
      ...count,
      status,
      ...(status === "excluded" && excluded !== undefined ? { note: excluded } : {}),
    };
  });
  const guardById = new Map(guards.map((g) => [g.id, g]));
  const invariantById = new Map(invariantLines.map((i) => [i.id, i]));
  const requirements: RequirementLine[] = [...requirementChecks()]
    .sort(([a], [b]) => a.localeCompare(b, "en", { numeric: true }))
    .map(([id, checks]) => {
      let accepted = 0;
      let rejected = 0;
      const statuses: CoverageStatus[] = [];
      for (const check of checks) {
        const [kind, name = ""] = check.split(":");
        if (kind === "guard") {
          const g = guardById.get(name);
          accepted += g?.pass ?? 0;
          rejected += g?.reject ?? 0;
          statuses.push(g?.status ?? "never");
        } else {
          const i = invariantById.get(name);
          accepted += i?.held ?? 0;
          rejected += i?.violated ?? 0;
          statuses.push(i?.status ?? "never");
        }
      }
      const excluded = exclusions.requirements[id];
      const status: CoverageStatus = statuses.includes("exercised")
        ? "exercised"
        : excluded !== undefined
          ? "excluded"
          : statuses.length > 0 && statuses.every((s) => s === "disabled" || s === "excluded")
            ? statuses.includes("disabled")
              ? "disabled"
              : "excluded"
            : "never";
      const note =
        status === "excluded"
          ? (excluded ?? "its checks are excluded")
          : status === "disabled"
            ? "its guards are off under these profiles"
            : undefined;
      return {
        id,
        checks: [...checks].sort(),
        accepted,
        rejected,
        status,
        ...(note === undefined ? {} : { note }),
      };
    });
  const gaps = {
    guards: guards.filter((g) => g.status === "never").map((g) => g.id),
    invariants: invariantLines.filter((i) => i.status === "never").map((i) => i.id),
    requirements: requirements.filter((r) => r.status === "never").map((r) => r.id),
  };
  return {
    profiles: [...counter.profiles.keys()],
    guards,
    invariants: invariantLines,
    requirements,
    gaps,
    ok: gaps.guards.length + gaps.invariants.length + gaps.requirements.length === 0,
  };
}

function table(header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string | number>>): string[] {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  return cells.map((r) =>
    r
      .map((c, i) => (i === 0 || i === r.length - 1 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join("  ")
      .trimEnd(),
  );
}

/** The report as text: three tables and the gaps. */
export function formatCoverage(report: CoverageReport): string {
  const mark = (s: CoverageStatus, note?: string) =>
    s === "exercised" ? "" : `${s}${note === undefined ? "" : `: ${note}`}`;
  const lines = [
    `coverage over ${report.profiles.join("; ")}`,
    "",
    ...table(
      ["guard", "pass", "reject", "status"],
      report.guards.map((g) => [g.id, g.pass, g.reject, mark(g.status, g.note)]),
    ),
    "",
    ...table(
      ["invariant", "relevant", "held", "broke", "status"],
      report.invariants.map((i) => [i.id, i.relevant, i.held, i.violated, mark(i.status, i.note)]),
    ),
    "",
    ...table(
      ["requirement", "accepted", "rejected", "status"],
      report.requirements.map((r) => [r.id, r.accepted, r.rejected, mark(r.status, r.note)]),
    ),
    "",
  ];
  const { gaps } = report;
  lines.push(
    report.ok
      ? "every guard, invariant and requirement was exercised (or is disabled or excluded, as noted)"
      : `NEVER EXERCISED: ${[...gaps.guards.map((g) => `guard ${g}`), ...gaps.invariants.map((i) => `invariant ${i}`), ...gaps.requirements.map((r) => `requirement ${r}`)].join(", ")}`,
  );
  return `${lines.join("\n")}\n`;
}
