import { Link } from "react-router";
import { headlineParts, type MatchSource } from "~/archive/highlight";
import { formatNumber } from "~/archive/stats";
import { archiveGalleryHref, OUTCOME_LABELS, type OutcomeFilter, type OutcomeStatus } from "~/archive/vocabulary";
import type { DemoThumbnailImage } from "~/components/DemoThumbnail";
import { cx, PlainBadge, plain } from "~/components/plain/Plain";
import { SpriteIcon, type SpriteIconName } from "~/components/plain/Sprite";
import classes from "./archive.module.css";
import { OUTCOME_COLORS } from "./OutcomeBadge";

/** The icons the cards draw from the page's IconSprite: render `<IconSprite icons={ARCHIVE_CARD_ICONS} />` once. */
export const ARCHIVE_CARD_ICONS: readonly SpriteIconName[] = ["heart", "clock", "trophy", "photo"];

export type ArchiveDemoCardData = {
  id: number;
  title: string;
  summary: string;
  tags: string[];
  teamId: number;
  teamName: string;
  image: DemoThumbnailImage | null;
  departments: Array<{ id: number; name: string; slug: string }>;
  outcomeStatus: OutcomeStatus | null;
  awards: string[];
  votes: number;
  hoursSaved: number | null;
  week?: { name: string; slug: string };
  matchedIn?: MatchSource[];
  headline?: string | null;
};

const SOURCE_LABELS: Record<MatchSource, string> = {
  demo: "title, summary or tags",
  learnings: "what was built and learned",
  idea: "the original pitch",
  outcome: "outcome notes",
};

const stackGap6 = { "--stack-gap": "calc(0.375rem * var(--mantine-scale))", marginTop: "var(--mantine-spacing-sm)" };
const groupGap4 = { "--group-gap": "calc(0.25rem * var(--mantine-scale))" } as React.CSSProperties;
const clamp4 = { "--clamp": 4 } as React.CSSProperties;
const thumbnail = { display: "block", width: "100%", height: 160, objectFit: "cover" } as const;
const placeholder = {
  height: 160,
  display: "flex",
  alignItems: "center",
  justifyContent: "center",
  background: "var(--mantine-color-default-hover)",
  color: "var(--mantine-color-dimmed)",
} as const;

/**
 * A demo in the archive: screenshot, title, team, week, departments, outcome, awards and impact. Chips link
 * to the gallery filtered by them (plain links: they work without JavaScript). Plain elements styled like
 * Mantine's (plain.module.css): the gallery shows 24 of these, and Mantine components cost several times
 * more to render on the server.
 */
export function ArchiveDemoCard({ demo, headingLevel = 3 }: { demo: ArchiveDemoCardData; headingLevel?: 2 | 3 }) {
  const titleId = `archive-demo-${demo.id}-title`;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const outcome: OutcomeFilter = demo.outcomeStatus ?? "none";
  return (
    <article className={plain.card} aria-labelledby={titleId}>
      <div className={plain.cardSection}>
        {demo.image ? (
          <img
            src={`/demo-images/${demo.image.id}`}
            alt={demo.image.alt || `Screenshot of ${demo.title}`}
            width={demo.image.width ?? undefined}
            height={demo.image.height ?? undefined}
            loading="lazy"
            decoding="async"
            style={thumbnail}
          />
        ) : (
          <div style={placeholder}>
            <SpriteIcon name="photo" size={36} />
          </div>
        )}
      </div>
      <div className={cx(plain.stack, plain.grow)} style={stackGap6}>
        <Heading className={plain.heading} id={titleId}>
          <Link to={`/demos/${demo.id}`} className={cx("mantine-focus-auto", plain.anchor)} prefetch="intent">
            {demo.title}
          </Link>
        </Heading>
        <p className={cx(plain.text, plain.xs, plain.dimmed)}>
          <Link to={`/teams/${demo.teamId}`} className={cx("mantine-focus-auto", plain.inherit, plain.underline)}>
            {demo.teamName}
          </Link>
          {demo.week ? (
            <>
              {" · "}
              <Link to={`/archive/${demo.week.slug}`} className={cx("mantine-focus-auto", plain.inherit, plain.underline)}>
                {demo.week.name}
              </Link>
            </>
          ) : null}
        </p>
        <div className={plain.group} style={groupGap4}>
          <PlainBadge
            className={classes.contrast}
            size="sm"
            color={OUTCOME_COLORS[outcome]}
            variant={demo.outcomeStatus ? "light" : "outline"}
          >
            <span className="visually-hidden">Outcome: </span>
            {OUTCOME_LABELS[outcome]}
          </PlainBadge>
          {demo.awards.map((a) => (
            <PlainBadge
              key={a}
              className={classes.contrast}
              size="sm"
              color="yellow"
              leftSection={<SpriteIcon name="trophy" size={12} />}
            >
              <span className="visually-hidden">Award: </span>
              {a}
            </PlainBadge>
          ))}
        </div>
        <p className={cx(plain.text, plain.sm, plain.clamp)}>{demo.summary}</p>
        {demo.matchedIn?.length ? (
          <p className={cx(plain.text, plain.xs, plain.dimmed)}>
            Matched in {demo.matchedIn.map((s) => SOURCE_LABELS[s]).join(", ")}
          </p>
        ) : null}
        {demo.headline ? (
          <p className={cx(plain.text, plain.sm, plain.italic, plain.clamp)} style={clamp4}>
            …
            {headlineParts(demo.headline.replace(/\*\*|__|`/g, "")).map((part, i) =>
              part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
            )}
            …
          </p>
        ) : null}
        {demo.departments.length ? (
          <div className={plain.group} style={groupGap4} role="group" aria-label="Departments">
            {demo.departments.map((d) => (
              <PlainBadge
                key={d.id}
                className={classes.contrast}
                size="xs"
                color="indigo"
                to={archiveGalleryHref({ department: d.slug })}
              >
                {d.name}
              </PlainBadge>
            ))}
          </div>
        ) : null}
        {demo.tags.length ? (
          <div className={plain.group} style={groupGap4} role="group" aria-label="Tags">
            {demo.tags.slice(0, 6).map((t) => (
              <PlainBadge key={t} className={classes.contrast} size="xs" variant="outline" to={archiveGalleryHref({ tag: t })}>
                {t}
              </PlainBadge>
            ))}
          </div>
        ) : null}
        <div className={cx(plain.group, plain.pushDown)}>
          <p className={cx(plain.text, plain.xs, plain.dimmed)}>
            <span aria-hidden="true">
              <SpriteIcon name="heart" size={12} /> {demo.votes}
            </span>
            <span className="visually-hidden">{`${demo.votes} people's-choice votes`}</span>
          </p>
          {demo.hoursSaved !== null ? (
            <p className={cx(plain.text, plain.xs, plain.dimmed)}>
              <SpriteIcon name="clock" size={12} /> {formatNumber(demo.hoursSaved)} hours saved a year
            </p>
          ) : null}
        </div>
      </div>
    </article>
  );
}
