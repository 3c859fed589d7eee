import { eventTypeOf } from '@tidings/events';
import { describe, expect, it } from 'vitest';
import { type SampleEventInput, ticketEventFromSample } from './sample-event.ts';

const directory: Record<string, string> = { 'u-lan': 'Lan', 'u-minh': 'Minh' };
const userName = (id: string) => directory[id];
const sample = (overrides: Partial<SampleEventInput>): SampleEventInput => ({
  eventType: 'TICKET_CREATED',
  projectId: 'ops',
  ticket: { id: 'tk-12', key: 'OPS-12', title: 'Disk full' },
  ...overrides,
});

describe('ticketEventFromSample', () => {
  it('refuses both or neither of eventType and customType, naming the input path', () => {
    expect(ticketEventFromSample('t', sample({ eventType: null }))).toEqual({
      ok: false,
      problems: [
        {
          field: ['event', 'eventType'],
          message: 'give eventType (a ticket event) or customType (e.g. pipeline.failed)',
        },
      ],
    });
    expect(ticketEventFromSample('t', sample({ customType: 'pipeline.failed' }))).toEqual({
      ok: false,
      problems: [
        { field: ['event', 'customType'], message: 'give either eventType or customType, not both' },
      ],
    });
  });

  it('names every bad field at once', () => {
    const result = ticketEventFromSample(
      't',
      sample({
        eventType: null,
        customType: 'pipeline failed!',
        projectId: ' ',
        ticket: { id: '', title: 'x' },
        occurredAt: 'yesterday',
        attributes: [
          { key: 'OK', value: '1' },
          { key: 'bad key', value: '2' },
        ],
      }),
    );
    expect(result.ok ? [] : result.problems.map((p) => p.field.join('.'))).toEqual([
      'event.customType',
      'event.projectId',
      'event.ticket.id',
      'event.occurredAt',
      'event.attributes.1.key',
    ]);
  });

  it('builds a comment event with names from the directory and a sample id', () => {
    const result = ticketEventFromSample(
      'tenant-1',
      sample({
        eventType: 'COMMENT_ADDED',
        actorId: 'u-lan',
        commentBody: 'On it',
        occurredAt: '2026-11-22T09:30:00Z',
        ticket: {
          id: 'tk-12',
          title: 'Disk full',
          assigneeIds: ['u-minh', 'u-x'],
          creatorId: 'u-lan',
          path: '/t/12',
        },
        attributes: [{ key: 'PIPELINE_NAME', value: 'nightly' }],
      }),
      userName,
    );
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const { event } = result;
    expect(event.eventId).toMatch(/^sample:.+/);
    expect(event.tenantId).toBe('tenant-1');
    expect(eventTypeOf(event)).toBe('commentAdded');
    expect(event.change.case === 'commentAdded' && event.change.value.body).toBe('On it');
    expect(event.actor).toMatchObject({ id: 'u-lan', displayName: 'Lan' });
    expect(event.ticket?.assignees.map((a) => [a.id, a.displayName])).toEqual([
      ['u-minh', 'Minh'],
      ['u-x', ''],
    ]);
    expect(event.ticket?.creator?.displayName).toBe('Lan');
    expect(event.ticket?.path).toBe('/t/12');
    expect(event.attributes).toEqual({ PIPELINE_NAME: 'nightly' });
    expect(event.occurredAt?.seconds).toBe(BigInt(Date.parse('2026-11-22T09:30:00Z') / 1000));
  });

  it('prefers the given actor name and makes distinct event ids', () => {
    const a = ticketEventFromSample('t', sample({ actorId: 'u-lan', actorName: 'Lan Nguyen' }), userName);
    const b = ticketEventFromSample('t', sample({}), userName);
    expect(a.ok && a.event.actor?.displayName).toBe('Lan Nguyen');
    expect(b.ok && b.event.actor).toBeUndefined();
    expect(a.ok && b.ok && a.event.eventId !== b.event.eventId).toBe(true);
  });

  it('builds status, step and assignee changes from their fields', () => {
    const status = ticketEventFromSample(
      't',
      sample({ eventType: 'STATUS_CHANGED', fromStatus: 'Open', toStatus: 'Done' }),
    );
    expect(status.ok && status.event.change).toEqual({
      case: 'statusChanged',
      value: expect.objectContaining({ fromStatus: 'Open', toStatus: 'Done' }),
    });
    expect(status.ok && status.event.ticket?.status).toBe('Done');

    const step = ticketEventFromSample(
      't',
      sample({
        eventType: 'WORKFLOW_STEP_CHANGED',
        fromStep: 'Submit',
        ticket: { id: 'tk', title: 'x', stepId: 's2', stepName: 'Review', stepAssigneeIds: ['u-minh'] },
      }),
      userName,
    );
    if (!step.ok || step.event.change.case !== 'workflowStepChanged')
      throw new Error('expected a step change');
    expect(step.event.change.value.fromStep?.name).toBe('Submit');
    expect(step.event.change.value.toStep?.name).toBe('Review');
    expect(step.event.ticket?.currentStep?.assignees.map((a) => a.displayName)).toEqual(['Minh']);

    const assignees = ticketEventFromSample(
      't',
      sample({ eventType: 'ASSIGNEES_CHANGED', addedAssigneeIds: ['u-minh'], removedAssigneeIds: ['u-lan'] }),
      userName,
    );
    if (!assignees.ok || assignees.event.change.case !== 'assigneesChanged')
      throw new Error('expected an assignee change');
    expect(assignees.event.change.value.added.map((u) => u.displayName)).toEqual(['Minh']);
    expect(assignees.event.change.value.removed.map((u) => u.id)).toEqual(['u-lan']);
  });

  it('puts a custom sample attributes on the custom change', () => {
    const result = ticketEventFromSample(
      't',
      sample({
        eventType: null,
        customType: 'pipeline.failed',
        attributes: [{ key: 'PIPELINE_NAME', value: 'nightly' }],
      }),
    );
    if (!result.ok || result.event.change.case !== 'custom') throw new Error('expected a custom change');
    expect(eventTypeOf(result.event)).toBe('custom:pipeline.failed');
    expect(result.event.change.value.attributes).toEqual({ PIPELINE_NAME: 'nightly' });
  });
});
