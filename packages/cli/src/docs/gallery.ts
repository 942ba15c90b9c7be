/**
 * The counterexample gallery: every saved trace of `models/traces/`, run through the reference
 * machine when the docs are built, told as a numbered story (the checker's `storyOf`) and drawn
 * as a sequence diagram (the checker's `sequenceDiagramOf`). Requirement ids and guard ids in a
 * story link to their pages.
 *
 * @module
 */
import { sequenceDiagramOf, storyOf } from "@mimi-spec/checker";
import { runTrace, type TraceRun } from "@mimi-spec/machine";
import { guardLink, invariantLink } from "./api-links.ts";
import { docLink, type SiteDocument } from "./document.ts";
import { code, element, escapeHtml, htmlBlock, table, text } from "./html.ts";
import { mermaidBlock } from "./mermaid.ts";
import { GALLERY_FILE, requirementLink, requirementLinks, type SiteLinks, traceFile } from "./site-links.ts";
import type { SavedTrace } from "./traces.ts";

const REQUIREMENT_ID = /(?<![\w-])[A-Z][A-Z0-9]*(?:-[A-Z][A-Z0-9]*)*-[1-9][0-9]*(?![\w-])/g;
const CHECK_ID = /(?<![\w.-])[a-z][a-z0-9-]*(?:\.[a-z][a-z0-9-]*)+(?![\w-])/g;

/**
 * A story as preformatted HTML with its requirement, guard and invariant ids linked. Ids are
 * made only of letters, digits, `-` and `.`, which escaping leaves alone, so they are found in
 * the escaped text.
 */
export function storyHtml(story: string, links: SiteLinks, from: string): string {
  const lines = story.split(/\r?\n/).map((line) =>
    escapeHtml(line)
      .replace(REQUIREMENT_ID, (id) => (links.requirementIds.has(id) ? requirementLink(links, from, id) : id))
      .replace(CHECK_ID, (id) =>
        links.catalog.guards.has(id)
          ? guardLink(links.catalog, id)
          : links.catalog.invariants.has(id)
            ? invariantLink(links.catalog, id)
            : id,
      ),
  );
  return `<pre class="mimi-story">${lines.join("&#10;")}</pre>`;
}

/** The requirement ids a run's story names, in order of first mention. */
function requirementsNamed(story: string, links: SiteLinks): string[] {
  return [...new Set([...story.matchAll(REQUIREMENT_ID)].map((m) => m[0]))].filter((id) =>
    links.requirementIds.has(id),
  );
}

function runSummary(run: TraceRun): string {
  if (run.ok) {
    const broken = Object.keys(run.violated);
    return broken.length === 0
      ? "every expectation held"
      : `every expectation held, including the expected violation of ${broken.join(", ")}`;
  }
  const problems = [
    ...run.steps.filter((s) => !s.ok).map((s) => `step ${s.step} differs from its expectation`),
    ...run.unexpectedViolations.map((id) => `${id} broke unexpectedly`),
    ...run.missingViolations.map((id) => `${id} was expected to break but held`),
  ];
  return `FAILED: ${problems.join("; ")}`;
}

/** The name a trace goes by: its file name without `.json`. */
export function traceName(trace: SavedTrace): string {
  return trace.path.replace(/^.*\//, "").replace(/\.json$/, "");
}

/** The gallery page of one trace, numbered `index` (1-based). */
export function traceDocument(saved: SavedTrace, index: number, links: SiteLinks): SiteDocument {
  const from = traceFile(saved.path);
  const { trace } = saved;
  const name = traceName(saved);
  const result = runTrace(trace);
  const options = Object.entries(trace.options ?? {}).map(([k, v]) => code(`${k} = ${v}`));
  const facts = [
    ["File", code(saved.path)],
    [
      "Profile",
      escapeHtml(trace.profile ?? "the default") +
        (options.length === 0 ? "" : `, with ${options.join(", ")}`),
    ],
    ["Delivery", escapeHtml(trace.delivery ?? "instant")],
    ["Steps", String(trace.steps.length)],
    [
      "Expected to break",
      (trace.expectViolations ?? []).length === 0
        ? "no invariant"
        : (trace.expectViolations ?? []).map((id) => invariantLink(links.catalog, id)).join(", "),
    ],
  ];
  const parts = [text("p", { class: "mimi-statement" }, trace.description)];
  if (!result.ok) {
    parts.push(table(["Field", "Value"], facts, { class: "mimi-facts" }));
    parts.push(text("p", { class: "mimi-warning" }, `This trace cannot run: ${result.message}`));
  } else {
    const story = storyOf(result.run);
    facts.push([
      "Result",
      text("span", { class: result.run.ok ? "" : "mimi-warning" }, runSummary(result.run)),
    ]);
    facts.push([
      "Requirements named",
      requirementLinks(links, from, requirementsNamed(story, links)) || "none",
    ]);
    parts.push(
      table(["Field", "Value"], facts, { class: "mimi-facts" }),
      element("h3", {}, "The story"),
      storyHtml(story, links, from),
      element("h3", {}, "Sequence diagram"),
      mermaidBlock(sequenceDiagramOf(result.run), `Messages between users and servers in ${name}.`),
    );
  }
  parts.push(element("p", {}, docLink(from, GALLERY_FILE, "Back to the gallery")));
  return {
    file: from,
    title: `${index}. ${name}`,
    body: [`# ${index}. ${name}`, "", htmlBlock(parts.join("\n"), { class: "mimi-trace" })].join("\n"),
  };
}

/** The gallery index; its children are the trace pages, numbered in file-name order. */
export function galleryDocument(traces: ReadonlyArray<SavedTrace>, links: SiteLinks): SiteDocument {
  const rows = traces.map((t, i) => [
    String(i + 1),
    docLink(GALLERY_FILE, traceFile(t.path), code(traceName(t))),
    escapeHtml(t.trace.description),
    (t.trace.expectViolations ?? []).length === 0
      ? "—"
      : escapeHtml((t.trace.expectViolations ?? []).join(", ")),
  ]);
  return {
    file: GALLERY_FILE,
    title: "Counterexample gallery",
    body: [
      "# Counterexample gallery",
      "",
      htmlBlock(
        [
          text(
            "p",
            {},
            `Every saved trace of models/traces/ (${traces.length}), replayed on the reference machine when these pages were built: what happens, step by step, and who sends what to whom. Traces that break an invariant are counterexamples the model checker found or that document a known race; the others show guards refusing and accepting.`,
          ),
          table(["#", "Trace", "What it shows", "Breaks"], rows),
        ].join("\n"),
      ),
    ].join("\n"),
    children: traces.map((t, i) => traceDocument(t, i + 1, links)),
  };
}
