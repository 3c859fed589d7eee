/**
 * Composes the federated supergraph offline from the committed subgraph SDL files.
 *
 *   node scripts/compose-supergraph.ts            write graphql/supergraph.graphql
 *   node scripts/compose-supergraph.ts --check    recompose in memory; exit 1 if the committed file differs
 *
 * Options: --config <path> (default graphql/supergraph.config.json), --out <path> (default
 * graphql/supergraph.graphql). Composition errors are printed one per line as `[subgraph] CODE: message`
 * and exit 1.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  composeSupergraph,
  describeDrift,
  formatProblems,
  loadSubgraphs,
  readSupergraphConfig,
} from '../services/gateway/src/composition.ts';

const root = resolve(import.meta.dirname, '..');

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      check: { type: 'boolean', default: false },
      config: { type: 'string', default: resolve(root, 'graphql/supergraph.config.json') },
      out: { type: 'string', default: resolve(root, 'graphql/supergraph.graphql') },
    },
  });
  const configPath = resolve(values.config);
  const outPath = resolve(values.out);
  const show = (path: string) => relative(process.cwd(), path) || path;

  const config = await readSupergraphConfig(configPath);
  const loaded = await loadSubgraphs(configPath, config);
  const result =
    loaded.problems.length > 0
      ? { ok: false as const, problems: loaded.problems }
      : composeSupergraph(loaded.subgraphs);
  if (!result.ok) {
    console.error(`Supergraph composition failed (${result.problems.length} problem(s)):`);
    console.error(formatProblems(result.problems));
    return 1;
  }

  if (values.check) {
    let committed: string;
    try {
      committed = await readFile(outPath, 'utf8');
    } catch {
      console.error(`${show(outPath)} does not exist. Run \`npm run compose\` and commit the result.`);
      return 1;
    }
    const drift = describeDrift(committed, result.supergraphSdl);
    if (drift) {
      console.error(`${show(outPath)} is out of date with the subgraph SDLs.`);
      console.error(drift);
      console.error('Run `npm run compose` and commit the result.');
      return 1;
    }
    console.log(`${show(outPath)} is up to date (${Object.keys(config.subgraphs).join(', ')}).`);
    return 0;
  }

  await writeFile(outPath, result.supergraphSdl);
  console.log(`Composed ${Object.keys(config.subgraphs).join(', ')} → ${show(outPath)}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
