export type { SmtpDeliveryOutcome, SmtpErrorLike, SmtpSentInfo } from './classify.ts';
export {
  classifySmtpError,
  classifySmtpInfo,
  SMTP_NETWORK_RETRY_SECONDS,
  SMTP_TRANSIENT_RETRY_SECONDS,
} from './classify.ts';
export type { SmtpClient, SmtpClientOptions, SmtpSendOptions } from './client.ts';
export { createSmtpClient, SMTP_DEFAULT_MAX_POOLS } from './client.ts';
export type { SmtpMessage, SmtpMessageProblem, SmtpTransportOptions } from './message.ts';
export {
  buildSmtpMail,
  buildSmtpTransportOptions,
  SMTP_DEFAULTS,
  SMTP_DELIVERY_ID_HEADER,
  SMTP_LIMITS,
  smtpMessageId,
  smtpRecipients,
  validateSmtpMessage,
} from './message.ts';
export type { SmtpCredentials, SmtpSecurity, SmtpSettingsProblem } from './settings.ts';
export { EMAIL_ADDRESS, parseMailbox, SMTP_PORTS, validateSmtpSettings } from './settings.ts';
