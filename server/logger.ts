/**
 * The server's structured logger (pino). One root logger per process; request handlers log through it so
 * internal error details stay in the log and never reach a response body.
 *
 * @module
 */
import { pino, type Logger } from 'pino';
import type { LogLevel } from './config.js';

export type { Logger } from 'pino';

/**
 * Creates the root logger.
 *
 * @param level - the minimum level written (`silent` disables output, as tests do).
 * @param destination - where JSON lines go; defaults to stdout.
 */
export function createLogger(level: LogLevel = 'info', destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'chatkit-chat' },
    // Request headers can carry bearer tokens and cookies; never write them even if a caller logs `req`.
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization'],
      remove: true,
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
