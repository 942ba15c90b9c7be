/**
 * The conformance protocol (spec/conformance-protocol.md): line-delimited JSON between the
 * runner and an implementation's adapter. The runner writes one request per line on the
 * adapter's standard input; the adapter writes one response per line on its standard output,
 * carrying the request's `id`. Every request is answered: with a `result`, with `unsupported`
 * (the adapter does not implement this kind of request), or with an `error`.
 *
 * @module
 */

/** The protocol's name, exchanged in the handshake. */
export const PROTOCOL_NAME = "mimi-conformance";

/** The protocol version this runner speaks; an adapter must answer the handshake with it. */
export const PROTOCOL_VERSION = 1;

/** The request types after the handshake. */
export const REQUEST_TYPES = ["identifier", "event", "trace", "grammar"] as const;

/** A request type. */
export type RequestType = (typeof REQUEST_TYPES)[number];

/** The handshake request (always `id` 0). */
export interface HelloRequest {
  readonly id: number;
  readonly type: "hello";
  readonly protocol: typeof PROTOCOL_NAME;
  readonly version: number;
  /** Who is asking, for the adapter's logs. */
  readonly runner: string;
}

/** Is this string a valid identifier of this kind? */
export interface IdentifierRequest {
  readonly id: number;
  readonly type: "identifier";
  readonly vector: string;
  readonly kind: string;
  readonly value: string;
}

/** Canonicalise and hash this event. */
export interface EventRequest {
  readonly id: number;
  readonly type: "event";
  readonly vector: string;
  readonly form: "lpdu" | "pdu";
  readonly profile: "jcs" | "matrix";
  readonly event: Readonly<Record<string, unknown>>;
}

/** Apply these actions from an empty world and report each verdict and the final state. */
export interface TraceRequest {
  readonly id: number;
  readonly type: "trace";
  readonly vector: string;
  /** The named profile the options start from (informative). */
  readonly profile: string;
  /** Every option's value (authoritative). */
  readonly options: Readonly<Record<string, string>>;
  readonly delivery: "instant" | "network";
  readonly eventIds: "counter" | "reference-hash";
  readonly actions: ReadonlyArray<Readonly<Record<string, unknown>>>;
}

/** Does this string match this ABNF rule exactly? */
export interface GrammarRequest {
  readonly id: number;
  readonly type: "grammar";
  readonly vector: string;
  /** The ABNF file's repository path (a name; its text is in `abnf`). */
  readonly file: string;
  readonly rule: string;
  readonly abnf: string;
  readonly input: string;
}

/** A request after the handshake. */
export type VectorRequest = IdentifierRequest | EventRequest | TraceRequest | GrammarRequest;

/** A request without its `id`, which the runner assigns when it sends it. */
export type RequestBody = VectorRequest extends infer R
  ? R extends { id: number }
    ? Omit<R, "id">
    : never
  : never;

/** The end of a session: no answer expected; the adapter should exit. */
export interface ByeMessage {
  readonly type: "bye";
}

/** A response, as it arrives (checked by the runner, not trusted). */
export type Response =
  | { readonly id: number; readonly result: unknown }
  | { readonly id: number; readonly unsupported: true; readonly reason?: string }
  | { readonly id: number; readonly error: string };

/** What the adapter says about itself in the handshake. */
export interface ImplementationInfo {
  readonly name: string;
  readonly version?: string;
  readonly protocol: number;
}

/**
 * Reads a handshake result, or says what is wrong with it. A different protocol version is an
 * error that restarting will not fix (`fatal`).
 */
export function readHello(
  result: unknown,
):
  | { readonly ok: true; readonly info: ImplementationInfo }
  | { readonly ok: false; readonly message: string; readonly fatal: boolean } {
  if (typeof result !== "object" || result === null || Array.isArray(result))
    return {
      ok: false,
      fatal: true,
      message: `the hello result must be an object, got ${JSON.stringify(result)}`,
    };
  const r = result as Record<string, unknown>;
  if (r.protocol !== PROTOCOL_NAME)
    return {
      ok: false,
      fatal: true,
      message: `the hello result names protocol ${JSON.stringify(r.protocol)}, not "${PROTOCOL_NAME}"`,
    };
  if (r.version !== PROTOCOL_VERSION)
    return {
      ok: false,
      fatal: true,
      message: `the implementation speaks protocol version ${JSON.stringify(r.version)}; this runner speaks ${PROTOCOL_VERSION}`,
    };
  const name =
    typeof r.implementation === "string" && r.implementation !== "" ? r.implementation : "(unnamed)";
  return {
    ok: true,
    info: {
      name,
      protocol: PROTOCOL_VERSION,
      ...(typeof r.implementationVersion === "string" ? { version: r.implementationVersion } : {}),
    },
  };
}
