import { Badge, NavLink as MantineNavLink, VisuallyHidden } from "@mantine/core";
import { IconBell } from "@tabler/icons-react";
import { Link, NavLink } from "react-router";
import { type NavItem, shortCount } from "./AppShellLayout";

export default function MobileNav({
  items,
  isActive,
  unread,
  close,
}: {
  items: readonly NavItem[];
  isActive: (item: NavItem) => boolean;
  unread: number;
  close: () => void;
}) {
  return (
    <>
      {items.map((item) => (
        <MantineNavLink
          key={item.to}
          component={Link}
          to={item.to}
          active={isActive(item)}
          aria-current={isActive(item) ? "page" : undefined}
          label={item.label}
          leftSection={<item.icon size={18} stroke={1.6} />}
          onClick={close}
        />
      ))}
      <MantineNavLink
        component={NavLink}
        to="/notifications"
        label="Notifications"
        leftSection={<IconBell size={18} stroke={1.6} />}
        rightSection={
          unread > 0 ? (
            <Badge size="sm" color="red" circle={unread < 10}>
              {shortCount(unread)}
              <VisuallyHidden> unread</VisuallyHidden>
            </Badge>
          ) : null
        }
        onClick={close}
      />
    </>
  );
}
