/**
 * `arbitrary.filter(predicate)` with a bound. fast-check's own `filter` retries forever, so a
 * check that (almost) no generated value passes would hang a test run; this one gives up after a
 * number of consecutive rejections and says which check was to blame. Shrinking is unchanged:
 * shrunk values are the source's shrinks that still pass.
 *
 * @module
 */
import fc from "fast-check";

/** No generated value passed a filter after the allowed number of tries. */
export class FilterExhaustedError extends Error {
  override readonly name = "FilterExhaustedError";
}

class BoundedFilterArbitrary<T> extends fc.Arbitrary<T> {
  constructor(
    private readonly source: fc.Arbitrary<T>,
    private readonly predicate: (value: T) => boolean,
    private readonly maxTries: number,
    private readonly describe: () => string,
  ) {
    super();
  }

  generate(mrng: fc.Random, biasFactor: number | undefined): fc.Value<T> {
    for (let i = 0; i < this.maxTries; i++) {
      const candidate = this.source.generate(mrng, biasFactor);
      if (this.predicate(candidate.value_)) return candidate;
    }
    throw new FilterExhaustedError(
      `no generated value passed ${this.describe()} in ${this.maxTries} tries; generate such values directly instead of filtering`,
    );
  }

  canShrinkWithoutContext(value: unknown): value is T {
    return this.source.canShrinkWithoutContext(value) && this.predicate(value);
  }

  shrink(value: T, context: unknown): fc.Stream<fc.Value<T>> {
    return this.source.shrink(value, context).filter((v) => this.predicate(v.value_));
  }
}

/** Default number of consecutive rejections before {@link boundedFilter} gives up. */
export const DEFAULT_FILTER_TRIES = 1000;

/**
 * Values of `source` that pass `predicate`; generation throws {@link FilterExhaustedError}
 * (naming `describe()`) after `maxTries` consecutive rejections. A type guard narrows the type.
 */
export function boundedFilter<T, U extends T>(
  source: fc.Arbitrary<T>,
  predicate: (value: T) => value is U,
  describe: () => string,
  maxTries?: number,
): fc.Arbitrary<U>;
export function boundedFilter<T>(
  source: fc.Arbitrary<T>,
  predicate: (value: T) => boolean,
  describe: () => string,
  maxTries?: number,
): fc.Arbitrary<T>;
export function boundedFilter<T>(
  source: fc.Arbitrary<T>,
  predicate: (value: T) => boolean,
  describe: () => string,
  maxTries = DEFAULT_FILTER_TRIES,
): fc.Arbitrary<T> {
  return new BoundedFilterArbitrary(source, predicate, maxTries, describe);
}
