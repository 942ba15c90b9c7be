/**
 * The length limits `mimi check` compares a draft's stated limits with, read from the schemas
 * themselves: for each identifier and text schema, the longest value it accepts is found by
 * asking the schema (a binary search over generated values), so a draft saying "at most 256
 * characters" for a user ID is compared with what `UserId` really enforces, not with a copy of
 * the number. The event size, a limit on canonical JSON, is the schema's own constant.
 *
 * @module
 */
import { EXPECTED_LIMITS, type ExpectedLimit, type LimitSubject } from "@mimi-spec/drafts";
import { EventType, MAX_EVENT_BYTES, RoomId, ServerName, StateKey, UserId } from "@mimi-spec/schema";
import { Schema } from "effect";

/** How to ask a schema about values of a given length. */
export interface SchemaProbe {
  /** The schema's name, for messages. */
  readonly schema: string;
  readonly is: (value: string) => boolean;
  /** A value of exactly `length` characters that is valid but for its length. */
  readonly make: (length: number) => string;
  /** The shortest length `make` supports. */
  readonly min: number;
}

const SERVER = ":example.org";

const PROBES: Partial<Record<LimitSubject, SchemaProbe>> = {
  user_id: {
    schema: "UserId",
    is: Schema.is(UserId),
    make: (n) => `@${"a".repeat(n - 1 - SERVER.length)}${SERVER}`,
    min: 2 + SERVER.length,
  },
  room_id: {
    schema: "RoomId",
    is: Schema.is(RoomId),
    make: (n) => `!${"a".repeat(n - 1 - SERVER.length)}${SERVER}`,
    min: 2 + SERVER.length,
  },
  server_name: { schema: "ServerName", is: Schema.is(ServerName), make: (n) => "a".repeat(n), min: 1 },
  event_type: { schema: "EventType", is: Schema.is(EventType), make: (n) => "a".repeat(n), min: 1 },
  state_key: { schema: "StateKey", is: Schema.is(StateKey), make: (n) => "a".repeat(n), min: 1 },
};

/** Probes longer than this are not tried: a schema accepting them has no length limit to speak of. */
const MAX_PROBE = 1 << 16;

/**
 * The longest length whose value `probe.is` accepts, assuming every shorter one is accepted too;
 * `undefined` when even the shortest is refused or nothing up to {@link MAX_PROBE} is.
 */
export function longestAccepted(probe: SchemaProbe): number | undefined {
  if (!probe.is(probe.make(probe.min)) || probe.is(probe.make(MAX_PROBE))) return undefined;
  let accepted = probe.min;
  let refused = MAX_PROBE;
  while (refused - accepted > 1) {
    const mid = (accepted + refused) >> 1;
    if (probe.is(probe.make(mid))) accepted = mid;
    else refused = mid;
  }
  return accepted;
}

let cached: ReadonlyArray<ExpectedLimit> | undefined;

/**
 * The expected limits with the numbers the schemas enforce, and the schema named as the source.
 * Subjects no schema limits keep the drafts package's default.
 */
export function schemaLimits(): ReadonlyArray<ExpectedLimit> {
  cached ??= EXPECTED_LIMITS.map((limit) => {
    if (limit.subject === "event")
      return {
        ...limit,
        max: MAX_EVENT_BYTES,
        source: `MAX_EVENT_BYTES of @mimi-spec/schema; ${limit.source}`,
      };
    const probe = PROBES[limit.subject];
    const max = probe === undefined ? undefined : longestAccepted(probe);
    if (probe === undefined || max === undefined) return limit;
    return { ...limit, max, source: `the ${probe.schema} schema; ${limit.source}` };
  });
  return cached;
}
