/**
 * Typed views of events: one schema per modelled type, built on an envelope, whose `type` is a
 * literal, whose `state_key` is what that type takes, and whose `content` must match the type's
 * content schema. {@link RoomEvent} (PDUs) and {@link LimitedRoomEvent} (LPDUs) accept any event
 * as the matching view or, for a type this package does not model, as a {@link CustomEvent}
 * with open content.
 *
 * The envelopes stay the gate for receiving (LM checks content only later); the views are for
 * code that reads or builds typed content.
 *
 * @module
 */
import { Schema } from "effect";
import { UserId } from "../identifiers/user-id.ts";
import {
  AvatarEventContent,
  CreateEventContent,
  EncryptedEventContent,
  HistoryVisibilityEventContent,
  JoinRulesEventContent,
  MembershipEventContent,
  MlsCommitContent,
  NameEventContent,
  PowerLevelsEventContent,
  RedactedContent,
  RedactionEventContent,
  TopicEventContent,
} from "./content/index.ts";
import { ENVELOPE_BASE_FIELDS, LPDU_ONLY_FIELDS, PDU_ONLY_FIELDS } from "./envelope.ts";
import { type EnvelopeShape, LPDU_RULES, PDU_RULES } from "./envelope-rules.ts";
import { EventType, StateKey } from "./event-type.ts";
import {
  AVATAR,
  CREATE,
  ENCRYPTED,
  HISTORY_VISIBILITY,
  isMessageEventType,
  isModelledEventType,
  JOIN_RULES,
  MEMBER,
  MESSAGE_EVENT_TYPES,
  MLS_COMMIT,
  MODELLED_EVENT_TYPES,
  NAME,
  POWER_LEVELS,
  REDACTION,
  TOPIC,
} from "./event-types.ts";
import { combineRules, copyOwn, type FieldRules, hasKeys, jsonIf, rulesFilter } from "./field-rules.ts";
import { OpenObject, openStruct } from "./open-object.ts";
import type { PathIssue } from "./path-issue.ts";

/** LM §int-state-events and SIG-00: a message type is never sent with a state key. */
export function messageStateKeyIssues(event: EnvelopeShape): PathIssue[] {
  if (!isMessageEventType(event.type) || event.state_key === undefined) return [];
  return [
    {
      path: ["state_key"],
      issue: `${event.type} is a message event and must not carry a state_key; one type is never used for both state and message events (LM §int-state-events, SIG-00)`,
    },
  ];
}

/** {@link messageStateKeyIssues} for every tool (see `field-rules.ts`). */
export const MESSAGE_STATE_KEY_RULES: FieldRules = {
  expected: "no state_key on a message event",
  issues: messageStateKeyIssues,
  schemas: [],
  jsonSchema: () =>
    jsonIf(
      { properties: { type: { type: "string", enum: [...MESSAGE_EVENT_TYPES] } } },
      { not: hasKeys("state_key") },
    ),
  repair: {
    ingredients: [],
    apply: (event: Record<string, unknown>) => {
      if (typeof event.type !== "string" || !isMessageEventType(event.type) || !("state_key" in event))
        return event;
      const out = copyOwn(event);
      delete out.state_key;
      return out;
    },
  },
};

/**
 * Whether a view claims an event of this type and state key. LM says a join-rules event with any
 * state key other than `""` "serve[s] no meaning" and is "treated as though [it] were a custom
 * event", so those fall to {@link CustomEvent}; every other modelled type is always claimed.
 */
export function isClaimedByView(type: string, stateKey: string | undefined): boolean {
  if (!isModelledEventType(type)) return false;
  return type !== JOIN_RULES || stateKey === "";
}

/** Why an event of a type a view claims cannot be a custom event. */
function claimedTypeMessage(type: string): string {
  return `${type} has a content schema in this package, so the event must match the ${type} view, not the open one`;
}

/** The rule of {@link CustomEvent}: its type and state key are not ones a view claims. */
export function customEventIssues(event: EnvelopeShape): PathIssue[] {
  return isClaimedByView(event.type, event.state_key)
    ? [{ path: ["type"], issue: claimedTypeMessage(event.type) }]
    : [];
}

/** {@link customEventIssues} for every tool (see `field-rules.ts`). */
export const CUSTOM_EVENT_RULES: FieldRules = {
  expected: "a type and state key no view claims",
  issues: customEventIssues,
  schemas: [],
  // Of the claimed types only join rules reach this rule: `CustomEventType` rejects the others.
  jsonSchema: () => ({
    not: {
      required: ["type", "state_key"],
      properties: { type: { type: "string", const: JOIN_RULES }, state_key: { type: "string", const: "" } },
    },
  }),
  repair: {
    ingredients: [],
    apply: (event: Record<string, unknown>) => {
      if (!isClaimedByView(String(event.type), event.state_key as string | undefined)) return event;
      const out = copyOwn(event);
      delete out.state_key;
      return out;
    },
  },
};

