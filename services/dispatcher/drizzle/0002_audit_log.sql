CREATE TABLE "dispatcher"."audit_log" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"actor_id" text NOT NULL,
	"actor_roles" jsonb NOT NULL,
	"mutation" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "audit_log_tenant_at_idx" ON "dispatcher"."audit_log" USING btree ("tenant_id","at","id");--> statement-breakpoint
CREATE INDEX "audit_log_tenant_entity_idx" ON "dispatcher"."audit_log" USING btree ("tenant_id","entity_type","entity_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_tenant_actor_idx" ON "dispatcher"."audit_log" USING btree ("tenant_id","actor_id","at");