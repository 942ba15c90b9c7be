/**
 * The grammar pages: one page per `spec/grammar/*.abnf` file with every rule as a railroad
 * diagram, its ABNF text and comment, valid examples and near-miss invalid strings (generated
 * with a fixed seed, so the pages only change when the grammar does), and where the rule is used:
 * by other rules, by schemas, by registry entries. The RFC 5234 core rules a file uses are drawn
 * at the end so that every box links somewhere.
 *
 * @module
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  type Grammar,
  loadGrammar,
  type Node,
  type ResolvedRule,
  ruleKey,
  sampleRule,
} from "@mimi-spec/grammar";
import { GRAMMAR_ANNOTATION, type RequirementEntry } from "@mimi-spec/schema";
import type { SchemaAST } from "effect";
import { schemaLink } from "./api-links.ts";
import { docLink, headingSlug, type SiteDocument } from "./document.ts";
import { code, element, escapeHtml, htmlBlock, list, preformatted, table, text } from "./html.ts";
import { railroadDiagram } from "./railroad.ts";
import { GRAMMAR_INDEX_FILE, grammarFile, requirementLink, type SiteLinks } from "./site-links.ts";

/** Where the grammar files live, relative to the repository root. */
export const GRAMMAR_DIR = "spec/grammar";

/** The seed of every generated example, so the pages are reproducible. */
export const EXAMPLE_SEED = 20_230_830;

/** How many valid and how many invalid examples each rule shows. */
export const EXAMPLE_COUNT = 5;

/** One grammar file, loaded. */
export interface GrammarSource {
  /** Repository path (`spec/grammar/identifiers.abnf`). */
  readonly path: string;
  readonly text: string;
  readonly grammar: Grammar;
}

/** Reads and loads every `.abnf` file of the grammar directory, in name order. */
export function readGrammarSources(root: string): GrammarSource[] {
  return readdirSync(join(root, GRAMMAR_DIR))
    .filter((name) => name.endsWith(".abnf"))
    .sort()
    .map((name) => {
      const path = `${GRAMMAR_DIR}/${name}`;
      const text = readFileSync(join(root, path), "utf8");
      return { path, text, grammar: loadGrammar([{ name: path, text }]) };
    });
}

/** The rules (as written) each grammar file defines, for {@link SiteLinks.grammarRules}. */
export function grammarRuleNames(sources: ReadonlyArray<GrammarSource>): Map<string, ReadonlySet<string>> {
  return new Map(
    sources.map((s) => [
      s.path,
      new Set(s.grammar.ownRuleKeys.map((k) => s.grammar.rules.get(k)?.name ?? k)),
    ]),
  );
}

/** A schema whose strings follow a grammar rule (its `mimi/grammar` annotation). */
export interface GrammarSchemaUse {
  readonly schema: string;
  readonly file: string;
  readonly rule: string;
}

function grammarReferencesOf(ast: SchemaAST.AST): Array<{ file: string; rule: string }> {
  const out: Array<{ file: string; rule: string }> = [];
  const visit = (check: SchemaAST.Check<unknown>): void => {
    if (check._tag !== "Filter") {
      for (const inner of check.checks) visit(inner);
      return;
    }
    const value = (check.annotations as Record<string, unknown> | undefined)?.[GRAMMAR_ANNOTATION];
    if (typeof value !== "object" || value === null) return;
    const { file, rule } = value as Record<string, unknown>;
    if (typeof file === "string" && typeof rule === "string") out.push({ file, rule });
  };
  for (const check of ast.checks ?? []) visit(check);
  return out;
}

/** Every named schema checked by a grammar rule. */
export function grammarSchemaUses(
  schemas: Readonly<Record<string, { readonly ast: SchemaAST.AST }>>,
): GrammarSchemaUse[] {
  return Object.entries(schemas).flatMap(([schema, s]) =>
    grammarReferencesOf(s.ast).map((ref) => ({ schema, ...ref })),
  );
}

/** Keys of the rules a node refers to, in order of first reference. */
export function referencedRuleKeys(node: Node, into: Set<string> = new Set()): Set<string> {
  switch (node.kind) {
    case "alternation":
      for (const a of node.alternatives) referencedRuleKeys(a, into);
      break;
    case "concatenation":
      for (const e of node.elements) referencedRuleKeys(e, into);
      break;
    case "repetition":
      referencedRuleKeys(node.element, into);
      break;
    case "ruleref":
      into.add(ruleKey(node.name));
      break;
    default:
      break;
  }
  return into;
}

