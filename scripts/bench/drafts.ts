/**
 * The drafts benchmark group: `checkDraft` (what `mimi check` runs) on a 100-page draft
 * generated from the project's reference draft (`spec/draft-mimi-spec-reference.md`), against
 * peers measured in the same run on the same text: reading and extracting alone (`extractDraft`),
 * and the grammar toolkit's check of the extracted ABNF alone (`checkGrammar`). The target is
 * one second per check. Writes `reports/bench-drafts.json`.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { checkGrammar } from "@mimi-spec/grammar";
import {
  checkDraft,
  type DraftExtraction,
  extractDraft,
  ReferenceGrammar,
} from "../../packages/drafts/src/index.ts";
import { ROOT } from "./grammar-texts.ts";
import type { BenchOptions } from "./group.ts";
import { FULL_PLAN, measureInterleaved, QUICK_PLAN, sinkValue, type Timing } from "./measure.ts";
import { runLine, writeBenchReport } from "./report-file.ts";

/** Lines of a page of an xml2rfc plain-text rendering (58 with header and footer, 56 of text). */
const LINES_PER_PAGE = 56;
/** How long the generated draft is, in pages. */
const PAGES = 100;
/** The target: one check of the generated draft in under this many milliseconds. */
const TARGET_MS = 1000;

const REFERENCE_DRAFT = "spec/draft-mimi-spec-reference.md";
const REFERENCE_GRAMMAR = ["spec/grammar/identifiers.abnf", "spec/grammar/events.abnf"];

/**
 * A draft of at least `pages` pages made from the reference draft: its front matter and sections
 * once as written, then its middle sections again and again, each copy's rules renamed with a
 * `-pN` suffix (so the copies define new rules rather than repeat the old ones, as a long draft
 * does), its headings numbered, its prose, examples, limits and BCP 14 sentences kept.
 */