/** How the views of one form (PDU or LPDU) are built. */
interface Form<F extends Schema.Struct.Fields> {
  /** The form's fields other than `type`, `state_key` and `content`. */
  readonly fields: F;
  /** The form's cross-field rules, on any event of the form. */
  readonly rules: FieldRules;
  /** Prefix of the views' identifiers (`""` or `"Limited"`). */
  readonly prefix: string;
}

// The views' decoded values always have the form's fields (the struct checked them first), so
// handing them to the form's rules as that shape is sound.
const PDU_BASE_FIELDS = { ...ENVELOPE_BASE_FIELDS, ...PDU_ONLY_FIELDS };
const PDU_FORM: Form<typeof PDU_BASE_FIELDS> = { fields: PDU_BASE_FIELDS, rules: PDU_RULES, prefix: "" };

const LPDU_BASE_FIELDS = { ...ENVELOPE_BASE_FIELDS, ...LPDU_ONLY_FIELDS };
const LPDU_FORM: Form<typeof LPDU_BASE_FIELDS> = {
  fields: LPDU_BASE_FIELDS,
  rules: LPDU_RULES,
  prefix: "Limited",
};

/** What a view says about itself. */
interface ViewAnnotations {
  readonly identifier: string;
  readonly description: string;
}

function view<
  F extends Schema.Struct.Fields,
  const T extends string,
  K extends Schema.Struct.Fields[string],
  C extends Schema.Struct.Fields[string],
>(form: Form<F>, type: T, stateKey: K, content: C, annotations: ViewAnnotations) {
  const rules = combineRules(`${form.rules.expected}; no state_key on a message event`, [
    form.rules,
    MESSAGE_STATE_KEY_RULES,
  ]);
  return openStruct({ ...form.fields, type: Schema.Literal(type), state_key: stateKey, content }).pipe(
    Schema.check(rulesFilter(rules)),
    Schema.annotate({ ...annotations, identifier: `${form.prefix}${annotations.identifier}` }),
  );
}

/** A message type's content: complete, or emptied by redaction. */
function messageContent<C extends Schema.Top>(content: C) {
  return Schema.Union([content, RedactedContent]);
}

/**
 * The state key of a state type that takes only `""`. A check, not `Schema.Literal("")`: a
 * literal would become a sentinel of the union, and an event with another state key would skip
 * the view silently instead of being told what is wrong.
 */
const EMPTY_STATE_KEY = StateKey.pipe(
  Schema.check(
    Schema.makeFilter(
      (key: string) =>
        key === ""
          ? undefined
          : `this event type takes only the empty state key ""; found ${JSON.stringify(key)}`,
      {
        expected: 'the empty state key ""',
        toJsonSchema: () => ({ const: "" }),
        arbitraryConstraint: { maxLength: 0 },
      },
    ),
  ),
);
/** The (forbidden) state key of a message type; `messageStateKeyIssues` rejects any value. */
const NO_STATE_KEY = Schema.optionalKey(StateKey);

function viewsOf<F extends Schema.Struct.Fields>(form: Form<F>) {
  return {
    create: view(form, CREATE, EMPTY_STATE_KEY, CreateEventContent, {
      identifier: "CreateEvent",
      description: "An m.room.create event: empty state_key, CreateEventContent.",
    }),
    member: view(form, MEMBER, UserId, MembershipEventContent, {
      identifier: "MemberEvent",
      description: "An m.room.member event: state_key is the target user ID, MembershipEventContent.",
    }),
    powerLevels: view(form, POWER_LEVELS, EMPTY_STATE_KEY, PowerLevelsEventContent, {
      identifier: "PowerLevelsEvent",
      description: "An m.room.power_levels event: empty state_key, PowerLevelsEventContent.",
    }),
    joinRules: view(form, JOIN_RULES, EMPTY_STATE_KEY, JoinRulesEventContent, {
      identifier: "JoinRulesEvent",
      description: "An m.room.join_rules event: empty state_key, JoinRulesEventContent.",
    }),
    historyVisibility: view(form, HISTORY_VISIBILITY, EMPTY_STATE_KEY, HistoryVisibilityEventContent, {
      identifier: "HistoryVisibilityEvent",
      description: "An m.room.history_visibility event: empty state_key, HistoryVisibilityEventContent.",
    }),
    name: view(form, NAME, EMPTY_STATE_KEY, NameEventContent, {
      identifier: "NameEvent",
      description: "An m.room.name event: empty state_key, NameEventContent.",
    }),
    topic: view(form, TOPIC, EMPTY_STATE_KEY, TopicEventContent, {
      identifier: "TopicEvent",
      description: "An m.room.topic event: empty state_key, TopicEventContent.",
    }),
    avatar: view(form, AVATAR, EMPTY_STATE_KEY, AvatarEventContent, {
      identifier: "AvatarEvent",
      description: "An m.room.avatar event: empty state_key, AvatarEventContent.",
    }),
    redaction: view(form, REDACTION, NO_STATE_KEY, messageContent(RedactionEventContent), {
      identifier: "RedactionEvent",
      description:
        "An m.room.redaction message event: no state_key, RedactionEventContent (or {} once redacted).",
    }),
    encrypted: view(form, ENCRYPTED, NO_STATE_KEY, messageContent(EncryptedEventContent), {
      identifier: "EncryptedEvent",
      description:
        "An m.room.encrypted message event: no state_key, EncryptedEventContent (or {} once redacted).",
    }),
    mlsCommit: view(form, MLS_COMMIT, NO_STATE_KEY, messageContent(MlsCommitContent), {
      identifier: "MlsCommitEvent",
      description: "An m.mls.commit message event: no state_key, MlsCommitContent (or {} once redacted).",
    }),
  };
}

