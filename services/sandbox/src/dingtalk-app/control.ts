import { z } from 'zod';
import { fieldIssues } from '../control.ts';
import type { EmulatorAnswer } from '../emulator.ts';

/** Bodies of the `/_sandbox/dingtalk-app/` control API. Unknown fields are rejected so typos are not ignored. */

export const AppBody = z.strictObject({
  clientSecret: z.string().min(1),
  agentId: z.int().positive(),
  robotCode: z.string().min(1),
});

export const PersonBody = z.strictObject({
  mobile: z.string().regex(/^\+?[\d\s-]{5,24}$/, 'a phone number, e.g. +8613800138000 or 13800138000'),
  userid: z.string().min(1).max(64),
  resigned: z.boolean().default(false),
});

/** Parses a control body; a bad one is answered 400 with `{error, issues:[{field, message}]}`. */
export function parseControlBody<S extends z.ZodType>(
  schema: S,
  bodyText: string,
  then: (value: z.output<S>) => EmulatorAnswer,
): EmulatorAnswer {
  let value: unknown;
  try {
    value = bodyText === '' ? {} : JSON.parse(bodyText);
  } catch {
    return {
      status: 400,
      body: {
        error: 'invalid (body): not valid JSON',
        issues: [{ field: '(body)', message: 'not valid JSON' }],
      },
    };
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issues = fieldIssues(parsed.error);
    return {
      status: 400,
      body: {
        error: `invalid ${issues.map((i) => i.field).join(', ')}: ${issues.map((i) => i.message).join('; ')}`,
        issues,
      },
    };
  }
  return then(parsed.data);
}
