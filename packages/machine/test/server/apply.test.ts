import type { JsonObject, RoomId, ServerName, UserId } from "@mimi-spec/schema";
import { describe, expect, it } from "vitest";
import type { FullEvent } from "../../src/event.ts";
import { directoryEntryOf, storeReplica } from "../../src/server/apply.ts";
import { roomsWithMembers } from "../../src/server/directory.ts";
import { freshServer, type InviteRecord, inviteKey, type ServerState } from "../../src/server/server.ts";
import { appendToReplica, type Replica, replicaFromCreate } from "../../src/state/replica.ts";
import { A, alice, B, bob, carol, room } from "../support.ts";

let counter = 0;
function event(
  roomId: RoomId,
  fields: { type: string; sender: UserId; state_key?: string; content: JsonObject },
): FullEvent {
  counter += 1;
  return {
    room_id: roomId,
    origin_server_ts: counter,
    event_id: `$e${counter}`,
    auth_events: [],
    prev_events: [],
    signedBy: [],
    ...fields,
  };
}
const createEvent = (roomId: RoomId, content: JsonObject) =>
  event(roomId, { type: "m.room.create", state_key: "", sender: alice, content });
const member = (roomId: RoomId, sender: UserId, target: UserId, membership: string) =>
  event(roomId, { type: "m.room.member", sender, state_key: target, content: { membership } });

/** A replica of a room created by alice with `content`, after `events`. */
function replicaOf(
  roomId: RoomId,
  content: JsonObject,
  build: (id: RoomId) => FullEvent[] = () => [],
): Replica {
  return build(roomId).reduce(appendToReplica, replicaFromCreate(createEvent(roomId, content), A));
}

const gdmContent = { chat_type: "group-dm", members: [carol, bob, alice] };
const dmContent = { chat_type: "dm", members: [bob, alice] };

describe("directoryEntryOf", () => {
  it("has no entry for a room without a chat type or without fixed members", () => {
    expect(directoryEntryOf(replicaOf(room("plain"), {}).state)).toBeUndefined();
    expect(directoryEntryOf(replicaOf(room("chat"), { chat_type: "group-chat" }).state)).toBeUndefined();
    expect(directoryEntryOf(replicaOf(room("odd"), { members: [alice, bob] }).state)).toBeUndefined();
  });

  it("lists every fixed member, sorted, while nobody has left", () => {
    expect(directoryEntryOf(replicaOf(room("dm"), dmContent).state)).toEqual({
      chatType: "dm",
      members: [alice, bob],
      reduced: false,
    });
  });

  it("drops the members who left and marks the entry reduced (CHAT-13)", () => {
    const replica = replicaOf(room("gdm"), gdmContent, (id) => [
      member(id, alice, alice, "join"),
      member(id, alice, bob, "invite"),
      member(id, alice, carol, "invite"),
      member(id, bob, bob, "join"),
      member(id, carol, carol, "leave"),
    ]);
    expect(directoryEntryOf(replica.state)).toEqual({
      chatType: "group-dm",
      members: [alice, bob],
      reduced: true,
    });
  });

  it("does not count a member invited but not yet answered as gone", () => {
    const replica = replicaOf(room("gdm"), gdmContent, (id) => [member(id, alice, bob, "invite")]);
    expect(directoryEntryOf(replica.state)).toEqual({
      chatType: "group-dm",
      members: [alice, bob, carol],
      reduced: false,
    });
  });
});

