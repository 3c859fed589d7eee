import { defineConfig } from 'drizzle-kit';

/** `npx drizzle-kit generate` from this folder writes a migration for changes to src/db/schema.ts. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './drizzle',
  schemaFilter: ['subscriptions'],
  migrations: { schema: 'subscriptions', table: '__drizzle_migrations' },
});
