/**
 * `@mimi-spec/drafts`: reads Internet-Draft text in the formats spec editors use (kramdown-rfc
 * markdown, RFCXML v3, xml2rfc plain text and HTML) and extracts what `mimi check` verifies:
 * ABNF blocks, identifier examples, stated limits, BCP 14 sentences and requirement IDs, each
 * mapped back to its line and column in the draft. {@link checkDraft} checks them and the
 * `format*` functions report the findings as text, JSON or SARIF.
 *
 * May import: `@mimi-spec/grammar`.
 *
 * @packageDocumentation
 * @module @mimi-spec/drafts
 */
export * from "./check/check-draft.ts";
export * from "./check/citations.ts";
export * from "./check/dfa-difference.ts";
export * from "./check/example-check.ts";
export * from "./check/grammar-check.ts";
export * from "./check/known-imports.ts";
export * from "./check/limit-check.ts";
export * from "./check/reference-check.ts";
export * from "./check/reference-grammar.ts";
export * from "./check/rule-closure-key.ts";
export * from "./check/rule-difference.ts";
export * from "./check/rule-references.ts";
export * from "./extract/abnf-shape.ts";
export * from "./extract/bcp14.ts";
export * from "./extract/examples.ts";
export * from "./extract/extract-draft.ts";
export * from "./extract/limits.ts";
export * from "./extract/prose.ts";
export * from "./extract/requirement-ids.ts";
export * from "./extract/sentences.ts";
export * from "./finding.ts";
export * from "./format/detect.ts";
export * from "./format/document.ts";
export * from "./format/html.ts";
export * from "./format/markdown.ts";
export * from "./format/markup.ts";
export * from "./format/markup-reader.ts";
export * from "./format/parse-draft.ts";
export * from "./format/plain-text.ts";
export * from "./format/xml.ts";
export * from "./input/decode.ts";
export * from "./report/json.ts";
export * from "./report/sarif.ts";
export * from "./report/text.ts";
export * from "./text/entities.ts";
export * from "./text/lines.ts";
export * from "./text/mapped-text.ts";
export * from "./text/span.ts";
