import { InputProblems } from '@tidings/graphql';
import { describe, expect, it } from 'vitest';
import { matchImportRows, readImportRows } from './import.ts';

const people = [
  { id: 'ada', phone: '+8613800138000', email: 'Ada@example.com' },
  { id: 'bob', phone: '+8613800000009', email: null },
  { id: 'carol', phone: null, email: 'team@example.com' },
  { id: 'dave', phone: null, email: 'team@example.com' },
];

function importRows(members: Parameters<typeof readImportRows>[0]) {
  const problems = new InputProblems();
  const matches = matchImportRows(readImportRows(members, problems), people, problems);
  return { matches, errors: problems.list };
}

describe('importing platform members', () => {
  it('matches by userId, else phone (national numbers are Chinese), else email ignoring case', () => {
    const { matches, errors } = importRows([
      { platformUserId: 'dt-bob', phone: '138 0000 0009' },
      { platformUserId: 'dt-ada', email: 'ADA@EXAMPLE.COM' },
      { platformUserId: 'dt-carol', userId: 'carol', phone: '+8613800138000' },
    ]);
    expect(errors).toEqual([]);
    expect(matches).toEqual([
      { index: 0, userId: 'bob', platformUserId: 'dt-bob' },
      { index: 1, userId: 'ada', platformUserId: 'dt-ada' },
      { index: 2, userId: 'carol', platformUserId: 'dt-carol' },
    ]);
  });

  it('falls back from a phone nobody has to the email', () => {
    const { matches } = importRows([
      { platformUserId: 'dt-ada', phone: '+8613999999999', email: 'ada@example.com' },
    ]);
    expect(matches).toEqual([{ index: 0, userId: 'ada', platformUserId: 'dt-ada' }]);
  });

  it('reports each bad row by index and field, and still matches the good ones', () => {
    const { matches, errors } = importRows([
      { platformUserId: 'dt-ada', userId: 'ada' },
      { platformUserId: ' ', userId: 'bob' },
      { platformUserId: 'dt-x', phone: '12' },
      { platformUserId: 'dt-y' },
      { platformUserId: 'dt-z', userId: 'zed', phone: '+8613800000009' },
      { platformUserId: 'dt-team', email: 'team@example.com' },
      { platformUserId: 'dt-nobody', phone: '+8613999999999', name: 'Nobody' },
      { platformUserId: 'dt-ada-2', phone: '+8613800138000' },
    ]);
    expect(matches).toEqual([{ index: 0, userId: 'ada', platformUserId: 'dt-ada' }]);
    expect(errors.map((error) => [error.field, error.code])).toEqual([
      [['members', '1', 'platformUserId'], 'REQUIRED'],
      [['members', '2', 'phone'], 'INVALID'],
      [['members', '3', 'userId'], 'REQUIRED'],
      [['members', '4', 'userId'], 'NOT_FOUND'],
      [['members', '5', 'email'], 'AMBIGUOUS'],
      [['members', '6', 'phone'], 'NOT_FOUND'],
      [['members', '7', 'platformUserId'], 'DUPLICATE'],
    ]);
    expect(errors[5]?.message).toBe('Nobody: no person in this tenant has phone +8613999999999');
  });
});
