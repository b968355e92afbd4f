import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../server/openapi/openapi-document.ts';
import { COMMAND_FEED_SCHEMA_FILE, commandFeedSchemaText } from '../../scripts/write-contracts.ts';

// The published contracts are generated from the zod schemas, never edited by hand.

describe('generated contracts', () => {
  it('docs/command-feed.schema.json is what the schemas generate (run npm run contracts)', async () => {
    expect(fs.readFileSync(COMMAND_FEED_SCHEMA_FILE, 'utf8')).toBe(await commandFeedSchemaText());
  });

  it('every documented operation says who may call it and documents the 503 of a database outage', () => {
    const doc = buildOpenApiDocument('test');
    const ops = Object.entries(doc.paths ?? {}).flatMap(([p, item]) =>
      (['get', 'post', 'patch', 'put', 'delete'] as const)
        .filter((m) => item?.[m])
        .map((m) => ({ key: `${m} ${p}`, op: item![m]! })),
    );
    expect(ops.length).toBeGreaterThan(0);
    for (const { key, op } of ops) {
      expect(Object.keys(op.responses ?? {}), key).toContain('503');
      expect(op.security, `${key} says who may call it`).toBeDefined();
    }
  });
});
