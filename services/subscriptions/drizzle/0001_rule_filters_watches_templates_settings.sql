CREATE TABLE "subscriptions"."templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"name" text NOT NULL,
	"event_type" text,
	"format" text NOT NULL,
	"locale" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subscriptions"."tenant_settings" (
	"tenant_id" text PRIMARY KEY NOT NULL,
	"ticket_url_prefix" text,
	"default_locale" text NOT NULL,
	"default_time_zone" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subscriptions"."watches" (
	"tenant_id" text NOT NULL,
	"user_id" text NOT NULL,
	"target_kind" text NOT NULL,
	"target_id" text NOT NULL,
	"following" boolean NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "watches_tenant_id_user_id_target_kind_target_id_pk" PRIMARY KEY("tenant_id","user_id","target_kind","target_id")
);
--> statement-breakpoint
ALTER TABLE "subscriptions"."rules" ADD COLUMN "statuses" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "subscriptions"."rules" ADD COLUMN "steps" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "subscriptions"."rules" ADD COLUMN "service_ids" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "subscriptions"."rules" ADD COLUMN "template_id" uuid;--> statement-breakpoint
ALTER TABLE "subscriptions"."rules" ADD COLUMN "mention_all" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "templates_tenant_id_idx" ON "subscriptions"."templates" USING btree ("tenant_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "templates_override_idx" ON "subscriptions"."templates" USING btree ("tenant_id","event_type","format","locale") WHERE "subscriptions"."templates"."event_type" is not null;--> statement-breakpoint
CREATE INDEX "watches_target_idx" ON "subscriptions"."watches" USING btree ("tenant_id","target_kind","target_id");--> statement-breakpoint
ALTER TABLE "subscriptions"."rules" ADD CONSTRAINT "rules_template_id_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "subscriptions"."templates"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rules_template_id_idx" ON "subscriptions"."rules" USING btree ("template_id");