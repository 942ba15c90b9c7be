/**
 * A counterexample as a Mermaid sequence diagram: users and servers are participants, a user's
 * action is an arrow to their server, every message a step delivered is an arrow between
 * servers (a cross for a refused or lost one), and refusals, findings and broken invariants are
 * notes.
 *
 * @module
 */
import type { Action, TraceRun } from "@mimi-spec/machine";
import { deliveriesIn, invariantRequirements, serverOfRoom, serverOfUser } from "./narrate.ts";
import { replayWorlds } from "./replay.ts";
import type { StoryFailure } from "./story.ts";

/** How to draw the diagram. */
export interface SequenceDiagramOptions {
  /** A failure to note at its step besides the run's own invariant violations. */
  readonly failure?: StoryFailure;
  /** Longest text on an arrow or note before it is cut (default 90 characters). */
  readonly maxText?: number;
}

/**
 * Text safe inside a Mermaid message or note: `#` and `;` become entity codes (`;` ends a
 * statement), line breaks become spaces, and long text is cut.
 */
export function mermaidText(text: string, max = 90): string {
  const flat = text.replace(/\s+/gu, " ").trim();
  const cut = flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
  return cut.replace(/[#;]/gu, (c) => (c === "#" ? "#35;" : "#59;"));
}

/** The user and server an action starts from (servers only, for network and adversary actions). */
function actorsOf(action: Action): { user?: string; server?: string } {
  switch (action.kind) {
    case "deliver":
    case "drop":
    case "duplicate":
    case "flush":
      return {};
    case "retry":
    case "sync":
    case "restart":
    case "set-server-setting":
    case "forge-limited":
    case "forge-fully-formed":
      return { server: action.server };
    case "hub-tamper":
      return { server: serverOfRoom(action.room) };
    default:
      return { user: action.user, server: serverOfUser(action.user) };
  }
}

/** A short label for an action on its arrow. */
function shortAction(action: Action): string {
  switch (action.kind) {
    case "create-room":
      return `create-room ${action.room} (${action.chatType})${(action.invite ?? []).length > 0 ? ` inviting ${(action.invite ?? []).join(", ")}` : ""}`;
    case "invite":
    case "kick":
    case "ban":
    case "unban":
      return `${action.kind} ${action.target} in ${action.room}`;
    case "join":
    case "leave":
    case "knock":
      return `${action.kind} ${action.room}`;
    case "send-message":
      return `send-message to ${action.room}`;
    case "set-join-rule":
      return `set-join-rule ${action.joinRule} in ${action.room}`;
    case "set-history-visibility":
      return `set-history-visibility ${action.visibility} in ${action.room}`;
    case "set-power-levels":
    case "set-name":
      return `${action.kind} in ${action.room}`;
    case "redact":
      return `redact ${action.eventId} in ${action.room}`;
    case "send-event":
      return `send-event ${action.type} to ${action.room}`;
    case "mls-propose":
      return `mls-propose ${action.proposal} in ${action.room}`;
    case "propose-mls-acp":
      return `propose-mls-acp ${action.template} for ${action.room}`;
    case "set-profile":
      return "set-profile";
    case "set-setting":
      return `set-setting ${action.setting} = ${action.value}`;
    case "set-server-setting":
      return `set-server-setting ${action.setting} = ${action.value}`;
    case "deliver":
    case "drop":
    case "duplicate":
      return `${action.kind} #${action.message}`;
    case "retry":
      return `retry ${action.txn}`;
    case "flush":
      return "flush";
    case "sync":
      return `sync ${action.room}`;
    case "restart":
      return "restart";
    case "forge-limited":
    case "forge-fully-formed":
      return `${action.kind} ${action.event.type} "from" ${action.event.sender}`;
    case "hub-tamper":
      return `hub-tamper ${action.tamper} ${action.event.type} from ${action.event.sender}`;
  }
}

/** Participant ids by name: users `U0…`, servers `S0…`, in order of appearance per server. */
class Participants {
  private readonly users = new Map<string, string>();
  private readonly servers = new Map<string, string>();

  user(name: string): string {
    this.server(serverOfUser(name));
    let id = this.users.get(name);
    if (id === undefined) {
      id = `U${this.users.size}`;
      this.users.set(name, id);
    }
    return id;
  }

  server(name: string): string {
    let id = this.servers.get(name);
    if (id === undefined) {
      id = `S${this.servers.size}`;
      this.servers.set(name, id);
    }
    return id;
  }

  /** The declarations: each server's users (as actors), then the server. */
  declarations(): string[] {
    const lines: string[] = [];
    for (const [server, sid] of [...this.servers].sort(([a], [b]) => a.localeCompare(b))) {
      for (const [user, uid] of [...this.users].sort(([a], [b]) => a.localeCompare(b)))
        if (serverOfUser(user) === server) lines.push(`  actor ${uid} as ${mermaidText(user)}`);
      lines.push(`  participant ${sid} as ${mermaidText(server)}`);
    }
    return lines;
  }

  /** The leftmost and rightmost participants, for notes spanning everything. */
  span(): string {
    const ids = this.declarations().map((l) => l.trim().split(" ")[1] ?? "");
    const first = ids[0] ?? "S0";
    const last = ids[ids.length - 1] ?? first;
    return first === last ? first : `${first},${last}`;
  }
}

/**
 * The Mermaid `sequenceDiagram` of `run`: one arrow per user action (numbered by step), one per
 * delivered message, crosses for refused or lost messages, and notes for refusals and broken
 * invariants.
 */
export function sequenceDiagramOf(run: TraceRun, options: SequenceDiagramOptions = {}): string {
  const max = options.maxText ?? 90;
  const text = (t: string) => mermaidText(t, max);
  const worlds = replayWorlds(run);
  const who = new Participants();
  // Declare every participant first so the columns keep one order whatever happens first.
  for (const s of run.steps) {
    const { user, server } = actorsOf(s.action);
    if (user !== undefined) who.user(user);
    if (server !== undefined) who.server(server);
    if ("room" in s.action) who.server(serverOfRoom(s.action.room));
    if (s.action.kind === "create-room") for (const u of s.action.invite ?? []) who.user(u);
    if ("target" in s.action && s.action.target !== undefined) who.user(s.action.target);
    if ("to" in s.action && s.action.to !== undefined) who.server(s.action.to);
    for (const d of deliveriesIn(s.effects)) {
      who.server(d.from);
      who.server(d.to);
    }
  }
  for (const w of worlds) for (const e of w.before.inFlight) who.server(e.message.from);
  const body: string[] = [];
  run.steps.forEach((s, i) => {
    const before = worlds[i]?.before;
    const label = `${s.step}. ${shortAction(s.action)}`;
    const { user, server } = actorsOf(s.action);
    if (user !== undefined && server !== undefined)
      body.push(`  ${who.user(user)}->>${who.server(server)}: ${text(label)}`);
    else if (server !== undefined) body.push(`  Note over ${who.server(server)}: ${text(label)}`);
    else body.push(`  Note over ${who.span()}: ${text(label)}`);
    if (s.action.kind === "drop" && before !== undefined) {
      const lost = before.inFlight.find((e) => e.id === (s.action as { message: number }).message);
      if (lost !== undefined)
        body.push(
          `  ${who.server(lost.message.from)}--x${who.server(lost.message.to)}: ${text(`#${lost.id} ${lost.message.kind} lost`)}`,
        );
    }
    const deliveries = deliveriesIn(s.effects);
    for (const d of deliveries) {
      const from = who.server(d.from);
      const to = who.server(d.to);
      body.push(`  ${from}${d.accepted ? "->>" : "-x"}${to}: ${text(`#${d.id} ${d.kind} ${d.detail}`)}`);
      if (!d.accepted) body.push(`  Note right of ${to}: ${text(`✗ refuses #${d.id}: ${d.refusal ?? ""}`)}`);
    }
    if (!s.verdict.accepted) {
      const guard = s.verdict.guard;
      // In instant mode the step's refusal is the hub's refusal of the submission: noted already.
      const shown = deliveries.some((d) => !d.accepted && d.refusal?.startsWith(`${guard}:`) === true);
      if (!shown) {
        const at = server === undefined ? who.span() : who.server(server);
        body.push(
          `  Note over ${at}: ${text(`✗ rejected by ${s.verdict.guard} [${s.verdict.requirements.join(", ")}]: ${s.verdict.reason}`)}`,
        );
      }
    }
    const broken = s.newViolations.map((v) => ({
      name: `invariant ${v.invariant} [${invariantRequirements(v.invariant).join(", ")}]`,
      message: v.message,
    }));
    const failure = options.failure;
    if (failure !== undefined && failure.step === s.step)
      broken.unshift({
        name: `${failure.check} [${failure.requirements.join(", ")}]`,
        message: failure.message,
      });
    for (const b of broken)
      body.push(`  Note over ${who.span()}: ${text(`✗ ${b.name} broken: ${b.message}`)}`);
  });
  return `${["sequenceDiagram", ...who.declarations(), ...body].join("\n")}\n`;
}
