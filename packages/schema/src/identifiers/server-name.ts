/**
 * Server names: the provider part of every identifier.
 *
 * @module
 */
import { Schema } from "effect";
import { serverName as matchServerName } from "../generated/identifiers.grammar.ts";
import { grammarString } from "./grammar-string.ts";

/** The highest TCP port. The grammar's `1*5DIGIT` allows up to 99999. */
const MAX_PORT = 65535;

/** Checks the port range that the grammar leaves to prose, on a string the grammar accepted. */
export function portProblem(serverName: string): string | undefined {
  const colon = serverName.lastIndexOf(":");
  if (colon < 0) return undefined;
  const port = portNumber(serverName, colon + 1);
  return port >= 1 && port <= MAX_PORT
    ? undefined
    : `port ${serverName.slice(colon + 1)} is outside 1-${MAX_PORT}`;
}

/**
 * The number written from `start` to the end of `text`, as `Number` reads it. A run of digits
 * (what the grammar allows, and what every server name with a port has) is read in place,
 * without cutting out a substring; this runs for every identifier of every event.
 */
function portNumber(text: string, start: number): number {
  let value = 0;
  for (let i = start; i < text.length; i++) {
    const digit = text.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return Number(text.slice(start));
    value = value * 10 + digit;
  }
  return value;
}

/**
 * The prose checks of the server part of a user or room ID (everything after the first `:`,
 * since localparts cannot hold one).
 */
export function serverPartProblem(identifier: string): string | undefined {
  return portProblem(identifier.slice(identifier.indexOf(":") + 1));
}

/**
 * A server name (`hostname [ ":" port ]`, LM's grammar for RFC 1123 host names), case
 * sensitive, with the port in 1-65535.
 */
export const ServerName = grammarString({
  grammar: { file: "spec/grammar/identifiers.abnf", rule: "server_name" },
  match: matchServerName,
  maxLength: 255,
  prose: [portProblem],
}).pipe(
  Schema.brand("ServerName"),
  Schema.annotate({
    identifier: "ServerName",
    description:
      "A server name: a host name of letters, digits, '-' and '.', optionally ':' and a port (1-65535).",
    examples: ["example.org" as never, "example.org:5678" as never],
  }),
);

/** A valid server name. */
export type ServerName = typeof ServerName.Type;
