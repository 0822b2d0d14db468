#!/usr/bin/env node
/**
 * `npm start`: builds when dist/ is missing or older than src/ or server/, then runs the reference server
 * exactly as the package's `chatkit-chat-server` bin does (compiled dist/server/main.js under plain node, in
 * this process: no TypeScript runtime, no parent process) with the embedded defaults (SQLite under ./data,
 * the offline demo model when no OPENAI_API_KEY is set).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outputs = [
  'dist/chatkit-chat.js',
  'dist/chatkit-chat.iife.js',
  'dist/server/main.js',
  'dist/integrity.json',
].map((file) => join(root, file));

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const builtAt = Math.min(...outputs.map((file) => (existsSync(file) ? statSync(file).mtimeMs : 0)));
const changedAt = Math.max(newestMtime(join(root, 'src')), newestMtime(join(root, 'server')));
if (builtAt < changedAt) {
  console.log('Building (dist/ is missing or older than src/ or server/)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

await import(pathToFileURL(join(root, 'bin', 'chatkit-chat-server.js')).href);
