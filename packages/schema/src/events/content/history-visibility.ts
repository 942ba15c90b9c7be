/**
 * `m.room.history_visibility` content. LM leaves the event TODO but its redaction algorithm keeps
 * `history_visibility`, so the field has LM's (Matrix's) name; the values are POL-00's, whose
 * field is called `visibility`. Note Matrix spells the last one `world_readable`.
 *
 * @module
 */
import { Schema } from "effect";
import { openStruct } from "../open-object.ts";

/** POL-00's history visibilities; `shared` is the default while a room has none (OQ-HIST-1). */
export const HistoryVisibility = Schema.Literals(["invited", "joined", "shared", "world"]).pipe(
  Schema.annotate({
    // A title, not an identifier: Effect names a failing schema by its identifier, and for
    // a short list the values say more (`Expected "a" | "b"`).
    title: "HistoryVisibility",
    description: "Who may see the room's history: invited, joined, shared or world (POL-00).",
  }),
);

/** A history visibility. */
export type HistoryVisibility = typeof HistoryVisibility.Type;

/** `m.room.history_visibility` content: `history_visibility`. */
export const HistoryVisibilityEventContent = openStruct({ history_visibility: HistoryVisibility }).pipe(
  Schema.annotate({
    identifier: "HistoryVisibilityEventContent",
    description: "m.room.history_visibility content: history_visibility (invited, joined, shared or world).",
    examples: [{ history_visibility: "shared" } as never],
  }),
);

/** The content of a history-visibility event. */
export type HistoryVisibilityEventContent = typeof HistoryVisibilityEventContent.Type;
