/**
 * One server (provider): what it persists (its room replicas, the invites its users received,
 * its directory of DMs, the results of transactions it processed as a hub, its transaction
 * counter) and what it only keeps in memory (transactions awaiting a result, events that arrived
 * before their predecessors). A restart keeps the first and loses the second.
 *
 * @module
 */
import type { RoomId, ServerName, UserId } from "@mimi-spec/schema";
import type { FullEvent, LimitedEvent } from "../event.ts";
import type { ChatType } from "../generated/tables.ts";
import { emptyPMap, type PMap } from "../state/persistent-map.ts";
import type { Replica } from "../state/replica.ts";
import type { Verdict } from "../verdict.ts";
import type { Preview, PreviewInputs, Settings } from "../visibility/preview.ts";
import { type Directory, emptyDirectory } from "./directory.ts";

/** What an invite tells the invitee's server about the room (LM stripped state). */
export interface RoomSummary {
  readonly creator: UserId;
  readonly chatType?: ChatType;
  /** The fixed members of a DM or group DM. */
  readonly members?: ReadonlyArray<UserId>;
  readonly name?: string;
  readonly joinRule: string;
}

/** An invite a local user received and has not answered. */
export interface InviteRecord {
  readonly room: RoomId;
  readonly user: UserId;
  readonly event: FullEvent;
  readonly summary: RoomSummary;
  /** What the preview was computed from, and what the invitee sees before consenting. */
  readonly previewInputs?: PreviewInputs;
  readonly preview?: Preview;
}

/** A local user's profile and sharing settings. */
export interface UserProfile {
  readonly name?: string;
  readonly avatar?: string;
  readonly status?: string;
  readonly chosenIdentifier?: string;
  readonly settings: Settings;
}

/** A transaction sent to a hub and not yet answered. */
export interface PendingTxn {
  readonly txn: string;
  readonly room: RoomId;
  readonly to: ServerName;
  readonly event: LimitedEvent | FullEvent;
}

/** What a hub answered to a transaction, kept so that a retry is processed once. */
export interface TxnResult {
  readonly verdict: Verdict;
  readonly eventId?: string;
}

/** What survives a restart. */
export interface PersistedState {
  readonly rooms: ReadonlyMap<RoomId, Replica>;
  /** Invites by `room user`. */
  readonly invites: ReadonlyMap<string, InviteRecord>;
  readonly directory: Directory;
  readonly txnCounter: number;
  /**
   * As a hub: results by `origin txn`. A persistent map: it grows with every transaction the hub
   * ever processed, so copying it per transaction would make each event cost O(history).
   */
  readonly txnResults: PMap<string, TxnResult>;
  /** Its users' profiles and sharing settings. */
  readonly profiles: ReadonlyMap<UserId, UserProfile>;
  /** Its own settings as a hub provider (SHARING-8). */
  readonly settings: Settings;
}

/** What a restart loses. */
export interface VolatileState {
  readonly pending: ReadonlyMap<string, PendingTxn>;
  /** Events that arrived before the event they follow, by room. */
  readonly buffered: ReadonlyMap<RoomId, ReadonlyArray<FullEvent>>;
}

/** One server. */
export interface ServerState {
  readonly name: ServerName;
  readonly persisted: PersistedState;
  readonly volatile: VolatileState;
}

/** Volatile state as after a restart. */
export function emptyVolatile(): VolatileState {
  return { pending: new Map(), buffered: new Map() };
}

/** A server that knows nothing yet. */
export function freshServer(name: ServerName): ServerState {
  return {
    name,
    persisted: {
      rooms: new Map(),
      invites: new Map(),
      directory: emptyDirectory(),
      txnCounter: 0,
      txnResults: emptyPMap(),
      profiles: new Map(),
      settings: {},
    },
    volatile: emptyVolatile(),
  };
}

/** The key of an invite record. */
export function inviteKey(room: RoomId, user: UserId): string {
  return `${room} ${user}`;
}

/** The server after a restart. */
export function restarted(server: ServerState): ServerState {
  return { ...server, volatile: emptyVolatile() };
}
