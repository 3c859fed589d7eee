export type {
  LarkAppConfig,
  LarkAppMessage,
  LarkBotConfig,
  LarkBotMessage,
  LarkEmulator,
  LarkEmulatorOptions,
  LarkPerson,
  LarkTokenFetch,
} from './emulator.ts';
export {
  botSignatureValid,
  createLarkEmulator,
  LARK_CONTROL_PREFIX,
  LARK_ERRORS,
  LARK_PREFIX,
} from './emulator.ts';
