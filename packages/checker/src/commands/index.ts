/**
 * The command arbitraries of the model-based tests.
 *
 * @module
 */
import fc from "fast-check";
import type { Model, Real } from "../model.ts";
import type { Scope } from "../scope.ts";
import { CreateRoomCommand, INVITEE_FREE_CHAT_TYPES } from "./create-room.ts";

export { CreateRoomCommand, INVITEE_FREE_CHAT_TYPES } from "./create-room.ts";

/** Every command, drawing identifiers from `scope`. */
export function commandArbitraries(scope: Scope): Array<fc.Arbitrary<fc.Command<Model, Real>>> {
  return [
    fc
      .tuple(
        fc.constantFrom(...scope.users),
        fc.constantFrom(...scope.rooms),
        fc.constantFrom(...INVITEE_FREE_CHAT_TYPES),
      )
      .map(([creator, room, chatType]) => new CreateRoomCommand(creator, room, chatType)),
  ];
}
