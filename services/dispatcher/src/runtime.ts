/**
 * The environment every dispatcher process starts with, wherever it runs: the Helm chart sets the same
 * values (charts/tidings/templates/_helpers.tpl, tidings.env), and the local mesh and the benchmarks spread
 * this object into the processes they start. The dispatcher holds its whole state in memory (issue 8: at
 * most 300 MB resident with 100,000 people, 10,000 channels and 50,000 rules), and each setting here was
 * measured against that with scripts/bench/run.ts memory (and throughput, which they leave as it was):
 *
 * - `--expose-gc`: the dispatcher runs one memory-reducing collection once it has caught up (see
 *   createDispatcher's start): catching up parses and validates every state message, and a mostly idle
 *   dispatcher would otherwise keep that garbage's pages (~100 MB at issue 8's sizes) indefinitely.
 * - `MALLOC_TRIM_THRESHOLD_`: setting it turns off glibc's dynamic mmap threshold, which rises while
 *   catching up (Kafka responses and socket buffers of 128 KB and more, freed in bulk) until such buffers
 *   come from the main malloc heap; that heap then stays fragmented at ~65 MB once they are freed. With it,
 *   they are mapped and unmapped, and the main heap ends at ~18 MB.
 */
export const dispatcherProcessEnv = {
  NODE_OPTIONS: '--expose-gc',
  MALLOC_TRIM_THRESHOLD_: '131072',
} as const;
