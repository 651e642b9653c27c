export * from "./audit";
export * from "./auth";
export * from "./demos";
export * from "./ideas";
export * from "./notifications";
export * from "./people";
export * from "./teams";
export * from "./weeks";
