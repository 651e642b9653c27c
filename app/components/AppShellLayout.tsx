import {
  ActionIcon,
  AppShell,
  Avatar,
  Box,
  Burger,
  Group,
  NavLink as MantineNavLink,
  Menu,
  Text,
  Tooltip,
  UnstyledButton,
  useMantineColorScheme,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import {
  IconArchive,
  IconBulb,
  IconChevronDown,
  IconHome,
  IconKey,
  IconLogout,
  IconMoon,
  IconPresentation,
  IconSettings,
  IconSun,
  IconUser,
  IconUsers,
  IconUsersGroup,
} from "@tabler/icons-react";
import { Form, Link, NavLink, useLocation } from "react-router";
import classes from "./AppShellLayout.module.css";

export type ShellUser = { id: number; name: string; email: string; roles: string[] };

export const NAV_ITEMS = [
  { to: "/", label: "Home", icon: IconHome, end: true },
  { to: "/ideas", label: "Ideas", icon: IconBulb, end: false },
  { to: "/teams", label: "Teams", icon: IconUsersGroup, end: false },
  { to: "/demos", label: "Demos", icon: IconPresentation, end: false },
  { to: "/archive", label: "Archive", icon: IconArchive, end: false },
  { to: "/people", label: "People", icon: IconUsers, end: false },
] as const;

function initials(name: string) {
  return name
    .split(/\s+/)
    .slice(0, 2)
    .map((p) => p[0]?.toUpperCase() ?? "")
    .join("");
}

function ThemeToggle() {
  const { setColorScheme, colorScheme } = useMantineColorScheme();
  const location = useLocation();
  // Works without JavaScript as a form post; with it, flips instantly.
  return (
    <Form
      method="post"
      action="/theme"
      onSubmit={(event) => {
        event.preventDefault();
        const dark = document.documentElement.getAttribute("data-mantine-color-scheme") === "dark";
        setColorScheme(dark ? "light" : "dark");
      }}
    >
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <input type="hidden" name="theme" value={colorScheme === "dark" ? "light" : "dark"} />
      <Tooltip label="Switch light or dark theme">
        <ActionIcon type="submit" variant="default" size="lg" aria-label="Switch light or dark theme">
          <IconSun className={classes.lightIcon} size={18} stroke={1.6} />
          <IconMoon className={classes.darkIcon} size={18} stroke={1.6} />
        </ActionIcon>
      </Tooltip>
    </Form>
  );
}

function UserMenu({ user, isOrganiser }: { user: ShellUser; isOrganiser: boolean }) {
  return (
    <Menu position="bottom-end" width={220} withinPortal>
      <Menu.Target>
        <UnstyledButton className={classes.user} aria-label={`Account menu for ${user.name}`}>
          <Group gap={8} wrap="nowrap">
            <Avatar size={30} radius="xl" color="teal">
              {initials(user.name)}
            </Avatar>
            <Text size="sm" fw={500} visibleFrom="sm" lineClamp={1} maw={140}>
              {user.name}
            </Text>
            <IconChevronDown size={14} stroke={1.6} />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{user.email}</Menu.Label>
        <Menu.Item component={Link} to={`/people/${user.id}`} leftSection={<IconUser size={16} />}>
          My profile
        </Menu.Item>
        <Menu.Item component={Link} to="/settings/password" leftSection={<IconKey size={16} />}>
          Change password
        </Menu.Item>
        {isOrganiser ? (
          <Menu.Item component={Link} to="/admin" leftSection={<IconSettings size={16} />}>
            Admin
          </Menu.Item>
        ) : null}
        <Menu.Divider />
        <Form method="post" action="/logout">
          <Menu.Item component="button" type="submit" color="red" leftSection={<IconLogout size={16} />}>
            Sign out
          </Menu.Item>
        </Form>
      </Menu.Dropdown>
    </Menu>
  );
}

export function AppShellLayout({ user, children }: { user: ShellUser; children: React.ReactNode }) {
  const [opened, { toggle, close }] = useDisclosure(false);
  const isOrganiser = user.roles.includes("organiser") || user.roles.includes("admin");
  const items = isOrganiser ? [...NAV_ITEMS, { to: "/admin", label: "Admin", icon: IconSettings, end: false }] : NAV_ITEMS;
  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 260, breakpoint: "md", collapsed: { desktop: true, mobile: !opened } }}
      padding="md"
    >
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="md" size="sm" aria-label="Open navigation" />
            <Link to="/" className={classes.brand} aria-label="Expedition home">
              <img src="/favicon.svg" alt="" width={26} height={26} />
              <Text fw={800} size="lg" visibleFrom="xs">
                Expedition
              </Text>
            </Link>
          </Group>
          <Box component="nav" aria-label="Main" visibleFrom="md">
            <Group gap={4} wrap="nowrap">
              {items.map((item) => (
                <NavLink key={item.to} to={item.to} end={item.end} className={classes.link} prefetch="intent">
                  {item.label}
                </NavLink>
              ))}
            </Group>
          </Box>
          <Group gap="xs" wrap="nowrap">
            <ThemeToggle />
            <UserMenu user={user} isOrganiser={isOrganiser} />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label="Main (mobile)">
        {items.map((item) => (
          <MantineNavLink
            key={item.to}
            component={NavLink}
            to={item.to}
            end={item.end}
            label={item.label}
            leftSection={<item.icon size={18} stroke={1.6} />}
            onClick={close}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Box maw="var(--expedition-max-width)" mx="auto">
          {children}
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
