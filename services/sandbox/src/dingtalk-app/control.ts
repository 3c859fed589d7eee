import { z } from 'zod';

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

export { parseControlBody } from '../control.ts';
