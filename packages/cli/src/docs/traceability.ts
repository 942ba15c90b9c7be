/**
 * The requirement traceability pages: one matrix of every registry entry (source, statement,
 * level, kind, enforcing check linked to its API page, the tests that mention it, status), with
 * filters by source, status and text, and one page per requirement that follows it from the
 * source sentence to the schema, guard or invariant, the traces and the tests.
 *
 * @module
 */
import type { RequirementCheck, RequirementEntry } from "@mimi-spec/schema";
import { guardLink, invariantLink, schemaLink } from "./api-links.ts";
import { docLink, type SiteDocument } from "./document.ts";
import { code, element, escapeHtml, htmlBlock, list, table, text } from "./html.ts";
import {
  grammarRuleLink,
  MATRIX_FILE,
  profileOptionLink,
  requirementFile,
  requirementLink,
  requirementLinks,
  type SiteLinks,
  traceLink,
} from "./site-links.ts";
import { quotedRuleKey, referencesToAny, type TestIndex, type TestReference } from "./test-references.ts";
import type { TraceEvidence } from "./traces.ts";

/** Where a requirement stands: enforced today, settled by a profile option, planned, or not checkable. */
export type RequirementStatus = "checked" | "open question" | "planned" | "not checkable";

/** Every status, in the order the filter lists them. */
export const REQUIREMENT_STATUSES: ReadonlyArray<RequirementStatus> = [
  "checked",
  "open question",
  "planned",
  "not checkable",
];

/** A machine check that names requirements: a guard's or an invariant's catalogue entry. */
export interface NamedCheck {
  readonly requirements: ReadonlyArray<string>;
}

/** What the traceability pages are built from. */
export interface TraceabilityInput {
  readonly registry: ReadonlyArray<RequirementEntry>;
  /** The machine's guards by id (`GUARDS`). */
  readonly guards: Readonly<Record<string, NamedCheck & { readonly reason: string }>>;
  /** The machine's invariants. */
  readonly invariants: ReadonlyArray<NamedCheck & { readonly id: string; readonly description: string }>;
  readonly tests: TestIndex;
  /** What saved traces exercise, by guard, invariant or requirement id. */
  readonly traceEvidence: ReadonlyMap<string, ReadonlyArray<TraceEvidence>>;
  readonly links: SiteLinks;
}

/** One requirement with everything the pages show about it. */
export interface TraceabilityRow {
  readonly entry: RequirementEntry;
  readonly status: RequirementStatus;
  /** Why the status: the profile option that settles it, what is missing, or why nothing checks it. */
  readonly statusNote?: string;
  /** Tests that mention the requirement id or its enforcing check. */
  readonly tests: ReadonlyArray<TestReference>;
  /** Saved traces that exercise the requirement or its enforcing check. */
  readonly traces: ReadonlyArray<TraceEvidence>;
  /** Guards whose catalogue entry names the requirement. */
  readonly citedByGuards: ReadonlyArray<string>;
  /** Invariants that name the requirement. */
  readonly citedByInvariants: ReadonlyArray<string>;
}

/** The status of a registry entry. Open questions are open whatever settles them. */
export function requirementStatus(entry: RequirementEntry): RequirementStatus {
  if (entry.kind === "open-question" || entry.level === "OPEN") return "open question";
  switch (entry.check.kind) {
    case "planned":
      return "planned";
    case "none":
      return "not checkable";
    default:
      return "checked";
  }
}

function statusNote(entry: RequirementEntry, status: RequirementStatus): string | undefined {
  const check = entry.check;
  if (status === "open question") {
    const option = entry.profileOption;
    const settled =
      option === undefined
        ? "no profile option settles it yet"
        : `settled by the profile option ${option.name} (default ${option.default})`;
    return check.kind === "planned" || check.kind === "none" ? `${settled}; ${check.why}` : settled;
  }
  return check.kind === "planned" || check.kind === "none" ? check.why : undefined;
}

/** The names a test or trace would use for the entry's enforcing check. */
function checkNames(check: RequirementCheck): string[] {
  switch (check.kind) {
    case "guard":
    case "invariant":
    case "schema":
      return [check.name];
    case "grammar-rule":
      return [quotedRuleKey(check.rule)];
    default:
      return [];
  }
}

