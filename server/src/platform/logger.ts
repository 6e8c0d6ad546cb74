import pino, { type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs. Fields that could carry personal data are redacted at the source. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'cqip-server' },
    redact: {
      paths: ['req.headers.authorization', '*.password', '*.idNumber', '*.token', 'body'],
      censor: '[redacted]',
    },
  });
}
