/**
 * One-line descriptions of actions and verdicts, for trace output.
 *
 * @module
 */
import type { Action } from "../action.ts";
import type { Verdict } from "../verdict.ts";

/** A short description of an action. */
export function describeAction(action: Action): string {
  switch (action.kind) {
    case "create-room":
      return `create-room ${action.room} (${action.chatType}) by ${action.user}${(action.invite ?? []).length > 0 ? `, inviting ${(action.invite ?? []).join(", ")}` : ""}`;
    case "invite":
    case "kick":
    case "ban":
    case "unban":
      return `${action.kind} ${action.target} to/from ${action.room} by ${action.user}`;
    case "join":
    case "leave":
    case "knock":
      return `${action.kind} ${action.room} by ${action.user}`;
    case "send-message":
      return `send-message ${JSON.stringify(action.body)} to ${action.room} by ${action.user}`;
    case "set-power-levels":
      return `set-power-levels ${JSON.stringify(action.content)} in ${action.room} by ${action.user}`;
    case "set-join-rule":
      return `set-join-rule ${action.joinRule} in ${action.room} by ${action.user}`;
    case "set-history-visibility":
      return `set-history-visibility ${action.visibility} in ${action.room} by ${action.user}`;
    case "set-name":
      return `set-name ${JSON.stringify(action.name)} in ${action.room} by ${action.user}`;
    case "redact":
      return `redact ${action.eventId} in ${action.room} by ${action.user}`;
    case "send-event":
      return `send-event ${action.type}${action.stateKey === undefined ? "" : ` [${JSON.stringify(action.stateKey)}]`} to ${action.room} by ${action.user}`;
    case "mls-propose":
      return `mls-propose ${action.proposal}${action.target === undefined ? "" : ` for ${action.target}`} in ${action.room} by ${action.user}`;
    case "propose-mls-acp":
      return `propose-mls-acp ${action.template} for ${action.room} by ${action.user}`;
    case "set-profile":
      return `set-profile of ${action.user}`;
    case "set-setting":
      return `set-setting ${action.setting} = ${action.value} for ${action.user}`;
    case "set-server-setting":
      return `set-server-setting ${action.setting} = ${action.value} at ${action.server}`;
    case "deliver":
    case "drop":
    case "duplicate":
      return `${action.kind} #${action.message}`;
    case "retry":
      return `retry ${action.txn} at ${action.server}`;
    case "flush":
      return "flush the network";
    case "sync":
      return `sync ${action.room} at ${action.server}`;
    case "restart":
      return `restart ${action.server}`;
    case "forge-limited":
      return `forge-limited ${action.event.type} from ${action.event.sender} by ${action.server} to ${action.to ?? "the hub"} of ${action.room}`;
    case "forge-fully-formed":
      return `forge-fully-formed ${action.event.type} from ${action.event.sender} by ${action.server} to ${action.to} in ${action.room}`;
    case "hub-tamper":
      return `hub-tamper ${action.tamper}: ${action.event.type} from ${action.event.sender} in ${action.room}`;
  }
}

/** `accepted`, or `rejected by GUARD [REQS]: reason`. */
export function describeVerdict(verdict: Verdict): string {
  return verdict.accepted
    ? "accepted"
    : `rejected by ${verdict.guard} [${verdict.requirements.join(", ")}]: ${verdict.reason}`;
}
