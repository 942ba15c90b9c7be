/**
 * The draft's ABNF, checked as one grammar: every block is a text of the grammar, rules a draft
 * uses from known documents are supplied or noted, and every diagnostic of the grammar toolkit is
 * turned into a finding at the draft's own line and column.
 *
 * @module
 */
import {
  checkGrammar,
  type Diagnostic,
  type Grammar,
  type GrammarText,
  loadGrammar,
  parseAbnf,
  RuleCompiler,
  type SourceText,
  type Span,
} from "@mimi-spec/grammar";
import type { AbnfBlock, DraftExtraction } from "../extract/extract-draft.ts";
import { type Finding, severityOf } from "../finding.ts";
import { spanOf } from "../text/span.ts";
import { findCitations } from "./citations.ts";
import { type ImportSource, KNOWN_IMPORTS, knownImport } from "./known-imports.ts";
import { referencesIn } from "./rule-references.ts";

/** Limits that keep a hostile or generated draft from making the grammar analysis slow. */
export interface GrammarLimits {
  /** Most characters of ABNF checked (default 1 MiB: RFC 9110's whole grammar is under 20 kB). */
  readonly maxAbnfChars?: number;
  /** Most ABNF blocks checked (default 2000). */
  readonly maxAbnfBlocks?: number;
}

/** A range of the draft, as UTF-16 offsets. */
export interface DraftRange {
  readonly offset: number;
  readonly endOffset: number;
}

/** The grammar findings and the grammar itself (absent when there was nothing to check). */
export interface GrammarCheck {
  readonly findings: Finding[];
  readonly grammar?: Grammar;
  /**
   * Where a span of one of the grammar's texts stands in the draft; `undefined` for texts that
   * are not the draft's own (the known imports supplied for it).
   */
  readonly locate?: (source: SourceText, span: Span) => DraftRange | undefined;
  /** Compiles the grammar's rules, shared by the later checks so each rule is compiled once. */
  readonly compiler?: RuleCompiler;
}

/** What a finding is built from: a draft range and the rest. */
type FindingAt = Omit<Finding, "file" | "line" | "column" | "endLine" | "endColumn" | "excerpt">;

