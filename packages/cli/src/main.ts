/**
 * The `mimi` command line: dispatches to subcommands and turns user errors into messages and
 * exit status 2, never a stack trace.
 *
 * @module
 */
import { checkCommand, checkUsage } from "./commands/check.ts";
import { conformanceCommand, conformanceUsage } from "./commands/conformance.ts";
import { docsCommand, docsUsage } from "./commands/docs.ts";
import { genCommand, genUsage } from "./commands/gen.ts";
import { grammarCommand, grammarUsage } from "./commands/grammar.ts";
import { modelCommand, modelUsage } from "./commands/model.ts";
import { validateCommand, validateUsage } from "./commands/validate.ts";
import { vectorsCommand, vectorsUsage } from "./commands/vectors.ts";
import { type Io, UserError } from "./io.ts";

/** A subcommand: its one-line summary, usage text and runner. */
interface Command {
  readonly summary: string;
  readonly usage: string;
  readonly run: (args: ReadonlyArray<string>, io: Io) => Promise<number>;
}

const commands: Readonly<Record<string, Command>> = {
  validate: { summary: "check JSON values against a schema", usage: validateUsage, run: validateCommand },
  grammar: {
    summary: "check ABNF, generate parsers, match and sample strings",
    usage: grammarUsage,
    run: grammarCommand,
  },
  model: {
    summary:
      "run traces of the reference room / hub / policy machine, model-check it, score its mutation tests",
    usage: modelUsage,
    run: modelCommand,
  },
  gen: {
    summary: "write JSON Schema or TypeScript types for every schema",
    usage: genUsage,
    run: genCommand,
  },
  check: { summary: "check a draft's ABNF, examples and limits", usage: checkUsage, run: checkCommand },
  docs: { summary: "build the documentation site", usage: docsUsage, run: docsCommand },
  vectors: {
    summary: "write conformance test vectors and their JSON Schemas",
    usage: vectorsUsage,
    run: vectorsCommand,
  },
  conformance: {
    summary: "run the conformance vectors against another implementation",
    usage: conformanceUsage,
    run: conformanceCommand,
  },
};

const NAME_WIDTH = Math.max(...Object.keys(commands).map((name) => name.length)) + 1;

/** The top-level help text. */
export const mainUsage = `mimi: an executable, model-checked reference for the IETF MIMI drafts

Usage: mimi <command> [options]

Commands:
${Object.entries(commands)
  .map(([name, c]) => `  ${name.padEnd(NAME_WIDTH)} ${c.summary}`)
  .join("\n")}

Run \`mimi <command> --help\` for a command's options.`;

/** Runs the CLI with `args` (without the program name); returns the exit status. */
export async function main(args: ReadonlyArray<string>, io: Io): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.out(`${mainUsage}\n`);
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (command === undefined) {
    io.err(`mimi: unknown command \`${name}\`\n\n${mainUsage}\n`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UserError) {
      io.err(`mimi ${name}: ${e.message}\n`);
      return e.exitCode;
    }
    // parseArgs reports unknown or malformed options with this code; they are usage errors.
    if (e instanceof TypeError && "code" in e && String(e.code).startsWith("ERR_PARSE_ARGS")) {
      io.err(`mimi ${name}: ${e.message}\n\n${command.usage}\n`);
      return 2;
    }
    throw e;
  }
}
