/**
 * Rules of the send path that the later drafts add to the seed's hub (drafts-background.md §2.9):
 * LM's one transaction in flight per sender, and the invitee's server's say in an invite (RP-00's
 * check-invite, LM's /invite).
 * @module
 */
import { byGuard } from "../check.ts";
import type { RequirementEntry } from "../entry.ts";

/** The send-path rules of LM and RP-00. */
export const SEND_PATH_REQUIREMENTS: ReadonlyArray<RequirementEntry> = [
  {
    id: "LM-SEND-1",
    source: "LM",
    section: "int-api-send-txn",
    statement:
      "A server has at most one transaction in flight to a hub; another transaction id before the answer gets M_BAD_STATE, and a retry with the same id is processed once.",
    level: "MUST",
    kind: "transition-rule",
    check: byGuard("send.one-txn-in-flight"),
    related: ["HUB-2"],
    note: "The model's hub finishes each transaction before the next message arrives, so the rule falls on the sender: it refuses a new transaction while one awaits its answer (a restart forgets it). Retries are deduplicated by the hub's transaction results.",
  },
  {
    id: "RP-INVITE-1",
    source: "RP-00",
    section: "op-send (check-invite)",
    statement:
      "Before an invite enters the room, the hub asks the invitee's server, which may refuse it; a network error counts as a refusal.",
    level: "MUST",
    kind: "transition-rule",
    check: byGuard("invite.target-may-refuse"),
    related: ["OQ-MGMT-10", "MSGREQ-1"],
    note: "LM's /invite does the same for a server not yet in the room. The model runs the round trip inside the hub's processing (the hub waits for the answer, as in both drafts), so it cannot lose it; the guard is off under mgmt.invite-consent = always-delivered.",
  },
];
