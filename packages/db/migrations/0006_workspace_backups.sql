CREATE TABLE "workspace_backups" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"workspace_id" text,
	"source_workspace_id" text NOT NULL,
	"workspace_name" text NOT NULL,
	"status" text NOT NULL,
	"note" text,
	"kubernetes_version" text NOT NULL,
	"task_id" text,
	"manifest" jsonb,
	"file_path" text,
	"size_bytes" bigint,
	"sha256" text,
	"error_reason" text,
	"created_by" text,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "result" jsonb;--> statement-breakpoint
ALTER TABLE "workspace_backups" ADD CONSTRAINT "workspace_backups_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspace_backups" ADD CONSTRAINT "workspace_backups_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspace_backups" ADD CONSTRAINT "workspace_backups_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "workspace_backups_org_idx" ON "workspace_backups" USING btree ("organization_id","id");--> statement-breakpoint
CREATE INDEX "workspace_backups_workspace_idx" ON "workspace_backups" USING btree ("workspace_id","id");