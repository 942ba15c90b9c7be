/**
 * `mimi grammar check|gen|match|sample`: the ABNF toolkit on the command line.
 *
 * @module
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { generateGrammarModule } from "@mimi-spec/codegen";
import {
  checkGrammar,
  diagnosticToJson,
  explainFailure,
  formatDiagnostic,
  type Grammar,
  type GrammarText,
  loadGrammar,
  type MatchableRule,
  type MatchResult,
  RuleCompiler,
  ruleMatcher,
  sampleRule,
} from "@mimi-spec/grammar";
import { type Io, readTextFile, UserError } from "../io.ts";
import { repoRoot } from "../repo.ts";

/** Help text of the command. */
export const grammarUsage = `mimi grammar <check|gen|match|sample> …

  mimi grammar check FILE… [--define F]… [--start RULE]… [--strict] [--format text|json]
      Report every problem in the grammar (exit 1 on errors).
  mimi grammar gen FILE… --out DIR [--define F]…
      Write a standalone TypeScript parser module (and its runtime) into DIR.
  mimi grammar match FILE… --rule NAME [--define F]… [--input-file F] [--peg]
      Read JSON strings, one per line (from F or standard input), and print one JSON line each:
      {"ok":true} or {"ok":false,"offset":…,"column":…,"expected":[…],"message":"…"}. Exit 1 if any fails.
      --peg matches as PEG-based tools (apg-js, Peggy) do: the first alternative that matches wins
      and repetitions are greedy. That is NOT RFC 5234 and rejects valid strings of real grammars;
      use it only to predict what such a tool will say.
  mimi grammar sample FILE… --rule NAME [-n N] [--seed S] [--invalid] [--define F]…
      Print N generated strings of the rule as JSON lines; with --invalid, near misses as
      {"text":…,"edit":…} (single edits the rule rejects, and which edit it was).`;

const common = {
  define: { type: "string", multiple: true },
  help: { type: "boolean", short: "h" },
} as const;

function loadTexts(io: Io, files: ReadonlyArray<string>): GrammarText[] {
  return files.map((f) => ({ name: f, text: readTextFile(resolve(io.cwd, f)) }));
}

function requireFiles(positionals: ReadonlyArray<string>): void {
  if (positionals.length === 0) throw new UserError(`give at least one grammar FILE\n\n${grammarUsage}`);
}

/** Loads a grammar and refuses to go on when it has errors, printing them. */
function loadOrFail(
  io: Io,
  files: ReadonlyArray<string>,
  defines: ReadonlyArray<string> | undefined,
): Grammar {
  const grammar = loadGrammar(loadTexts(io, files), { defines: loadTexts(io, defines ?? []) });
  const errors = grammar.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) {
    throw new UserError(
      `the grammar has errors (run \`mimi grammar check\`):\n${errors.map(formatDiagnostic).join("\n")}`,
    );
  }
  return grammar;
}

function compileRule(
  grammar: Grammar,
  name: string | undefined,
  semantics: "cfg" | "peg" = "cfg",
): MatchableRule {
  if (name === undefined) throw new UserError("missing --rule NAME");
  const compiled = new RuleCompiler(grammar, { semantics }).compile(name);
  if (compiled.engine === "none") throw new UserError(compiled.reason);
  return compiled;
}

async function check(args: ReadonlyArray<string>, io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      ...common,
      start: { type: "string", multiple: true },
      strict: { type: "boolean" },
      format: { type: "string" },
    },
  });
  if (values.help === true) return usage(io);
  requireFiles(positionals);
  const format = values.format ?? "text";
  if (format !== "text" && format !== "json")
    throw new UserError(`--format must be text or json, not ${format}`);
  const result = checkGrammar(loadTexts(io, positionals), {
    defines: loadTexts(io, values.define ?? []),
    ...(values.strict === true ? { strict: true } : {}),
    ...(values.start === undefined ? {} : { startRules: values.start }),
  });
  const errors = result.diagnostics.filter((d) => d.severity === "error").length;
  if (format === "json") {
    io.out(`${JSON.stringify({ diagnostics: result.diagnostics.map(diagnosticToJson), errors }, null, 2)}\n`);
  } else {
    for (const d of result.diagnostics) io.out(`${formatDiagnostic(d)}\n\n`);
    const warnings = result.diagnostics.filter((d) => d.severity === "warning").length;
    const rules = result.grammar.ownRuleKeys.length;
    io.out(
      `${positionals.join(", ")}: ${rules} rules, ${errors} error(s), ${warnings} warning(s), ${result.diagnostics.length - errors - warnings} note(s)\n`,
    );
  }
  return errors > 0 ? 1 : 0;
}

