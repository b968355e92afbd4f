// Writes the published contracts generated from the zod schemas: docs/command-feed.schema.json
// (the command feed, both directions). `npm run contracts`; test/server/contracts.test.ts fails
// when the checked-in file differs from what the schemas generate.
import fs from 'node:fs';
import { format, resolveConfig } from 'prettier';
import { buildCommandFeedJsonSchema } from '../server/command-feed/command-feed-contract.ts';

export const COMMAND_FEED_SCHEMA_FILE = 'docs/command-feed.schema.json';

/** The file's text as written: the schema, formatted as prettier formats the repo's JSON. */
export async function commandFeedSchemaText(): Promise<string> {
  const options = await resolveConfig(COMMAND_FEED_SCHEMA_FILE);
  return format(JSON.stringify(buildCommandFeedJsonSchema()), { ...options, parser: 'json' });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  fs.writeFileSync(COMMAND_FEED_SCHEMA_FILE, await commandFeedSchemaText());
  console.log(`wrote ${COMMAND_FEED_SCHEMA_FILE}`);
}
