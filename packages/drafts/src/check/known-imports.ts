/**
 * Rules drafts use without defining them because another document does: the known-imports
 * table. A rule found here is a note (the draft relies on a known document); a rule used but
 * neither defined, nor cited, nor known is an error. Where the project holds the other
 * document's ABNF (the MIMI identifiers grammar), it is supplied, so examples built on it can
 * still be checked. The RFC 5234 core rules are built into the grammar toolkit.
 *
 * @module
 */

/** A document rules are imported from, and the rules it defines. */
export interface ImportSource {
  /** How to cite it in messages. */
  readonly from: string;
  readonly rules: ReadonlyArray<string>;
  /** Its ABNF, when the project holds it: supplied for the rules a draft uses but does not define. */
  readonly abnf?: string;
}

/**
 * The MIMI server name grammar, from draft-ralston-mimi-linearized-matrix-04 (RFC 1123 host
 * names with an optional port), as the project's `spec/grammar/identifiers.abnf` holds it.
 */
export const MIMI_SERVER_NAME_ABNF = `server_name = hostname [ ":" port ]
port        = 1*5DIGIT
hostname    = 1*255dns-char
dns-char    = DIGIT / ALPHA / "-" / "."
`;

/** The known imports, by source document. */
export const KNOWN_IMPORTS: ReadonlyArray<ImportSource> = [
  {
    from: "the MIMI identifiers grammar (draft-ralston-mimi-linearized-matrix-04, server names)",
    rules: ["server_name", "hostname", "port", "dns-char"],
    abnf: MIMI_SERVER_NAME_ABNF,
  },
  {
    from: "RFC 3986 (URI), Appendix A",
    rules: [
      "URI",
      "URI-reference",
      "absolute-URI",
      "relative-ref",
      "relative-part",
      "hier-part",
      "scheme",
      "authority",
      "userinfo",
      "host",
      "IP-literal",
      "IPvFuture",
      "IPv6address",
      "IPv4address",
      "h16",
      "ls32",
      "dec-octet",
      "reg-name",
      "path-abempty",
      "path-absolute",
      "path-noscheme",
      "path-rootless",
      "path-empty",
      "segment-nz",
      "segment-nz-nc",
      "pchar",
      "query",
      "fragment",
      "pct-encoded",
      "unreserved",
      "reserved",
      "gen-delims",
      "sub-delims",
    ],
  },
  {
    from: "RFC 3339 (date and time), Section 5.6",
    rules: [
      "date-time",
      "full-date",
      "full-time",
      "partial-time",
      "date-fullyear",
      "date-month",
      "date-mday",
      "time-hour",
      "time-minute",
      "time-second",
      "time-secfrac",
      "time-numoffset",
      "time-offset",
    ],
  },
  {
    from: "RFC 5322 (Internet Message Format), Section 3.4.1",
    rules: ["addr-spec", "local-part", "mailbox"],
  },
  {
    from: "RFC 9110 (HTTP Semantics), Section 5.6",
    rules: [
      "token",
      "tchar",
      "OWS",
      "RWS",
      "BWS",
      "quoted-string",
      "qdtext",
      "quoted-pair",
      "obs-text",
      "field-name",
      "field-value",
      "media-type",
    ],
  },
  { from: "RFC 8259 (JSON)", rules: ["JSON-text"] },
  { from: "RFC 5646 (language tags)", rules: ["Language-Tag", "langtag"] },
];

/** The known import of a rule name (case-insensitive), if any. */
export function knownImport(name: string): ImportSource | undefined {
  const key = name.toLowerCase();
  return KNOWN_IMPORTS.find((s) => s.rules.some((r) => r.toLowerCase() === key));
}
