ALTER TABLE "dispatcher"."deliveries" ADD COLUMN "credential_id" text;--> statement-breakpoint
ALTER TABLE "dispatcher"."deliveries" ADD COLUMN "job" jsonb;--> statement-breakpoint
ALTER TABLE "dispatcher"."deliveries" ADD COLUMN "digest_id" text;--> statement-breakpoint
ALTER TABLE "dispatcher"."deliveries" ADD COLUMN "retry_from_attempt" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dispatcher"."deliveries" ADD COLUMN "next_attempt_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "deliveries_tenant_channel_idx" ON "dispatcher"."deliveries" USING btree ("tenant_id","channel_id","created_at");--> statement-breakpoint
CREATE INDEX "deliveries_tenant_status_idx" ON "dispatcher"."deliveries" USING btree ("tenant_id","status","updated_at");--> statement-breakpoint
CREATE INDEX "deliveries_recipients_idx" ON "dispatcher"."deliveries" USING gin ("recipient_user_ids");--> statement-breakpoint
CREATE INDEX "deliveries_queued_idx" ON "dispatcher"."deliveries" USING btree ("credential_id","created_at") WHERE "dispatcher"."deliveries"."status" in ('queued', 'digesting');