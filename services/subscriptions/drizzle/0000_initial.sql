-- IF NOT EXISTS: the migrator creates the schema first, to hold its own bookkeeping table.
CREATE SCHEMA IF NOT EXISTS "subscriptions";
--> statement-breakpoint
CREATE TABLE "subscriptions"."outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"topic" text NOT NULL,
	"key" text NOT NULL,
	"value" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subscriptions"."rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"name" text NOT NULL,
	"project_ids" text[],
	"event_types" text[] NOT NULL,
	"roles" text[] NOT NULL,
	"user_ids" text[] NOT NULL,
	"channel_ids" text[] NOT NULL,
	"exclude_actor" boolean DEFAULT true NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "rules_tenant_id_idx" ON "subscriptions"."rules" USING btree ("tenant_id","id");--> statement-breakpoint
CREATE INDEX "rules_project_ids_idx" ON "subscriptions"."rules" USING gin ("project_ids");