// Placeholder while issue 6 is being built; replaced by the resource route's real module.
export function loader() {
  return new Response("Not yet", { status: 404 });
}
