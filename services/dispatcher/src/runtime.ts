/**
 * The environment every dispatcher process starts with, wherever it runs: the Helm chart sets the same
 * values (charts/tidings/templates/_helpers.tpl, tidings.env), and the local mesh and the benchmarks spread
 * this object into the processes they start. The dispatcher holds its whole state in memory (issue 8: at
 * most 300 MB resident with 100,000 people, 10,000 channels and 50,000 rules), and each setting here was
 * measured against that with scripts/bench/run.ts memory:
 *
 * - `--max-semi-space-size=8`: Node 24's V8 lets each of the young generation's semi-spaces grow to 64 MB
 *   on a machine with a few GB, and never gives the pages back: loading the modules alone grows it, and it
 *   then holds ~100 MB of RSS for nothing. The dispatcher's garbage is small and short-lived (one message,
 *   one job at a time), so 8 MB semi-spaces cost little scavenging.
 * - `--expose-gc`: the dispatcher runs one full collection once it has caught up (see createDispatcher's
 *   start): catching up parses and validates every state message, and a mostly idle dispatcher would
 *   otherwise keep that garbage's pages indefinitely.
 * - `MALLOC_TRIM_THRESHOLD_`: a fixed threshold turns off glibc's dynamic mmap threshold, under which the
 *   Kafka fetch buffers of catching up (megabytes each, freed together) come from the main heap and leave
 *   it fragmented at ~80 MB; with it they are mapped and unmapped, and free memory is returned.
 */
export const dispatcherProcessEnv = {
  NODE_OPTIONS: '--max-semi-space-size=8 --expose-gc',
  MALLOC_TRIM_THRESHOLD_: '131072',
} as const;
