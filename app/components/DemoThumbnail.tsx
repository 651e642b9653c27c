import { Box } from "@mantine/core";
import { IconPhoto } from "@tabler/icons-react";

export type DemoThumbnailImage = { id: number; alt: string; width: number | null; height: number | null };

/** A demo's first screenshot across the top of its card, or a placeholder when it has none. */
export function DemoThumbnail({ image, title, height }: { image: DemoThumbnailImage | null; title: string; height: number }) {
  if (image) {
    return (
      <img
        src={`/demo-images/${image.id}`}
        alt={image.alt || `Screenshot of ${title}`}
        width={image.width ?? undefined}
        height={image.height ?? undefined}
        loading="lazy"
        decoding="async"
        style={{ display: "block", width: "100%", height, objectFit: "cover" }}
      />
    );
  }
  return (
    <Box
      h={height}
      bg="var(--mantine-color-default-hover)"
      style={{ display: "flex", alignItems: "center", justifyContent: "center" }}
    >
      <IconPhoto size={Math.round(height / 4.5)} aria-hidden color="var(--mantine-color-dimmed)" />
    </Box>
  );
}
