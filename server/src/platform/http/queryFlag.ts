import { z } from '../zod';

/** A yes/no query parameter: `true` or `1` is yes; `false`, `0` or leaving it out is no. */
export const queryFlag = () =>
  z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1');
