/**
 * `m.room.member` content (LM §int-ev-member): the membership of the user named by the state
 * key. LM's names are the default profile; SIG-00 and POL-00 call the same event `m.room.user`
 * with `participation` (OQ-EVENT-3). Redaction keeps `membership`.
 *
 * @module
 */
import { Schema } from "effect";
import { openStruct } from "../open-object.ts";

/**
 * LM's membership states. A user with no membership event is in `leave`. The same five values
 * are POL-00's ParticipationState.
 */
export const Membership = Schema.Literals(["invite", "join", "leave", "ban", "knock"]).pipe(
  Schema.annotate({
    // A title, not an identifier: Effect names a failing schema by its identifier, and for
    // a short list the values say more (`Expected "a" | "b"`).
    title: "Membership",
    description: "A membership state: invite, join, leave, ban or knock.",
  }),
);

/** A membership state. */
export type Membership = typeof Membership.Type;

/** `m.room.member` content: `membership`, and an optional human-readable `reason`. */
export const MembershipEventContent = openStruct({
  membership: Membership,
  reason: Schema.optionalKey(Schema.String),
}).pipe(
  Schema.annotate({
    identifier: "MembershipEventContent",
    description:
      "m.room.member content: membership (invite, join, leave, ban, knock) and an optional reason.",
    examples: [{ membership: "invite" } as never, { membership: "ban", reason: "spam" } as never],
  }),
);

/** The content of a membership event. */
export type MembershipEventContent = typeof MembershipEventContent.Type;
