// Built by CMake (web target) into the folder the binary serves: TICKETLENS_WEB_OUT, else dist/.
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/',
  build: {
    outDir: process.env.TICKETLENS_WEB_OUT || 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
  },
});
