export * from './batch.ts';
export * from './connection.ts';
export * from './environment.ts';
export * from './errors.ts';
export * from './logger.ts';
export * from './scalars.ts';
export * from './server.ts';
export * from './service.ts';
