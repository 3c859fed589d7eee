// What the vitest globalSetup (global-setup.ts) hands to every test file through `inject`.

/** Endpoints of the real Kafka and PostgreSQL the test run uses. */
export interface TestInfrastructure {
  /** Bootstrap servers, comma-separated (e.g. `127.0.0.1:40123`). */
  kafkaBrokers: string;
  /** Server URL (`postgres://postgres@127.0.0.1:<port>/postgres`); tests make their own databases on it. */
  databaseUrl: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    kafkaBrokers: string;
    databaseUrl: string;
  }
}
