/**
 * The chat-type rules layered on the LM auth rules (CHAT-6, 7, 9, 15 and the fixed-membership
 * questions): each rule of the generated table names the chat types it covers and the kind of
 * event it forbids; this module decides which kinds an event is.
 *
 * @module
 */
import type { UserId } from "@mimi-spec/schema";
import { contentString, EVENT_TYPES, type FullEvent } from "../event.ts";
import type { GuardId } from "../generated/guards.ts";
import { CHAT_RULES, CHAT_TYPE_PROPERTIES } from "../generated/tables.ts";
import type { ChatRuleTrigger } from "../models/chat-types.ts";
import { type CheckContext, check } from "../policy/guard.ts";
import { enabledUnder } from "../profile.ts";
import { phas } from "../state/persistent-map.ts";
import { membershipValue, type RoomState } from "../state/room-state.ts";
import type { Rejected } from "../verdict.ts";

/** For one event: which rule kinds it could trigger, and which it does. */
interface Classification {
  /** Kinds the event belongs to (a rule of such a kind is evaluated, pass or refuse). */
  readonly relevant: ReadonlySet<ChatRuleTrigger>;
  /** Kinds the event actually is (a rule of such a kind refuses it). */
  readonly triggered: ReadonlySet<ChatRuleTrigger>;
}

function classify(state: RoomState, event: FullEvent): Classification {
  const relevant = new Set<ChatRuleTrigger>();
  const triggered = new Set<ChatRuleTrigger>();
  if (event.type === EVENT_TYPES.member && event.state_key !== undefined) {
    const target = event.state_key as UserId;
    const membership = membershipValue(event.content);
    const self = event.sender === target;
    if (membership === "invite" || membership === "join" || membership === "knock") {
      relevant.add("add").add("rejoin");
      if (state.fixedMembers !== undefined && !state.fixedMembers.includes(target)) triggered.add("add");
      if (phas(state.everLeft, target)) triggered.add("rejoin");
    } else if (membership === "leave" && self) {
      relevant.add("leave");
      triggered.add("leave");
    } else if (membership === "leave" || membership === "ban") {
      relevant.add("remove");
      triggered.add("remove");
    }
  } else if (event.type === EVENT_TYPES.joinRules && event.state_key === "") {
    relevant.add("change-join-rule");
    const expected = state.chatType === undefined ? undefined : CHAT_TYPE_PROPERTIES[state.chatType].joinRule;
    if (contentString(event, "join_rule") !== expected) triggered.add("change-join-rule");
  }
  return { relevant, triggered };
}

/** The first chat rule that refuses `event` in `state`, if any. */
export function checkChatRules(ctx: CheckContext, state: RoomState, event: FullEvent): Rejected | undefined {
  const chatType = state.chatType;
  if (chatType === undefined) return undefined;
  const { relevant, triggered } = classify(state, event);
  if (relevant.size === 0) return undefined;
  for (const rule of CHAT_RULES) {
    if (!relevant.has(rule.on) || !enabledUnder(ctx.profile, rule.enabledWhen)) continue;
    if (!rule.chatTypes.includes(chatType)) {
      // The rule was consulted and does not cover this chat type: it lets the event through.
      ctx.observe?.(rule.guard as GuardId, "pass");
      continue;
    }
    const refused = check(ctx, rule.guard as GuardId, !triggered.has(rule.on), () => ({
      sender: event.sender,
      target: event.state_key,
      room: state.roomId,
      chatType,
      members: (state.fixedMembers ?? []).join(", "),
      joinRule: contentString(event, "join_rule"),
      expected: CHAT_TYPE_PROPERTIES[chatType].joinRule ?? "unset",
    }));
    if (refused !== undefined) return refused;
  }
  return undefined;
}
