import { type KudosPanelData, kudosReceivedBy } from "~/recognition/kudos.server";
import { acceptedNominationsFor } from "~/recognition/nominations.server";
import type { Queryable } from "~db/client";
import { getPerson, getPortfolio, type PortfolioWeek } from "./people.server";

export type PortfolioViewer = { id: number; roles: readonly string[] };

/**
 * Everything a person's portfolio shows — on the page, in print and in the Markdown export: the
 * profile, every week they took part in (ideas, team and role, demo, awards, stretch goal and
 * reflection, outcome and impact, mentoring), accepted nominations and kudos received.
 * Six queries whatever its size, run in parallel; null when there is no such person.
 */
export async function loadPortfolio(db: Queryable, viewer: PortfolioViewer, userId: number) {
  const isSelf = viewer.id === userId;
  const isOrganiser = viewer.roles.includes("organiser") || viewer.roles.includes("admin");
  const [person, weeks, nominations, kudos] = await Promise.all([
    getPerson(db, userId),
    getPortfolio(db, userId, { includeWithdrawn: isSelf || isOrganiser }),
    acceptedNominationsFor(db, userId),
    kudosReceivedBy(db, userId),
  ]);
  if (!person) return null;
  // The kudos panel lists the kudos to the person themselves: already read above (with those on their
  // teams and demos). Thanks come from others, so anyone but the person may give some.
  const kudosPanel: KudosPanelData = {
    target: { kind: "user", id: userId },
    kudos: kudos
      .filter((k) => k.target.kind === "user")
      .map(({ id, message, createdAt, authorId, authorName }) => ({ id, message, createdAt, authorId, authorName })),
    canGive: !isSelf,
    viewerId: viewer.id,
    isOrganiser,
  };
  return {
    person: {
      id: person.id,
      name: person.name,
      title: person.title,
      bio: person.bio,
      department: person.department,
      skills: person.skills,
      stretchGoals: person.stretchGoals,
      mentorOffer: person.mentorOffer,
      mentorAvailability: person.mentorAvailability,
      roles: person.roles,
      deactivated: Boolean(person.deactivatedAt),
      email: isSelf || isOrganiser ? person.email : null,
    },
    weeks: weeks.map((w: PortfolioWeek) => ({
      week: { name: w.week.name, slug: w.week.slug },
      ideas: w.ideas,
      team: w.team,
      mentoring: w.mentoring,
      demo: w.demo,
      reflection: w.reflection,
    })),
    nominations: nominations.map((n) => ({
      id: n.id,
      kind: n.kind,
      status: n.status,
      reason: n.reason,
      nominatorId: n.nominatorId,
      nominatorName: n.nominatorName,
      nominee: n.nominee,
      weekName: n.weekName,
      weekSlug: n.weekSlug,
    })),
    kudos: kudos.map((k) => ({
      id: k.id,
      message: k.message,
      createdAt: k.createdAt,
      authorId: k.authorId,
      authorName: k.authorName,
      target: k.target,
    })),
    /** Kudos to the person themselves, with the form to give some (`kudos` also has those on their teams and demos). */
    kudosPanel,
    isSelf,
    isOrganiser,
  };
}

export type Portfolio = NonNullable<Awaited<ReturnType<typeof loadPortfolio>>>;
