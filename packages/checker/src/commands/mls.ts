/**
 * The MLS access-control commands: a member proposes an MLS change (checked against the policy
 * in force) or a new policy for the room (checked against the chat type's templates).
 *
 * @module
 */
import type { Action } from "@mimi-spec/machine";
import type { Model } from "../model.ts";
import { ActionCommand } from "./command.ts";
import { senders } from "./content.ts";
import { targets } from "./world-view.ts";

/** The MLS proposals a command may make: LM's four kinds and one that is not a kind. */
export const MLS_PROPOSAL_CHOICES: ReadonlyArray<string> = [
  "add",
  "remove",
  "update",
  "self-remove",
  "shuffle",
];

/** A user proposes an MLS change, for themselves or about another user. */
export class MlsProposeCommand extends ActionCommand {
  readonly kind = "mls-propose";

  constructor(
    pick: number,
    wild: boolean,
    readonly proposal: string,
  ) {
    super(pick, wild);
  }

  candidates(model: Readonly<Model>): Action[] {
    const out: Action[] = [];
    for (const [user, room] of senders(model, this.wild)) {
      out.push({ kind: "mls-propose", user, room, proposal: this.proposal });
      for (const target of targets(model))
        if (target !== user) out.push({ kind: "mls-propose", user, room, proposal: this.proposal, target });
    }
    return out;
  }
}

/** The policies a command may propose: the four templates and one that is none. */
export const MLS_TEMPLATE_CHOICES: ReadonlyArray<string> = [
  "dm-fixed",
  "group-dm-fixed",
  "group-moderated",
  "group-admin-only",
  "anything-goes",
];

/** A user's client proposes a new MLS access-control policy. */
export class ProposeMlsAcpCommand extends ActionCommand {
  readonly kind = "propose-mls-acp";

  constructor(
    pick: number,
    wild: boolean,
    readonly template: string,
  ) {
    super(pick, wild);
  }

  candidates(model: Readonly<Model>): Action[] {
    return senders(model, this.wild).map(([user, room]) => ({
      kind: "propose-mls-acp",
      user,
      room,
      template: this.template,
    }));
  }
}
