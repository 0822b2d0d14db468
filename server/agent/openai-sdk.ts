/**
 * The `openai` SDK, loaded on first use. It is the largest module of the server (≈ 10 MB of RSS once
 * compiled), and a server running the offline demo model, or one that has not answered yet, does not need
 * it: importing it lazily keeps it out of the idle process.
 *
 * @module
 */
import type * as OpenAISdk from 'openai';

type OpenAIModule = typeof OpenAISdk;

let loaded: OpenAIModule | undefined;
let loading: Promise<OpenAIModule> | undefined;

/** Imports the SDK once; later calls share the same promise. */
export function loadOpenAI(): Promise<OpenAIModule> {
  loading ??= import('openai').then((module) => (loaded = module));
  return loading;
}

/**
 * The SDK if it was loaded, else `undefined`: an error cannot be one of its classes before the SDK was
 * loaded, so error mapping checks this instead of importing it.
 */
export function loadedOpenAI(): OpenAIModule | undefined {
  return loaded;
}
