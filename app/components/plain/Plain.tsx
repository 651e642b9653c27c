import { Link } from "react-router";
import classes from "./plain.module.css";

export { classes as plain };

/** Joins class names, skipping empty ones. */
export function cx(...names: Array<string | false | null | undefined>): string {
  return names.filter(Boolean).join(" ");
}

export type BadgeColor = "teal" | "grape" | "yellow" | "indigo" | "green" | "blue" | "violet" | "gray" | "orange" | "red";

/**
 * Mantine's Badge as a plain element (same look, see plain.module.css) for badges repeated in long lists.
 * With `to` it is a link.
 */
export function PlainBadge({
  size = "md",
  variant = "light",
  color = "teal",
  leftSection,
  to,
  className,
  children,
}: {
  size?: "xs" | "sm" | "md";
  variant?: "light" | "outline" | "dot";
  color?: BadgeColor;
  leftSection?: React.ReactNode;
  to?: string;
  className?: string;
  children: React.ReactNode;
}) {
  const props = {
    className: cx(classes.badge, className),
    "data-size": size,
    "data-variant": variant,
    "data-color": color,
    "data-with-left-section": leftSection ? true : undefined,
  };
  const content = (
    <>
      {leftSection ? <span className={classes.badgeSection}>{leftSection}</span> : null}
      <span className={classes.badgeLabel}>{children}</span>
    </>
  );
  return to ? (
    <Link to={to} {...props}>
      {content}
    </Link>
  ) : (
    <div {...props}>{content}</div>
  );
}
