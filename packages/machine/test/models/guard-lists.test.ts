import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Schema } from "effect";
import { describe, expect, it } from "vitest";
import {
  AuthRulesFile,
  CodeGuardModel,
  SEND_PATH_PARTICIPANTS,
  SendPathFile,
} from "../../src/models/guard-lists.ts";
import { decodeModel, formatProblem, ProblemSink } from "../../src/models/problems.ts";

const root = join(import.meta.dirname, "..", "..", "..", "..");
const shipped = (file: string): unknown => JSON.parse(readFileSync(join(root, file), "utf8"));

function decode<S extends Schema.Top>(schema: S, value: unknown) {
  const sink = new ProblemSink("models/send-path.json");
  const decoded = decodeModel(schema, value, sink);
  return { decoded, problems: sink.problems.map(formatProblem) };
}
const problems = (schema: Schema.Top, value: unknown) => decode(schema, value).problems;
const at = (path: string, message: string) => `models/send-path.json: ${path}: ${message}`;

const guard = { guard: "hub.is-hub", requirements: ["HUB-2"], reason: "{hub} is not the hub" };

describe("CodeGuardModel", () => {
  it("decodes a guard with only its required fields, and with lm and enabledWhen", () => {
    expect(decode(CodeGuardModel, guard)).toEqual({ decoded: guard, problems: [] });
    const full = { ...guard, lm: "4.2", enabledWhen: { "crypto.hub-signature": "required" } };
    expect(decode(CodeGuardModel, full)).toEqual({ decoded: full, problems: [] });
  });

  it("reports each bad field at its path", () => {
    expect(
      problems(CodeGuardModel, {
        guard: "is-hub",
        requirements: [],
        reason: "",
        lm: 4,
        enabledWhen: { a: 1 },
      }),
    ).toEqual([
      at("$.guard", "Expected a dotted guard id such as dm.no-add"),
      at("$.lm", "Expected string"),
      at("$.requirements", "Expected at least one requirement id"),
      at("$.reason", "Expected a non-empty reason"),
      at("$.enabledWhen.a", "Expected string"),
    ]);
    expect(problems(CodeGuardModel, { guard: "a.b" })).toEqual([
      at("$.requirements", "Missing key"),
      at("$.reason", "Missing key"),
    ]);
    expect(problems(CodeGuardModel, { ...guard, reasons: "x" })).toEqual([
      at("$.reasons", "Expected no excess property"),
    ]);
  });
});

describe("AuthRulesFile", () => {
  it("decodes the shipped auth-rules.json: the LM guards the code implements", () => {
    const { decoded, problems: found } = decode(AuthRulesFile, shipped("models/auth-rules.json"));
    expect(found).toEqual([]);
    expect(decoded?.guards.slice(0, 4).map((g) => g.guard)).toEqual([
      "id.no-ip-literal-server",
      "receive.signatures",
      "create.room-id-unused",
      "create.no-prev",
    ]);
  });

  it("asks for guards, and reports bad ones by index", () => {
    expect(problems(AuthRulesFile, {})).toEqual([at("$.guards", "Missing key")]);
    expect(problems(AuthRulesFile, { $comment: "c", guards: [guard, { ...guard, guard: "x" }] })).toEqual([
      at("$.guards[1].guard", "Expected a dotted guard id such as dm.no-add"),
    ]);
  });
});

describe("SendPathFile", () => {
  it("has the four participants of the send path", () => {
    expect(SEND_PATH_PARTICIPANTS).toEqual(["client", "origin", "hub", "follower"]);
  });

  it("decodes the shipped send-path.json: its guards and the message sequence", () => {
    const { decoded, problems: found } = decode(SendPathFile, shipped("models/send-path.json"));
    expect(found).toEqual([]);
    expect(decoded?.sequence.map((s) => `${s.from}>${s.to}`)).toEqual([
      "client>origin",
      "origin>hub",
      "hub>hub",
      "hub>follower",
      "hub>origin",
      "hub>follower",
      "follower>follower",
    ]);
    expect(decoded?.sequence[1]?.guards).toEqual([
      "send.one-txn-in-flight",
      "hub.room-known",
      "hub.is-hub",
      "hub.accept-limited-event",
    ]);
  });

  it("decodes a sequence step with and without guards", () => {
    const file = {
      guards: [guard],
      sequence: [
        { from: "client", to: "origin", label: "send" },
        { from: "origin", to: "hub", label: "submit", guards: ["hub.is-hub"] },
        { from: "hub", to: "follower", label: "fan out", guards: [] },
      ],
    };
    expect(decode(SendPathFile, file)).toEqual({ decoded: file, problems: [] });
  });

  it("refuses unknown participants and bad guard ids in a step", () => {
    expect(
      problems(SendPathFile, {
        guards: [],
        sequence: [
          { from: "server", to: "hub", label: "x", guards: ["hub"] },
          { from: "hub", to: "client" },
        ],
      }),
    ).toEqual([
      at("$.sequence[0].from", 'Expected "client" | "origin" | "hub" | "follower"'),
      at("$.sequence[0].guards[0]", "Expected a dotted guard id such as dm.no-add"),
      at("$.sequence[1].label", "Missing key"),
    ]);
  });
});
