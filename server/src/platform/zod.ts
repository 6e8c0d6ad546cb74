import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

/** Every schema imports zod from here: OpenAPI metadata enabled, and messages people read in Chinese. */
extendZodWithOpenApi(z);
z.config(z.locales.zhCN());

export { z };