/** Checks a draft's ABNF. */
export function checkDraftGrammar(extraction: DraftExtraction, limits: GrammarLimits = {}): GrammarCheck {
  const { document } = extraction;
  const path = document.path;
  const findings: Finding[] = [];
  const at = (offset: number, endOffset: number, f: FindingAt): Finding => {
    const span = spanOf(document.source, offset, endOffset);
    return {
      file: path,
      line: span.line,
      column: span.column,
      endLine: span.endLine,
      endColumn: span.endColumn,
      ...f,
    };
  };

  for (const b of extraction.abnfBlocks) {
    if (b.block.external === undefined) continue;
    findings.push(
      at(b.offset, b.endOffset, {
        severity: "note",
        code: "external-source",
        message: `ABNF block refers to the external file \`${b.block.external}\`, which is not checked`,
        hint: "check the file itself with `mimi grammar check`",
      }),
    );
  }
  const blocks = extraction.abnfBlocks.filter((b) => b.block.external === undefined);
  if (blocks.length === 0) {
    findings.push({
      file: path,
      line: 1,
      column: 1,
      severity: "note",
      code: "no-abnf",
      message: `no ABNF found in this ${extraction.format} draft, so no grammar or example was checked`,
      hint: abnfHint(extraction.format),
    });
    return { findings };
  }
  const size = blocks.reduce((n, b) => n + b.block.text.length, 0);
  const maxChars = limits.maxAbnfChars ?? 1024 * 1024;
  const maxBlocks = limits.maxAbnfBlocks ?? 2000;
  if (size > maxChars || blocks.length > maxBlocks) {
    const first = blocks[0] as AbnfBlock;
    findings.push(
      at(first.offset, first.offset, {
        severity: "warning",
        code: "abnf-too-large",
        message: `the draft holds ${blocks.length} ABNF blocks with ${size} characters, more than the ${maxBlocks} blocks or ${maxChars} characters checked; the grammar and examples were not checked`,
        hint: "a generated or concatenated file? check the grammar on its own with `mimi grammar check`",
      }),
    );
    return { findings };
  }

  const texts: GrammarText[] = blocks.map((b, k) => ({ name: `${path}#abnf-${k + 1}`, text: b.block.text }));
  const blockByName = new Map(texts.map((t, k) => [t.name, blocks[k] as AbnfBlock]));

  // Pass 1: which rules does the draft use without defining them?
  const draftOnly = loadGrammar(texts);
  const draftSources = new Set(draftOnly.sources);
  const used = referencesIn(draftOnly, draftSources);
  const missing = [...used.keys()].filter((key) => !draftOnly.rules.has(key));
  const supplied = suppliedImports(missing, draftOnly);

  // Pass 2: the real check, with the known documents' ABNF supplied.
  const result = checkGrammar(
    texts,
    supplied.text === "" ? {} : { defines: [{ name: "<known imports>", text: supplied.text }] },
  );
  const grammarSources = new Set(result.grammar.sources.filter((s) => blockByName.has(s.name)));

  const toDraft = (source: SourceText, span: Span): DraftRange | undefined => {
    const block = blockByName.get(source.name);
    if (block === undefined) return undefined;
    const map = block.block.map;
    return { offset: map.toOriginal(span.start), endOffset: map.toOriginalEnd(span.end) };
  };
  const where = (source: SourceText, span: Span): string => {
    const r = toDraft(source, span);
    if (r === undefined) return source.name;
    const p = document.source.lineColAt(r.offset);
    return `line ${p.line}, column ${p.column}`;
  };

  // Undefined rules: known imports and cited rules are notes; the rest stay errors.
  const undefinedNames = result.diagnostics
    .filter((d) => d.code === "undefined-rule" && grammarSources.has(d.source))
    .map((d) => d.source.text.slice(d.span.start, d.span.end));
  const uncited = [...new Set(undefinedNames)].filter((n) => knownImport(n) === undefined);
  const citations = findCitations(uncited, extraction);
  const noted = new Set<string>();

  for (const d of result.diagnostics) {
    if (!grammarSources.has(d.source)) continue; // the supplied imports are trusted text
    const range = toDraft(d.source, d.span);
    if (range === undefined) continue;
    if (d.code === "undefined-rule") {
      const name = d.source.text.slice(d.span.start, d.span.end);
      const key = name.toLowerCase();
      const known = knownImport(name);
      const cited = citations.get(key);
      if (known !== undefined || cited !== undefined) {
        if (noted.has(key)) continue;
        noted.add(key);
        findings.push(
          at(range.offset, range.endOffset, {
            severity: "note",
            code: known !== undefined ? "imported-rule" : "cited-rule",
            message:
              known !== undefined
                ? `rule \`${name}\` is not defined in the draft; it comes from ${known.from}, which the project does not hold as ABNF, so rules using it cannot be matched`
                : `rule \`${name}\` is not defined in the draft, which cites ${cited?.citation} for it (line ${cited?.line}, column ${cited?.column})`,
            hint: "say where the rule comes from in a comment, or copy its definition into the draft",
          }),
        );
        continue;
      }
    }
    if (d.code === "duplicate-rule" && isRepetition(d)) {
      const first = d.related?.[0];
      findings.push(
        at(range.offset, range.endOffset, {
          severity: "note",
          code: "repeated-rule",
          message: `rule \`${d.source.text.slice(d.span.start, d.span.end)}\` is defined again with the same text${first === undefined ? "" : ` (first at ${where(first.source, first.span)})`}`,
        }),
      );
      continue;
    }
    const finding = fromDiagnostic(d, where);
    // The toolkit's hint speaks of `--define`; a draft's fix is a definition or a citation.
    const hint =
      d.code === "undefined-rule" && finding.hint?.startsWith("did you mean") !== true
        ? "define it in the draft, or say in a comment or sentence which document it comes from (e.g. `; see [RFC3986]`)"
        : finding.hint;
    findings.push(at(range.offset, range.endOffset, { ...finding, ...(hint === undefined ? {} : { hint }) }));
  }

  for (const [key, origin] of supplied.origins) {
    const site = used.get(key)?.[0];
    if (site === undefined) continue;
    const range = toDraft(site.source, site.span);
    if (range === undefined) continue;
    findings.push(
      at(range.offset, range.endOffset, {
        severity: "note",
        code: "imported-rule",
        message: `rule \`${site.name}\` is not defined in the draft; its definition is taken from ${origin.from}`,
      }),
    );
  }
  return { findings, grammar: result.grammar, locate: toDraft, compiler: new RuleCompiler(result.grammar) };
}

