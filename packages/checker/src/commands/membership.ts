/**
 * The membership commands: invite, join, leave, knock, kick, ban and unban. Sensible candidates
 * follow the memberships the hub holds (a joined user invites someone not yet in, an invited
 * user joins, a joined user bans someone); wild ones pair any user with any room and target,
 * including rooms that do not exist.
 *
 * @module
 */
import type { Action } from "@mimi-spec/machine";
import type { Model } from "../model.ts";
import { ActionCommand } from "./command.ts";
import { joinRuleAt, knownTo, membershipAt, pairs, roomsFor, targets } from "./world-view.ts";

type SelfKind = "join" | "leave" | "knock";
type TargetKind = "invite" | "kick" | "ban" | "unban";

/** Which memberships make a self-directed action worth trying. */
const SELF_WANTS: Readonly<Record<SelfKind, (membership: string) => boolean>> = {
  join: (m) => m === "invite" || m === "knock" || m === "leave",
  leave: (m) => m === "invite" || m === "join" || m === "knock",
  knock: (m) => m === "leave" || m === "invite",
};

/** A user joins, leaves or knocks on a room. */
export class SelfMembershipCommand extends ActionCommand {
  constructor(
    pick: number,
    wild: boolean,
    readonly kind: SelfKind,
  ) {
    super(pick, wild);
  }

  candidates(model: Readonly<Model>): Action[] {
    const all = pairs(model.scope.users, roomsFor(model, this.wild));
    const chosen = this.wild
      ? all
      : all.filter(([user, room]) => SELF_WANTS[this.kind](membershipAt(model.world, room, user)));
    // Offer first what moves a room forward: an invited user joining, a knock on a room whose
    // join rule is knock (any other knock is refused by the join rule before the later rules run).
    const preferred = this.wild
      ? []
      : this.kind === "join"
        ? chosen.filter(([user, room]) => membershipAt(model.world, room, user) === "invite")
        : this.kind === "knock"
          ? chosen.filter(([, room]) => joinRuleAt(model.world, room) === "knock")
          : [];
    return (preferred.length > 0 ? preferred : chosen).map(([user, room]) => ({
      kind: this.kind,
      user,
      room,
    }));
  }
}

/** Whether a joined `sender` acting on `target` (with membership `m`) is worth trying. */
const TARGET_WANTS: Readonly<Record<TargetKind, (m: string, known: boolean) => boolean>> = {
  invite: (m) => m !== "join" && m !== "ban",
  kick: (m, known) => known && m !== "leave" && m !== "ban",
  ban: (m) => m !== "ban",
  unban: (m) => m === "ban",
};

/** A user invites, removes, bans or unbans another. */
export class TargetMembershipCommand extends ActionCommand {
  constructor(
    pick: number,
    wild: boolean,
    readonly kind: TargetKind,
  ) {
    super(pick, wild);
  }

  candidates(model: Readonly<Model>): Action[] {
    const { world } = model;
    const out: Action[] = [];
    for (const [user, room] of pairs(model.scope.users, roomsFor(model, this.wild))) {
      if (!this.wild && membershipAt(world, room, user) !== "join") continue;
      for (const target of targets(model)) {
        if (
          this.wild ||
          (target !== user &&
            TARGET_WANTS[this.kind](membershipAt(world, room, target), knownTo(world, room, target)))
        )
          out.push({ kind: this.kind, user, room, target });
      }
    }
    return out;
  }
}
