/**
 * The local commands: a user changes their profile or a sharing setting, a provider changes a
 * hub setting. They never leave the server and are always accepted; they matter for what later
 * invitees see before consenting (SHARING-1..9).
 *
 * @module
 */
import { type Action, type SettingName, VISIBILITY_SETTINGS } from "@mimi-spec/machine";
import type { Model } from "../model.ts";
import { scopeServers } from "../scope.ts";
import { ActionCommand, type Disagreement, expectAcceptance, type Outcome } from "./command.ts";

/** The sharing settings of one scope (a user's, or a hub provider's). */
export function settingsOf(scope: "user" | "hub"): SettingName[] {
  return (Object.keys(VISIBILITY_SETTINGS) as SettingName[]).filter(
    (name) => VISIBILITY_SETTINGS[name].scope === scope,
  );
}

/** Local actions are always accepted. */
abstract class LocalCommand extends ActionCommand {
  override oracle(_model: Readonly<Model>, action: Action, outcome: Outcome): Disagreement | undefined {
    return expectAcceptance(outcome.verdict, `${action.kind} is local to the server`);
  }
}

/** Which profile fields a set-profile command sets. */
export type ProfileVariant = "name" | "avatar" | "status" | "chosen-identifier" | "everything";

/** A user updates their profile. */
export class SetProfileCommand extends LocalCommand {
  readonly kind = "set-profile";

  constructor(
    pick: number,
    wild: boolean,
    readonly variant: ProfileVariant,
  ) {
    super(pick, wild);
  }

  candidates(model: Readonly<Model>): Action[] {
    return model.scope.users.map((user) => {
      const name = user.slice(1, user.indexOf(":"));
      const fields = {
        name: { name: name.toUpperCase() },
        avatar: { avatar: `mxc://${name}/face` },
        status: { status: "on holiday" },
        "chosen-identifier": { chosenIdentifier: `${name}@example.com` },
        everything: {
          name: name.toUpperCase(),
          avatar: `mxc://${name}/face`,
          status: "busy",
          chosenIdentifier: `${name}#1`,
        },
      }[this.variant];
      return { kind: "set-profile", user, ...fields };
    });
  }
}

/** A user turns one of their sharing settings on or off. */
export class SetSettingCommand extends LocalCommand {
  readonly kind = "set-setting";

  constructor(
    pick: number,
    wild: boolean,
    readonly value: boolean,
  ) {
    super(pick, wild);
  }

  candidates(model: Readonly<Model>): Action[] {
    return model.scope.users.flatMap((user) =>
      settingsOf("user").map(
        (setting): Action => ({ kind: "set-setting", user, setting, value: this.value }),
      ),
    );
  }
}

/** A provider turns one of its hub settings on or off. */
export class SetServerSettingCommand extends LocalCommand {
  readonly kind = "set-server-setting";

  constructor(
    pick: number,
    wild: boolean,
    readonly value: boolean,
  ) {
    super(pick, wild);
  }

  candidates(model: Readonly<Model>): Action[] {
    const servers = scopeServers(model.scope).filter((s) => s !== model.scope.adversary);
    return servers.flatMap((server) =>
      settingsOf("hub").map(
        (setting): Action => ({ kind: "set-server-setting", server, setting, value: this.value }),
      ),
    );
  }
}
