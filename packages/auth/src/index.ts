export * from './claims.ts';
export * from './jwt.ts';
