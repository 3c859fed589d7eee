import { type Checked, InputErrorCode, InputProblems } from '@tidings/graphql';
import type { ImportedMemberInput } from '../generated/graphql.ts';
import { checkPlatformUserId, normaliseEmail, normalisePhone } from '../users/validation.ts';

export const MAX_IMPORTED_MEMBERS = 5000;

/** Exports from Chinese platforms (DingTalk, WeCom) list mainland numbers without +86. */
const DEFAULT_PHONE_REGION = 'CN';

/** One member of an export, validated: what to match on and the id to import. */
export interface ImportRow {
  index: number;
  platformUserId: string;
  userId: string | null;
  phone: string | null;
  /** Lower-cased: exports and profiles disagree on case more often than they name different people. */
  email: string | null;
  label: string;
}

export interface Candidate {
  id: string;
  phone: string | null;
  email: string | null;
}

export interface ImportMatch {
  index: number;
  userId: string;
  platformUserId: string;
}

const AMBIGUOUS = 'AMBIGUOUS';
const DUPLICATE = 'DUPLICATE';

function field(index: number, name: string): string[] {
  return ['members', String(index), name];
}

function present(value: string | null | undefined): value is string {
  return value !== null && value !== undefined && value.trim() !== '';
}

function optional<T>(
  value: string | null | undefined,
  check: (text: string) => Checked<T>,
): Checked<T | null> {
  return present(value) ? check(value) : { ok: true, value: null };
}

/** Validates each member; invalid rows become errors naming ["members", "<index>", "<field>"]. */
export function readImportRows(
  members: readonly ImportedMemberInput[],
  problems: InputProblems,
): ImportRow[] {
  const rows: ImportRow[] = [];
  members.forEach((member, index) => {
    const rowProblems = new InputProblems();
    const platformUserId = rowProblems.check(
      field(index, 'platformUserId'),
      checkPlatformUserId(member.platformUserId),
    );
    const userId = present(member.userId) ? member.userId.trim() : null;
    const phone = rowProblems.check(
      field(index, 'phone'),
      optional(member.phone, (text) => normalisePhone(text, DEFAULT_PHONE_REGION)),
    );
    const email = rowProblems.check(field(index, 'email'), optional(member.email, normaliseEmail));
    if (!userId && !present(member.phone) && !present(member.email)) {
      rowProblems.add(
        field(index, 'userId'),
        'give userId, phone or email to match the member to a person',
        InputErrorCode.required,
      );
    }
    problems.list.push(...rowProblems.list);
    if (rowProblems.any || platformUserId === undefined) return;
    rows.push({
      index,
      platformUserId,
      userId,
      phone: phone ?? null,
      email: email ? email.toLowerCase() : null,
      label: member.name?.trim() || platformUserId,
    });
  });
  return rows;
}

function indexBy(candidates: readonly Candidate[], key: (candidate: Candidate) => string | null) {
  const index = new Map<string, string[]>();
  for (const candidate of candidates) {
    const value = key(candidate);
    if (value === null) continue;
    index.set(value, [...(index.get(value) ?? []), candidate.id]);
  }
  return index;
}

/**
 * Matches each row to one person: by userId when given (it is the caller's explicit choice, so a wrong one
 * is an error rather than a reason to guess), else by phone, then by email, taking the first that matches
 * anyone. Several people sharing that phone or email is ambiguous; two rows for one person, a duplicate.
 */
export function matchImportRows(
  rows: readonly ImportRow[],
  candidates: readonly Candidate[],
  problems: InputProblems,
): ImportMatch[] {
  const ids = new Set(candidates.map((candidate) => candidate.id));
  const byPhone = indexBy(candidates, (candidate) => candidate.phone);
  const byEmail = indexBy(candidates, (candidate) => candidate.email?.toLowerCase() ?? null);
  const matchedBy = new Map<string, number>();
  const matches: ImportMatch[] = [];
  for (const row of rows) {
    let userId: string | null = null;
    if (row.userId !== null) {
      if (!ids.has(row.userId)) {
        problems.add(
          field(row.index, 'userId'),
          `no person with id "${row.userId}" in this tenant`,
          InputErrorCode.notFound,
        );
        continue;
      }
      userId = row.userId;
    } else {
      const keys: Array<[string, string | null, Map<string, string[]>]> = [
        ['phone', row.phone, byPhone],
        ['email', row.email, byEmail],
      ];
      const given = keys.filter(([, value]) => value !== null);
      const hit = given.find(([, value, index]) => (index.get(value!) ?? []).length > 0);
      if (!hit) {
        const [name, value] = given[0]!;
        problems.add(
          field(row.index, name),
          `${row.label}: no person in this tenant has ${name} ${value}`,
          InputErrorCode.notFound,
        );
        continue;
      }
      const [name, value, index] = hit;
      const found = index.get(value!)!;
      if (found.length > 1) {
        problems.add(
          field(row.index, name),
          `${row.label}: ${found.length} people share ${name} ${value} (${found.join(', ')}); give userId`,
          AMBIGUOUS,
        );
        continue;
      }
      userId = found[0]!;
    }
    const earlier = matchedBy.get(userId);
    if (earlier !== undefined) {
      problems.add(
        field(row.index, 'platformUserId'),
        `${row.label}: member ${earlier} is already imported for ${userId}`,
        DUPLICATE,
      );
      continue;
    }
    matchedBy.set(userId, row.index);
    matches.push({ index: row.index, userId, platformUserId: row.platformUserId });
  }
  return matches;
}
