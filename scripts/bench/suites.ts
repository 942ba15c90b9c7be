/**
 * The three suites of the issue: RFC 3986 URIs against every ABNF peer and a RegExp, RFC 8259 JSON
 * (recursive, so our descent engine, proved exact for it) against Peggy and `JSON.parse`, and the
 * MIMI `user_id` against a hand-written RegExp.
 *
 * @module
 */
import { isUserId } from "../../packages/schema/src/generated/identifiers.grammar.ts";
import { jsonCorpus, uriCorpus, userIdCorpus } from "./corpus.ts";
import { scoreCases } from "./correctness.ts";
import { fixtureGrammar, repoGrammar } from "./grammar-texts.ts";
import type { TimingPlan } from "./measure.ts";
import {
  apgJsPeer,
  apgLitePeer,
  functionPeer,
  oursPeer,
  type Peer,
  peggyPeer,
  regexPeer,
  schemaRegexPeer,
} from "./peer-engines.ts";
import {
  type MissingPeer,
  ratioAgainst,
  type SuiteResult,
  type TargetResult,
  target,
  timeWorkload,
  type WorkloadResult,
} from "./results.ts";

/** What every suite gets from the entry point. */
export interface SuiteContext {
  readonly plan: TimingPlan;
  readonly quick: boolean;
  readonly log: (line: string) => void;
}

/** Builds a peer, or records why it could not be built. */
async function tryPeer(name: string, build: () => Peer | Promise<Peer>): Promise<Peer | MissingPeer> {
  try {
    return await build();
  } catch (e) {
    return { name, reason: (e instanceof Error ? e.message : String(e)).split("\n").slice(0, 3).join(" ") };
  }
}

function isPeer(p: Peer | MissingPeer): p is Peer {
  return "matcher" in p;
}

function notesOf(peers: ReadonlyArray<Peer | MissingPeer>): string[] {
  return peers.flatMap((p) =>
    isPeer(p)
      ? p.note === undefined
        ? []
        : [`${p.name}: ${p.note}`]
      : [`${p.name} unavailable: ${p.reason}`],
  );
}

const URI_RULES = [
  "URI",
  "URI-reference",
  "host",
  "reg-name",
  "IPv4address",
  "IPv6address",
  "path-absolute",
  "scheme",
];

/** RFC 3986: ours ≥ 4× the fastest ABNF peer, and within 1.5× of a RegExp from the same rules. */
export async function uriSuite(ctx: SuiteContext): Promise<SuiteResult> {
  const g = fixtureGrammar("rfc3986-uri");
  const ours = oursPeer(g);
  const abnfPeers = [
    await tryPeer("Peggy (via abnf)", () => peggyPeer(g, URI_RULES)),
    await tryPeer("apg-lite", () => apgLitePeer(g)),
    await tryPeer("apg-js", () => apgJsPeer(g)),
  ];
  const regexes = [
    await tryPeer("RegExp (schema ruleToRegExp)", () => schemaRegexPeer(g)),
    await tryPeer("RegExp (bench regex-from-abnf)", () => regexPeer(g)),
  ];
  const peers = [ours, ...abnfPeers, ...regexes];
  const cases = peers.filter(isPeer).map((p) => scoreCases(p, g.cases));
  const work = uriCorpus(g, ctx.quick);
  ctx.log(`RFC 3986 URI: ${work.inputs.length} inputs, ${work.bytes} bytes`);
  const timed = timeWorkload(peers, work, ctx.plan, ctx.log);
  const oursName = ours.name;
  const fastestAbnf = fastest(timed, oursName, abnfPeers);
  const fastestRegex = fastest(timed, oursName, regexes);
  const targets: TargetResult[] = [
    target(`ours ≥ 4× the fastest ABNF peer (${fastestAbnf?.name ?? "none ran"})`, fastestAbnf?.ratio, 4),
    target(
      `ours within 1.5× of the fastest RegExp from the same rules (${fastestRegex?.name ?? "none ran"})`,
      fastestRegex?.ratio,
      1 / 1.5,
    ),
  ];

  return {
    name: "RFC 3986 URI",
    grammar: "packages/grammar/test/fixtures/rfc/rfc3986-uri.abnf",
    workloads: [timed],
    targets,
    cases,
    notes: notesOf(peers),
  };
}

/** The peer among `candidates` that ours beats by the least (the fastest), with that ratio. */
function fastest(
  timed: WorkloadResult,
  ours: string,
  candidates: ReadonlyArray<Peer | MissingPeer>,
): { name: string; ratio: number } | undefined {
  return candidates
    .filter(isPeer)
    .map((p) => ({ name: p.name, ratio: ratioAgainst(timed, ours, p.name) }))
    .filter((r): r is { name: string; ratio: number } => r.ratio !== undefined)
    .sort((a, b) => a.ratio - b.ratio)[0];
}

const JSON_RULES = ["JSON-text", "value", "number", "string", "char"];

