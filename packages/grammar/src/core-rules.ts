/**
 * The core rules of RFC 5234 Appendix B.1, built into every grammar. A grammar's own rule of the
 * same name (compared case-insensitively) replaces the core rule.
 *
 * @module
 */
import type { RuleDefinition } from "./ast.ts";
import { parseAbnf } from "./parse.ts";
import type { SourceText } from "./source.ts";

/** RFC 5234 Appendix B.1, verbatim apart from the comments. */
export const CORE_RULES_ABNF = `ALPHA  = %x41-5A / %x61-7A   ; A-Z / a-z
BIT    = "0" / "1"
CHAR   = %x01-7F             ; any 7-bit US-ASCII character, excluding NUL
CR     = %x0D                ; carriage return
CRLF   = CR LF               ; Internet standard newline
CTL    = %x00-1F / %x7F      ; controls
DIGIT  = %x30-39             ; 0-9
DQUOTE = %x22                ; " (Double Quote)
HEXDIG = DIGIT / "A" / "B" / "C" / "D" / "E" / "F"
HTAB   = %x09                ; horizontal tab
LF     = %x0A                ; linefeed
LWSP   = *(WSP / CRLF WSP)   ; linear-white-space (use with care in mail headers)
OCTET  = %x00-FF             ; 8 bits of data
SP     = %x20
VCHAR  = %x21-7E             ; visible (printing) characters
WSP    = SP / HTAB           ; white space
`;

let parsed: { source: SourceText; rules: ReadonlyArray<RuleDefinition> } | undefined;

/** The parsed core rules (parsed once, on first use). */
export function coreRules(): { source: SourceText; rules: ReadonlyArray<RuleDefinition> } {
  if (parsed === undefined) {
    const result = parseAbnf("<RFC 5234 core rules>", CORE_RULES_ABNF);
    parsed = { source: result.source, rules: result.rules.rules };
  }
  return parsed;
}