const pdu = viewsOf(PDU_FORM);
const lpdu = viewsOf(LPDU_FORM);

/** A fully-formed `m.room.create` event: empty state key, {@link CreateEventContent}. */
export const CreateEvent = pdu.create;
/** A fully-formed create event. */
export type CreateEvent = typeof CreateEvent.Type;

/** A fully-formed `m.room.member` event: the state key is the target's user ID. */
export const MemberEvent = pdu.member;
/** A fully-formed membership event. */
export type MemberEvent = typeof MemberEvent.Type;

/** A fully-formed `m.room.power_levels` event. */
export const PowerLevelsEvent = pdu.powerLevels;
/** A fully-formed power-levels event. */
export type PowerLevelsEvent = typeof PowerLevelsEvent.Type;

/** A fully-formed `m.room.join_rules` event with the empty state key (others are custom events). */
export const JoinRulesEvent = pdu.joinRules;
/** A fully-formed join-rules event. */
export type JoinRulesEvent = typeof JoinRulesEvent.Type;

/** A fully-formed `m.room.history_visibility` event. */
export const HistoryVisibilityEvent = pdu.historyVisibility;
/** A fully-formed history-visibility event. */
export type HistoryVisibilityEvent = typeof HistoryVisibilityEvent.Type;

/** A fully-formed `m.room.name` event. */
export const NameEvent = pdu.name;
/** A fully-formed name event. */
export type NameEvent = typeof NameEvent.Type;

/** A fully-formed `m.room.topic` event. */
export const TopicEvent = pdu.topic;
/** A fully-formed topic event. */
export type TopicEvent = typeof TopicEvent.Type;

/** A fully-formed `m.room.avatar` event. */
export const AvatarEvent = pdu.avatar;
/** A fully-formed avatar event. */
export type AvatarEvent = typeof AvatarEvent.Type;

/** A fully-formed `m.room.redaction` message event. */
export const RedactionEvent = pdu.redaction;
/** A fully-formed redaction event. */
export type RedactionEvent = typeof RedactionEvent.Type;

/** A fully-formed `m.room.encrypted` message event. */
export const EncryptedEvent = pdu.encrypted;
/** A fully-formed encrypted event. */
export type EncryptedEvent = typeof EncryptedEvent.Type;

/** A fully-formed `m.mls.commit` message event. */
export const MlsCommitEvent = pdu.mlsCommit;
/** A fully-formed MLS commit event. */
export type MlsCommitEvent = typeof MlsCommitEvent.Type;

/** The types only a view may take (join rules depend on the state key, so they are not here). */
const VIEW_ONLY_TYPES: ReadonlyArray<string> = MODELLED_EVENT_TYPES.filter((type) => type !== JOIN_RULES);

/**
 * The `type` of a custom event: any event type except those only a view may take. It is the
 * first field of the custom schemas, so that, inside {@link RoomEvent}, an event of a modelled
 * type that fails its view is told so once, instead of having every envelope problem reported a
 * second time by the open branch.
 */
const CustomEventType = EventType.pipe(
  Schema.check(
    Schema.makeFilter(
      // Join rules depend on the state key too; `customEventIssues` decides those.
      (type: string) => (VIEW_ONLY_TYPES.includes(type) ? claimedTypeMessage(type) : undefined),
      { expected: "an event type without a view", toJsonSchema: () => ({ not: { enum: VIEW_ONLY_TYPES } }) },
    ),
  ),
);

