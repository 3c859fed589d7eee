import { createHash } from 'node:crypto';
import { parse } from 'graphql';
import { limitError } from './errors.ts';

/**
 * Persisted operations: a JSON manifest mapping each operation's SHA-256 (hex, of the document text) to
 * the document. Clients send `extensions: { persistedQuery: { version: 1, sha256Hash } }` instead of the
 * query (the Apollo convention Hive Gateway's `persistedDocuments` option reads). With `persistedOnly`,
 * anything not in the manifest is refused; otherwise the manifest is a shortcut and other documents run too.
 */

export type PersistedOperations = ReadonlyMap<string, string>;

/**
 * Validates a manifest's text: a JSON object of `"<sha256 hex>": "<document>"`, every document parsing and
 * hashing to its key (a stale manifest fails at startup, not at a client). Returns the problems, if any.
 */
export function parsePersistedOperations(
  text: string,
): { ok: true; operations: PersistedOperations } | { ok: false; problems: string[] } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`not JSON: ${error instanceof Error ? error.message : String(error)}`] };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, problems: ['must be a JSON object of "<sha256 hex>": "<document>"'] };
  }
  const problems: string[] = [];
  const operations = new Map<string, string>();
  for (const [hash, document] of Object.entries(value)) {
    if (typeof document !== 'string') {
      problems.push(`${hash}: the document must be a string`);
      continue;
    }
    const actual = createHash('sha256').update(document).digest('hex');
    if (actual !== hash.toLowerCase()) {
      problems.push(`${hash}: the document's SHA-256 is ${actual}`);
      continue;
    }
    try {
      parse(document);
    } catch (error) {
      problems.push(`${hash}: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    operations.set(actual, document);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, operations };
}

/** Hive Gateway's `persistedDocuments` option for a manifest, with typed errors (HTTP 400). */
export function persistedDocumentsOption(operations: PersistedOperations, persistedOnly: boolean) {
  return {
    getPersistedOperation: (hash: string) => operations.get(hash.toLowerCase()) ?? null,
    allowArbitraryDocuments: !persistedOnly,
    customErrors: {
      notFound: () => limitError('No persisted operation has this hash.', 'PERSISTED_QUERY_NOT_FOUND'),
      persistedQueryOnly: () =>
        limitError(
          'Only persisted operations are accepted: send extensions.persistedQuery.sha256Hash instead of a query.',
          'PERSISTED_QUERY_REQUIRED',
        ),
      keyNotFound: () =>
        limitError(
          'The request has neither a query nor extensions.persistedQuery.sha256Hash.',
          'PERSISTED_QUERY_REQUIRED',
        ),
    },
  };
}
