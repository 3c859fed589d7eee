import { InputProblems } from '@tidings/graphql';
import { describe, expect, it } from 'vitest';
import { readCreateRuleInput, splitEventTypes } from './validation.ts';

const CHANNEL = '5a0c9a3e-2b0c-4f57-9d5e-0d7f1c8b9e11';

describe('readCreateRuleInput', () => {
  it('normalises a valid rule to state values', () => {
    const problems = new InputProblems();
    const rule = readCreateRuleInput(
      {
        name: ' Ops ',
        projectIds: ['p1', ' p1 '],
        eventTypes: ['created', 'statusChanged'],
        customEventTypes: ['pipeline.failed'],
        roles: ['assignees', 'assignees'],
        channelIds: [CHANNEL.toUpperCase()],
      },
      problems,
    );
    expect(problems.list).toEqual([]);
    expect(rule).toEqual({
      name: 'Ops',
      projectIds: ['p1'],
      eventTypes: ['created', 'statusChanged', 'custom:pipeline.failed'],
      roles: ['assignees'],
      userIds: [],
      channelIds: [CHANNEL],
      excludeActor: true,
      enabled: true,
    });
  });

  it('names every bad field', () => {
    const problems = new InputProblems();
    const rule = readCreateRuleInput(
      { name: '', projectIds: [], customEventTypes: ['bad type'], channelIds: ['nope'], userIds: [] },
      problems,
    );
    expect(rule).toBeUndefined();
    expect(problems.list.map((p) => [p.field, p.code])).toEqual([
      [['name'], 'REQUIRED'],
      [['projectIds'], 'REQUIRED'],
      [['customEventTypes', '0'], 'INVALID'],
      [['roles'], 'REQUIRED'],
      [['channelIds', '0'], 'INVALID'],
    ]);
  });

  it('needs at least one event type and one channel', () => {
    const problems = new InputProblems();
    readCreateRuleInput({ name: 'x', roles: ['creator'], channelIds: [] }, problems);
    expect(problems.list.map((p) => p.field)).toEqual([['eventTypes'], ['channelIds']]);
  });
});

describe('splitEventTypes', () => {
  it('separates custom types from built-in ones', () => {
    expect(splitEventTypes(['created', 'custom:alarm.fired'])).toEqual({
      builtIn: ['created'],
      custom: ['alarm.fired'],
    });
  });
});
