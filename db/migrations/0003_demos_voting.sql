CREATE TYPE "public"."award_kind" AS ENUM('judged', 'criterion', 'peoples_choice', 'manual');--> statement-breakpoint
CREATE TABLE "awards" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "awards_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"week_id" integer NOT NULL,
	"name" text NOT NULL,
	"kind" "award_kind" NOT NULL,
	"criterion_id" integer,
	"manual_demo_id" integer,
	"citation" text DEFAULT '' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ballot_scores" (
	"ballot_id" integer NOT NULL,
	"criterion_id" integer NOT NULL,
	"value" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ballot_scores_ballot_id_criterion_id_pk" PRIMARY KEY("ballot_id","criterion_id")
);
--> statement-breakpoint
CREATE TABLE "ballots" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ballots_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"week_id" integer NOT NULL,
	"judge_id" integer NOT NULL,
	"demo_id" integer NOT NULL,
	"feedback" text DEFAULT '' NOT NULL,
	"organiser_note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "calendar_tokens" (
	"user_id" integer PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "criteria" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "criteria_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"week_id" integer NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"weight" real DEFAULT 1 NOT NULL,
	"scale_min" integer DEFAULT 1 NOT NULL,
	"scale_max" integer DEFAULT 5 NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "criteria_scale" CHECK ("criteria"."scale_min" < "criteria"."scale_max" and "criteria"."scale_max" - "criteria"."scale_min" <= 100),
	CONSTRAINT "criteria_weight" CHECK ("criteria"."weight" > 0 and "criteria"."weight" <= 100)
);
--> statement-breakpoint
CREATE TABLE "demo_images" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "demo_images_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"demo_id" integer NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"content_type" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"byte_size" integer NOT NULL,
	"width" integer,
	"height" integer,
	"thumbnail" "bytea",
	"thumbnail_type" text,
	"sha256" text NOT NULL,
	"alt" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "demo_images_type" CHECK ("demo_images"."content_type" in ('image/png', 'image/jpeg', 'image/webp')),
	CONSTRAINT "demo_images_size" CHECK ("demo_images"."byte_size" between 1 and 5242880)
);
--> statement-breakpoint
CREATE TABLE "demo_reflections" (
	"demo_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"stretch_goal" text DEFAULT '' NOT NULL,
	"reflection" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "demo_reflections_demo_id_user_id_pk" PRIMARY KEY("demo_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "demo_schedules" (
	"week_id" integer PRIMARY KEY NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"slot_minutes" integer DEFAULT 3 NOT NULL,
	"changeover_minutes" integer DEFAULT 1 NOT NULL,
	"now_presenting_demo_id" integer,
	"now_presenting_since" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "demos" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "demos_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"week_id" integer NOT NULL,
	"team_id" integer NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"built" text DEFAULT '' NOT NULL,
	"learnings" text DEFAULT '' NOT NULL,
	"links" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"position" integer,
	"deadline_override_at" timestamp with time zone,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english', coalesce(title, '')), 'A')
          || setweight(to_tsvector('english', coalesce(summary, '') || ' ' || immutable_join(tags)), 'B')
          || setweight(to_tsvector('english', coalesce(built, '') || ' ' || coalesce(learnings, '')), 'C')) STORED NOT NULL
);
--> statement-breakpoint
CREATE TABLE "judge_assignments" (
	"week_id" integer NOT NULL,
	"judge_id" integer NOT NULL,
	"demo_id" integer NOT NULL,
	CONSTRAINT "judge_assignments_judge_id_demo_id_pk" PRIMARY KEY("judge_id","demo_id")
);
--> statement-breakpoint
CREATE TABLE "judge_conflicts" (
	"week_id" integer NOT NULL,
	"judge_id" integer NOT NULL,
	"demo_id" integer NOT NULL,
	"reason" text NOT NULL,
	"declared_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "judge_conflicts_judge_id_demo_id_pk" PRIMARY KEY("judge_id","demo_id")
);
--> statement-breakpoint
CREATE TABLE "judges" (
	"week_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "judges_week_id_user_id_pk" PRIMARY KEY("week_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "peoples_choice_votes" (
	"week_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"demo_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "peoples_choice_votes_user_id_demo_id_pk" PRIMARY KEY("user_id","demo_id")
);
--> statement-breakpoint
CREATE TABLE "voting_settings" (
	"week_id" integer PRIMARY KEY NOT NULL,
	"judges_per_demo" integer DEFAULT 3 NOT NULL,
	"normalise" boolean DEFAULT true NOT NULL,
	"show_full_ranking" boolean DEFAULT true NOT NULL,
	"published_results" jsonb,
	"published_at" timestamp with time zone,
	"published_by_id" integer
);
--> statement-breakpoint
ALTER TABLE "awards" ADD CONSTRAINT "awards_week_id_weeks_id_fk" FOREIGN KEY ("week_id") REFERENCES "public"."weeks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "awards" ADD CONSTRAINT "awards_criterion_id_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."criteria"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "awards" ADD CONSTRAINT "awards_manual_demo_id_demos_id_fk" FOREIGN KEY ("manual_demo_id") REFERENCES "public"."demos"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_scores" ADD CONSTRAINT "ballot_scores_ballot_id_ballots_id_fk" FOREIGN KEY ("ballot_id") REFERENCES "public"."ballots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_scores" ADD CONSTRAINT "ballot_scores_criterion_id_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."criteria"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_week_id_weeks_id_fk" FOREIGN KEY ("week_id") REFERENCES "public"."weeks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_judge_id_users_id_fk" FOREIGN KEY ("judge_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_demo_id_demos_id_fk" FOREIGN KEY ("demo_id") REFERENCES "public"."demos"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_tokens" ADD CONSTRAINT "calendar_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criteria" ADD CONSTRAINT "criteria_week_id_weeks_id_fk" FOREIGN KEY ("week_id") REFERENCES "public"."weeks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demo_images" ADD CONSTRAINT "demo_images_demo_id_demos_id_fk" FOREIGN KEY ("demo_id") REFERENCES "public"."demos"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demo_reflections" ADD CONSTRAINT "demo_reflections_demo_id_demos_id_fk" FOREIGN KEY ("demo_id") REFERENCES "public"."demos"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demo_reflections" ADD CONSTRAINT "demo_reflections_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demo_schedules" ADD CONSTRAINT "demo_schedules_week_id_weeks_id_fk" FOREIGN KEY ("week_id") REFERENCES "public"."weeks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demo_schedules" ADD CONSTRAINT "demo_schedules_now_presenting_demo_id_demos_id_fk" FOREIGN KEY ("now_presenting_demo_id") REFERENCES "public"."demos"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demos" ADD CONSTRAINT "demos_week_id_weeks_id_fk" FOREIGN KEY ("week_id") REFERENCES "public"."weeks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demos" ADD CONSTRAINT "demos_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_assignments" ADD CONSTRAINT "judge_assignments_week_id_weeks_id_fk" FOREIGN KEY ("week_id") REFERENCES "public"."weeks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_assignments" ADD CONSTRAINT "judge_assignments_judge_id_users_id_fk" FOREIGN KEY ("judge_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_assignments" ADD CONSTRAINT "judge_assignments_demo_id_demos_id_fk" FOREIGN KEY ("demo_id") REFERENCES "public"."demos"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_conflicts" ADD CONSTRAINT "judge_conflicts_week_id_weeks_id_fk" FOREIGN KEY ("week_id") REFERENCES "public"."weeks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_conflicts" ADD CONSTRAINT "judge_conflicts_judge_id_users_id_fk" FOREIGN KEY ("judge_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_conflicts" ADD CONSTRAINT "judge_conflicts_demo_id_demos_id_fk" FOREIGN KEY ("demo_id") REFERENCES "public"."demos"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judges" ADD CONSTRAINT "judges_week_id_weeks_id_fk" FOREIGN KEY ("week_id") REFERENCES "public"."weeks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judges" ADD CONSTRAINT "judges_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peoples_choice_votes" ADD CONSTRAINT "peoples_choice_votes_week_id_weeks_id_fk" FOREIGN KEY ("week_id") REFERENCES "public"."weeks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peoples_choice_votes" ADD CONSTRAINT "peoples_choice_votes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peoples_choice_votes" ADD CONSTRAINT "peoples_choice_votes_demo_id_demos_id_fk" FOREIGN KEY ("demo_id") REFERENCES "public"."demos"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voting_settings" ADD CONSTRAINT "voting_settings_week_id_weeks_id_fk" FOREIGN KEY ("week_id") REFERENCES "public"."weeks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voting_settings" ADD CONSTRAINT "voting_settings_published_by_id_users_id_fk" FOREIGN KEY ("published_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "awards_week_idx" ON "awards" USING btree ("week_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "ballots_judge_demo_key" ON "ballots" USING btree ("judge_id","demo_id");--> statement-breakpoint
CREATE INDEX "ballots_week_idx" ON "ballots" USING btree ("week_id");--> statement-breakpoint
CREATE INDEX "ballots_demo_idx" ON "ballots" USING btree ("demo_id");--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_tokens_hash_key" ON "calendar_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "criteria_week_idx" ON "criteria" USING btree ("week_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "criteria_week_name_key" ON "criteria" USING btree ("week_id",lower("name"));--> statement-breakpoint
CREATE INDEX "demo_images_demo_idx" ON "demo_images" USING btree ("demo_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "demos_team_key" ON "demos" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "demos_week_idx" ON "demos" USING btree ("week_id","position","submitted_at");--> statement-breakpoint
CREATE INDEX "demos_search_idx" ON "demos" USING gin ("search");--> statement-breakpoint
CREATE INDEX "demos_tags_idx" ON "demos" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "judge_assignments_demo_idx" ON "judge_assignments" USING btree ("demo_id");--> statement-breakpoint
CREATE INDEX "judge_assignments_week_idx" ON "judge_assignments" USING btree ("week_id");--> statement-breakpoint
CREATE INDEX "judges_user_idx" ON "judges" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "peoples_choice_week_idx" ON "peoples_choice_votes" USING btree ("week_id","demo_id");