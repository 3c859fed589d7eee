import { encodeCursor, readPage } from '@tidings/graphql';
import { describe, expect, it } from 'vitest';
import { parseAuditCursor } from '../audit/log.ts';
import { readAuditFilter } from './audit.ts';

describe('auditLog arguments', () => {
  it('reads a filter, trimming ids and keeping the time window', () => {
    expect(
      readAuditFilter({
        entityType: ' Channel ',
        entityId: 'c1',
        actorId: 'ann',
        since: '2026-01-01T00:00:00.000Z',
        until: '2026-01-02T00:00:00.000Z',
      }),
    ).toEqual({
      entityType: 'Channel',
      entityId: 'c1',
      actorId: 'ann',
      since: new Date('2026-01-01T00:00:00.000Z'),
      until: new Date('2026-01-02T00:00:00.000Z'),
    });
    expect(readAuditFilter(null)).toEqual({});
  });

  it('refuses an empty or oversized id and a window that ends before it starts, naming the field', () => {
    const code = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return (error as { extensions?: { code?: string; argument?: string } }).extensions;
      }
      return undefined;
    };
    expect(code(() => readAuditFilter({ actorId: ' ' }))).toEqual({
      code: 'BAD_USER_INPUT',
      argument: 'filter.actorId',
    });
    expect(code(() => readAuditFilter({ entityId: 'x'.repeat(501) }))).toMatchObject({
      argument: 'filter.entityId',
    });
    expect(
      code(() => readAuditFilter({ since: '2026-01-02T00:00:00.000Z', until: '2026-01-01T00:00:00.000Z' })),
    ).toMatchObject({ argument: 'filter.until' });
  });

  it('accepts only its own cursors', () => {
    const id = '0b9f3f4e-8f0c-4f4e-9d51-3c2f1c1f9a01';
    const after = encodeCursor(['2026-01-02T03:04:05.678Z', id]);
    expect(readPage({ first: 5, after }, parseAuditCursor)).toEqual({
      limit: 5,
      after: { at: '2026-01-02T03:04:05.678Z', id },
    });
    // A deliveries cursor, or a tampered one, is not an audit cursor.
    expect(() =>
      readPage({ after: encodeCursor(['created', '2026-01-02T03:04:05.678901Z', 'd1']) }, parseAuditCursor),
    ).toThrow(/does not belong/);
    expect(() => readPage({ after: encodeCursor(['2026-01-02', 'not-a-uuid']) }, parseAuditCursor)).toThrow(
      /does not belong/,
    );
  });
});
