export * from "./audit";
export * from "./auth";
export * from "./people";
export * from "./weeks";
