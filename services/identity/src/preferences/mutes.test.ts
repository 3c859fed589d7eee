import { InputProblems } from '@tidings/graphql';
import { describe, expect, it } from 'vitest';
import { applyMute, readMuteTarget } from './mutes.ts';

function target(input: Parameters<typeof readMuteTarget>[0]) {
  const problems = new InputProblems();
  return { target: readMuteTarget(input, problems), errors: problems.list };
}

describe('mute targets', () => {
  it("uses the state contract's event type names", () => {
    expect(target({ eventType: 'COMMENT_ADDED' }).target).toEqual({
      list: 'mutedEventTypes',
      value: 'commentAdded',
    });
    expect(target({ customEventType: 'pipeline.failed' }).target).toEqual({
      list: 'mutedEventTypes',
      value: 'custom:pipeline.failed',
    });
    expect(target({ projectId: 'p1' }).target).toEqual({ list: 'mutedProjectIds', value: 'p1' });
    expect(target({ channelId: 'c1' }).target).toEqual({ list: 'mutedChannelIds', value: 'c1' });
  });

  it('names the fields unless exactly one target is given', () => {
    expect(target({}).errors.map((error) => error.field[0])).toEqual([
      'projectId',
      'eventType',
      'customEventType',
      'channelId',
    ]);
    expect(target({ projectId: 'p1', channelId: 'c1' }).errors.map((error) => error.field[0])).toEqual([
      'projectId',
      'channelId',
    ]);
    expect(target({ customEventType: 'pipeline failed!' }).errors[0]?.field).toEqual(['customEventType']);
  });
});

describe('applyMute', () => {
  const none = { mutedProjectIds: [], mutedEventTypes: [], mutedChannelIds: [] };

  it('adds once and removes, returning the same lists when nothing changes', () => {
    const muted = applyMute(none, { list: 'mutedProjectIds', value: 'p1' }, true);
    expect(muted.mutedProjectIds).toEqual(['p1']);
    expect(applyMute(muted, { list: 'mutedProjectIds', value: 'p1' }, true)).toBe(muted);
    expect(applyMute(muted, { list: 'mutedProjectIds', value: 'p1' }, false).mutedProjectIds).toEqual([]);
    expect(applyMute(none, { list: 'mutedChannelIds', value: 'c1' }, false)).toBe(none);
  });
});
