/**
 * What the project generates: each target names its inputs (paths relative to the repository
 * root) and the file it writes. Data flows one way: `spec/` and `models/` in, committed
 * TypeScript out.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadGrammar } from "@mimi-spec/grammar";
import { formatProblem, loadModels, MODEL_FILES, type Models } from "@mimi-spec/machine/models";
import { generateGrammarModule } from "./grammar-module.ts";
import { generateDiagramsModule, generateGuardsModule, generateTablesModule } from "./machine-module.ts";

/** One generated file. */
export interface GenerationTarget {
  /** Input paths relative to the repository root. */
  readonly inputs: ReadonlyArray<string>;
  /** Output path relative to the repository root. */
  readonly output: string;
  /** Produces the file's text from the repository root, or throws a {@link GenerationError}. */
  readonly generate: (root: string) => string;
}

/** A target could not be generated; the message says which input and why. */
export class GenerationError extends Error {
  override readonly name = "GenerationError";
}

/** A target that turns ABNF files into a parser module. */
export function grammarTarget(
  inputs: ReadonlyArray<string>,
  output: string,
  runtimeImport: string,
): GenerationTarget {
  return {
    inputs,
    output,
    generate(root) {
      const grammar = loadGrammar(
        inputs.map((name) => ({ name, text: readFileSync(join(root, name), "utf8") })),
      );
      const errors = grammar.diagnostics.filter((d) => d.severity === "error");
      if (errors.length > 0) {
        throw new GenerationError(errors.map((d) => `${d.source.name}: ${d.message}`).join("\n"));
      }
      const result = generateGrammarModule(grammar, { sources: inputs, runtimeImport });
      if (!result.ok) {
        throw new GenerationError(
          result.problems.map((p) => `${inputs.join(", ")}: rule ${p.rule}: ${p.reason}`).join("\n"),
        );
      }
      return result.text;
    },
  };
}

/** The model files every machine target reads. */
export const MACHINE_MODEL_INPUTS: ReadonlyArray<string> = Object.values(MODEL_FILES);

/**
 * A target that turns the models into one generated machine module. Loading fails with every
 * problem (file, JSON path, message) rather than the first.
 */
export function machineTarget(
  output: string,
  generate: (models: Models, sources: ReadonlyArray<string>) => string,
): GenerationTarget {
  return {
    inputs: MACHINE_MODEL_INPUTS,
    output,
    generate(root) {
      const loaded = loadModels(root);
      if (!loaded.ok) throw new GenerationError(loaded.problems.map(formatProblem).join("\n"));
      return generate(loaded.models, MACHINE_MODEL_INPUTS);
    },
  };
}

/** The project's generation targets. */
export const projectTargets: ReadonlyArray<GenerationTarget> = [
  grammarTarget(
    ["spec/grammar/identifiers.abnf"],
    "packages/schema/src/generated/identifiers.grammar.ts",
    "@mimi-spec/grammar/runtime",
  ),
  grammarTarget(
    ["spec/grammar/events.abnf"],
    "packages/schema/src/generated/events.grammar.ts",
    "@mimi-spec/grammar/runtime",
  ),
  machineTarget("packages/machine/src/generated/guards.ts", generateGuardsModule),
  machineTarget("packages/machine/src/generated/tables.ts", generateTablesModule),
  machineTarget("packages/machine/src/generated/diagrams.ts", generateDiagramsModule),
];
