#!/usr/bin/env node
/**
 * `npx chatkit-chat-server`: the reference server from the installed package (compiled JavaScript, no
 * TypeScript runtime). Configuration by environment, as in the README's "Run the server": SQLite under
 * ./data and the offline demo model unless DATABASE_URL / OPENAI_API_KEY say otherwise.
 */
import { main } from '../dist/server/main.js';

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
