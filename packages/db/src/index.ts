export * from './connection.ts';
export * from './outbox.ts';
