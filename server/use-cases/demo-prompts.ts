/**
 * Start-screen prompts of the demo, covering both seed use cases. Wire them into `/api/branding` with
 * `createBranding(config.branding, DEMO_PROMPTS)` when `BRAND_PROMPTS` is not set.
 *
 * @module
 */

/** A start-screen prompt. */
export interface DemoPrompt {
  label: string;
  prompt: string;
}

/** The demo's prompts (todo use case, returns use case, client tool). */
export const DEMO_PROMPTS: readonly DemoPrompt[] = Object.freeze([
  { label: 'Show my todos', prompt: 'Show my todos' },
  { label: 'Add a todo', prompt: 'Add buy milk and call mom' },
  { label: 'Return an order', prompt: 'I want to return something' },
  { label: 'What time is it?', prompt: 'What time is it in my browser?' },
]);

/** Composer tools that pick a use case's agent (`inference_options.tool_choice.id`). */
export const DEMO_COMPOSER_TOOLS: readonly {
  id: string;
  label: string;
  shortLabel: string;
  icon: string;
  placeholderOverride: string;
}[] = Object.freeze([
  {
    id: 'todo',
    label: 'Todo assistant',
    shortLabel: 'Todos',
    icon: 'notebook-pencil',
    placeholderOverride: 'Add, complete or list todos',
  },
  {
    id: 'returns',
    label: 'Order returns',
    shortLabel: 'Returns',
    icon: 'cube',
    placeholderOverride: 'Describe what you want to return',
  },
]);
