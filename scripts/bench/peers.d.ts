// Minimal types for the benchmark peers that ship none: only what the suite calls.

declare module "abnf" {
  /** The rules of a parsed ABNF text (node-abnf's `Rules`). */
  export interface AbnfRules {
    /** Rule definitions keyed by upper-case name. */
    readonly defs: Readonly<Record<string, unknown>>;
    /** Converts the rules reachable from `startRule` to another grammar language. */
    toFormat(options: { format: "peggy" | "pest"; startRule?: string | string[]; stubs?: boolean }): string;
  }
  /** Parses an ABNF text; throws a peggy `SyntaxError` on bad input. */
  export function parseString(text: string, grammarSource?: string, utf16?: boolean): AbnfRules;
}

declare module "apg-lite/lib/parser.js" {
  /** The result of one `Parser.parse` call. */
  export interface ApgLiteResult {
    readonly success: boolean;
    readonly matched: number;
    readonly length: number;
  }
  /** A grammar object as `apg-js` generates it with the `lite` option. */
  export interface ApgLiteGrammar {
    readonly rules: ReadonlyArray<unknown>;
    readonly udts: ReadonlyArray<unknown>;
  }
  /** apg-lite's recursive-descent parser (first-match alternatives, greedy repetitions). */
  export class Parser {
    parse(grammar: ApgLiteGrammar, startRule: string, input: string, data?: unknown): ApgLiteResult;
  }
}

declare module "apg-js" {
  /** A generated grammar object (`apgApi.toObject()`). */
  export interface ApgGrammarObject {
    readonly rules: ReadonlyArray<unknown>;
    readonly udts: ReadonlyArray<unknown>;
  }
  /** apg-js's parser generator: scans, parses and translates an SABNF text. */
  export interface ApgApi {
    readonly errors: ReadonlyArray<{ readonly line: number; readonly char: number; readonly msg: string }>;
    generate(strict?: boolean): void;
    toSource(config?: { lite?: boolean; typescript?: boolean; funcName?: string }): string;
    toObject(): ApgGrammarObject;
    errorsToAscii(): string;
  }
  /** The result of one `parser.parse` call. */
  export interface ApgResult {
    readonly success: boolean;
    readonly matched: number;
    readonly length: number;
  }
  /** apg-js's parser (apg-lib). */
  export interface ApgParser {
    parse(
      grammar: ApgGrammarObject,
      startRule: string | number,
      input: string | number[],
      data?: unknown,
    ): ApgResult;
  }
  const apgJs: {
    readonly apgApi: new (text: string) => ApgApi;
    readonly apgLib: { readonly parser: new () => ApgParser };
  };
  export default apgJs;
}
