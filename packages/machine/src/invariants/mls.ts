/**
 * The invariant of MLS access control: every room has a policy, one of its chat type's
 * templates (MLSACP-1).
 *
 * @module
 */
import { mlsAcpInForce, templateFits } from "../policy/mls.ts";
import type { Invariant } from "./invariant.ts";
import { hubRooms } from "./walk.ts";

/** The invariants of MLS access control. */
export const mlsInvariants: ReadonlyArray<Invariant> = [
  {
    id: "room.has-mls-acp",
    requirements: ["MLSACP-1"],
    description:
      "Every room has an MLS access-control policy in force, and it is one of its chat type's templates.",
    check(world) {
      for (const { room, replica } of hubRooms(world)) {
        const state = replica?.state;
        if (state?.chatType === undefined) continue;
        const policy = mlsAcpInForce(state);
        if (!templateFits(policy, state.chatType))
          return `${room} (${state.chatType}) has the MLS policy ${policy ?? "(none)"}, which is not a template for it`;
      }
      return undefined;
    },
  },
];
