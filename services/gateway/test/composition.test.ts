import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  composeSupergraph,
  describeDrift,
  formatProblems,
  loadSubgraphs,
  parseSupergraphConfig,
  readSupergraphConfig,
  SUPERGRAPH_HEADER,
} from '../src/composition.ts';
import { supergraphRoutes } from '../src/gateway.ts';

const fixture = (name: string) => fileURLToPath(new URL(`fixtures/${name}`, import.meta.url));
const script = fileURLToPath(new URL('../../../scripts/compose-supergraph.ts', import.meta.url));

async function compose(...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [script, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

async function fixtureSubgraphs(configName: string) {
  const path = fixture(configName);
  return loadSubgraphs(path, await readSupergraphConfig(path));
}

describe('composeSupergraph', () => {
  it('composes two subgraphs sharing an entity, with the routing URLs from the config', async () => {
    const { subgraphs, problems } = await fixtureSubgraphs('supergraph.config.json');
    expect(problems).toEqual([]);
    const result = composeSupergraph(subgraphs);
    if (!result.ok) throw new Error(formatProblems(result.problems));
    expect(result.supergraphSdl.startsWith(SUPERGRAPH_HEADER)).toBe(true);
    expect(supergraphRoutes(result.supergraphSdl)).toEqual({
      users: 'http://users:4001/graphql',
      channels: 'http://channels:4002/graphql',
    });
    // The shared entity is keyed in both subgraphs.
    expect(result.supergraphSdl).toMatch(
      /type User @join__type\(graph: CHANNELS, key: "id"\) @join__type\(graph: USERS, key: "id"\)/,
    );
  });

  it('names the subgraph and code of every composition error', async () => {
    const { subgraphs } = await fixtureSubgraphs('conflicting.config.json');
    const result = composeSupergraph(subgraphs);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toContainEqual({
      subgraph: null,
      code: 'FIELD_TYPE_MISMATCH',
      message: expect.stringMatching(/"User\.name".*"conflicting".*"users"/),
    });
    expect(formatProblems(result.problems)).toContain('[across subgraphs] FIELD_TYPE_MISMATCH:');
  });

  it('reports an SDL syntax error against its subgraph', () => {
    const result = composeSupergraph([
      {
        name: 'broken',
        routingUrl: 'http://broken/graphql',
        sdl: 'type Query { a: String!! }',
        origin: 'x.graphql',
      },
    ]);
    expect(result).toEqual({
      ok: false,
      problems: [
        { subgraph: 'broken', code: 'SDL_SYNTAX_ERROR', message: expect.stringContaining('x.graphql') },
      ],
    });
  });

  it('reports a subgraph error with its subgraph name', () => {
    const sdl = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
      type Query { a: Nope }`;
    const result = composeSupergraph([{ name: 'alone', routingUrl: 'http://alone/graphql', sdl }]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]).toMatchObject({ subgraph: 'alone', message: 'Unknown type Nope' });
    expect(formatProblems(result.problems)).toContain('[alone] INVALID_GRAPHQL: Unknown type Nope');
  });

  it('names every subgraph whose SDL file is missing', async () => {
    const config = parseSupergraphConfig(
      {
        subgraphs: {
          users: { schema: 'users.graphql', routingUrl: 'http://users/graphql' },
          ghost: { schema: 'ghost.graphql', routingUrl: 'http://ghost/graphql' },
        },
      },
      'inline',
    );
    const { subgraphs, problems } = await loadSubgraphs(fixture('supergraph.config.json'), config);
    expect(subgraphs.map((s) => s.name)).toEqual(['users']);
    expect(problems).toEqual([
      {
        subgraph: 'ghost',
        code: 'SDL_NOT_READABLE',
        message: expect.stringMatching(/ghost\.graphql: file not found/),
      },
    ]);
  });

  it('rejects an invalid config listing every problem', () => {
    expect(() =>
      parseSupergraphConfig(
        { subgraphs: { a: { schema: '' }, b: { schema: 'b.graphql', routingUrl: 'nope' } } },
        'cfg',
      ),
    ).toThrow(/subgraphs\.a\.schema[\s\S]*subgraphs\.b\.routingUrl/);
  });
});

describe('describeDrift', () => {
  it('points at the first differing line', () => {
    expect(describeDrift('a\nb\nc\n', 'a\nb\nc\n')).toBeNull();
    expect(describeDrift('a\nb\nc\n', 'a\nB\nc\n')).toBe(
      [
        'first difference at line 2 (1 line(s) differ; committed 4 lines, composed 4):',
        '  - committed: "b"',
        '  + composed:  "B"',
      ].join('\n'),
    );
  });
});

describe('scripts/compose-supergraph.ts', () => {
  let dir: string;
  let out: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tidings-compose-'));
    out = join(dir, 'supergraph.graphql');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('writes the supergraph, then --check passes', async () => {
    const written = await compose('--config', fixture('supergraph.config.json'), '--out', out);
    expect(written).toMatchObject({ code: 0, stdout: expect.stringContaining('Composed users, channels') });
    expect(await readFile(out, 'utf8')).toContain('enum join__Graph');

    const checked = await compose('--check', '--config', fixture('supergraph.config.json'), '--out', out);
    expect(checked).toMatchObject({ code: 0, stdout: expect.stringContaining('is up to date') });
  });

  it('--check fails with a diff hint when the committed file drifted', async () => {
    const original = await readFile(out, 'utf8');
    await writeFile(out, original.replace('me: User', 'me: User!'));
    const checked = await compose('--check', '--config', fixture('supergraph.config.json'), '--out', out);
    expect(checked.code).toBe(1);
    expect(checked.stderr).toContain('is out of date');
    expect(checked.stderr).toMatch(/- committed: ".*me: User!/);
    expect(checked.stderr).toMatch(/\+ composed: {2}".*me: User @join__field/);
    expect(checked.stderr).toContain('npm run compose');
    await writeFile(out, original);
  });

  it('--check fails when the supergraph file does not exist', async () => {
    const checked = await compose(
      '--check',
      '--config',
      fixture('supergraph.config.json'),
      '--out',
      `${out}.missing`,
    );
    expect(checked.code).toBe(1);
    expect(checked.stderr).toContain('does not exist');
  });

  it('prints composition errors and exits 1 without writing', async () => {
    const target = join(dir, 'conflicting.graphql');
    const failed = await compose('--config', fixture('conflicting.config.json'), '--out', target);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('Supergraph composition failed');
    expect(failed.stderr).toContain('FIELD_TYPE_MISMATCH');
    await expect(readFile(target)).rejects.toThrow(/ENOENT/);
  });
});
