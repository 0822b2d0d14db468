import type { ThreadStreamEvent } from '../../src/protocol/types.js';

export function answerHead(content: unknown[]): ThreadStreamEvent[];
export function textDelta(delta: string): ThreadStreamEvent;
export function answerDone(text: string): ThreadStreamEvent;