async function gen(args: ReadonlyArray<string>, io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { ...common, out: { type: "string" } },
  });
  if (values.help === true) return usage(io);
  requireFiles(positionals);
  if (values.out === undefined) throw new UserError("missing --out DIR");
  const grammar = loadOrFail(io, positionals, values.define);
  const module = generateGrammarModule(grammar, {
    sources: positionals.map((p) => basename(p)),
    runtimeImport: "./runtime/index.ts",
  });
  if (!module.ok) throw new UserError(module.problems.map((p) => `rule ${p.rule}: ${p.reason}`).join("\n"));
  const out = resolve(io.cwd, values.out);
  const name = basename(positionals[0] as string).replace(/\.[^.]*$/, "");
  mkdirSync(join(out, "runtime"), { recursive: true });
  writeFileSync(join(out, `${name}.grammar.ts`), module.text);
  for (const [file, text] of runtimeFiles()) writeFileSync(join(out, "runtime", file), text);
  io.out(`wrote ${join(out, `${name}.grammar.ts`)} and its runtime in ${join(out, "runtime")}\n`);
  return 0;
}

/** The runtime files a standalone generated module needs, copied from this repository. */
function runtimeFiles(): Array<[string, string]> {
  const dir = join(repoRoot(), "packages", "grammar", "src", "runtime");
  const files = ["dfa-runtime.ts", "earley-runtime.ts", "descent-runtime.ts"].filter((f) => {
    try {
      readTextFile(join(dir, f));
      return true;
    } catch {
      return false;
    }
  });
  const index = files.map((f) => `export * from "./${f}";`).join("\n");
  return [...files.map((f): [string, string] => [f, readTextFile(join(dir, f))]), ["index.ts", `${index}\n`]];
}

/** The printable form of a match verdict, with a column and a sentence. */
export function matchVerdict(input: string, result: MatchResult) {
  if (result.ok) return { ok: true };
  let column = 1;
  for (let i = 0; i < result.offset && i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) i++;
    column++;
  }
  return {
    ok: false,
    offset: result.offset,
    column,
    expected: result.expected,
    message: explainFailure(input, result),
  };
}

async function match(args: ReadonlyArray<string>, io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      ...common,
      rule: { type: "string" },
      "input-file": { type: "string" },
      peg: { type: "boolean" },
    },
  });
  if (values.help === true) return usage(io);
  requireFiles(positionals);
  const grammar = loadOrFail(io, positionals, values.define);
  const matcher = ruleMatcher(compileRule(grammar, values.rule, values.peg === true ? "peg" : "cfg"));
  const file = values["input-file"];
  const text =
    file === undefined || file === "-" ? await io.readStdin() : readTextFile(resolve(io.cwd, file));
  let failures = 0;
  let lineNumber = 0;
  for (const line of text.split(/\r?\n/)) {
    lineNumber++;
    if (line.trim() === "") continue;
    let input: unknown;
    try {
      input = JSON.parse(line);
    } catch (e) {
      throw new UserError(
        `line ${lineNumber}: not JSON (${(e as Error).message}); give one JSON string per line`,
      );
    }
    if (typeof input !== "string")
      throw new UserError(`line ${lineNumber}: expected a JSON string, got ${JSON.stringify(input)}`);
    const verdict = matchVerdict(input, matcher.match(input));
    if (!verdict.ok) failures++;
    io.out(`${JSON.stringify(verdict)}\n`);
  }
  return failures > 0 ? 1 : 0;
}

async function sample(args: ReadonlyArray<string>, io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      ...common,
      rule: { type: "string" },
      n: { type: "string", short: "n" },
      seed: { type: "string" },
      invalid: { type: "boolean" },
    },
  });
  if (values.help === true) return usage(io);
  requireFiles(positionals);
  const count = Number(values.n ?? "10");
  if (!Number.isInteger(count) || count < 0 || count > 100_000)
    throw new UserError(`-n must be a whole number from 0 to 100000, not ${values.n}`);
  const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
  if (!Number.isInteger(seed)) throw new UserError(`--seed must be an integer, not ${values.seed}`);
  const grammar = loadOrFail(io, positionals, values.define);
  if (values.rule === undefined) throw new UserError("missing --rule NAME");
  let samples: ReturnType<typeof sampleRule>;
  try {
    samples = sampleRule(grammar, values.rule, { count, seed, invalid: values.invalid === true });
  } catch (e) {
    throw new UserError((e as Error).message);
  }
  // Valid samples print as JSON strings; near misses as {"text","edit"} so the edit is visible.
  for (const s of samples) io.out(`${JSON.stringify(s.edit === undefined ? s.text : s)}\n`);
  return 0;
}

function usage(io: Io): number {
  io.out(`${grammarUsage}\n`);
  return 0;
}

/** Runs the command; returns the exit status. */
export async function grammarCommand(args: ReadonlyArray<string>, io: Io): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case "check":
      return check(rest, io);
    case "gen":
      return gen(rest, io);
    case "match":
      return match(rest, io);
    case "sample":
      return sample(rest, io);
    case undefined:
    case "--help":
    case "-h":
      return usage(io);
    default:
      throw new UserError(`unknown subcommand \`${sub}\`\n\n${grammarUsage}`);
  }
}
