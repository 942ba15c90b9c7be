/**
 * The two readings of open question OQ-ID-1, "may a server name be an IP literal?", as schemas.
 *
 * LM's grammar (`server_name = hostname [":" port]`, `hostname = 1*255dns-char`) accepts
 * `1.2.3.4`, since digits and dots are dns-chars; it cannot express brackets, so no IPv6 literal
 * parses at all. LM's prose then says IPv4 and IPv6 literals MUST NOT be used. {@link ServerName}
 * is the grammar's reading (IPv4 literals allowed); {@link StrictServerName} adds LM's prose rule.
 * The profile option `id.server-name-ip-literals` picks one ({@link serverNameSchemaFor}); its
 * default is `forbid`.
 *
 * What counts as an IPv4 literal: a host of four dot-separated groups of one to three digits,
 * Matrix's `IPv4address` and RFC 1123 §2.1's "dotted-decimal form #.#.#.#", which that RFC says
 * no valid host name has. Out-of-range groups (`999.1.1.1`) count too: the form is what makes a
 * name look like an address. Shorter numeric forms some resolvers also read as addresses
 * (`127.1`, `2130706433`) are not counted, as neither draft mentions them.
 *
 * @module
 */
import { Schema } from "effect";
import { ServerName } from "./server-name.ts";

/** The profile option that chooses between the readings (registry entry OQ-ID-1). */
export const SERVER_NAME_IP_LITERALS_OPTION = "id.server-name-ip-literals";

/** The choices of {@link SERVER_NAME_IP_LITERALS_OPTION}: LM's prose, or the grammar alone. */
export type ServerNameIpLiterals = "forbid" | "allow";

/** The default choice of {@link SERVER_NAME_IP_LITERALS_OPTION} (LM's MUST NOT). */
export const DEFAULT_SERVER_NAME_IP_LITERALS: ServerNameIpLiterals = "forbid";

/** A host in dotted-decimal form, with the optional port of a server name. */
const IPV4_LITERAL = /^[0-9]{1,3}(?:\.[0-9]{1,3}){3}(?::[0-9]*)?$/;

/** {@link IPV4_LITERAL} for JSON Schema (Unicode mode). */
const IPV4_LITERAL_PATTERN = "^[0-9]{1,3}(?:\\.[0-9]{1,3}){3}(?::[0-9]*)?$";

/** Why a server name (that the grammar accepts) is an IP literal LM forbids, or `undefined`. */
export function ipLiteralProblem(serverName: string): string | undefined {
  if (!IPV4_LITERAL.test(serverName)) return undefined;
  const colon = serverName.indexOf(":");
  const host = colon < 0 ? serverName : serverName.slice(0, colon);
  return `${host} is an IPv4 literal; LM forbids IP literals as server names (profile option ${SERVER_NAME_IP_LITERALS_OPTION} = forbid)`;
}

/**
 * The IP-literal rule of a user or room ID's server part (everything after the first `:`, since
 * localparts cannot hold one), for checks on whole identifiers under the `forbid` reading.
 */
export function serverPartIpLiteralProblem(identifier: string): string | undefined {
  return ipLiteralProblem(identifier.slice(identifier.indexOf(":") + 1));
}

/** A server name as LM's prose has it: the grammar, the limits, and no IPv4 literal. */
export const StrictServerName = ServerName.pipe(
  Schema.check(
    Schema.makeFilter((name: string) => ipLiteralProblem(name), {
      expected: "a server name that is not an IP literal",
      toJsonSchema: () => ({ not: { pattern: IPV4_LITERAL_PATTERN } }),
    }),
  ),
  Schema.brand("StrictServerName"),
  Schema.annotate({
    identifier: "StrictServerName",
    description:
      "A server name as LM's prose reads it: a ServerName whose host is not an IPv4 literal (#.#.#.#); profile option id.server-name-ip-literals = forbid.",
    examples: ["example.org" as never, "example.org:5678" as never],
  }),
);

/** A server name that is not an IP literal. */
export type StrictServerName = typeof StrictServerName.Type;

/** The server-name schema of a choice of {@link SERVER_NAME_IP_LITERALS_OPTION}. */
export function serverNameSchemaFor(
  choice: ServerNameIpLiterals,
): typeof ServerName | typeof StrictServerName {
  return choice === "allow" ? ServerName : StrictServerName;
}
