/**
 * The reference implementation's side of the protocol: the answer mimi-spec gives to each
 * request, computed with the same packages that generate the vectors (`@mimi-spec/schema` for
 * identifiers and events, `@mimi-spec/machine` for traces, `@mimi-spec/grammar` for ABNF). The
 * stdin/stdout loop around it is `reference-adapter.ts`.
 *
 * @module
 */
import { loadGrammar, RuleCompiler, ruleMatcher } from "@mimi-spec/grammar";
import { decodeTrace, runTrace } from "@mimi-spec/machine";
import { type JsonObject, schemaProblem } from "@mimi-spec/schema";
import type { Schema } from "effect";
import { eventOutcome } from "../vectors/event-algorithms.ts";
import { identifierSchema } from "../vectors/identifiers.ts";
import { finalStateOf, stepVerdictOf } from "../vectors/policy.ts";
import { IDENTIFIER_KINDS, type IdentifierKind } from "../vectors/shapes.ts";
import { PROTOCOL_NAME, PROTOCOL_VERSION } from "./protocol.ts";

/** The name the reference gives in the handshake. */
export const REFERENCE_NAME = "mimi-spec reference";

type Message = Readonly<Record<string, unknown>>;

const matchers = new Map<string, (input: string) => boolean>();

function ruleTest(abnf: string, file: string, rule: string): ((input: string) => boolean) | string {
  const key = `${file}\u0000${rule}\u0000${abnf}`;
  const cached = matchers.get(key);
  if (cached !== undefined) return cached;
  const grammar = loadGrammar([{ name: file, text: abnf }]);
  const compiled = new RuleCompiler(grammar).compile(rule);
  if (compiled.engine === "none") return compiled.reason;
  const test = ruleMatcher(compiled).test;
  matchers.set(key, test);
  return test;
}

function traceResult(request: Message): unknown {
  // Keys the request leaves out stay out: the trace schema refuses `undefined` values.
  const optional = (key: string) => (request[key] === undefined ? {} : { [key]: request[key] });
  const decoded = decodeTrace({
    description: String(request.vector ?? "trace"),
    ...optional("profile"),
    ...optional("options"),
    ...optional("delivery"),
    ...optional("eventIds"),
    steps: Array.isArray(request.actions) ? request.actions.map((action) => ({ action })) : request.actions,
  });
  if (!decoded.ok) throw new Error(decoded.problems.map((p) => `${p.path}: ${p.message}`).join("; "));
  const result = runTrace(decoded.trace);
  if (!result.ok) throw new Error(result.message);
  return { steps: result.run.steps.map((s) => stepVerdictOf(s.verdict)), final: finalStateOf(result.run) };
}

/** The result of one request, `{ unsupported }` for what the reference does not do; throws on bad input. */
function resultOf(request: Message): { result: unknown } | { unsupported: true; reason: string } {
  switch (request.type) {
    case "hello":
      return {
        result: {
          protocol: PROTOCOL_NAME,
          version: PROTOCOL_VERSION,
          implementation: REFERENCE_NAME,
          implementationVersion: "0.1.0",
        },
      };
    case "identifier": {
      if (!(IDENTIFIER_KINDS as ReadonlyArray<unknown>).includes(request.kind))
        return { unsupported: true, reason: `unknown identifier kind ${JSON.stringify(request.kind)}` };
      const schema = identifierSchema(request.kind as IdentifierKind) as Schema.Decoder<unknown>;
      const problem = schemaProblem(schema, request.value);
      return { result: problem === undefined ? { valid: true } : { valid: false, reason: problem } };
    }
    case "event": {
      const form = request.form === "lpdu" ? "lpdu" : "pdu";
      const profile = request.profile === "matrix" ? "matrix" : "jcs";
      const outcome = eventOutcome(request.event as JsonObject, form, profile);
      return { result: outcome.ok ? outcome.results : { rejected: `${outcome.code}: ${outcome.message}` } };
    }
    case "trace":
      return { result: traceResult(request) };
    case "grammar": {
      const test = ruleTest(String(request.abnf), String(request.file), String(request.rule));
      if (typeof test === "string") throw new Error(test);
      return { result: { matches: test(String(request.input)) } };
    }
    default:
      return { unsupported: true, reason: `unknown request type ${JSON.stringify(request.type)}` };
  }
}

/** The response line to one request line, or `undefined` for `bye` (the adapter then exits). */
export function answerLine(line: string): string | undefined {
  let request: Message;
  try {
    const parsed: unknown = JSON.parse(line);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
      throw new Error("not an object");
    request = parsed as Message;
  } catch (e) {
    return JSON.stringify({ id: null, error: `unreadable request: ${(e as Error).message}` });
  }
  if (request.type === "bye") return undefined;
  try {
    return JSON.stringify({ id: request.id, ...resultOf(request) });
  } catch (e) {
    return JSON.stringify({ id: request.id, error: (e as Error).message });
  }
}