export function generateDraft(reference: string, pages = PAGES): string {
  const middleAt = reference.indexOf("\n--- middle\n");
  const backAt = reference.indexOf("\n--- back\n");
  if (middleAt < 0 || backAt < 0)
    throw new Error(`${REFERENCE_DRAFT} lacks its --- middle or --- back marker`);
  const head = reference.slice(0, backAt + 1);
  const back = reference.slice(backAt + 1);
  // The sections after the conventions (which hold the boilerplate, needed once).
  const middle = reference.slice(middleAt + "\n--- middle\n".length, backAt + 1);
  const firstSection = middle.search(/^# Server Names/m);
  const body = firstSection < 0 ? middle : middle.slice(firstSection);
  const defined = [...body.matchAll(/^([A-Za-z][A-Za-z0-9-]*)[ \t]*=/gm)].map((m) => m[1] as string);
  const names = new RegExp(
    `(?<![A-Za-z0-9-])(${[...new Set(defined)].sort((a, b) => b.length - a.length).join("|")})(?![A-Za-z0-9-])`,
    "g",
  );
  const parts = [head];
  let lines = head.split("\n").length + back.split("\n").length;
  for (let copy = 2; lines < pages * LINES_PER_PAGE; copy++) {
    const renamed = body
      .replace(/^```abnf\n([\s\S]*?)^```$/gm, (block) => block.replace(names, (name) => `${name}-p${copy}`))
      .replace(/^~~~ abnf\n([\s\S]*?)^~~~$/gm, (block) => block.replace(names, (name) => `${name}-p${copy}`))
      .replace(
        /^(#+ )(.*?)( \{#[^}]*\})?$/gm,
        (_m, hashes: string, title: string, anchor: string | undefined) =>
          `${hashes}${title} (part ${copy})${anchor === undefined ? "" : anchor.replace(/\}$/, `-p${copy}}`)}`,
      );
    parts.push(`\n${renamed}`);
    lines += renamed.split("\n").length + 1;
  }
  parts.push(back);
  return parts.join("");
}

/** What the generated draft holds, for the report. */
interface DraftStats {
  readonly lines: number;
  readonly pages: number;
  readonly bytes: number;
  readonly abnfBlocks: number;
  readonly abnfRules: number;
  readonly examples: number;
  readonly limits: number;
  readonly bcp14Sentences: number;
  readonly requirementIds: number;
}

function statsOf(text: string, extraction: DraftExtraction): DraftStats {
  const lines = text.split("\n").length;
  return {
    lines,
    pages: Math.round((lines / LINES_PER_PAGE) * 10) / 10,
    bytes: Buffer.byteLength(text),
    abnfBlocks: extraction.abnfBlocks.length,
    abnfRules: extraction.abnfBlocks.reduce(
      (n, b) => n + (b.block.text.match(/^[A-Za-z][A-Za-z0-9-]*[ \t]*=/gm) ?? []).length,
      0,
    ),
    examples: extraction.examples.length,
    limits: extraction.limits.length,
    bcp14Sentences: extraction.bcp14.length,
    requirementIds: extraction.requirementIds.length,
  };
}

/** Runs the group; returns the markdown report. */
export async function draftsBench(options: BenchOptions): Promise<string> {
  const { quick, log } = options;
  const plan = quick ? QUICK_PLAN : FULL_PLAN;
  const started = performance.now();
  const referenceTexts = REFERENCE_GRAMMAR.map((name) => ({
    name,
    text: readFileSync(join(ROOT, name), "utf8"),
  }));
  const text = generateDraft(readFileSync(join(ROOT, REFERENCE_DRAFT), "utf8"));
  const bytes = new TextEncoder().encode(text);
  const path = "generated-100-pages.md";

  const extracted = extractDraft(path, bytes);
  if (!extracted.ok) throw new Error(`the generated draft cannot be read: ${extracted.error.message}`);
  const stats = statsOf(text, extracted.extraction);
  // The first check of the process runs before any warm-up: what a single `mimi check` pays.
  const coldStart = performance.now();
  const shared = new ReferenceGrammar(referenceTexts);
  const once = checkDraft(path, bytes, { reference: shared });
  const firstCheckMs = performance.now() - coldStart;
  const counts = { errors: 0, warnings: 0, notes: 0 };
  for (const f of once.findings)
    counts[f.severity === "error" ? "errors" : f.severity === "warning" ? "warnings" : "notes"]++;
  log(
    `generated ${stats.lines} lines (${stats.pages} pages), ${stats.abnfBlocks} ABNF blocks, ${stats.examples} examples; check: exit ${once.exitCode}, ${counts.errors} errors, ${counts.warnings} warnings, ${counts.notes} notes`,
  );
  const abnf = extracted.extraction.abnfBlocks.map((b, k) => ({
    name: `${path}#abnf-${k + 1}`,
    text: b.block.text,
  }));

  const workloads: ReadonlyArray<{ name: string; what: string; run: () => number }> = [
    {
      name: "checkDraft",
      what: "the whole check, the reference grammar loaded once for all checks (as `mimi check` on several drafts)",
      run: () => checkDraft(path, bytes, { reference: shared }).findings.length,
    },
    {
      name: "checkDraft, fresh reference",
      what: "the whole check, the reference grammar loaded and compiled anew (as `mimi check` on one draft)",
      run: () => checkDraft(path, bytes, { reference: new ReferenceGrammar(referenceTexts) }).findings.length,
    },
    {
      name: "extractDraft (peer)",
      what: "decode, detect the format, read the markdown, extract blocks, examples, limits, BCP 14, IDs",
      run: () => {
        const r = extractDraft(path, bytes);
        return r.ok ? r.extraction.examples.length : 0;
      },
    },
    {
      name: "checkGrammar (peer)",
      what: "the grammar toolkit's check of the extracted ABNF blocks alone",
      run: () => checkGrammar(abnf).diagnostics.length,
    },
  ];
  log(`timing ${workloads.length} workloads, interleaved`);
  const timings = measureInterleaved(
    workloads.map((w) => w.run),
    plan,
  );
  const results = workloads.map((w, k) => ({ name: w.name, what: w.what, ...(timings[k] as Timing) }));
  const ms = (name: string) => results.find((r) => r.name === name)?.msPerIteration ?? Number.NaN;
  const check = ms("checkDraft");
  const fresh = ms("checkDraft, fresh reference");
  const ratios = {
    checkOverExtract: check / ms("extractDraft (peer)"),
    checkOverGrammar: check / ms("checkGrammar (peer)"),
    freshOverExtract: fresh / ms("extractDraft (peer)"),
  };
  const seconds = (performance.now() - started) / 1000;

  writeBenchReport(
    "drafts",

    {
      quick,
      plan,
      seconds,
      draft: { source: REFERENCE_DRAFT, ...stats, exitCode: once.exitCode, findings: counts },
      targetMs: TARGET_MS,
      firstCheckMs,
      meetsTarget: {
        checkDraft: check < TARGET_MS,
        freshReference: fresh < TARGET_MS,
        firstCheck: firstCheckMs < TARGET_MS,
      },
      results,
      ratios,
      sink: sinkValue(),
    },

    log,
  );

  const row = (r: (typeof results)[number]) =>
    `| ${r.name} | ${r.msPerIteration.toFixed(1)} | ${(check / r.msPerIteration).toFixed(2)} | ${r.what} |`;
  return [
    "## drafts: `mimi check` on a generated 100-page draft",
    "",
    runLine(quick, seconds),
    `Draft: ${REFERENCE_DRAFT} grown to ${stats.lines} lines (${stats.pages} pages of ${LINES_PER_PAGE} lines), ${(stats.bytes / 1024).toFixed(0)} KiB, ${stats.abnfBlocks} ABNF blocks with ${stats.abnfRules} rules, ${stats.examples} identifier examples, ${stats.limits} stated limits, ${stats.bcp14Sentences} BCP 14 sentences. Its check: exit ${once.exitCode}, ${counts.errors} errors, ${counts.warnings} warnings, ${counts.notes} notes.`,
    "Method: all workloads in this one process, warmed up, then timed in interleaved rounds; the median round is reported. 'checkDraft ÷ this' is how many times longer the whole check takes than the row.",
    "",
    "| workload | ms per check | checkDraft ÷ this | what it does |",
    "|---|---:|---:|---|",
    ...results.map(row),
    "",
    `Target: one check under ${TARGET_MS} ms. checkDraft: ${check.toFixed(1)} ms (${check < TARGET_MS ? "met" : "**missed**"}); with a fresh reference grammar: ${fresh.toFixed(1)} ms (${fresh < TARGET_MS ? "met" : "**missed**"}); the first check of the process, before any warm-up (what one \`mimi check\` run pays, startup aside): ${firstCheckMs.toFixed(0)} ms (${firstCheckMs < TARGET_MS ? "met" : "**missed**"}).`,
  ].join("\n");
}
