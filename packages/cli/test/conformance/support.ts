import { join } from "node:path";
import { eventVectorFile } from "../../src/vectors/events.ts";
import { grammarVectorFile } from "../../src/vectors/grammar.ts";
import { IDENTIFIER_KIND_SPECS, identifierVectorFile } from "../../src/vectors/identifiers.ts";
import { policyVectorFile } from "../../src/vectors/policy.ts";
import type { VectorSet } from "../../src/vectors/vector-set.ts";

/** The deliberately broken adapter, as a shell command. */
export const BROKEN_ADAPTER = `"${process.execPath}" "${join(import.meta.dirname, "fixtures", "broken-adapter.mjs")}"`;

/** The reference adapter, as a shell command (tsx loads the TypeScript sources). */
export const REFERENCE_ADAPTER = `"${process.execPath}" --import tsx "${join(import.meta.dirname, "..", "..", "src", "conformance", "reference-adapter.ts")}"`;

/**
 * A small vector set, quick to build: user_id and server_name identifiers, three JCS events,
 * two pol-00 traces, two grammar vectors of `port` and those of `dns-char`.
 */
export function smallVectorSet(): VectorSet {
  const events = eventVectorFile(["jcs"]);
  const policy = policyVectorFile("pol-00");
  const grammar = grammarVectorFile(["spec/grammar/identifiers.abnf"]);
  return {
    identifiers: identifierVectorFile(
      IDENTIFIER_KIND_SPECS.filter((s) => s.kind === "user_id" || s.kind === "server_name"),
    ),
    events: { ...events, vectors: events.vectors.slice(0, 3) },
    policy: [
      {
        ...policy,
        vectors: policy.vectors.filter(
          (v) => v.id.endsWith("/trace/public-chat") || v.id.endsWith("/generated/kick-target-joined"),
        ),
      },
    ],
    grammar: {
      ...grammar,
      // Only two `port` vectors: the broken adapter hangs on each, which costs a timeout.
      vectors: grammar.vectors.filter(
        (v) => v.id.endsWith("/port/valid/01") || v.id.endsWith("/port/invalid/01") || v.rule === "dns-char",
      ),
    },
  };
}
