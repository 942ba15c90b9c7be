/**
 * Open question OQ-ID-1 as the machine reads it. LM's grammar accepts `1.2.3.4` as a server name
 * but its prose forbids IP literals; the profile option `id.server-name-ip-literals` picks the
 * reading. Under `forbid` the guard `id.no-ip-literal-server` refuses any event whose sender, room,
 * target user or named hub is on an IPv4-literal server; under `allow` the guard is off and such
 * names work like any other. (No IPv6 literal gets this far: the grammar has no brackets, so no
 * user or room ID can hold one.)
 *
 * The check is the schema package's {@link ipLiteralProblem}, the same filter `StrictServerName`
 * applies, so the machine and the schema cannot disagree on what an IP literal is.
 *
 * @module
 */
import { ipLiteralProblem } from "@mimi-spec/schema";
import type { EventFields } from "../event.ts";
import type { Rejected } from "../verdict.ts";
import { type CheckContext, check, guardEnabled } from "./guard.ts";

/** An identifier of an event that names an IP-literal server. */
export interface IpLiteralName {
  /** What the identifier is to the event: `sender`, `room`, `target` or `hub_server`. */
  readonly role: "sender" | "room" | "target" | "hub_server";
  /** The identifier as the event has it. */
  readonly identifier: string;
  /** The IP-literal server it names. */
  readonly server: string;
  /** Why that server name is an IP literal ({@link ipLiteralProblem}'s words). */
  readonly problem: string;
}

/** The fields of an event (limited or fully formed) that name servers. */
export type ServerNamingFields = Pick<EventFields, "sender" | "room_id" | "state_key" | "hub_server">;

/** The server part of a user or room ID: everything after the first `:` (no localpart holds one). */
const serverPart = (identifier: string): string => identifier.slice(identifier.indexOf(":") + 1);

/** `identifier` as an {@link IpLiteralName} when `server` is an IPv4 literal. */
function literal(role: IpLiteralName["role"], identifier: string, server: string): IpLiteralName | undefined {
  const problem = ipLiteralProblem(server);
  return problem === undefined ? undefined : { role, identifier, server, problem };
}

/**
 * The first identifier of `event` on an IPv4-literal server, or `undefined` when none is: the
 * sender's, the room's, a user state key's (the target of a membership change), `hub_server`.
 */
export function ipLiteralName(event: ServerNamingFields): IpLiteralName | undefined {
  const key = event.state_key;
  // The policy treats `@` state keys as user IDs; finding the server needs no full grammar check.
  const userKey = key?.startsWith("@") === true && key.includes(":");
  return (
    literal("sender", event.sender, serverPart(event.sender)) ??
    literal("room", event.room_id, serverPart(event.room_id)) ??
    (userKey ? literal("target", key, serverPart(key)) : undefined) ??
    (event.hub_server === undefined ? undefined : literal("hub_server", event.hub_server, event.hub_server))
  );
}

/**
 * The guard `id.no-ip-literal-server`: under `id.server-name-ip-literals = forbid`, refuses an
 * event that names an IP-literal server; under `allow` it is not evaluated at all.
 */
export function checkServerNames(ctx: CheckContext, event: ServerNamingFields): Rejected | undefined {
  if (!guardEnabled(ctx, "id.no-ip-literal-server")) return undefined;
  const found = ipLiteralName(event);
  return check(ctx, "id.no-ip-literal-server", found === undefined, () => ({
    value: `${found?.role} ${found?.identifier}`,
    detail: found?.problem,
  }));
}
