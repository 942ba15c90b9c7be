/**
 * The exploration alphabet of a compact world, without decoding it: the same actions, in the
 * same order, as `explore/alphabet.ts`'s `enabledActions` on the decoded world. What a user may
 * try in a room depends only on their server's part of it, so those actions are computed once
 * per (part, user) with the reference alphabet's own functions and reused; creation depends on
 * how many rooms exist; network and server actions on the messages in flight and the pending
 * transactions. Action objects are shared between worlds (they are never changed).
 *
 * @module
 */
import { type Action, membershipOf, type PendingTxn } from "@mimi-spec/machine";
import type { RoomId, ServerName, UserId } from "@mimi-spec/schema";
import {
  inviteLists,
  membershipActions,
  roomSettingActions,
  wildMembershipActions,
} from "../explore/alphabet.ts";
import { scopeRoomId } from "../explore/scope.ts";
import type { CompactMachine, CompactWorld } from "./machine.ts";

/** Computes and caches the enabled actions of compact worlds of one machine. */
export class CompactAlphabet {
  private readonly roomActions = new Map<number, Array<ReadonlyArray<Action>>>();
  private readonly creations = new Map<string, ReadonlyArray<Action>>();
  private readonly network: Array<{ deliver: Action; drop: Action; duplicate: Action }> = [];
  private readonly flush: Action = { kind: "flush" };
  private readonly serverActions = new Map<string, Action>();

  constructor(private readonly machine: CompactMachine) {}

  /** The actions exploration tries from `world`, as `enabledActions` gives them for `machine.decode(world)`. */
  enabled(world: CompactWorld): Action[] {
    const { layout } = this.machine;
    const { kinds, scope, users } = layout.scope;
    const out: Action[] = [];
    const room = world.messages.length < scope.maxInFlight;
    const n = layout.slotCount;
    const exists: boolean[] = [];
    const roomsOn = new Array<number>(layout.servers.length).fill(0);
    let roomCount = 0;
    for (let slot = 0; slot < n; slot++) {
      const hub = layout.slotHub[slot] as number;
      const present = this.machine.slice(world.slices[hub * n + slot] ?? 0).replica !== undefined;
      exists.push(present);
      if (present) {
        roomsOn[hub] = (roomsOn[hub] ?? 0) + 1;
        roomCount++;
      }
    }
    if (room) {
      const mayCreate = kinds.has("create-room") && roomCount < scope.maxRooms;
      users.forEach((user, u) => {
        const s = layout.serverIndex.get(layout.scope.serverOfUser.get(user) as string) as number;
        if (mayCreate) for (const action of this.creationsOf(u, s, (roomsOn[s] ?? 0) + 1)) out.push(action);
        for (let slot = 0; slot < n; slot++) {
          if (!exists[slot]) continue;
          const sliceId = world.slices[s * n + slot] ?? 0;
          if (sliceId === 0) continue;
          for (const action of this.actionsIn(sliceId, u, slot)) out.push(action);
        }
      });
    }
    this.networkActions(out, world, room);
    return out;
  }

  private creationsOf(u: number, s: number, index: number): ReadonlyArray<Action> {
    const key = `${u} ${index}`;
    let actions = this.creations.get(key);
    if (actions === undefined) {
      const { layout } = this.machine;
      const { users, scope } = layout.scope;
      const user = users[u] as UserId;
      const roomId = scopeRoomId(layout.servers[s] as ServerName, index);
      const others = users.filter((other) => other !== user);
      const made: Action[] = [];
      for (const chatType of scope.chatTypes)
        for (const invite of inviteLists(chatType, others))
          made.push({
            kind: "create-room",
            user,
            room: roomId,
            chatType,
            ...(invite.length === 0 ? {} : { invite }),
          });
      actions = made;
      this.creations.set(key, actions);
    }
    return actions;
  }

  /** What user `u` may try in the room of `slot`, given their server's part `sliceId` of it. */
  private actionsIn(sliceId: number, u: number, slot: number): ReadonlyArray<Action> {
    let byUser = this.roomActions.get(sliceId);
    if (byUser === undefined) {
      byUser = [];
      this.roomActions.set(sliceId, byUser);
    }
    let actions = byUser[u];
    if (actions === undefined) {
      const { layout } = this.machine;
      const { kinds, users } = layout.scope;
      const user = users[u] as UserId;
      const roomId = layout.slotRooms[slot] as RoomId;
      const slice = this.machine.slice(sliceId);
      const replica = slice.replica;
      const invited = slice.invites.some((record) => record.user === user);
      const made: Action[] = [];
      if (replica !== undefined || invited) {
        if (layout.scope.scope.wild === true)
          wildMembershipActions(made, kinds, user, roomId, { replica, invited }, users);
        else membershipActions(made, kinds, user, roomId, { replica, invited }, users, this.machine.profile);
        if (replica !== undefined && membershipOf(replica.state, user) === "join")
          roomSettingActions(made, kinds, user, roomId, replica, users, this.machine.profile);
      }
      actions = made;
      byUser[u] = actions;
    }
    return actions;
  }

  private serverAction(key: string, make: () => Action): Action {
    let action = this.serverActions.get(key);
    if (action === undefined) {
      action = make();
      this.serverActions.set(key, action);
    }
    return action;
  }

  private networkActions(out: Action[], world: CompactWorld, room: boolean): void {
    const { layout } = this.machine;
    const { kinds } = layout.scope;
    world.messages.forEach((_, i) => {
      let actions = this.network[i];
      if (actions === undefined) {
        actions = {
          deliver: { kind: "deliver", message: i + 1 },
          drop: { kind: "drop", message: i + 1 },
          duplicate: { kind: "duplicate", message: i + 1 },
        };
        this.network[i] = actions;
      }
      if (kinds.has("deliver")) out.push(actions.deliver);
      if (kinds.has("drop")) out.push(actions.drop);
      if (kinds.has("duplicate") && room) out.push(actions.duplicate);
    });
    if (kinds.has("flush") && world.messages.length > 0) out.push(this.flush);
    const n = layout.slotCount;
    layout.servers.forEach((name, s) => {
      const pending = world.pending[s] ?? [];
      if (kinds.has("retry") && room)
        for (const id of pending) {
          const p: PendingTxn = this.machine.pendings.value(id);
          // A retry is what a server does when the submission or its answer went missing.
          const inFlight = world.messages.some((m) => {
            const message = this.machine.messages.value(m);
            return message.kind === "submit" && message.from === name && message.txn === p.txn;
          });
          if (!inFlight)
            out.push(
              this.serverAction(`retry ${name} ${p.txn}`, () => ({
                kind: "retry",
                server: name,
                txn: p.txn,
              })),
            );
        }
      let buffered = false;
      for (let slot = 0; slot < n; slot++) {
        const slice = this.machine.slice(world.slices[s * n + slot] ?? 0);
        if (slice.buffered !== undefined) buffered = true;
        if (kinds.has("sync") && room && slice.replica !== undefined && slice.replica.hub !== name) {
          const roomId = layout.slotRooms[slot] as RoomId;
          out.push(
            this.serverAction(`sync ${name} ${roomId}`, () => ({ kind: "sync", server: name, room: roomId })),
          );
        }
      }
      if (kinds.has("restart") && (pending.length > 0 || buffered))
        out.push(this.serverAction(`restart ${name}`, () => ({ kind: "restart", server: name })));
    });
  }
}
