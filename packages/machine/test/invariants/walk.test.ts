import type { ServerName } from "@mimi-spec/schema";
import { describe, expect, it } from "vitest";
import { allReplicas, hubRooms } from "../../src/invariants/walk.ts";
import { freshServer } from "../../src/server/server.ts";
import { emptyWorld, type World } from "../../src/world.ts";
import { A, alice, B, C, hubCopy, room, runAll } from "../support.ts";
import { chat, good } from "./breakers.ts";

const copyAt = (world: World, server: ServerName) => world.servers.get(server)?.persisted.rooms.get(chat);

describe("allReplicas", () => {
  it("yields nothing for an empty world, or for servers without rooms", () => {
    expect([...allReplicas(emptyWorld())]).toEqual([]);
    const servers = new Map([[C, freshServer(C)]]);
    expect([...allReplicas({ ...emptyWorld(), servers })]).toEqual([]);
  });

  it("yields every copy of every room with the server holding it", () => {
    expect([...allReplicas(good)]).toEqual([
      { server: A, replica: copyAt(good, A) },
      { server: B, replica: copyAt(good, B) },
    ]);
    const two = runAll(good, [
      { kind: "create-room", user: alice, room: room("other"), chatType: "group-chat" },
    ]);
    expect([...allReplicas(two)].map(({ server, replica }) => [server, replica.roomId])).toEqual([
      [A, chat],
      [A, room("other")],
      [B, chat],
    ]);
  });
});

describe("hubRooms", () => {
  it("yields every room with its hub and the hub's copy", () => {
    expect([...hubRooms(emptyWorld())]).toEqual([]);
    expect([...hubRooms(good)]).toEqual([{ room: chat, hub: A, replica: hubCopy(good, chat) }]);
  });

  it("yields an undefined copy when the hub holds none", () => {
    const rooms = new Map(good.rooms);
    rooms.set(chat, C);
    expect([...hubRooms({ ...good, rooms })]).toEqual([{ room: chat, hub: C, replica: undefined }]);
    const servers = new Map(good.servers);
    servers.delete(A);
    expect([...hubRooms({ ...good, servers })]).toEqual([{ room: chat, hub: A, replica: undefined }]);
  });
});