/** The core rules a grammar's own rules reach, directly or through other core rules. */
function coreRulesUsed(grammar: Grammar): ResolvedRule[] {
  const found = new Set<string>();
  const pending = grammar.ownRuleKeys.flatMap((k) => {
    const rule = grammar.rules.get(k);
    return rule === undefined ? [] : [...referencedRuleKeys(rule.body)];
  });
  while (pending.length > 0) {
    const key = pending.pop() as string;
    const rule = grammar.rules.get(key);
    if (rule === undefined || rule.origin !== "core" || found.has(key)) continue;
    found.add(key);
    pending.push(...referencedRuleKeys(rule.body));
  }
  return [...found].sort().map((k) => grammar.rules.get(k) as ResolvedRule);
}

/**
 * The ABNF text of a rule: every line its definitions span (so a comment at the end of a line
 * stays), and the comment lines right above the first definition, which describe it.
 */
export function ruleText(rule: ResolvedRule): { readonly abnf: string; readonly comment: string } {
  const abnf: string[] = [];
  let comment = "";
  rule.definitions.forEach(({ def, source }, i) => {
    const first = source.lineIndexAt(def.span.start);
    const last = source.lineIndexAt(Math.max(def.span.start, def.span.end - 1));
    const lines: string[] = [];
    for (let l = first; l <= last; l++) lines.push(source.lineTextAt(source.lineStarts[l] ?? 0));
    abnf.push(lines.join("\n"));
    if (i === 0) {
      const above: string[] = [];
      for (let l = first - 1; l >= 0; l--) {
        const line = source.lineTextAt(source.lineStarts[l] ?? 0).trim();
        if (!line.startsWith(";")) break;
        above.unshift(line.replace(/^;\s?/, ""));
      }
      comment = above.join(" ").trim();
    }
  });
  return { abnf: abnf.join("\n"), comment };
}

/** Valid examples and near misses of a rule, or why there are none. */
function examplesHtml(grammar: Grammar, rule: ResolvedRule): string {
  let valid: string;
  let invalid: string;
  try {
    const samples = sampleRule(grammar, rule.name, { count: EXAMPLE_COUNT, seed: EXAMPLE_SEED });
    valid = samples.length === 0 ? text("p", {}, "none") : list(samples.map((s) => code(s.text)));
  } catch (e) {
    valid = text("p", { class: "mimi-warning" }, `no examples: ${(e as Error).message}`);
  }
  try {
    const misses = sampleRule(grammar, rule.name, {
      count: EXAMPLE_COUNT,
      seed: EXAMPLE_SEED,
      invalid: true,
    });
    invalid =
      misses.length === 0
        ? text("p", {}, "none: every single-character edit tried is still accepted")
        : table(
            ["String", "Edit"],
            misses.map((m) => [code(m.text), escapeHtml(m.edit ?? "")]),
            { class: "mimi-near-misses" },
          );
  } catch (e) {
    invalid = text("p", { class: "mimi-warning" }, `no near misses: ${(e as Error).message}`);
  }
  return [
    element("h4", {}, "Valid examples"),
    valid,
    element("h4", {}, "Near misses (invalid)"),
    invalid,
  ].join("\n");
}

/** What the page needs besides the grammar. */
export interface GrammarPageInput {
  readonly source: GrammarSource;
  readonly schemaUses: ReadonlyArray<GrammarSchemaUse>;
  readonly registry: ReadonlyArray<RequirementEntry>;
  readonly links: SiteLinks;
}

