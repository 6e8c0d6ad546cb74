import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** Fields that could carry a secret or personal data, wherever they sit up to two levels down. */
const SECRET_FIELDS = ['password', 'newPassword', 'currentPassword', 'temporaryPassword', 'passwordHash', 'idNumber', 'token', 'authorization'];
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'body',
  ...SECRET_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]),
];

/** Structured JSON logs. Fields that could carry personal data are redacted at the source. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'cqip-server' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}
