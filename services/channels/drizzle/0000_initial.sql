-- IF NOT EXISTS: the migrator creates the schema first, to hold its own bookkeeping table.
CREATE SCHEMA IF NOT EXISTS "channels";
--> statement-breakpoint
CREATE TABLE "channels"."channels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"kind" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"config" jsonb NOT NULL,
	"webhook_url_masked" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "channels_dingtalk_robot_credentials_sealed" CHECK (kind <> 'dingtalk-robot' or (
        config->>'accessToken' like 'tidings:sealed:v1:%'
        and (config->>'signingSecret' is null or config->>'signingSecret' like 'tidings:sealed:v1:%')
      ))
);
--> statement-breakpoint
CREATE TABLE "channels"."outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"topic" text NOT NULL,
	"key" text NOT NULL,
	"value" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "channels"."project_channels" (
	"tenant_id" text NOT NULL,
	"project_id" text NOT NULL,
	"channel_id" uuid NOT NULL,
	"connected_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_channels_tenant_id_project_id_channel_id_pk" PRIMARY KEY("tenant_id","project_id","channel_id")
);
--> statement-breakpoint
ALTER TABLE "channels"."project_channels" ADD CONSTRAINT "project_channels_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "channels"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "channels_tenant_id_idx" ON "channels"."channels" USING btree ("tenant_id","id");--> statement-breakpoint
CREATE INDEX "project_channels_channel_idx" ON "channels"."project_channels" USING btree ("channel_id");