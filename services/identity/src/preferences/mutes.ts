import { InputErrorCode, type InputProblems } from '@tidings/graphql';
import type { MuteInput } from '../generated/graphql.ts';
import { toStateCustomEventType, toStateEventType } from '../vocabulary.ts';

/** The stored mutes of one person, in the state contract's vocabulary. */
export interface MuteLists {
  mutedProjectIds: string[];
  mutedEventTypes: string[];
  mutedChannelIds: string[];
}

export type MuteList = keyof MuteLists;

export interface MuteTarget {
  list: MuteList;
  value: string;
}

/** The state contract's `custom:<type>` allows these characters, at most 100 of them. */
const CUSTOM_EVENT_TYPE = /^[\w.-]{1,100}$/;
const TARGET_FIELDS = ['projectId', 'eventType', 'customEventType', 'channelId'] as const;

/** Exactly one of projectId, eventType, customEventType and channelId; anything else names the fields. */
/** Project and channel ids are the producers' and channels' ids: the same bound as every id of the API. */
const MAX_MUTED_ID_LENGTH = 200;

export function readMuteTarget(input: MuteInput, problems: InputProblems): MuteTarget | undefined {
  const given = TARGET_FIELDS.filter((name) => input[name] !== undefined && input[name] !== null);
  if (given.length !== 1) {
    const named = given.length === 0 ? [...TARGET_FIELDS] : given;
    for (const name of named) {
      problems.add(
        [name],
        `give exactly one of projectId, eventType, customEventType and channelId (got ${given.length})`,
        given.length === 0 ? InputErrorCode.required : InputErrorCode.invalid,
      );
    }
    return undefined;
  }
  if (input.eventType) return { list: 'mutedEventTypes', value: toStateEventType(input.eventType) };
  if (input.customEventType !== undefined && input.customEventType !== null) {
    const type = input.customEventType.trim();
    if (!CUSTOM_EVENT_TYPE.test(type)) {
      problems.add(
        ['customEventType'],
        `${type.length <= 100 ? `"${type}"` : 'that'} is not a custom event type: 1 to 100 letters, digits, _, . or - (e.g. pipeline.failed)`,
      );
      return undefined;
    }
    return { list: 'mutedEventTypes', value: toStateCustomEventType(type) };
  }
  const [name, list] =
    input.projectId != null
      ? (['projectId', 'mutedProjectIds'] as const)
      : (['channelId', 'mutedChannelIds'] as const);
  const id = String(input[name]).trim();
  if (id === '') {
    problems.add([name], `${name} must not be empty`, InputErrorCode.required);
    return undefined;
  }
  if (id.length > MAX_MUTED_ID_LENGTH) {
    problems.add([name], `${name} must be at most ${MAX_MUTED_ID_LENGTH} characters`, InputErrorCode.tooLong);
    return undefined;
  }
  return { list, value: id };
}

/** The mutes with `target` added (mute) or removed (unmute); the same lists when nothing changes. */
export function applyMute<Lists extends MuteLists>(current: Lists, target: MuteTarget, mute: boolean): Lists {
  const list = current[target.list];
  const has = list.includes(target.value);
  if (has === mute) return current;
  return {
    ...current,
    [target.list]: mute ? [...list, target.value] : list.filter((value) => value !== target.value),
  };
}

export function isEmpty(mutes: MuteLists): boolean {
  return mutes.mutedProjectIds.length + mutes.mutedEventTypes.length + mutes.mutedChannelIds.length === 0;
}
