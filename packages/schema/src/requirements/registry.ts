/**
 * The requirements registry: every entry from every source, in one list.
 * @module
 */
import { CHAT_MANAGEMENT_QUESTIONS } from "./data/chat-management.ts";
import { DRAFT_DISAGREEMENTS } from "./data/draft-disagreements.ts";
import { SEND_PATH_REQUIREMENTS } from "./data/send-path.ts";
import { SIGNALING_REQUIREMENTS } from "./data/signaling.ts";
import { TRANSPORT_REQUIREMENTS } from "./data/transport.ts";
import type { RequirementEntry } from "./entry.ts";

/**
 * All registry entries: [TRANSPORT] requirements and their open points, the chat-management and
 * [MSGREQ] questions, [SIGNALING] statements, the send-path rules of LM and RP-00, then the open
 * questions where the drafts disagree.
 */
export const REQUIREMENTS: ReadonlyArray<RequirementEntry> = Object.freeze([
  ...TRANSPORT_REQUIREMENTS,
  ...CHAT_MANAGEMENT_QUESTIONS,
  ...SIGNALING_REQUIREMENTS,
  ...SEND_PATH_REQUIREMENTS,
  ...DRAFT_DISAGREEMENTS,
]);
