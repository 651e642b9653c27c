// Placeholder while issue 6 is being built; replaced by the page's real module.
export default function Placeholder() {
  return null;
}
