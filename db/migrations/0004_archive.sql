CREATE TYPE "public"."impact_kind" AS ENUM('hours_saved', 'money_saved', 'people_reached', 'custom');--> statement-breakpoint
CREATE TYPE "public"."nomination_kind" AS ENUM('talk', 'all_hands_demo', 'award', 'leadership');--> statement-breakpoint
CREATE TYPE "public"."nomination_status" AS ENUM('new', 'accepted', 'declined', 'done');--> statement-breakpoint
CREATE TYPE "public"."outcome_status" AS ENUM('shipped', 'continued', 'prototype', 'learning', 'stopped');--> statement-breakpoint
CREATE TABLE "award_winners" (
	"award_id" integer NOT NULL,
	"demo_id" integer NOT NULL,
	"week_id" integer NOT NULL,
	"award_name" text NOT NULL,
	CONSTRAINT "award_winners_award_id_demo_id_pk" PRIMARY KEY("award_id","demo_id")
);
--> statement-breakpoint
CREATE TABLE "checkpoint_reminders" (
	"demo_id" integer NOT NULL,
	"days" integer NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	"recipients" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "checkpoint_reminders_demo_id_days_pk" PRIMARY KEY("demo_id","days"),
	CONSTRAINT "checkpoint_reminders_days" CHECK ("checkpoint_reminders"."days" in (30, 90, 180))
);
--> statement-breakpoint
CREATE TABLE "impact_measurements" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "impact_measurements_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"demo_id" integer NOT NULL,
	"kind" "impact_kind" NOT NULL,
	"metric" text DEFAULT '' NOT NULL,
	"unit" text DEFAULT '' NOT NULL,
	"baseline" numeric(16, 2),
	"value" numeric(16, 2) NOT NULL,
	"measured_on" date NOT NULL,
	"evidence_url" text DEFAULT '' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"author_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "impact_measurements_value_range" CHECK ("impact_measurements"."value" >= 0 and "impact_measurements"."value" <= 1000000000000),
	CONSTRAINT "impact_measurements_baseline_range" CHECK ("impact_measurements"."baseline" is null or ("impact_measurements"."baseline" >= 0 and "impact_measurements"."baseline" <= 1000000000000)),
	CONSTRAINT "impact_measurements_custom_named" CHECK ("impact_measurements"."kind" <> 'custom' or (length("impact_measurements"."metric") > 0 and length("impact_measurements"."unit") > 0)),
	CONSTRAINT "impact_measurements_standard_unnamed" CHECK ("impact_measurements"."kind" = 'custom' or "impact_measurements"."metric" = ''),
	CONSTRAINT "impact_measurements_evidence_http" CHECK ("impact_measurements"."evidence_url" = '' or "impact_measurements"."evidence_url" ~* '^https?://')
);
--> statement-breakpoint
CREATE TABLE "kudos" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "kudos_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"author_id" integer NOT NULL,
	"user_id" integer,
	"team_id" integer,
	"demo_id" integer,
	"message" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "kudos_one_target" CHECK (num_nonnulls("kudos"."user_id", "kudos"."team_id", "kudos"."demo_id") = 1),
	CONSTRAINT "kudos_not_self" CHECK ("kudos"."user_id" is null or "kudos"."user_id" <> "kudos"."author_id"),
	CONSTRAINT "kudos_length" CHECK (length("kudos"."message") between 1 and 280)
);
--> statement-breakpoint
CREATE TABLE "nomination_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "nomination_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"nomination_id" integer NOT NULL,
	"actor_id" integer NOT NULL,
	"from_status" "nomination_status",
	"to_status" "nomination_status" NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "nominations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "nominations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"nominator_id" integer NOT NULL,
	"nominee_user_id" integer,
	"nominee_team_id" integer,
	"week_id" integer,
	"kind" "nomination_kind" NOT NULL,
	"reason" text NOT NULL,
	"status" "nomination_status" DEFAULT 'new' NOT NULL,
	"decision_note" text DEFAULT '' NOT NULL,
	"decided_by_id" integer,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "nominations_one_nominee" CHECK (num_nonnulls("nominations"."nominee_user_id", "nominations"."nominee_team_id") = 1),
	CONSTRAINT "nominations_not_self" CHECK ("nominations"."nominee_user_id" is null or "nominations"."nominee_user_id" <> "nominations"."nominator_id")
);
--> statement-breakpoint
CREATE TABLE "outcome_updates" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "outcome_updates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"demo_id" integer NOT NULL,
	"status" "outcome_status" NOT NULL,
	"happened_on" date NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"owning_team" text DEFAULT '' NOT NULL,
	"lessons" text DEFAULT '' NOT NULL,
	"author_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outcome_updates_continued_owner" CHECK ("outcome_updates"."status" <> 'continued' or length("outcome_updates"."owning_team") > 0),
	CONSTRAINT "outcome_updates_stopped_lessons" CHECK ("outcome_updates"."status" <> 'stopped' or length("outcome_updates"."lessons") > 0)
);
--> statement-breakpoint
ALTER TABLE "demos" ADD COLUMN "outcome_status" "outcome_status";--> statement-breakpoint
ALTER TABLE "demos" ADD COLUMN "archive_search" "tsvector" DEFAULT ''::tsvector NOT NULL;--> statement-breakpoint
ALTER TABLE "award_winners" ADD CONSTRAINT "award_winners_award_id_awards_id_fk" FOREIGN KEY ("award_id") REFERENCES "public"."awards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "award_winners" ADD CONSTRAINT "award_winners_demo_id_demos_id_fk" FOREIGN KEY ("demo_id") REFERENCES "public"."demos"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "award_winners" ADD CONSTRAINT "award_winners_week_id_weeks_id_fk" FOREIGN KEY ("week_id") REFERENCES "public"."weeks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkpoint_reminders" ADD CONSTRAINT "checkpoint_reminders_demo_id_demos_id_fk" FOREIGN KEY ("demo_id") REFERENCES "public"."demos"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "impact_measurements" ADD CONSTRAINT "impact_measurements_demo_id_demos_id_fk" FOREIGN KEY ("demo_id") REFERENCES "public"."demos"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "impact_measurements" ADD CONSTRAINT "impact_measurements_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kudos" ADD CONSTRAINT "kudos_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kudos" ADD CONSTRAINT "kudos_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kudos" ADD CONSTRAINT "kudos_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kudos" ADD CONSTRAINT "kudos_demo_id_demos_id_fk" FOREIGN KEY ("demo_id") REFERENCES "public"."demos"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nomination_events" ADD CONSTRAINT "nomination_events_nomination_id_nominations_id_fk" FOREIGN KEY ("nomination_id") REFERENCES "public"."nominations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nomination_events" ADD CONSTRAINT "nomination_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nominations" ADD CONSTRAINT "nominations_nominator_id_users_id_fk" FOREIGN KEY ("nominator_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nominations" ADD CONSTRAINT "nominations_nominee_user_id_users_id_fk" FOREIGN KEY ("nominee_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nominations" ADD CONSTRAINT "nominations_nominee_team_id_teams_id_fk" FOREIGN KEY ("nominee_team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nominations" ADD CONSTRAINT "nominations_week_id_weeks_id_fk" FOREIGN KEY ("week_id") REFERENCES "public"."weeks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nominations" ADD CONSTRAINT "nominations_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_updates" ADD CONSTRAINT "outcome_updates_demo_id_demos_id_fk" FOREIGN KEY ("demo_id") REFERENCES "public"."demos"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_updates" ADD CONSTRAINT "outcome_updates_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "award_winners_demo_idx" ON "award_winners" USING btree ("demo_id");--> statement-breakpoint
CREATE INDEX "award_winners_week_idx" ON "award_winners" USING btree ("week_id");--> statement-breakpoint
CREATE INDEX "award_winners_name_idx" ON "award_winners" USING btree (lower("award_name"));--> statement-breakpoint
CREATE INDEX "impact_measurements_series_idx" ON "impact_measurements" USING btree ("demo_id","kind","metric","measured_on" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "impact_measurements_created_idx" ON "impact_measurements" USING btree ("demo_id","created_at");--> statement-breakpoint
CREATE INDEX "kudos_user_idx" ON "kudos" USING btree ("user_id","created_at" DESC NULLS LAST) WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "kudos_team_idx" ON "kudos" USING btree ("team_id","created_at" DESC NULLS LAST) WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "kudos_demo_idx" ON "kudos" USING btree ("demo_id","created_at" DESC NULLS LAST) WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "kudos_author_idx" ON "kudos" USING btree ("author_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "nomination_events_nomination_idx" ON "nomination_events" USING btree ("nomination_id","created_at");--> statement-breakpoint
CREATE INDEX "nominations_status_idx" ON "nominations" USING btree ("status","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "nominations_nominator_idx" ON "nominations" USING btree ("nominator_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "nominations_user_idx" ON "nominations" USING btree ("nominee_user_id","status");--> statement-breakpoint
CREATE INDEX "nominations_team_idx" ON "nominations" USING btree ("nominee_team_id","status");--> statement-breakpoint
CREATE INDEX "outcome_updates_demo_idx" ON "outcome_updates" USING btree ("demo_id","happened_on" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "outcome_updates_created_idx" ON "outcome_updates" USING btree ("demo_id","created_at");--> statement-breakpoint
CREATE INDEX "demos_archive_search_idx" ON "demos" USING gin ("archive_search");--> statement-breakpoint
CREATE INDEX "demos_outcome_status_idx" ON "demos" USING btree ("outcome_status","week_id");--> statement-breakpoint
-- Hand-written below (drizzle cannot express functions and triggers).
-- The archive's search document for one demo: its own text, its idea's pitch and its outcome notes.
CREATE OR REPLACE FUNCTION demo_archive_document(d demos) RETURNS tsvector
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$
    SELECT setweight(to_tsvector('english', coalesce(d.title, '')), 'A')
      || setweight(to_tsvector('english', coalesce(d.summary, '') || ' ' || immutable_join(d.tags)), 'B')
      || setweight(to_tsvector('english', coalesce(d.built, '') || ' ' || coalesce(d.learnings, '')), 'C')
      || coalesce((
        SELECT setweight(to_tsvector('english', i.title), 'B')
          || setweight(to_tsvector('english', i.summary || ' ' || i.problem || ' ' || i.proposal || ' ' || immutable_join(i.skills)), 'D')
        FROM teams t JOIN ideas i ON i.id = t.idea_id WHERE t.id = d.team_id), ''::tsvector)
      || coalesce((
        SELECT setweight(to_tsvector('english', string_agg(o.note || ' ' || o.owning_team || ' ' || o.lessons, ' ')), 'C')
        FROM outcome_updates o WHERE o.demo_id = d.id), ''::tsvector)
  $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION demos_archive_search_trg() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    NEW.archive_search := demo_archive_document(NEW);
    RETURN NEW;
  END $$;--> statement-breakpoint
CREATE TRIGGER demos_archive_search
  BEFORE INSERT OR UPDATE OF title, summary, built, learnings, tags, team_id ON demos
  FOR EACH ROW EXECUTE FUNCTION demos_archive_search_trg();--> statement-breakpoint
-- Recomputes a demo's latest outcome and search document after its timeline changes.
CREATE OR REPLACE FUNCTION refresh_demo_outcome(p_demo_id integer) RETURNS void
  LANGUAGE sql
  AS $$
    UPDATE demos d SET
      outcome_status = (SELECT o.status FROM outcome_updates o WHERE o.demo_id = d.id ORDER BY o.happened_on DESC, o.id DESC LIMIT 1),
      archive_search = demo_archive_document(d)
    WHERE d.id = p_demo_id
  $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION outcome_updates_refresh_trg() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM refresh_demo_outcome(OLD.demo_id); END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND (TG_OP = 'INSERT' OR NEW.demo_id <> OLD.demo_id) THEN
      PERFORM refresh_demo_outcome(NEW.demo_id);
    END IF;
    RETURN NULL;
  END $$;--> statement-breakpoint
CREATE TRIGGER outcome_updates_refresh
  AFTER INSERT OR UPDATE OR DELETE ON outcome_updates
  FOR EACH ROW EXECUTE FUNCTION outcome_updates_refresh_trg();--> statement-breakpoint
CREATE OR REPLACE FUNCTION ideas_archive_search_trg() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    UPDATE demos d SET archive_search = demo_archive_document(d)
      FROM teams t WHERE t.idea_id = NEW.id AND d.team_id = t.id;
    RETURN NULL;
  END $$;--> statement-breakpoint
CREATE TRIGGER ideas_archive_search
  AFTER UPDATE OF title, summary, problem, proposal, skills ON ideas
  FOR EACH ROW EXECUTE FUNCTION ideas_archive_search_trg();--> statement-breakpoint
UPDATE demos d SET archive_search = demo_archive_document(d);
--> statement-breakpoint
-- The latest measurement of every impact series (demo, kind, metric): what pages show and statistics sum.
CREATE VIEW impact_latest AS
  SELECT DISTINCT ON (demo_id, kind, metric) *
  FROM impact_measurements
  ORDER BY demo_id, kind, metric, measured_on DESC, id DESC;--> statement-breakpoint
-- One open nomination per nominator, nominee and kind (a second click does not make a second one).
CREATE UNIQUE INDEX nominations_one_open ON nominations
  (nominator_id, coalesce(nominee_user_id, 0), coalesce(nominee_team_id, 0), kind) WHERE status = 'new';