/** The open-content fields of a custom event, `type` first (see {@link CustomEventType}). */
const CUSTOM_FIELDS = {
  type: CustomEventType,
  ...ENVELOPE_BASE_FIELDS,
  state_key: Schema.optionalKey(StateKey),
  content: OpenObject,
};

/**
 * A fully-formed event of a type no view claims (custom types, and join-rules events with a
 * non-empty or missing state key): the envelope with open content.
 */
export const CustomEvent = openStruct({ ...CUSTOM_FIELDS, ...PDU_ONLY_FIELDS }).pipe(
  Schema.check(
    rulesFilter(
      combineRules(`${PDU_RULES.expected}; ${CUSTOM_EVENT_RULES.expected}`, [PDU_RULES, CUSTOM_EVENT_RULES]),
    ),
  ),
  Schema.annotate({
    identifier: "CustomEvent",
    description: "A fully-formed event of a type this package does not model; its content is an open object.",
  }),
);
/** A fully-formed event of an unmodelled type. */
export type CustomEvent = typeof CustomEvent.Type;

const LimitedCustomEvent = openStruct({ ...CUSTOM_FIELDS, ...LPDU_ONLY_FIELDS }).pipe(
  Schema.check(
    rulesFilter(
      combineRules(`${LPDU_RULES.expected}; ${CUSTOM_EVENT_RULES.expected}`, [
        LPDU_RULES,
        CUSTOM_EVENT_RULES,
      ]),
    ),
  ),
  Schema.annotate({
    identifier: "LimitedCustomEvent",
    description: "A limited event of a type this package does not model; its content is an open object.",
  }),
);

/**
 * Any fully-formed event, typed by its `type`: the matching view for a modelled type (whose
 * content must then match), a {@link CustomEvent} otherwise. Each is a state event (it has a
 * `state_key`, even `""`) or a message event (it has none), never both for one type.
 */
export const RoomEvent = Schema.Union([
  CreateEvent,
  MemberEvent,
  PowerLevelsEvent,
  JoinRulesEvent,
  HistoryVisibilityEvent,
  NameEvent,
  TopicEvent,
  AvatarEvent,
  RedactionEvent,
  EncryptedEvent,
  MlsCommitEvent,
  CustomEvent,
]).pipe(
  Schema.annotate({
    identifier: "RoomEvent",
    description:
      "A fully-formed event whose content matches its type's schema (open content for unmodelled types). It is a state event when it has a state_key, a message event otherwise.",
  }),
);
/** A fully-formed event, typed by its `type`. */
export type RoomEvent = typeof RoomEvent.Type;

/** Any limited event (LPDU), typed by its `type` like {@link RoomEvent}. */
export const LimitedRoomEvent = Schema.Union([
  lpdu.create,
  lpdu.member,
  lpdu.powerLevels,
  lpdu.joinRules,
  lpdu.historyVisibility,
  lpdu.name,
  lpdu.topic,
  lpdu.avatar,
  lpdu.redaction,
  lpdu.encrypted,
  lpdu.mlsCommit,
  LimitedCustomEvent,
]).pipe(
  Schema.annotate({
    identifier: "LimitedRoomEvent",
    description:
      "A limited event (LPDU) whose content matches its type's schema (open content for unmodelled types).",
  }),
);
/** A limited event, typed by its `type`. */
export type LimitedRoomEvent = typeof LimitedRoomEvent.Type;

/** The view type of each modelled event type. */
export interface RoomEventByType {
  readonly "m.room.create": CreateEvent;
  readonly "m.room.member": MemberEvent;
  readonly "m.room.power_levels": PowerLevelsEvent;
  readonly "m.room.join_rules": JoinRulesEvent;
  readonly "m.room.history_visibility": HistoryVisibilityEvent;
  readonly "m.room.name": NameEvent;
  readonly "m.room.topic": TopicEvent;
  readonly "m.room.avatar": AvatarEvent;
  readonly "m.room.redaction": RedactionEvent;
  readonly "m.room.encrypted": EncryptedEvent;
  readonly "m.mls.commit": MlsCommitEvent;
}

/**
 * Narrows a decoded {@link RoomEvent} to a view. TypeScript cannot narrow on `event.type` alone,
 * because a {@link CustomEvent}'s type is any string; the schema guarantees that an event a view
 * claims was decoded by that view.
 */
export function isRoomEventOfType<T extends keyof RoomEventByType>(
  event: RoomEvent,
  type: T,
): event is RoomEventByType[T] {
  return event.type === type && isClaimedByView(type, event.state_key);
}
