// The build is committed (web/dist) and CI rebuilds it and fails on a diff,
// so everything here aims at byte-identical output from the same sources:
// fixed file names without content hashes (the Go binary serves the files
// itself, so cache-busting names buy nothing), no source maps, no
// timestamps, and a relative base so the UI works under any path prefix.
import { defineConfig } from "vite";

export default defineConfig({
  base: "./",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
    // One script and one stylesheet: nothing to preload, so no polyfill.
    modulePreload: { polyfill: false },
    reportCompressedSize: true,
    chunkSizeWarningLimit: 1024,
    rolldownOptions: {
      output: {
        entryFileNames: "assets/[name].js",
        chunkFileNames: "assets/[name].js",
        assetFileNames: "assets/[name][extname]",
      },
    },
  },
});
