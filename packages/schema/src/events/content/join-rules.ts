/**
 * `m.room.join_rules` content (LM §int-ev-join-rules). LM leaves `restricted` and the default
 * TODO; POL-00 calls the field `rule` and defaults to `invite` (OQ-AUTH-5). Redaction keeps
 * `join_rule`.
 *
 * @module
 */
import { Schema } from "effect";
import { openStruct } from "../open-object.ts";

/** LM's join rules: `public` (anyone may join), `knock` (invite needed, may ask) and `invite`. */
export const JoinRule = Schema.Literals(["public", "knock", "invite"]).pipe(
  Schema.annotate({
    // A title, not an identifier: Effect names a failing schema by its identifier, and for
    // a short list the values say more (`Expected "a" | "b"`).
    title: "JoinRule",
    description: "A join rule: public, knock or invite.",
  }),
);

/** A join rule. */
export type JoinRule = typeof JoinRule.Type;

/** `m.room.join_rules` content: `join_rule`. Values LM marks TODO, such as `restricted`, are rejected. */
export const JoinRulesEventContent = openStruct({ join_rule: JoinRule }).pipe(
  Schema.annotate({
    identifier: "JoinRulesEventContent",
    description: "m.room.join_rules content: join_rule (public, knock or invite).",
    examples: [{ join_rule: "invite" } as never],
  }),
);

/** The content of a join-rules event. */
export type JoinRulesEventContent = typeof JoinRulesEventContent.Type;
