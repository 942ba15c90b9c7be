/**
 * Test helper: the project's reference grammar (`spec/grammar/*.abnf`), loaded once, named as
 * `mimi check` names it.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ReferenceGrammar } from "../../src/check/reference-grammar.ts";

let loaded: ReferenceGrammar | undefined;

/** The reference grammar of the repository. */
export function projectReference(): ReferenceGrammar {
  loaded ??= new ReferenceGrammar(
    ["identifiers", "events"].map((name) => ({
      name: `spec/grammar/${name}.abnf`,
      text: readFileSync(
        fileURLToPath(new URL(`../../../../spec/grammar/${name}.abnf`, import.meta.url)),
        "utf8",
      ),
    })),
  );
  return loaded;
}