function fromDiagnostic(d: Diagnostic, where: (source: SourceText, span: Span) => string): FindingAt {
  const related = (d.related ?? []).map((r) => `${r.message} at ${where(r.source, r.span)}`);
  return {
    severity: severityOf(d.severity),
    code: d.code,
    message: related.length === 0 ? d.message : `${d.message} (${related.join("; ")})`,
    ...(d.hint === undefined ? {} : { hint: d.hint }),
  };
}

/** Whether a `duplicate-rule` repeats the first definition word for word (comments and spacing aside). */
function isRepetition(d: Diagnostic): boolean {
  const first = d.related?.[0];
  if (first === undefined) return false;
  const again = definitionText(d.source, d.span);
  const original = definitionText(first.source, first.span);
  return again !== undefined && again === original;
}

/** The normalised text of the definition whose name is at `nameSpan`. */
function definitionText(source: SourceText, nameSpan: Span): string | undefined {
  const parsed = parseAbnf(source.name, source.text);
  const def = parsed.rules.rules.find((r) => r.nameSpan.start === nameSpan.start);
  if (def === undefined) return undefined;
  return source.text
    .slice(def.span.start, def.span.end)
    .replace(/;[^\r\n]*/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** The ABNF supplied for missing rules the known documents define, and where each came from. */
function suppliedImports(
  missing: ReadonlyArray<string>,
  draft: Grammar,
): { text: string; origins: Map<string, ImportSource> } {
  const origins = new Map<string, ImportSource>();
  const texts: string[] = [];
  const parsedBundles = new Map<ImportSource, ReturnType<typeof parseAbnf>>();
  const queue = [...missing];
  const taken = new Set<string>();
  while (queue.length > 0) {
    const key = queue.shift() as string;
    if (taken.has(key) || draft.rules.has(key)) continue;
    const source = KNOWN_IMPORTS.find(
      (s) => s.abnf !== undefined && s.rules.some((r) => r.toLowerCase() === key),
    );
    if (source?.abnf === undefined) continue;
    let parsed = parsedBundles.get(source);
    if (parsed === undefined) {
      parsed = parseAbnf(source.from, source.abnf);
      parsedBundles.set(source, parsed);
    }
    const def = parsed.rules.rules.find((r) => r.name.toLowerCase() === key);
    if (def === undefined) continue;
    taken.add(key);
    if (missing.includes(key)) origins.set(key, source);
    texts.push(parsed.source.text.slice(def.span.start, def.span.end));
    const refs = /[A-Za-z][A-Za-z0-9_-]*/g;
    const body = parsed.source.text
      .slice(def.nameSpan.end, def.span.end)
      .replace(/"[^"]*"|<[^>]*>|%[a-zA-Z][0-9A-Fa-f.-]*/g, " ");
    for (const m of body.matchAll(refs)) queue.push(m[0].toLowerCase());
  }
  return { text: texts.length === 0 ? "" : `${texts.join("\n")}\n`, origins };
}

function abnfHint(format: DraftExtraction["format"]): string {
  switch (format) {
    case "markdown":
      return "mark ABNF blocks with ```` ```abnf ```` or `~~~ abnf`";
    case "xml":
      return 'put ABNF in <sourcecode type="abnf">';
    case "html":
      return 'ABNF is found in <pre class="sourcecode lang-abnf"> (xml2rfc output)';
    case "text":
      return "ABNF is found by shape: lines `name = elements` with deeper-indented continuation lines";
  }
}
