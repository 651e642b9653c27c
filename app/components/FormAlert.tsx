import { Alert } from "@mantine/core";
import { IconAlertCircle } from "@tabler/icons-react";

/** The message for a whole form (not one field), announced to screen readers. */
export function FormAlert({ message, title }: { message?: string | null; title?: string }) {
  if (!message) return null;
  return (
    <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title={title} role="alert">
      {message}
    </Alert>
  );
}
