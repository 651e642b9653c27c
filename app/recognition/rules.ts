/**
 * Pure recognition rules (nominations and kudos), asked by the server and mirrored by the UI.
 * No database and no server-only imports: pages import the labels and messages from here.
 */

export const NOMINATION_KINDS = ["talk", "all_hands_demo", "award", "leadership"] as const;
export type NominationKind = (typeof NOMINATION_KINDS)[number];

export const NOMINATION_KIND_LABELS: Record<NominationKind, string> = {
  talk: "Talk",
  all_hands_demo: "All-hands demo",
  award: "Award",
  leadership: "Leadership opportunity",
};

export const NOMINATION_KIND_EXPLANATIONS: Record<NominationKind, string> = {
  talk: "Present the work at a conference, a meetup or an internal tech talk.",
  all_hands_demo: "Show the work to the whole organisation at the next all-hands.",
  award: "Be considered for one of the week's or the organisation's awards.",
  leadership: "Lead something next: a project, a guild, a future exploration week.",
};

export const NOMINATION_STATUSES = ["new", "accepted", "declined", "done"] as const;
export type NominationStatus = (typeof NOMINATION_STATUSES)[number];

export const NOMINATION_STATUS_LABELS: Record<NominationStatus, string> = {
  new: "New",
  accepted: "Accepted",
  declined: "Declined",
  done: "Done",
};

/** What each status means to the nominator reading it. */
export const NOMINATION_STATUS_EXPLANATIONS: Record<NominationStatus, string> = {
  new: "Waiting for the organisers.",
  accepted: "The organisers accepted it and are making it happen.",
  declined: "The organisers decided not to take it forward.",
  done: "It happened.",
};

export const NOMINATION_STATUS_COLORS: Record<NominationStatus, string> = {
  new: "blue",
  accepted: "teal",
  declined: "gray",
  done: "grape",
};

const TRANSITIONS: Record<NominationStatus, readonly NominationStatus[]> = {
  new: ["accepted", "declined"],
  accepted: ["done", "declined"],
  declined: ["new"],
  done: [],
};

/** The statuses an organiser may move a nomination to from `status` (a note alone is always possible). */
export function allowedTransitions(status: NominationStatus): NominationStatus[] {
  return [...TRANSITIONS[status]];
}

const DECISION_LABELS: Record<NominationStatus, string> = {
  new: "Reopen",
  accepted: "Accept",
  declined: "Decline",
  done: "Mark as done",
};

/** The label of the decision that moves a nomination from `from` to `to` (same status: a note only). */
export function transitionLabel(from: NominationStatus, to: NominationStatus): string {
  if (from === to) return `Keep as ${NOMINATION_STATUS_LABELS[from].toLowerCase()} (add a note)`;
  return DECISION_LABELS[to];
}

export const NOTE_MAX = 2000;

/**
 * Why an organiser's decision (to `to`, with `note`) cannot be made on a nomination in `from`, or null.
 * Keeping the status is a note-only decision and needs a note.
 */
export function decisionProblem(from: NominationStatus, to: NominationStatus, note: string): string | null {
  if (note.length > NOTE_MAX) return `Keep the note to ${NOTE_MAX.toLocaleString("en")} characters.`;
  if (from === to) return note.trim() ? null : "Write a note, or choose a new status.";
  if (TRANSITIONS[from].includes(to)) return null;
  const fromLabel = NOMINATION_STATUS_LABELS[from].toLowerCase();
  const toLabel = NOMINATION_STATUS_LABELS[to].toLowerCase();
  if (TRANSITIONS[from].length === 0) return `This nomination is ${fromLabel}; its status can no longer change.`;
  const options = TRANSITIONS[from].map((s) => NOMINATION_STATUS_LABELS[s].toLowerCase()).join(" or ");
  return `A ${fromLabel} nomination cannot become ${toLabel}; it can become ${options}.`;
}

/** Accepted and done nominations are public on portfolios; new and declined ones are private. */
export const isPublicStatus = (status: NominationStatus) => status === "accepted" || status === "done";

export type NominationAccess = "full" | "public" | "none";

/**
 * What a viewer may see of a nomination: organisers and the nominator see everything (notes and
 * history); once accepted or done everyone sees its public part (kind, week, nominator, reason);
 * before that nobody else sees it, the nominee included.
 */
export function nominationAccess(
  viewer: { id: number; isOrganiser: boolean },
  nomination: { nominatorId: number; status: NominationStatus },
): NominationAccess {
  if (viewer.isOrganiser || viewer.id === nomination.nominatorId) return "full";
  return isPublicStatus(nomination.status) ? "public" : "none";
}

export const REASON_MIN = 20;
export const REASON_MAX = 2000;
export const KUDOS_MAX = 280;

export type KudosTargetKind = "user" | "team" | "demo";

/**
 * Every reason kudos can be refused, by a short code: a plain form is redirected back with the code
 * in its URL (never free text), and the panel shows the message beside the field.
 */
export const KUDOS_ERRORS = {
  empty: "Write a short thank-you first.",
  long: `Keep kudos to ${KUDOS_MAX} characters.`,
  self: "You cannot give kudos to yourself — thanks come from others.",
  "own-team": "This is your own team — kudos come from others. Thank a teammate on their page instead.",
  "own-demo": "This is your own team's demo — kudos come from others.",
  "unknown-user": "That person does not exist.",
  "unknown-team": "That team does not exist.",
  "unknown-demo": "That demo does not exist.",
  deactivated: "That person's account is deactivated, so they cannot receive kudos.",
  gone: "Those kudos no longer exist.",
  forbidden: "Only the author or an organiser can remove kudos.",
  invalid: "That could not be read; try again.",
} as const;

export type KudosErrorCode = keyof typeof KUDOS_ERRORS;

export function kudosErrorCode(message: string): KudosErrorCode {
  const found = (Object.keys(KUDOS_ERRORS) as KudosErrorCode[]).find((code) => KUDOS_ERRORS[code] === message);
  return found ?? "invalid";
}

/** Why nobody on this page may give kudos here, shown instead of the form. */
export function cannotGiveKudosReason(kind: KudosTargetKind): string {
  if (kind === "user") return "This is you: kudos here come from others.";
  if (kind === "team") return "This is your team: kudos here come from others.";
  return "This is your team's demo: kudos here come from others.";
}
