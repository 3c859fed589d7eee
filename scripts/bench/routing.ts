// The routing micro-benchmark: the pure routeEvent over a StateStore filled in this process (no Kafka), with
// a small and a large number of rules in the one tenant. Both stores hold the same rules for the events'
// projects (the main rule, `projectRules - 1` more naming the same channels, and two tenant-wide rules for
// another event type); the rest of the rules are on the tenant's other projects. What it shows: whether
// routing one event costs more when the tenant has more rules elsewhere. Repeats alternate between the two
// stores, so both see the same noise; the figures are medians.
import { createTicketEvent, type TicketEvent } from '@tidings/events';
import { type RuleState, ruleStateKey } from '@tidings/state';
import { routeEvent } from '../../services/dispatcher/src/routing/route.ts';
import { StateStore } from '../../services/dispatcher/src/state/store.ts';
import { type BenchResult, median } from './table.ts';
import { type BenchWorld, benchEvent, createBenchWorld, stateMessages } from './world.ts';

export interface RoutingOptions {
  small: number;
  large: number;
  /** Rules on the events' projects (the same in both stores). */
  projectRules: number;
  projects: number;
  recipients: number;
  /** Events routed per repeat. */
  events: number;
  repeats: number;
}

function fill(world: BenchWorld, projectRules: number): { store: StateStore; rules: number } {
  const store = new StateStore();
  const apply = (entity: Parameters<StateStore['apply']>[0], key: string, value: unknown) => {
    const result = store.apply(entity, key, JSON.stringify(value));
    if (!result.ok) throw new Error(result.reason);
  };
  let main: RuleState | undefined;
  for (const message of stateMessages(world)) {
    apply(message.entity, message.key, message.value);
    if (message.entity === 'rules' && (message.value as RuleState).id.startsWith('main-rule'))
      main = message.value as RuleState;
  }
  const extra: RuleState[] = [
    ...Array.from({ length: projectRules - 1 }, (_, n) => ({
      ...main!,
      id: `project-rule-${n}`,
      roles:
        n % 2 === 0 ? (['creator', 'watchers'] as RuleState['roles']) : (['assignees'] as RuleState['roles']),
    })),
    ...[0, 1].map((n) => ({
      ...main!,
      id: `tenant-wide-${n}`,
      projectIds: null,
      eventTypes: ['statusChanged'] as RuleState['eventTypes'],
    })),
  ];
  for (const rule of extra) apply('rules', ruleStateKey(rule), rule);
  return { store, rules: store.counts().rules };
}

/** Microseconds per event, routing `events` once each. */
function timeRouting(store: StateStore, events: TicketEvent[]): number {
  const at = new Date();
  let jobs = 0;
  const began = process.hrtime.bigint();
  for (const event of events) jobs += routeEvent(event, store, at).jobs.length;
  const ns = Number(process.hrtime.bigint() - began);
  if (jobs === 0) throw new Error('routing made no jobs: the benchmark world is wrong');
  return ns / 1000 / events.length;
}

export function routing(options: RoutingOptions): BenchResult {
  const build = (rules: number) => {
    const world = createBenchWorld({
      runId: 'route',
      sizes: {
        tenants: 1,
        users: 2_000,
        channels: 200,
        // The filler: everything but the events' projects' rules.
        rules: Math.max(1, rules - options.projectRules - 2 + 1),
        watches: 2_000,
        projects: options.projects,
      },
      recipients: options.recipients,
      kinds: ['dingtalk-work', 'dingtalk-oto', 'wecom-app'],
    });
    return { world, ...fill(world, options.projectRules) };
  };
  const small = build(options.small);
  const large = build(options.large);
  const now = Date.now();
  const events = Array.from({ length: options.events }, (_, i) =>
    createTicketEvent(benchEvent(small.world, i, now)),
  );
  // Warm up both (JIT), then alternate.
  for (let i = 0; i < 3; i++) {
    timeRouting(small.store, events);
    timeRouting(large.store, events);
  }
  const smallTimes: number[] = [];
  const largeTimes: number[] = [];
  for (let i = 0; i < options.repeats; i++) {
    smallTimes.push(timeRouting(small.store, events));
    largeTimes.push(timeRouting(large.store, events));
  }
  const smallMedian = median(smallTimes);
  const largeMedian = median(largeTimes);
  return {
    bench: 'routing',
    summary: `routeEvent over ${options.events} events × ${options.repeats} repeats per store (after 3 warm-up rounds); ${options.projectRules} rules on the events' projects + 2 tenant-wide, the rest on ${options.projects} other projects; ${options.recipients} people per event on 3 channels`,
    rows: [
      {
        key: 'routing.small',
        label: `time per event, ${small.rules} rules in the tenant`,
        value: smallMedian,
        unit: 'µs',
      },
      {
        key: 'routing.large',
        label: `time per event, ${large.rules} rules in the tenant`,
        value: largeMedian,
        unit: 'µs',
      },
      {
        key: 'routing.ratio',
        label: `${large.rules} rules ÷ ${small.rules} rules`,
        value: largeMedian / smallMedian,
        unit: '',
        target: { op: '<=', value: 1.2 },
      },
    ],
    notes: [
      `per repeat (µs/event): ${small.rules} rules ${smallTimes.map((t) => t.toFixed(1)).join(', ')}; ${large.rules} rules ${largeTimes.map((t) => t.toFixed(1)).join(', ')}`,
    ],
  };
}
