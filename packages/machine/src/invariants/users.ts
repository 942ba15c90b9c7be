/**
 * Invariants of users: a user ID belongs to exactly one provider (ID-3). Within the model that
 * means every user is served by the server its ID names: only that server keeps the user's
 * profile, and every event in a room's history carries that server's signature.
 *
 * @module
 */
import { userIdParts } from "@mimi-spec/schema";
import { historyOf } from "../state/replica.ts";
import type { Invariant } from "./invariant.ts";
import { hubRooms } from "./walk.ts";

/** The invariants of users. */
export const userInvariants: ReadonlyArray<Invariant> = [
  {
    id: "users.id-unique",
    requirements: ["ID-3"],
    description:
      "Each user ID is served by exactly the server it names: no other server keeps its profile, and every accepted event is signed by its sender's server.",
    check(world) {
      for (const [server, state] of world.servers)
        for (const user of state.persisted.profiles.keys())
          if (userIdParts(user).server !== server) return `${server} keeps a profile for ${user}`;
      for (const { room, replica } of hubRooms(world)) {
        if (replica === undefined) continue;
        for (const event of historyOf(replica)) {
          const home = userIdParts(event.sender).server;
          if (!event.signedBy.includes(home))
            return `${room}: ${event.event_id} speaks for ${event.sender} without a signature of ${home}`;
        }
      }
      return undefined;
    },
  },
];
