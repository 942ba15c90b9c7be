/**
 * `@mimi-spec/drafts`: reads Internet-Draft text in the formats spec editors use (kramdown-rfc
 * markdown, RFCXML v3, xml2rfc plain text and HTML) and extracts what `mimi check` verifies:
 * ABNF blocks, identifier examples, stated limits, BCP 14 sentences and requirement IDs, each
 * mapped back to its line and column in the draft.
 *
 * May import: `@mimi-spec/grammar`.
 *
 * @packageDocumentation
 * @module @mimi-spec/drafts
 */
export {};
