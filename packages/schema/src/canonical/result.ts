/**
 * A minimal success-or-failure value. The canonical layer never throws past its public API:
 * every operation that can fail on bad input returns a {@link Result} instead.
 *
 * @module
 */

/** A successful outcome carrying `value`. */
export interface Ok<A> {
  /** Always `true`: the operation succeeded. */
  readonly ok: true;
  /** The result of the operation. */
  readonly value: A;
}

/** A failed outcome carrying `error`. */
export interface Err<E> {
  /** Always `false`: the operation failed. */
  readonly ok: false;
  /** Why it failed. */
  readonly error: E;
}

/** Either a value or an error; test `ok` to tell which. */
export type Result<A, E> = Ok<A> | Err<E>;

/** Wraps a value as a successful {@link Result}. */
export function ok<A>(value: A): Ok<A> {
  return { ok: true, value };
}

/** Wraps an error as a failed {@link Result}. */
export function err<E>(error: E): Err<E> {
  return { ok: false, error };
}
