/**
 * `m.room.create` content (LM §int-ev-create, §int-mls-considerations): the room version and,
 * for MLS rooms, the encryption algorithm, both fixed for the room's lifetime. Redaction keeps
 * all of it.
 *
 * @module
 */
import { Schema } from "effect";
import { openStruct } from "../open-object.ts";
import { CreateRoomVersion } from "../room-version.ts";
import { boundedText } from "../text.ts";

/** The cipher suite LM names: MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519 as an algorithm string. */
export const LM_MLS_ALGORITHM = "m.mls.v1.dhkemx25519-aes128gcm-sha256-ed25519";

/**
 * The chat types of the transport requirements (CHAT-1, CHAT-3, CHAT-5, CHAT-12): a direct
 * message, a group DM (fixed members), a group chat and a public chat.
 */
export const ChatKind = Schema.Literals(["dm", "group-dm", "group-chat", "public-chat"]).pipe(
  Schema.annotate({
    // A title, not an identifier: Effect names a failing schema by its identifier, and for
    // a short list the values say more (`Expected "a" | "b"`).
    title: "ChatKind",
    description: "The kind of chat a room is: dm, group-dm, group-chat or public-chat.",
  }),
);

/** A chat kind. */
export type ChatKind = typeof ChatKind.Type;

/**
 * An encryption algorithm name: `m.mls.v1.` and a cipher suite, or a reverse-DNS name for custom
 * algorithms (LM). Any non-empty text is accepted; which ones a client supports is its business.
 */
export const EncryptionAlgorithm = boundedText(
  { name: "encryption algorithm", min: 1, max: 255 },
  "an encryption algorithm name",
).pipe(
  Schema.annotate({
    identifier: "EncryptionAlgorithm",
    description: "An encryption algorithm name such as m.mls.v1.dhkemx25519-aes128gcm-sha256-ed25519.",
    examples: [LM_MLS_ALGORITHM],
  }),
);

/** `content.encryption` of a create event: `{ algorithm }`. */
export const EncryptionConfig = openStruct({ algorithm: EncryptionAlgorithm }).pipe(
  Schema.annotate({
    identifier: "EncryptionConfig",
    description: "The room's encryption, fixed at creation: the algorithm clients must use.",
  }),
);

/**
 * The name of the set of profile choices (see the requirements registry's profile options) a
 * room follows. This project's extension, like `chat_type`.
 */
export const PolicyProfileName = boundedText(
  { name: "policy profile name", min: 1, max: 255 },
  "a policy profile name",
).pipe(
  Schema.annotate({
    identifier: "PolicyProfileName",
    description: "The name of the policy profile a room follows (this project's extension).",
  }),
);

/**
 * `m.room.create` content. LM requires `room_version` and puts MLS settings in `encryption`.
 * `chat_type` and `policy_profile` are **this project's extension**, not from any draft: SIG-seed
 * says the create event names the room's policy (SIG-CREATE-4), and the model needs to know which
 * chat type and profile a room was created under. They are optional so that plain LM create
 * events still decode; redaction keeps them, as it keeps all create content.
 */
export const CreateEventContent = openStruct({
  room_version: CreateRoomVersion,
  encryption: Schema.optionalKey(EncryptionConfig),
  chat_type: Schema.optionalKey(ChatKind),
  policy_profile: Schema.optionalKey(PolicyProfileName),
}).pipe(
  Schema.annotate({
    identifier: "CreateEventContent",
    description:
      "m.room.create content: room_version; optional encryption {algorithm}; optional chat_type and policy_profile (this project's extension).",
    examples: [
      {
        room_version: "org.matrix.i-d.ralston-mimi-linearized-matrix.02",
        encryption: { algorithm: LM_MLS_ALGORITHM },
        chat_type: "group-chat",
      } as never,
    ],
  }),
);

/** The content of a create event. */
export type CreateEventContent = typeof CreateEventContent.Type;