/** Builds the rows, in registry order. */
export function traceabilityRows(input: TraceabilityInput): TraceabilityRow[] {
  return input.registry.map((entry) => {
    const status = requirementStatus(entry);
    const note = statusNote(entry, status);
    const names = [entry.id, ...checkNames(entry.check)];
    const traces: TraceEvidence[] = [];
    for (const name of names)
      for (const e of input.traceEvidence.get(name) ?? [])
        if (!traces.some((t) => t.path === e.path && t.why === e.why)) traces.push(e);
    return {
      entry,
      status,
      ...(note === undefined ? {} : { statusNote: note }),
      tests: referencesToAny(input.tests, names),
      traces,
      citedByGuards: Object.entries(input.guards)
        .filter(([, g]) => g.requirements.includes(entry.id))
        .map(([id]) => id),
      citedByInvariants: input.invariants.filter((i) => i.requirements.includes(entry.id)).map((i) => i.id),
    };
  });
}

/** The enforcing check as HTML, linked to its API page (or grammar page). */
export function checkHtml(links: SiteLinks, from: string, check: RequirementCheck): string {
  switch (check.kind) {
    case "schema":
      return `schema ${schemaLink(links.catalog, check.name)}`;
    case "guard":
      return `guard ${guardLink(links.catalog, check.name)}`;
    case "invariant":
      return `invariant ${invariantLink(links.catalog, check.name)}`;
    case "grammar-rule":
      return `grammar rule ${grammarRuleLink(links, from, check.file, check.rule)}`;
    case "planned":
      return `planned ${escapeHtml(check.by)} ${code(check.name)}`;
    case "none":
      return "none";
  }
}

function statusHtml(row: TraceabilityRow): string {
  const badge = text(
    "span",
    { class: `mimi-status mimi-status-${row.status.replace(" ", "-")}` },
    row.status,
  );
  return row.statusNote === undefined ? badge : `${badge} ${text("small", {}, row.statusNote)}`;
}

function testItem(ref: TestReference): string {
  const title = ref.title === undefined ? "" : `: ${escapeHtml(ref.title)}`;
  return `${code(`${ref.file}:${ref.line}`)}${title}`;
}

function testsCell(row: TraceabilityRow, from: string, links: SiteLinks): string {
  const count = row.tests.length + row.traces.length;
  if (count === 0)
    return text("span", { class: row.status === "checked" ? "mimi-warning" : "mimi-muted" }, "none found");
  const items = [
    ...row.tests.map(testItem),
    ...row.traces.map((t) => `${traceLink(links, from, t.path, t.path)}: ${escapeHtml(t.why)}`),
  ];
  const summary = `${row.tests.length} test${row.tests.length === 1 ? "" : "s"}, ${row.traces.length} trace${row.traces.length === 1 ? "" : "s"}`;
  return element("details", {}, text("summary", {}, summary), list(items));
}

function countBy<T extends string>(rows: ReadonlyArray<TraceabilityRow>, key: (r: TraceabilityRow) => T) {
  const counts = new Map<T, number>();
  for (const row of rows) counts.set(key(row), (counts.get(key(row)) ?? 0) + 1);
  return counts;
}

function filterSelect(id: string, label: string, values: ReadonlyArray<[string, number]>): string {
  const options = [
    text("option", { value: "" }, "all"),
    ...values.map(([value, n]) => text("option", { value }, `${value} (${n})`)),
  ];
  return element("label", {}, escapeHtml(label), " ", element("select", { id }, ...options));
}

