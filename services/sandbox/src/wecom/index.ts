export type {
  TokenFetchRecord,
  WeComApp,
  WeComEmulator,
  WeComEmulatorOptions,
  WeComEmulatorRequest,
  WeComInboxMessage,
  WeComMember,
  WeComReport,
} from './emulator.ts';
export { createWeComEmulator, WECOM_CONTROL_PREFIX, WECOM_ERRORS, WECOM_PREFIX } from './emulator.ts';
