/**
 * Generates each subgraph's resolver types from its committed SDL (graphql/supergraph.config.json lists
 * the subgraphs), so resolvers are checked against the schema they serve instead of hand-written shapes.
 *
 *   node scripts/generate-resolver-types.ts           write services/<subgraph>/src/generated/graphql.ts
 *   node scripts/generate-resolver-types.ts --check   exit 1 if a committed file differs from what the SDL gives
 *
 * The output uses string unions instead of TypeScript enums (Node strips types and cannot run enums) and
 * `import type` only. Custom scalars: DateTime is an ISO 8601 string both ways.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { codegen } from '@graphql-codegen/core';
import * as typescriptPlugin from '@graphql-codegen/typescript';
import * as resolversPlugin from '@graphql-codegen/typescript-resolvers';
import { filterSchema, printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse } from 'graphql';

const root = resolve(import.meta.dirname, '..');
const configPath = resolve(root, 'graphql/supergraph.config.json');

interface SubgraphEntry {
  schema: string;
}

const header = '// Generated from schema.graphql by scripts/generate-resolver-types.ts. Do not edit.\n';

async function generate(name: string, sdlPath: string): Promise<string> {
  const sdl = await readFile(sdlPath, 'utf8');
  // Building the subgraph schema defines the federation directives; its own _service/_entities fields are
  // served by @apollo/subgraph, not by our resolvers, so they are left out of the types.
  const schema = filterSchema({
    schema: buildSubgraphSchema(parse(sdl)),
    rootFieldFilter: (_operation, field) => !field.startsWith('_'),
    typeFilter: (type) => !['_Service', '_Entity'].includes(type),
  });
  const output = await codegen({
    filename: `${name}.ts`,
    schema: parse(printSchemaWithDirectives(schema)),
    documents: [],
    config: {
      federation: true,
      enumsAsTypes: true,
      useTypeImports: true,
      useIndexSignature: false,
      avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
      maybeValue: 'T | null',
      inputMaybeValue: 'T | null | undefined',
      scalars: { DateTime: 'string', ID: 'string' },
      contextType: 'unknown',
      mappers: {},
      resolverTypeWrapperSignature: 'T | Promise<T>',
    },
    plugins: [{ typescript: {} }, { typescriptResolvers: {} }],
    pluginMap: { typescript: typescriptPlugin, typescriptResolvers: resolversPlugin },
  });
  return `${header}${output}`;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });
  const config = JSON.parse(await readFile(configPath, 'utf8')) as {
    subgraphs: Record<string, SubgraphEntry>;
  };
  let stale = 0;
  for (const [name, entry] of Object.entries(config.subgraphs)) {
    const sdlPath = resolve(dirname(configPath), entry.schema);
    const outPath = resolve(dirname(sdlPath), 'src/generated/graphql.ts');
    const generated = await generate(name, sdlPath);
    const show = relative(process.cwd(), outPath);
    if (values.check) {
      const committed = await readFile(outPath, 'utf8').catch(() => null);
      if (committed !== generated) {
        console.error(`${show} is out of date with ${relative(process.cwd(), sdlPath)}.`);
        stale++;
      }
    } else {
      await mkdir(dirname(outPath), { recursive: true });
      await writeFile(outPath, generated);
      console.log(`wrote ${show}`);
    }
  }
  if (stale > 0) console.error('Run `npm run generate:resolvers` and commit the result.');
  return stale > 0 ? 1 : 0;
}

process.exitCode = await main();
