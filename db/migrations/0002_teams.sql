CREATE TYPE "public"."join_kind" AS ENUM('request', 'invite');--> statement-breakpoint
CREATE TYPE "public"."join_status" AS ENUM('pending', 'accepted', 'declined', 'withdrawn', 'closed');--> statement-breakpoint
CREATE TYPE "public"."mentor_status" AS ENUM('pending', 'accepted', 'declined');--> statement-breakpoint
CREATE TYPE "public"."team_role" AS ENUM('lead', 'member');--> statement-breakpoint
CREATE TABLE "join_requests" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "join_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"team_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"week_id" integer NOT NULL,
	"kind" "join_kind" NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"status" "join_status" DEFAULT 'pending' NOT NULL,
	"created_by_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by_id" integer,
	"close_reason" text
);
--> statement-breakpoint
CREATE TABLE "team_journal" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "team_journal_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"team_id" integer NOT NULL,
	"author_id" integer NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "team_members" (
	"team_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"week_id" integer NOT NULL,
	"role" "team_role" DEFAULT 'member' NOT NULL,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "team_members_team_id_user_id_pk" PRIMARY KEY("team_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "team_mentors" (
	"team_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"status" "mentor_status" DEFAULT 'pending' NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"requested_by_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	CONSTRAINT "team_mentors_team_id_user_id_pk" PRIMARY KEY("team_id","user_id")
);
--> statement-breakpoint
DROP INDEX "teams_week_idx";--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "mentor_offer" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "mentor_availability" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "open_roles" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "member_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "join_requests" ADD CONSTRAINT "join_requests_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "join_requests" ADD CONSTRAINT "join_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "join_requests" ADD CONSTRAINT "join_requests_week_id_weeks_id_fk" FOREIGN KEY ("week_id") REFERENCES "public"."weeks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "join_requests" ADD CONSTRAINT "join_requests_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "join_requests" ADD CONSTRAINT "join_requests_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_journal" ADD CONSTRAINT "team_journal_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_journal" ADD CONSTRAINT "team_journal_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_week_id_weeks_id_fk" FOREIGN KEY ("week_id") REFERENCES "public"."weeks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_id_week_key" UNIQUE("id","week_id");--> statement-breakpoint
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_team_week_fk" FOREIGN KEY ("team_id","week_id") REFERENCES "public"."teams"("id","week_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_mentors" ADD CONSTRAINT "team_mentors_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_mentors" ADD CONSTRAINT "team_mentors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_mentors" ADD CONSTRAINT "team_mentors_requested_by_id_users_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "join_requests_one_pending" ON "join_requests" USING btree ("team_id","user_id") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "join_requests_user_week_idx" ON "join_requests" USING btree ("user_id","week_id","status");--> statement-breakpoint
CREATE INDEX "join_requests_team_idx" ON "join_requests" USING btree ("team_id","status");--> statement-breakpoint
CREATE INDEX "team_journal_team_idx" ON "team_journal" USING btree ("team_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "team_members_one_team_per_week" ON "team_members" USING btree ("week_id","user_id");--> statement-breakpoint
CREATE INDEX "team_members_user_idx" ON "team_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "team_mentors_user_idx" ON "team_mentors" USING btree ("user_id","status");--> statement-breakpoint
CREATE INDEX "users_skills_idx" ON "users" USING gin ("skills");--> statement-breakpoint
CREATE INDEX "users_stretch_goals_idx" ON "users" USING gin ("stretch_goals");--> statement-breakpoint
CREATE UNIQUE INDEX "teams_week_name_key" ON "teams" USING btree ("week_id",lower("name"));--> statement-breakpoint
CREATE INDEX "teams_open_roles_idx" ON "teams" USING gin ("open_roles");--> statement-breakpoint
CREATE INDEX "teams_week_idx" ON "teams" USING btree ("week_id","created_at" DESC NULLS LAST);--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_capacity_range" CHECK ("teams"."capacity" between 1 and 50);--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_not_overfull" CHECK ("teams"."member_count" >= 0 and "teams"."member_count" <= "teams"."capacity");--> statement-breakpoint
CREATE OR REPLACE FUNCTION team_members_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Keeps teams.member_count equal to the rows; the teams_not_overfull check then refuses an overfull team.
  IF TG_OP = 'INSERT' THEN
    UPDATE teams SET member_count = member_count + 1 WHERE id = NEW.team_id;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE teams SET member_count = member_count - 1 WHERE id = OLD.team_id;
  ELSIF NEW.team_id <> OLD.team_id THEN
    UPDATE teams SET member_count = member_count - 1 WHERE id = OLD.team_id;
    UPDATE teams SET member_count = member_count + 1 WHERE id = NEW.team_id;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER team_members_count AFTER INSERT OR DELETE OR UPDATE OF team_id ON team_members
  FOR EACH ROW EXECUTE FUNCTION team_members_count();
