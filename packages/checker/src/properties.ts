/**
 * The checker's own properties of worlds: requirements read independently of the machine's
 * invariants, so that a policy bug the machine's invariants would replay and approve (they reuse
 * its authorization) is still caught. Each reads the room's create event and current
 * memberships, never the policy.
 *
 * @module
 */
import { pentries, type World } from "@mimi-spec/machine";

/** A checker property: like a machine invariant, plus the guard that should refuse what breaks it. */
export interface CheckerProperty {
  readonly id: string;
  readonly requirements: ReadonlyArray<string>;
  readonly description: string;
  /** Describes the first violation, with the guard that should have refused it. */
  readonly check: (world: World) => { readonly message: string; readonly guard: string } | undefined;
}

const PRESENT = new Set(["invite", "join", "knock"]);

/** Every checker property. */
export const CHECKER_PROPERTIES: ReadonlyArray<CheckerProperty> = [
  {
    id: "model.fixed-members",
    requirements: ["CHAT-1", "CHAT-3", "CHAT-6", "CHAT-7"],
    description:
      "Nobody but the members a DM's or group DM's create event names is ever invited to, joined to or knocking on it.",
    check(world) {
      for (const [room, hub] of world.rooms) {
        const replica = world.servers.get(hub)?.persisted.rooms.get(room);
        const chatType = replica?.state.create.content.chat_type;
        if (replica === undefined || (chatType !== "dm" && chatType !== "group-dm")) continue;
        const named = replica.state.create.content.members;
        const members = Array.isArray(named) ? named : [];
        for (const [user, membership] of pentries(replica.state.memberships))
          if (PRESENT.has(membership) && !members.includes(user))
            return {
              message: `${room}: ${user} is ${membership} in the ${chatType}, whose members are fixed to ${members.join(", ")}`,
              guard: chatType === "dm" ? "dm.no-add" : "group-dm.no-add",
            };
      }
      return undefined;
    },
  },
];
