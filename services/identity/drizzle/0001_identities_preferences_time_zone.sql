CREATE TABLE "identity"."identity_outcomes" (
	"tenant_id" text NOT NULL,
	"user_id" text NOT NULL,
	"channel_id" text NOT NULL,
	"platform" text NOT NULL,
	"status" text NOT NULL,
	"contact" text,
	"platform_user_id" text,
	"reason" text,
	"checked_at" timestamp with time zone NOT NULL,
	CONSTRAINT "identity_outcomes_tenant_id_user_id_channel_id_pk" PRIMARY KEY("tenant_id","user_id","channel_id")
);
--> statement-breakpoint
CREATE TABLE "identity"."platform_identities" (
	"tenant_id" text NOT NULL,
	"user_id" text NOT NULL,
	"platform" text NOT NULL,
	"platform_user_id" text NOT NULL,
	"source" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "platform_identities_tenant_id_user_id_platform_pk" PRIMARY KEY("tenant_id","user_id","platform")
);
--> statement-breakpoint
CREATE TABLE "identity"."preferences" (
	"tenant_id" text NOT NULL,
	"user_id" text NOT NULL,
	"muted_project_ids" text[] DEFAULT '{}' NOT NULL,
	"muted_event_types" text[] DEFAULT '{}' NOT NULL,
	"muted_channel_ids" text[] DEFAULT '{}' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "preferences_tenant_id_user_id_pk" PRIMARY KEY("tenant_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "identity"."users" ADD COLUMN "time_zone" text DEFAULT 'UTC' NOT NULL;