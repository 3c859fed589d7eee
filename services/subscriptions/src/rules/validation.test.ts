import { InputProblems } from '@tidings/graphql';
import { describe, expect, it } from 'vitest';
import { mergeRuleUpdate, type NewRule, readRuleInput, splitEventTypes } from './validation.ts';

const CHANNEL = '5a0c9a3e-2b0c-4f57-9d5e-0d7f1c8b9e11';
const SERVICE = '9c8b7a6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';
const TEMPLATE = '7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6';

describe('readRuleInput', () => {
  it('normalises a valid rule to state values', () => {
    const problems = new InputProblems();
    const rule = readRuleInput(
      {
        name: ' Ops ',
        projectIds: ['p1', ' p1 '],
        eventTypes: ['created', 'statusChanged'],
        customEventTypes: ['pipeline.failed'],
        statuses: [' pending approval ', 'pending approval'],
        steps: ['review'],
        roles: ['assignees', 'assignees'],
        channelIds: [CHANNEL.toUpperCase()],
        serviceIds: [SERVICE.toUpperCase()],
        templateId: TEMPLATE.toUpperCase(),
        mentionAll: true,
      },
      problems,
    );
    expect(problems.list).toEqual([]);
    expect(rule).toEqual({
      name: 'Ops',
      projectIds: ['p1'],
      eventTypes: ['created', 'statusChanged', 'custom:pipeline.failed'],
      statuses: ['pending approval'],
      steps: ['review'],
      roles: ['assignees'],
      userIds: [],
      channelIds: [CHANNEL],
      serviceIds: [SERVICE],
      templateId: TEMPLATE,
      mentionAll: true,
      excludeActor: true,
      enabled: true,
    });
  });

  it('names every bad field', () => {
    const problems = new InputProblems();
    const rule = readRuleInput(
      {
        name: '',
        projectIds: [],
        customEventTypes: ['bad type'],
        statuses: [''],
        channelIds: ['nope'],
        serviceIds: ['svc-1'],
        userIds: [],
        templateId: 'not-a-template',
      },
      problems,
    );
    expect(rule).toBeUndefined();
    expect(problems.list.map((p) => [p.field, p.code])).toEqual([
      [['name'], 'REQUIRED'],
      [['projectIds'], 'REQUIRED'],
      [['customEventTypes', '0'], 'INVALID'],
      [['statuses', '0'], 'INVALID'],
      [['roles'], 'REQUIRED'],
      [['channelIds', '0'], 'INVALID'],
      [['serviceIds', '0'], 'INVALID'],
      [['templateId'], 'NOT_FOUND'],
    ]);
  });

  it('needs at least one event type, and a channel or a service', () => {
    const problems = new InputProblems();
    readRuleInput({ name: 'x', roles: ['creator'], channelIds: [] }, problems);
    expect(problems.list.map((p) => p.field)).toEqual([['eventTypes'], ['channelIds']]);
    const servicesOnly = new InputProblems();
    const rule = readRuleInput(
      { name: 'x', roles: ['creator'], eventTypes: ['created'], serviceIds: [SERVICE] },
      servicesOnly,
    );
    expect(servicesOnly.list).toEqual([]);
    expect(rule).toMatchObject({ channelIds: [], serviceIds: [SERVICE] });
  });
});

describe('mergeRuleUpdate', () => {
  const current: NewRule = {
    name: 'Ops',
    projectIds: ['p1'],
    eventTypes: ['created', 'custom:alarm.fired'],
    statuses: [],
    steps: [],
    roles: ['assignees'],
    userIds: [],
    channelIds: [CHANNEL],
    serviceIds: [],
    templateId: TEMPLATE,
    mentionAll: false,
    excludeActor: true,
    enabled: true,
  };

  it('keeps fields left out or null, and clears projectIds and templateId on an explicit null', () => {
    const merged = mergeRuleUpdate(current, {
      name: null,
      statuses: ['done'],
      templateId: null,
      projectIds: null,
    });
    expect(merged).toMatchObject({
      name: 'Ops',
      eventTypes: ['created'],
      customEventTypes: ['alarm.fired'],
      statuses: ['done'],
      templateId: null,
      projectIds: null,
    });
    expect(mergeRuleUpdate(current, {})).toMatchObject({ templateId: TEMPLATE, projectIds: ['p1'] });
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
