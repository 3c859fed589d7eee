export type { ChannelOutbound, ChannelOutboundOptions } from '../outbound/index.ts';
export { createChannelOutbound, OutboundErrorCode } from '../outbound/index.ts';
export type { CheckedTarget, TargetCheck, TestTarget, TestTargetKind, WebhookTestEvent } from './plan.ts';
export { ACCEPTED_TARGETS, CHANNEL_KIND_LABELS, checkTarget } from './plan.ts';
export type { TestChannel, TestSender, TestSenderOptions } from './sender.ts';
export { createTestSender } from './sender.ts';
export type { TestFailureKind, TestSendResult } from './summary.ts';
