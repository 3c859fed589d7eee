-- IF NOT EXISTS: the migrator creates the schema first, to hold its own bookkeeping table.
CREATE SCHEMA IF NOT EXISTS "dispatcher";
--> statement-breakpoint
CREATE TABLE "dispatcher"."deliveries" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"event_id" text NOT NULL,
	"event_type" text NOT NULL,
	"project_id" text NOT NULL,
	"ticket_id" text NOT NULL,
	"channel_id" text NOT NULL,
	"channel_kind" text NOT NULL,
	"target" text NOT NULL,
	"recipient_user_ids" jsonb NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_code" text,
	"last_reason" text,
	"provider_message_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dispatcher"."delivery_attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"delivery_id" text NOT NULL,
	"attempt" integer NOT NULL,
	"outcome" text NOT NULL,
	"code" text,
	"reason" text,
	"http_status" integer,
	"provider_message_id" text,
	"duration_ms" integer NOT NULL,
	"started_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "dispatcher"."delivery_attempts" ADD CONSTRAINT "delivery_attempts_delivery_id_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "dispatcher"."deliveries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deliveries_tenant_ticket_idx" ON "dispatcher"."deliveries" USING btree ("tenant_id","ticket_id");--> statement-breakpoint
CREATE INDEX "deliveries_tenant_event_idx" ON "dispatcher"."deliveries" USING btree ("tenant_id","event_id");--> statement-breakpoint
CREATE INDEX "delivery_attempts_delivery_idx" ON "dispatcher"."delivery_attempts" USING btree ("delivery_id");