describe("storeReplica: rooms and directory", () => {
  it("stores the replica under its room and leaves the server it started from unchanged", () => {
    const server = freshServer(A);
    const replica = replicaOf(room("chat"), { chat_type: "group-chat" });
    const stored = storeReplica(server, replica, replica.state.create);
    expect(stored.name).toBe(A);
    expect([...stored.persisted.rooms]).toEqual([[room("chat"), replica]]);
    expect(stored.persisted.directory.entries.size).toBe(0);
    expect(stored.persisted.txnCounter).toBe(0);
    expect(stored.volatile).toBe(server.volatile);
    expect(server.persisted.rooms.size).toBe(0);
  });

  it("keeps the other rooms it holds and replaces the stored copy of this one", () => {
    const other = replicaOf(room("other"), {});
    const older = replicaOf(room("chat"), {});
    const newer = appendToReplica(older, member(room("chat"), alice, alice, "join"));
    const server = storeReplica(
      storeReplica(freshServer(A), other, other.state.create),
      older,
      older.state.create,
    );
    const stored = storeReplica(server, newer, newer.state.head);
    expect(stored.persisted.rooms.get(room("other"))).toBe(other);
    expect(stored.persisted.rooms.get(room("chat"))).toBe(newer);
    expect(stored.persisted.rooms.size).toBe(2);
  });

  it("records a DM in the directory when its create event is stored (CHAT-2)", () => {
    const replica = replicaOf(room("dm"), dmContent);
    const stored = storeReplica(freshServer(A), replica, replica.state.create);
    expect(stored.persisted.directory.entries.get(room("dm"))).toEqual({
      chatType: "dm",
      members: [alice, bob],
      reduced: false,
    });
    expect(roomsWithMembers(stored.persisted.directory, "dm", [bob, alice])).toEqual([room("dm")]);
  });

  it("updates the directory when a membership event is stored (CHAT-4, CHAT-13)", () => {
    const id = room("gdm");
    const start = replicaOf(id, gdmContent, () => [member(id, alice, carol, "invite")]);
    const server = storeReplica(freshServer(A), start, start.state.create);
    const leave = member(id, carol, carol, "leave");
    const stored = storeReplica(server, appendToReplica(start, leave), leave);
    expect(stored.persisted.directory.entries.get(id)).toEqual({
      chatType: "group-dm",
      members: [alice, bob],
      reduced: true,
    });
    expect(roomsWithMembers(stored.persisted.directory, "group-dm", [alice, bob, carol])).toEqual([]);
    expect(roomsWithMembers(stored.persisted.directory, "group-dm", [alice, bob])).toEqual([id]);
  });

  it("leaves the directory alone for other events", () => {
    const id = room("gdm");
    // the replica already shows carol gone, but the stored event is a message
    const replica = replicaOf(id, gdmContent, () => [
      member(id, alice, carol, "invite"),
      member(id, carol, carol, "leave"),
    ]);
    const message = event(id, { type: "m.room.encrypted", sender: alice, content: { ciphertext: "x" } });
    const stored = storeReplica(freshServer(A), appendToReplica(replica, message), message);
    expect(stored.persisted.directory.entries.size).toBe(0);
    const { state_key: _, ...keyless } = member(id, alice, alice, "join");
    expect(storeReplica(freshServer(A), replica, keyless).persisted.directory.entries.size).toBe(0);
    // Nor for other state events, even one keyed by a member.
    const named = event(id, { type: "m.room.name", sender: alice, state_key: carol, content: { name: "x" } });
    expect(
      storeReplica(freshServer(A), appendToReplica(replica, named), named).persisted.directory.entries.size,
    ).toBe(0);
  });
});

describe("storeReplica: invite records", () => {
  const id = room("chat");
  const invite = member(id, alice, bob, "invite");
  const base = replicaOf(id, { chat_type: "group-chat" }, () => [member(id, alice, alice, "join"), invite]);
  const record = (user: UserId): InviteRecord => ({
    room: id,
    user,
    event: invite,
    summary: { creator: alice, joinRule: "invite" },
  });
  const other = room("elsewhere");
  /** Server `name` holding base and invite records for bob in this room and in another one. */
  const serverWithInvite = (name: ServerName, user: UserId = bob): ServerState => {
    const fresh = freshServer(name);
    return {
      ...fresh,
      persisted: {
        ...fresh.persisted,
        rooms: new Map([[id, base]]),
        invites: new Map([
          [inviteKey(id, user), record(user)],
          [inviteKey(other, user), { ...record(user), room: other }],
        ]),
      },
    };
  };
  const storing = (server: ServerState, ev: FullEvent) => storeReplica(server, appendToReplica(base, ev), ev);

  it("drops a local user's invite once they join, decline, are kicked or banned", () => {
    for (const [sender, membership] of [
      [bob, "join"],
      [bob, "leave"],
      [alice, "leave"],
      [alice, "ban"],
    ] as const) {
      const stored = storing(serverWithInvite(B), member(id, sender, bob, membership));
      expect([...stored.persisted.invites.keys()], membership).toEqual([inviteKey(other, bob)]);
    }
  });

  it("keeps the invite record while the membership is still an invite", () => {
    const server = serverWithInvite(B);
    const stored = storing(server, member(id, alice, bob, "invite"));
    expect(stored.persisted.invites).toBe(server.persisted.invites);
  });

  it("keeps invite records of other users and of users of other servers", () => {
    const server = serverWithInvite(B);
    expect(storing(server, member(id, alice, carol, "invite")).persisted.invites).toBe(
      server.persisted.invites,
    );
    // a record keyed for bob on a server that is not bob's is not this server's to drop
    const foreign = serverWithInvite(A);
    expect(storing(foreign, member(id, bob, bob, "join")).persisted.invites).toBe(foreign.persisted.invites);
  });

  it("does not touch invite records for events that are not membership events", () => {
    const server = serverWithInvite(B);
    const message = event(id, { type: "m.room.encrypted", sender: bob, content: { ciphertext: "x" } });
    expect(storing(server, message).persisted.invites).toBe(server.persisted.invites);
    const { state_key: _, ...keyless } = member(id, bob, bob, "join");
    expect(storing(server, keyless).persisted.invites).toBe(server.persisted.invites);
    // A state event of another type keyed by the invitee is not their answer.
    const keyed = event(id, {
      type: "m.room.custom",
      sender: bob,
      state_key: bob,
      content: { membership: "join" },
    });
    expect(storing(server, keyed).persisted.invites).toBe(server.persisted.invites);
  });

  it("leaves the server it started from unchanged", () => {
    const server = serverWithInvite(B);
    storing(server, member(id, bob, bob, "join"));
    expect(server.persisted.invites.size).toBe(2);
  });
});
