import { describe, expect, it } from "vitest";
import {
  allowedTransitions,
  cannotGiveKudosReason,
  decisionProblem,
  isPublicStatus,
  KUDOS_ERRORS,
  kudosErrorCode,
  NOMINATION_KIND_EXPLANATIONS,
  NOMINATION_KIND_LABELS,
  NOMINATION_KINDS,
  NOMINATION_STATUS_LABELS,
  NOMINATION_STATUSES,
  type NominationStatus,
  nominationAccess,
  transitionLabel,
} from "~/recognition/rules";

describe("nomination kinds and statuses", () => {
  it("labels and explains every kind", () => {
    expect(NOMINATION_KINDS.map((k) => NOMINATION_KIND_LABELS[k])).toEqual([
      "Talk",
      "All-hands demo",
      "Award",
      "Leadership opportunity",
    ]);
    for (const k of NOMINATION_KINDS) expect(NOMINATION_KIND_EXPLANATIONS[k].length).toBeGreaterThan(10);
  });

  it("labels every status", () => {
    expect(NOMINATION_STATUSES.map((s) => NOMINATION_STATUS_LABELS[s])).toEqual(["New", "Accepted", "Declined", "Done"]);
  });
});

describe("allowedTransitions", () => {
  it("new → accepted | declined; accepted → done | declined; declined → new; done → nothing", () => {
    expect(allowedTransitions("new")).toEqual(["accepted", "declined"]);
    expect(allowedTransitions("accepted")).toEqual(["done", "declined"]);
    expect(allowedTransitions("declined")).toEqual(["new"]);
    expect(allowedTransitions("done")).toEqual([]);
  });

  it("returns a copy callers cannot use to change the rules", () => {
    allowedTransitions("done").push("new");
    expect(allowedTransitions("done")).toEqual([]);
  });

  it("labels each decision", () => {
    expect(transitionLabel("new", "accepted")).toBe("Accept");
    expect(transitionLabel("accepted", "declined")).toBe("Decline");
    expect(transitionLabel("accepted", "done")).toBe("Mark as done");
    expect(transitionLabel("declined", "new")).toBe("Reopen");
    expect(transitionLabel("done", "done")).toBe("Keep as done (add a note)");
  });
});

describe("decisionProblem", () => {
  const all = NOMINATION_STATUSES;
  it("allows exactly the allowed transitions, with or without a note", () => {
    for (const from of all) {
      for (const to of all) {
        if (from === to) continue;
        const expected = allowedTransitions(from).includes(to);
        expect(decisionProblem(from, to, "") === null, `${from} → ${to}`).toBe(expected);
        expect(decisionProblem(from, to, "a note") === null, `${from} → ${to} with a note`).toBe(expected);
      }
    }
  });

  it("explains a refused transition", () => {
    expect(decisionProblem("declined", "done", "")).toBe("A declined nomination cannot become done; it can become new.");
    expect(decisionProblem("new", "done", "")).toBe("A new nomination cannot become done; it can become accepted or declined.");
    expect(decisionProblem("done", "new", "")).toBe("This nomination is done; its status can no longer change.");
  });

  it("a note alone keeps the status and needs text", () => {
    for (const s of all as readonly NominationStatus[]) {
      expect(decisionProblem(s, s, "Still waiting for the committee.")).toBeNull();
      expect(decisionProblem(s, s, "   ")).toBe("Write a note, or choose a new status.");
    }
  });

  it("refuses an over-long note", () => {
    expect(decisionProblem("new", "accepted", "n".repeat(2001))).toBe("Keep the note to 2,000 characters.");
    expect(decisionProblem("new", "accepted", "n".repeat(2000))).toBeNull();
  });
});

describe("visibility", () => {
  const nominator = { id: 1, isOrganiser: false };
  const organiser = { id: 2, isOrganiser: true };
  const other = { id: 3, isOrganiser: false };
  it("organisers and the nominator see everything in every status", () => {
    for (const status of NOMINATION_STATUSES) {
      expect(nominationAccess(nominator, { nominatorId: 1, status })).toBe("full");
      expect(nominationAccess(organiser, { nominatorId: 1, status })).toBe("full");
    }
  });

  it("anyone else (the nominee too) sees accepted and done ones only, and only their public part", () => {
    expect(nominationAccess(other, { nominatorId: 1, status: "new" })).toBe("none");
    expect(nominationAccess(other, { nominatorId: 1, status: "declined" })).toBe("none");
    expect(nominationAccess(other, { nominatorId: 1, status: "accepted" })).toBe("public");
    expect(nominationAccess(other, { nominatorId: 1, status: "done" })).toBe("public");
    expect(NOMINATION_STATUSES.filter(isPublicStatus)).toEqual(["accepted", "done"]);
  });
});

describe("kudos messages", () => {
  it("maps every message back to its code, and anything else to invalid", () => {
    for (const [code, message] of Object.entries(KUDOS_ERRORS)) expect(kudosErrorCode(message)).toBe(code);
    expect(kudosErrorCode("something else")).toBe("invalid");
  });

  it("says why the viewer cannot give kudos here", () => {
    expect(cannotGiveKudosReason("user")).toMatch(/This is you/);
    expect(cannotGiveKudosReason("team")).toMatch(/your team/);
    expect(cannotGiveKudosReason("demo")).toMatch(/your team's demo/);
  });
});