/** The matrix page; its children are the requirement pages. */
export function matrixDocument(rows: ReadonlyArray<TraceabilityRow>, links: SiteLinks): SiteDocument {
  const from = MATRIX_FILE;
  const bySource = [...countBy(rows, (r) => r.entry.source)];
  const byStatus = REQUIREMENT_STATUSES.map((s): [string, number] => [
    s,
    rows.filter((r) => r.status === s).length,
  ]).filter(([, n]) => n > 0);
  const intro = [
    `Every entry of the requirements registry (${rows.length} in all; ${byStatus
      .map(([s, n]) => `${n} ${s}`)
      .join(", ")}), rebuilt from the code by <code>mimi docs</code>.`,
    "Each id opens the requirement's own page; each check links to the API page of the schema, guard or invariant that enforces it.",
    "Tests are found by scanning every test file for the requirement id and the name of its enforcing check (the docs tests themselves are left out); traces are the saved traces whose steps expect a refusal by that guard, expect that invariant to break, or name the id.",
  ];
  const controls = element(
    "div",
    { class: "mimi-filters", id: "mimi-matrix-filters" },
    filterSelect("mimi-filter-source", "Source", bySource),
    " ",
    filterSelect("mimi-filter-status", "Status", byStatus),
    " ",
    element(
      "label",
      {},
      "Text ",
      element("input", { type: "search", id: "mimi-filter-text", placeholder: "id, statement, check…" }),
    ),
    " ",
    text(
      "span",
      { id: "mimi-filter-count", "aria-live": "polite" },
      `${rows.length} of ${rows.length} shown`,
    ),
  );
  const matrix = table(
    ["Id", "Source", "Statement", "Level", "Kind", "Enforced by", "Tests", "Status"],
    rows.map((row) => ({
      attrs: { "data-id": row.entry.id, "data-source": row.entry.source, "data-status": row.status },
      cells: [
        requirementLink(links, from, row.entry.id),
        `${escapeHtml(row.entry.source)} §${escapeHtml(row.entry.section)}`,
        escapeHtml(row.entry.statement),
        escapeHtml(row.entry.level),
        escapeHtml(row.entry.kind),
        checkHtml(links, from, row.entry.check),
        testsCell(row, from, links),
        statusHtml(row),
      ],
    })),
    { class: "mimi-matrix", id: "mimi-matrix" },
  );
  return {
    file: MATRIX_FILE,
    title: "Requirement traceability",
    body: [
      "# Requirement traceability",
      "",
      htmlBlock(intro.map((p) => element("p", {}, p)).join("\n")),
      "",
      htmlBlock(`${controls}\n${matrix}`, { class: "mimi-matrix-wrapper mimi-wide" }),
    ].join("\n"),
    children: rows.map((row) => requirementDocument(row, links)),
  };
}

function profileOptionHtml(entry: RequirementEntry, links: SiteLinks, from: string): string {
  const option = entry.profileOption;
  if (option === undefined) return "";
  const choices = table(
    ["Choice", "Meaning", "Given by"],
    option.choices.map((c) => [
      code(c.value) + (c.value === option.default ? " <strong>(default)</strong>" : ""),
      escapeHtml(c.summary),
      c.sources.length === 0 ? "no document" : escapeHtml(c.sources.join(", ")),
    ]),
  );
  return [
    element(
      "p",
      {},
      `Settled by the profile option ${profileOptionLink(links, from, option.name)}; default ${code(option.default)} (${escapeHtml(option.defaultBasis)}).`,
    ),
    choices,
    text("p", {}, `Why this default: ${option.rationale}`),
  ].join("\n");
}

/** The page of one requirement. */
export function requirementDocument(row: TraceabilityRow, links: SiteLinks): SiteDocument {
  const { entry } = row;
  const from = requirementFile(entry.id);
  const facts = table(
    ["Field", "Value"],
    [
      ["Source", `${escapeHtml(entry.source)} §${escapeHtml(entry.section)}`],
      ["Level", escapeHtml(entry.level)],
      ["Kind", escapeHtml(entry.kind)],
      ["Enforced by", checkHtml(links, from, entry.check)],
      ["Status", statusHtml(row)],
      ...(entry.related === undefined ? [] : [["Related", requirementLinks(links, from, entry.related)]]),
      ...(entry.note === undefined ? [] : [["Note", escapeHtml(entry.note)]]),
    ],
    { class: "mimi-facts" },
  );
  const guards = row.citedByGuards.map((id) => guardLink(links.catalog, id));
  const invariants = row.citedByInvariants.map((id) => invariantLink(links.catalog, id));
  const sections = [
    text("blockquote", { class: "mimi-statement" }, entry.statement),
    facts,
    profileOptionHtml(entry, links, from),
    element("h3", {}, "Machine checks that name it"),
    guards.length + invariants.length === 0
      ? text("p", { class: "mimi-muted" }, "No guard or invariant names this requirement.")
      : list([...guards.map((g) => `guard ${g}`), ...invariants.map((i) => `invariant ${i}`)]),
    element("h3", {}, "Tests"),
    row.tests.length === 0
      ? text("p", { class: "mimi-muted" }, "No test file names this requirement or its check.")
      : list(row.tests.map(testItem)),
    element("h3", {}, "Saved traces"),
    row.traces.length === 0
      ? text("p", { class: "mimi-muted" }, "No saved trace exercises it.")
      : list(row.traces.map((t) => `${traceLink(links, from, t.path, t.path)}: ${escapeHtml(t.why)}`)),
    element("p", {}, docLink(from, MATRIX_FILE, "Back to the traceability matrix")),
  ];
  return {
    file: from,
    title: entry.id,
    body: [`# ${entry.id}`, "", htmlBlock(sections.join("\n"), { class: "mimi-requirement" })].join("\n"),
  };
}
