export type {
  DingTalkAppConfig,
  DingTalkAppEmulator,
  DingTalkAppEmulatorOptions,
  DingTalkAppMessage,
  DingTalkPerson,
  DroppedWorkNotification,
} from './emulator.ts';
export {
  API_PREFIX as DINGTALK_APP_API_PREFIX,
  CONTROL_PREFIX as DINGTALK_APP_CONTROL_PREFIX,
  createDingTalkAppEmulator,
  DEFAULT_ROBOT_MESSAGES_PER_USER_PER_MINUTE,
  DINGTALK_APP_VENDOR,
  OAPI_PREFIX as DINGTALK_APP_OAPI_PREFIX,
  ROBOT_BATCH_MAX_USERS,
  TOKEN_LIFETIME_SECONDS,
  WORK_NOTIFICATION_MAX_USERS,
  WORK_NOTIFICATION_PER_USER_PER_DAY,
} from './emulator.ts';
