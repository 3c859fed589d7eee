import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/ledger/schema.ts', './src/audit/schema.ts'],
  out: './drizzle',
  schemaFilter: ['dispatcher'],
  migrations: { schema: 'dispatcher', table: '__drizzle_migrations' },
});
