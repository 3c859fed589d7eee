import { z } from 'zod';
import { ROBOT_MAX_KEYWORDS } from './dingtalk-robot.ts';

/** Bodies of the `/_sandbox/` control API. Unknown fields are rejected so that typos are not ignored. */

export const RobotBody = z.strictObject({
  secret: z.string().min(1).optional(),
  keywords: z.array(z.string().min(1)).max(ROBOT_MAX_KEYWORDS).default([]),
});

export const FaultBody = z
  .strictObject({
    accessToken: z.string().min(1).optional(),
    count: z.int().min(1).max(1_000_000).default(1),
    errcode: z.int().optional(),
    errmsg: z.string().optional(),
    httpStatus: z.int().min(200).max(599).optional(),
    delayMs: z.int().min(0).max(60_000).optional(),
    drop: z.boolean().optional(),
  })
  .refine(
    (f) =>
      f.errcode !== undefined || f.httpStatus !== undefined || f.delayMs !== undefined || f.drop === true,
    { message: 'give errcode, httpStatus, delayMs or drop', path: ['errcode'] },
  );

export const SettingsBody = z.strictObject({ rateLimits: z.boolean() });

export const ResetBody = z.strictObject({ robots: z.boolean().default(false) });

export type FieldIssue = { field: string; message: string };

/** Turns zod issues into `{field, message}` pairs; unknown keys are named one by one. */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((issue) => {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: base ? `${base}.${key}` : key, message: 'unknown field' }));
    }
    return [{ field: base || '(body)', message: issue.message }];
  });
}
