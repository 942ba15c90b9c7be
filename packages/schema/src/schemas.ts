/**
 * Every exported schema by name, for tools that pick one at run time (`mimi validate --schema`).
 *
 * @module
 */
import type { Schema } from "effect";
import { RoomId, RoomIdFromString, ServerName, UserId, UserIdFromString } from "./identifiers/index.ts";

/** Schemas by the name users type on the command line. */
export const schemasByName: Readonly<Record<string, Schema.Top>> = {
  ServerName,
  UserId,
  RoomId,
  UserIdFromString,
  RoomIdFromString,
};

/** The names {@link schemasByName} knows, sorted. */
export const schemaNames: ReadonlyArray<string> = Object.keys(schemasByName).sort();
