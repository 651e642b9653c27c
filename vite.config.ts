import { fileURLToPath } from "node:url";
import { reactRouter } from "@react-router/dev/vite";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [reactRouter()],
  build: {
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // Library code shared by many pages in one file instead of dozens of tiny ones.
            { name: "shared-libs", test: /node_modules[\\/]/, minShareCount: 12 },
          ],
        },
      },
    },
  },
  resolve: {
    alias: [
      { find: /^~\//, replacement: `${fileURLToPath(new URL("./app/", import.meta.url))}` },
      { find: /^~db\//, replacement: `${fileURLToPath(new URL("./db/", import.meta.url))}` },
      // Mantine's Table imports its ScrollContainer (ScrollArea + floating-ui) for a static property we
      // never use; a plain overflow container takes its place. See app/components/table-scroll-container.ts.
      {
        find: /^\.\/TableScrollContainer\.mjs$/,
        replacement: fileURLToPath(new URL("./app/components/table-scroll-container.ts", import.meta.url)),
      },
    ],
  },
});
