import { Center, Paper, Stack, Text, Title } from "@mantine/core";

export function AuthCard({
  title,
  subtitle,
  children,
}: {
  title: string;
  subtitle?: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <Center mih="100dvh" p="md" component="main" id="main">
      <Stack w="100%" maw={420} gap="lg">
        <Stack gap={4} align="center">
          <img src="/favicon.svg" alt="" width={44} height={44} />
          <Title order={1} ta="center" size="h2">
            {title}
          </Title>
          {subtitle ? (
            <Text c="dimmed" ta="center" size="sm">
              {subtitle}
            </Text>
          ) : null}
        </Stack>
        <Paper withBorder shadow="sm" p="lg" radius="md">
          {children}
        </Paper>
      </Stack>
    </Center>
  );
}
