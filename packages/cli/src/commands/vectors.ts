/**
 * `mimi vectors --out DIR`: writes the conformance test vectors (identifiers, events, policy
 * traces per profile, grammar), the JSON Schema of each file and an `index.json`.
 *
 * @module
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { type Io, UserError } from "../io.ts";
import { generateVectorSet, MANIFEST_FILE, renderVectorSet, writeVectorSet } from "../vectors/vector-set.ts";

/** Help text of the command. */
export const vectorsUsage = `mimi vectors --out DIR

Writes deterministic, versioned conformance test vectors into DIR (created if needed):
  identifiers.json        valid and invalid strings per identifier kind, with reasons
  events.json             LPDUs and PDUs with canonical JSON (JCS and Matrix), hashes, IDs, redactions
  policy-PROFILE.json     traces with each step's verdict and the final state, one file per profile
  grammar.json            strings per ABNF rule of spec/grammar with the exact verdict
each with its JSON Schema (2020-12) beside it (*.schema.json), and index.json listing them with
their vector counts and SHA-256 digests. Two runs write the same bytes. Run the vectors against
an implementation with \`mimi conformance --impl COMMAND --vectors DIR\`.`;

/** Runs the command; returns the exit status. */
export async function vectorsCommand(args: ReadonlyArray<string>, io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { out: { type: "string" }, help: { type: "boolean", short: "h" } },
    allowPositionals: true,
  });
  if (values.help === true) {
    io.out(`${vectorsUsage}\n`);
    return 0;
  }
  if (positionals.length > 0) throw new UserError(`unexpected argument ${positionals[0]}\n\n${vectorsUsage}`);
  if (values.out === undefined || values.out === "")
    throw new UserError(`missing --out DIR\n\n${vectorsUsage}`);
  const dir = resolve(io.cwd, values.out);
  const set = generateVectorSet();
  try {
    writeVectorSet(set, dir);
  } catch (e) {
    throw new UserError(`cannot write to ${dir}: ${(e as Error).message}`);
  }
  const manifest = JSON.parse(renderVectorSet(set).get(MANIFEST_FILE) ?? "{}") as {
    files: Array<{ file: string; vectors: number }>;
  };
  const total = manifest.files.reduce((n, f) => n + f.vectors, 0);
  io.out(
    `wrote ${total} vectors in ${manifest.files.length} files (with their schemas and ${MANIFEST_FILE}) to ${dir}\n`,
  );
  for (const f of manifest.files) io.out(`  ${f.file.padEnd(26)} ${String(f.vectors).padStart(5)} vectors\n`);
  return 0;
}
