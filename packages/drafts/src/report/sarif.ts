/**
 * Findings as SARIF 2.1.0, the format code-scanning services (GitHub's among them) read: one
 * run of the tool "mimi", a rule for every finding code used, and each finding as a result at its
 * draft's line and column. Columns count Unicode code points, as the run says (`columnKind`).
 *
 * @module
 */
import { type Finding, FindingCodes } from "../finding.ts";

/** The SARIF 2.1.0 schema's address. */
export const SARIF_SCHEMA =
  "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/** A SARIF log, as far as this module writes it. */
export interface SarifLog {
  readonly $schema: string;
  readonly version: "2.1.0";
  readonly runs: ReadonlyArray<SarifRun>;
}

/** One run of the tool. */
export interface SarifRun {
  readonly tool: {
    readonly driver: {
      readonly name: string;
      readonly version?: string;
      readonly informationUri?: string;
      readonly rules: ReadonlyArray<SarifRule>;
    };
  };
  readonly columnKind: "unicodeCodePoints";
  readonly results: ReadonlyArray<SarifResult>;
}

/** A rule: one finding code. */
export interface SarifRule {
  readonly id: string;
  readonly shortDescription: { readonly text: string };
  readonly defaultConfiguration: { readonly level: "error" | "warning" | "note" };
}

/** One finding. */
export interface SarifResult {
  readonly ruleId: string;
  readonly ruleIndex: number;
  readonly level: "error" | "warning" | "note";
  readonly message: { readonly text: string };
  readonly locations: ReadonlyArray<{
    readonly physicalLocation: {
      readonly artifactLocation: { readonly uri: string };
      readonly region: {
        readonly startLine: number;
        readonly startColumn: number;
        readonly endLine?: number;
        readonly endColumn?: number;
        readonly snippet?: { readonly text: string };
      };
      readonly contextRegion?: { readonly startLine: number; readonly snippet: { readonly text: string } };
    };
  }>;
  readonly properties?: { readonly hint: string };
}

/** Options for {@link toSarif}. */
export interface SarifOptions {
  /** The tool's version, when known. */
  readonly toolVersion?: string;
}

/** A file path as a SARIF artifact URI: relative paths stay relative, absolute ones become `file:` URIs. */
export function artifactUri(path: string): string {
  const slashed = path.replaceAll("\\", "/");
  const encoded = slashed
    .split("/")
    .map((part, k) => (k === 0 && /^[A-Za-z]:$/.test(part) ? part : encodeURIComponent(part)))
    .join("/");
  if (slashed.startsWith("/")) return `file://${encoded}`;
  if (/^[A-Za-z]:\//.test(slashed)) return `file:///${encoded}`;
  return encoded;
}

/** The text of a one-line region, cut from the finding's excerpt (the whole line). */
function regionSnippet(f: Finding): { snippet?: { text: string } } {
  if (f.excerpt === undefined || f.endLine !== f.line || f.endColumn === undefined) return {};
  const text = [...f.excerpt].slice(f.column - 1, f.endColumn - 1).join("");
  return text === "" ? {} : { snippet: { text } };
}

/** Builds the SARIF log of findings. Pure. */
export function toSarif(findings: ReadonlyArray<Finding>, options: SarifOptions = {}): SarifLog {
  const codes = [...new Set(findings.map((f) => f.code))].sort();
  const index = new Map(codes.map((c, k) => [c, k]));
  const rules: SarifRule[] = codes.map((id) => {
    const info = FindingCodes[id];
    return {
      id,
      shortDescription: { text: info?.meaning ?? id },
      defaultConfiguration: { level: info?.severity ?? "warning" },
    };
  });
  const results: SarifResult[] = findings.map((f) => ({
    ruleId: f.code,
    ruleIndex: index.get(f.code) as number,
    level: f.severity,
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: artifactUri(f.file) },
          region: {
            startLine: f.line,
            startColumn: f.column,
            ...(f.endLine === undefined ? {} : { endLine: f.endLine }),
            ...(f.endColumn === undefined ? {} : { endColumn: f.endColumn }),
            ...regionSnippet(f),
          },
          ...(f.excerpt === undefined
            ? {}
            : { contextRegion: { startLine: f.line, snippet: { text: f.excerpt } } }),
        },
      },
    ],
    ...(f.hint === undefined ? {} : { properties: { hint: f.hint } }),
  }));
  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "mimi",
            ...(options.toolVersion === undefined ? {} : { version: options.toolVersion }),
            rules,
          },
        },
        columnKind: "unicodeCodePoints",
        results,
      },
    ],
  };
}

/** Renders findings as a SARIF 2.1.0 JSON document, with a final newline. */
export function formatSarif(findings: ReadonlyArray<Finding>, options: SarifOptions = {}): string {
  return `${JSON.stringify(toSarif(findings, options), null, 2)}\n`;
}
