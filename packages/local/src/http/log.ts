/**
 * An array that keeps only the most recent entries: once it holds `limit` entries, a push first drops the
 * oldest eighth (at least one), so a long-running server's logs stay bounded at a cost that does not grow with
 * the limit. Everything else is a plain array (`filter`, `map` and `slice` return plain arrays).
 *
 * @example
 * ```ts
 * const log = new BoundedLog<number>(8);
 * for (let i = 0; i < 10; i++) log.push(i);
 * log.length; // 8 at most; the newest entry is always kept
 * ```
 */
export class BoundedLog<T> extends Array<T> {
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }

  readonly #limit: number;

  /** `limit`: the most entries kept (a positive integer, or `Infinity` for no bound). */
  constructor(limit: number) {
    super();
    if (!(limit === Number.POSITIVE_INFINITY || (Number.isInteger(limit) && limit > 0))) {
      throw new RangeError(`Expected a log limit that is a positive integer or Infinity, got ${limit}`);
    }
    this.#limit = limit;
  }

  /** The most entries kept. */
  get limit(): number {
    return this.#limit;
  }

  override push(...items: T[]): number {
    if (this.length + items.length > this.#limit) {
      const overflow = this.length + items.length - this.#limit;
      this.splice(0, Math.min(this.length, Math.max(overflow, Math.ceil(this.#limit / 8))));
    }
    if (items.length === 1) return super.push(items[0]!);
    return super.push(...(items.length > this.#limit ? items.slice(items.length - this.#limit) : items));
  }
}
