import { z } from 'zod';
import { ROBOT_MAX_KEYWORDS } from './dingtalk-robot.ts';
import type { EmulatorAnswer } from './emulator.ts';
import { FAULT_VENDORS } from './faults.ts';

/** Bodies of the `/_sandbox/` control API. Unknown fields are rejected so that typos are not ignored. */

export const RobotBody = z.strictObject({
  secret: z.string().min(1).optional(),
  keywords: z.array(z.string().min(1)).max(ROBOT_MAX_KEYWORDS).default([]),
});

export const FaultBody = z
  .strictObject({
    vendor: z.enum(FAULT_VENDORS).optional(),
    match: z.string().min(1).optional(),
    accessToken: z.string().min(1).optional(),
    count: z.int().min(1).max(1_000_000).default(1),
    errcode: z.int().optional(),
    errmsg: z.string().optional(),
    httpStatus: z.int().min(200).max(599).optional(),
    delayMs: z.int().min(0).max(60_000).optional(),
    drop: z.boolean().optional(),
    outageMs: z.int().min(1).max(86_400_000).optional(),
  })
  .refine(
    (f) =>
      f.errcode !== undefined ||
      f.httpStatus !== undefined ||
      f.delayMs !== undefined ||
      f.drop === true ||
      f.outageMs !== undefined,
    { message: 'give errcode, httpStatus, delayMs, drop or outageMs', path: ['errcode'] },
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

/**
 * Parses a control-API body (empty means `{}`) and hands the value on; a bad one is answered 400 with
 * `{error, issues:[{field, message}]}`, the shape every sandbox control route uses.
 */
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
    const error = `invalid ${issues.map((i) => i.field).join(', ')}: ${issues.map((i) => i.message).join('; ')}`;
    return { status: 400, body: { error, issues } };
  }
  return then(parsed.data);
}
