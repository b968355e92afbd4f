import * as z from 'zod/mini';

// import.meta.env, parsed once. Every key is optional: the app runs offline with none of them.
const envSchema = z.object({
  // 天地图 key; when set, its vec_w raster tiles are drawn under our own boundaries
  VITE_TIANDITU_TOKEN: z.optional(z.string()),
});

const env = envSchema.parse(import.meta.env);

export type ClientConfig = {
  /** Tianditu token, or null for the offline basemap (the default). */
  tiandituToken: string | null;
};

export const config: ClientConfig = {
  tiandituToken: env.VITE_TIANDITU_TOKEN?.trim() || null,
};
