export type { ReceivedMail, RunningSmtpEmulator, SmtpEmulatorOptions, SmtpEmulatorTls } from './emulator.ts';
export {
  SMTP_EMULATOR_CLOSE_TIMEOUT_MS,
  SMTP_EMULATOR_DEFAULT_MAX_BYTES,
  startSmtpEmulator,
} from './emulator.ts';
