import { data } from "react-router";

/** Route ids are positive whole numbers; anything else is a 404, never a database error. */
export function idParam(value: string | undefined, what = "page"): number {
  if (!value || !/^\d{1,9}$/.test(value) || Number(value) < 1) {
    throw data({ message: `There is no ${what} at that address.` }, { status: 404 });
  }
  return Number(value);
}