function usesHtml(input: GrammarPageInput, rule: ResolvedRule, from: string): string {
  const { grammar, path } = input.source;
  const key = rule.key;
  const byRules = grammar.ownRuleKeys
    .filter((k) => k !== key && referencedRuleKeys(grammar.rules.get(k)?.body ?? skipNode).has(key))
    .map((k) => grammar.rules.get(k)?.name ?? k);
  const bySchemas = input.schemaUses.filter((u) => u.file === path && ruleKey(u.rule) === key);
  const byRequirements = input.registry.filter(
    (e) => e.check.kind === "grammar-rule" && e.check.file === path && ruleKey(e.check.rule) === key,
  );
  const items = [
    ...byRules.map((r) => `rule ${element("a", { href: `#${headingSlug(r)}` }, code(r))}`),
    ...bySchemas.map((u) => `schema ${schemaLink(input.links.catalog, u.schema)}`),
    ...byRequirements.map((e) => `requirement ${requirementLink(input.links, from, e.id)}`),
  ];
  return [
    element("h4", {}, "Where it is used"),
    items.length === 0
      ? text("p", { class: "mimi-muted" }, "nowhere: no rule, schema or requirement refers to it")
      : list(items),
  ].join("\n");
}

const skipNode: Node = { kind: "concatenation", elements: [], span: { start: 0, end: 0 } };

function ruleSection(input: GrammarPageInput, rule: ResolvedRule, from: string, core: boolean): string {
  const { grammar } = input.source;
  const linkOf = (name: string): string | undefined => {
    const target = grammar.rules.get(ruleKey(name));
    return target === undefined ? undefined : `#${headingSlug(target.name)}`;
  };
  const { abnf, comment } = ruleText(rule);
  const parts = [
    element("div", { class: "mimi-railroad" }, railroadDiagram(rule.name, rule.body, linkOf)),
    preformatted(abnf, { class: "mimi-abnf" }),
    comment === "" ? "" : text("p", { class: "mimi-rule-comment" }, comment),
  ];
  if (!core) parts.push(examplesHtml(grammar, rule), usesHtml(input, rule, from));
  return [`## ${rule.name}`, "", htmlBlock(parts.join("\n"), { class: "mimi-rule" }), ""].join("\n");
}

/** The page of one grammar file. */
export function grammarDocument(input: GrammarPageInput): SiteDocument {
  const { source } = input;
  const from = grammarFile(source.path);
  const own = source.grammar.ownRuleKeys.map((k) => source.grammar.rules.get(k) as ResolvedRule);
  const core = coreRulesUsed(source.grammar);
  const name = source.path.replace(/^.*\//, "");
  const problems = source.grammar.diagnostics.filter((d) => d.severity === "error");
  const intro = [
    element(
      "p",
      {},
      `Every rule of ${code(source.path)}, in file order: a railroad diagram (follow the track from left to right; a box you can click is another rule), the ABNF as written, ${EXAMPLE_COUNT} generated valid strings and ${EXAMPLE_COUNT} near misses (one edit away, rejected by the rule's exact matcher), seed ${EXAMPLE_SEED}.`,
    ),
    problems.length === 0
      ? ""
      : text(
          "p",
          { class: "mimi-warning" },
          `${problems.length} error(s) when loading: ${problems.map((p) => p.message).join("; ")}`,
        ),
    element(
      "p",
      {},
      "Rules: ",
      own.map((r) => element("a", { href: `#${headingSlug(r.name)}` }, code(r.name))).join(", "),
    ),
  ];
  const sections = own.map((r) => ruleSection(input, r, from, false));
  const coreSections = core.map((r) => ruleSection(input, r, from, true));
  return {
    file: from,
    title: name,
    body: [
      `# ${name}`,
      "",
      htmlBlock(intro.join("\n")),
      "",
      ...sections,
      ...(coreSections.length === 0
        ? []
        : [
            htmlBlock(
              `${element("h2", {}, "Core rules used")}\n${text("p", {}, "The RFC 5234 Appendix B core rules these rules refer to.")}`,
            ),
            "",
            ...coreSections,
          ]),
    ].join("\n"),
  };
}

/** The grammar overview page; its children are the file pages. */
export function grammarIndexDocument(inputs: ReadonlyArray<GrammarPageInput>): SiteDocument {
  const from = GRAMMAR_INDEX_FILE;
  const rows = inputs.map((input) => [
    docLink(from, grammarFile(input.source.path), code(input.source.path)),
    String(input.source.grammar.ownRuleKeys.length),
    input.source.grammar.ownRuleKeys
      .map((k) => {
        const name = input.source.grammar.rules.get(k)?.name ?? k;
        return docLink(from, grammarFile(input.source.path), code(name), headingSlug(name));
      })
      .join(", "),
  ]);
  const legend = list([
    "A rounded box is a literal: a quoted string (case-insensitive unless written <code>%s</code>) or a numeric value, with its characters when they are printable.",
    "A square box is another rule; click it to go to that rule's diagram.",
    "A branch is an alternative; a track that bypasses a box above it makes the box optional; a loop underneath repeats it, with its counts written under the loop.",
  ]);
  return {
    file: from,
    title: "Grammar",
    body: [
      "# Grammar",
      "",
      htmlBlock(
        [
          text(
            "p",
            {},
            "The ABNF of the reference spec, as pictures. Generated from spec/grammar/*.abnf every time the docs are built.",
          ),
          table(["File", "Rules", "Rule list"], rows),
          element("h3", {}, "Reading a railroad diagram"),
          legend,
        ].join("\n"),
      ),
    ].join("\n"),
    children: inputs.map(grammarDocument),
  };
}
