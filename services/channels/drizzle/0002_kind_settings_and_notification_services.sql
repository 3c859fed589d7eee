CREATE TABLE "channels"."channel_kind_settings" (
	"tenant_id" text NOT NULL,
	"kind" text NOT NULL,
	"enabled" boolean NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "channel_kind_settings_tenant_id_kind_pk" PRIMARY KEY("tenant_id","kind"),
	CONSTRAINT "channel_kind_settings_kind_known" CHECK (kind in ('dingtalk-robot', 'dingtalk-app', 'lark-bot', 'lark-app', 'wecom-app', 'wecom-robot', 'smtp', 'webhook'))
);
--> statement-breakpoint
CREATE TABLE "channels"."notification_services" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"channel_ids" uuid[] NOT NULL,
	"member_user_ids" text[] NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "notification_services_tenant_id_idx" ON "channels"."notification_services" USING btree ("tenant_id","id");