/** RFC 8259 (recursive): ours at least as fast as Peggy; `JSON.parse` for reference. */
export async function jsonSuite(ctx: SuiteContext): Promise<SuiteResult> {
  const g = fixtureGrammar("rfc8259-json");
  const ours = oursPeer(g);
  const peggy = await tryPeer("Peggy (via abnf)", () => peggyPeer(g, JSON_RULES));
  const apgLite = await tryPeer("apg-lite", () => apgLitePeer(g));
  const jsonParse = functionPeer("JSON.parse", (input) => {
    try {
      JSON.parse(input);
      return true;
    } catch {
      return false;
    }
  });
  const peers = [ours, peggy, apgLite, jsonParse];
  const cases = [
    ...[ours, peggy, apgLite].filter(isPeer).map((p) => scoreCases(p, g.cases)),
    // JSON.parse answers only "is this a JSON text?".
    scoreCases(jsonParse, g.cases, (rule) => rule === "JSON-text"),
  ];
  const timed = jsonCorpus(ctx.quick).map((work) => {
    ctx.log(`RFC 8259 JSON: ${work.name}, ${work.bytes} bytes`);
    return timeWorkload(peers, work, ctx.plan, ctx.log);
  });
  const oursName = ours.name;
  const targets = timed.map((w) =>
    target(`ours ≥ Peggy on ${w.workload}`, ratioAgainst(w, oursName, "Peggy (via abnf)"), 1),
  );
  return {
    name: "RFC 8259 JSON",
    grammar: "packages/grammar/test/fixtures/rfc/rfc8259-json.abnf",
    workloads: timed,
    targets,
    cases,
    notes: notesOf(peers),
  };
}

/**
 * The `user_id` RegExp a person would write from the grammar (`hostname` is 1 to 255 of
 * letters, digits, `-` and `.`; `port` is 1 to 5 digits).
 */
export const HAND_WRITTEN_USER_ID = /^@[a-z0-9._=/+-]+:[A-Za-z0-9.-]{1,255}(?::[0-9]{1,5})?$/;

/** Cases labelled by hand from `spec/grammar/identifiers.abnf` (the grammar, not the prose limits). */
const USER_ID_CASES = [
  { input: "@alice:example.org", valid: true, why: "lower-case localpart, host name" },
  { input: "@bob:example.com:8448", valid: true, why: "with a port" },
  { input: "@watch/for/slashes:example.org", valid: true, why: "'/' is a user_id_char" },
  { input: "@a=b+c_d.e-f:x", valid: true, why: "every punctuation user_id_char" },
  { input: "@a:1.2.3.4", valid: true, why: "hostname is any run of dns-char" },
  { input: "@a:b:0", valid: true, why: "port = 1*5DIGIT; its 1-65535 range is prose, not grammar" },
  { input: "@a:b:99999", valid: true, why: "five digits" },
  { input: "@Alice:example.org", valid: false, why: "upper-case letters are not user_id_char" },
  { input: "@:example.org", valid: false, why: "user_id_localpart = 1*user_id_char" },
  { input: "@a:", valid: false, why: "hostname = 1*255dns-char" },
  { input: "@a:b:123456", valid: false, why: "port has at most 5 digits" },
  { input: "@a:b:", valid: false, why: "':' must be followed by a port" },
  { input: "alice:example.org", valid: false, why: "no leading '@'" },
  { input: "@a:exa_mple.org", valid: false, why: "'_' is not a dns-char" },
  { input: "@a:[::1]", valid: false, why: "no IP literals in hostname" },
  { input: `@a:${"h".repeat(255)}`, valid: true, why: "255 dns-chars is the most" },
  { input: `@a:${"h".repeat(256)}`, valid: false, why: "256 dns-chars is one too many" },
  { input: "@a\n:b", valid: false, why: "no control characters" },
].map((c) => ({ rule: "user_id", ...c }));

/** MIMI `user_id`: the generated module's `isUserId` within 1.5× of a hand-written RegExp. */
export async function userIdSuite(ctx: SuiteContext): Promise<SuiteResult> {
  const g = repoGrammar("spec/grammar/identifiers.abnf");
  const generated = functionPeer("ours (generated isUserId)", isUserId);
  const hand = functionPeer("RegExp (hand-written)", (input) => HAND_WRITTEN_USER_ID.test(input));
  const regexes = [
    await tryPeer("RegExp (schema ruleToRegExp)", () => schemaRegexPeer(g)),
    await tryPeer("RegExp (bench regex-from-abnf)", () => regexPeer(g)),
  ];
  const peers = [generated, hand, ...regexes];
  const cases = peers.filter(isPeer).map((p) => scoreCases(p, USER_ID_CASES));
  const work = userIdCorpus(g, ctx.quick);
  ctx.log(`MIMI user_id: ${work.inputs.length} inputs, ${work.bytes} bytes`);
  const timed = timeWorkload(peers, work, ctx.plan, ctx.log);
  return {
    name: "MIMI user_id",
    grammar: "spec/grammar/identifiers.abnf",
    workloads: [timed],
    targets: [
      target(
        "ours within 1.5× of the hand-written RegExp",
        ratioAgainst(timed, generated.name, hand.name),
        1 / 1.5,
      ),
    ],
    cases,
    notes: notesOf(peers),
  };
}
