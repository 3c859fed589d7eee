import { badUserInput } from './errors.ts';

/** Relay's PageInfo, identical in every subgraph (see INPUT_ERROR_SDL for why). */
export const PAGE_INFO_SDL = `type PageInfo @shareable {
  hasNextPage: Boolean!
  hasPreviousPage: Boolean!
  startCursor: String
  endCursor: String
}`;

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** What a repository needs for keyset pagination: fetch `limit + 1` rows ordered by key, after `after`. */
export interface Page<Key> {
  limit: number;
  after: Key | null;
}

export interface Connection<Node> {
  edges: Array<{ node: Node; cursor: string }>;
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

const CURSOR_PREFIX = 'c1:';

/** Cursors are opaque to clients: a versioned, base64url-encoded JSON of the row's sort key. */
export function encodeCursor(key: unknown): string {
  return Buffer.from(`${CURSOR_PREFIX}${JSON.stringify(key)}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): unknown {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(CURSOR_PREFIX)) throw badUserInput('the cursor is not one this API issued', 'after');
  try {
    return JSON.parse(text.slice(CURSOR_PREFIX.length));
  } catch {
    throw badUserInput('the cursor is not one this API issued', 'after');
  }
}

/**
 * Validates `first`/`after`; `parseKey` checks the decoded cursor's shape and returns null when it is not
 * a key of this list (a cursor from another list, or tampered with).
 */
export function readPage<Key>(args: PageArgs, parseKey: (value: unknown) => Key | null): Page<Key> {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be between 0 and ${MAX_PAGE_SIZE}`, 'first');
  }
  if (args.after === undefined || args.after === null) return { limit: first, after: null };
  const key = parseKey(decodeCursor(args.after));
  if (key === null) throw badUserInput('the cursor does not belong to this list', 'after');
  return { limit: first, after: key };
}

/** Builds the connection from rows fetched with `limit + 1` (the extra row only says there is more). */
export function toConnection<Row, Node = Row>(
  rows: Row[],
  page: Page<unknown>,
  cursorKey: (row: Row) => unknown,
  toNode: (row: Row) => Node = (row) => row as unknown as Node,
): Connection<Node> {
  const visible = rows.slice(0, page.limit);
  const edges = visible.map((row) => ({ node: toNode(row), cursor: encodeCursor(cursorKey(row)) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > page.limit,
      hasPreviousPage: page.after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** A cursor key that is one non-empty string (an id). */
export function stringKey(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
