import { customType, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./people";

const bytea = customType<{ data: Uint8Array; driverData: Buffer }>({
  dataType: () => "bytea",
  toDriver: (value) => Buffer.from(value),
  fromDriver: (value) => new Uint8Array(value),
});

/** Lucia-style sessions: the token is `<id>.<secret>`; only SHA-256(secret) is stored. */
export const sessions = pgTable(
  "sessions",
  {
    id: text().primaryKey(),
    secretHash: bytea().notNull(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastVerifiedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    userAgent: text().notNull().default(""),
    ip: text().notNull().default(""),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const passwordCredentials = pgTable("password_credentials", {
  userId: integer()
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  hash: text().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Accounts at an OpenID Connect provider, keyed by (issuer, subject) as the spec requires. */
export const externalAccounts = pgTable(
  "external_accounts",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    issuer: text().notNull(),
    subject: text().notNull(),
    email: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("external_accounts_issuer_subject_key").on(t.issuer, t.subject),
    index("external_accounts_user_idx").on(t.userId),
  ],
);

/** Failed sign-in counters per key ("account:<email>" or "ip:<addr>"), shared by every app instance. */
export const loginThrottles = pgTable("login_throttles", {
  key: text().primaryKey(),
  failures: integer().notNull().default(0),
  windowStartedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  lockedUntil: timestamp({ withTimezone: true }),
});
