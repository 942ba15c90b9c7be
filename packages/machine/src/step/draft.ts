/**
 * The world being built during one step. It copies the parts of the world it changes on first
 * write (the server map, the in-flight list), so a step costs what it touches, and the world it
 * started from stays unchanged whatever happens. A rejected user action simply drops its draft.
 *
 * @module
 */
import { computeEventId, type JsonObject, type RoomId, type ServerName } from "@mimi-spec/schema";
import type { EventFields, EventId } from "../event.ts";
import type { Envelope, Message } from "../network/messages.ts";
import type { CheckContext, GuardObserver } from "../policy/guard.ts";
import type { Profile } from "../profile.ts";
import { freshServer, type ServerState } from "../server/server.ts";
import type { Finding, World } from "../world.ts";

/** A step's working copy of the world. */
export class Draft {
  private servers: Map<ServerName, ServerState> | undefined;
  private rooms: Map<RoomId, ServerName> | undefined;
  private inFlight: Envelope[] | undefined;
  private readonly findings: Finding[] = [];
  private nextMessageId: number;
  private nextEventNumber: number;
  private clock: number;
  /** Human-readable lines about what happened (only collected when explaining). */
  readonly effects: string[] = [];
  /** What guard evaluation needs: the profile and the coverage observer. */
  readonly ctx: CheckContext;

  constructor(
    readonly base: World,
    readonly explain: boolean,
    observe: GuardObserver | undefined,
  ) {
    this.nextMessageId = base.nextMessageId;
    this.nextEventNumber = base.nextEventNumber;
    this.clock = base.clock;
    this.ctx = { profile: base.config.profile, observe };
  }

  /** The profile in force. */
  get profile(): Profile {
    return this.base.config.profile;
  }

  /** Records an effect line (cheap when not explaining: the text is built lazily). */
  note(text: () => string): void {
    if (this.explain) this.effects.push(text());
  }

  /** The server's current state (a fresh one if it never acted). */
  server(name: ServerName): ServerState {
    return (this.servers ?? this.base.servers).get(name) ?? freshServer(name);
  }

  /** Replaces a server's state. */
  setServer(state: ServerState): void {
    this.servers ??= new Map(this.base.servers);
    this.servers.set(state.name, state);
  }

  /** Records a new room and its hub in the observer's index. */
  registerRoom(room: RoomId, hub: ServerName): void {
    this.rooms ??= new Map(this.base.rooms);
    this.rooms.set(room, hub);
  }

  /** The messages in flight now. */
  get messages(): ReadonlyArray<Envelope> {
    return this.inFlight ?? this.base.inFlight;
  }

  /** Puts a message in flight; returns its id. */
  send(message: Message): number {
    this.inFlight ??= [...this.base.inFlight];
    const id = this.nextMessageId++;
    this.inFlight.push({ id, message });
    this.note(() => `sent #${id} ${message.kind} ${message.from} → ${message.to}`);
    return id;
  }

  /** Takes the message with this id out of flight. */
  take(id: number): Envelope | undefined {
    const index = this.messages.findIndex((e) => e.id === id);
    if (index < 0) return undefined;
    this.inFlight ??= [...this.base.inFlight];
    return this.inFlight.splice(index, 1)[0];
  }

  /** Takes the oldest message out of flight. */
  takeFirst(): Envelope | undefined {
    if (this.messages.length === 0) return undefined;
    this.inFlight ??= [...this.base.inFlight];
    return this.inFlight.shift();
  }

  /** The next `origin_server_ts`. */
  tick(): number {
    return ++this.clock;
  }

  /** An event ID for a fully-formed event, by the world's scheme. */
  eventId(
    fields: EventFields & {
      readonly auth_events: ReadonlyArray<EventId>;
      readonly prev_events: ReadonlyArray<EventId>;
    },
  ): EventId {
    const number = this.nextEventNumber++;
    if (this.base.config.eventIds === "counter") return `$${number}`;
    const json: Record<string, unknown> = {
      room_id: fields.room_id,
      type: fields.type,
      sender: fields.sender,
      content: fields.content,
      origin_server_ts: fields.origin_server_ts,
      auth_events: [...fields.auth_events],
      prev_events: [...fields.prev_events],
    };
    if (fields.state_key !== undefined) json.state_key = fields.state_key;
    if (fields.hub_server !== undefined) json.hub_server = fields.hub_server;
    const id = computeEventId(json as JsonObject);
    // Content comes from parsed JSON, so hashing cannot fail; keep a counter ID if it ever does.
    return id.ok ? id.value : `$${number}`;
  }

  /** Records a finding about a misbehaving hub. */
  finding(finding: Finding): void {
    this.findings.push(finding);
    this.note(
      () =>
        `finding: ${finding.server} refused ${finding.eventId} from hub of ${finding.room}: ${finding.guard}`,
    );
  }

  /** The world after the step. */
  finish(): World {
    return {
      config: this.base.config,
      servers: this.servers ?? this.base.servers,
      rooms: this.rooms ?? this.base.rooms,
      inFlight: this.inFlight ?? this.base.inFlight,
      nextMessageId: this.nextMessageId,
      nextEventNumber: this.nextEventNumber,
      clock: this.clock,
      findings: this.findings.length === 0 ? this.base.findings : [...this.base.findings, ...this.findings],
    };
  }
}
