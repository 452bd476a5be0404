import { ApiError } from '../errors.js';

/** How many items a list operation answers per page when the caller gives no limit (CodeDeploy gives none). */
export const PAGE_SIZE = 100;

/**
 * One page of `items` after `nextToken`, and the token of the next page when there is one (the last page
 * has none, as on AWS). Tokens are opaque: base64 of the list they belong to (`scope`: the operation and its
 * filters) and an offset; a token from another list, or one that was never issued, is
 * `InvalidNextTokenException`.
 */
export function paginate<T>(
  items: readonly T[],
  nextToken: unknown,
  scope: string,
  pageSize = PAGE_SIZE,
): { readonly page: T[]; readonly nextToken?: string } {
  const offset = nextToken === undefined ? 0 : decode(nextToken, scope);
  if (offset > items.length) throw invalidToken();
  const page = items.slice(offset, offset + pageSize);
  return offset + pageSize < items.length ? { page, nextToken: encode(scope, offset + pageSize) } : { page };
}

const invalidToken = () =>
  new ApiError('InvalidNextTokenException', 'The next token was specified in an invalid format.');

function encode(scope: string, offset: number): string {
  return Buffer.from(JSON.stringify({ s: scope, o: offset })).toString('base64');
}

function decode(token: unknown, scope: string): number {
  if (typeof token !== 'string' || token.length === 0 || token.length > 4096) throw invalidToken();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
  } catch {
    throw invalidToken();
  }
  const { s, o } = (parsed ?? {}) as { s?: unknown; o?: unknown };
  if (s !== scope || typeof o !== 'number' || !Number.isSafeInteger(o) || o <= 0) throw invalidToken();
  return o;
}
