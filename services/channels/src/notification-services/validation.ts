import { InputErrorCode, type InputProblems } from '@tidings/graphql';

export const MAX_SERVICE_NAME_LENGTH = 200;
export const MAX_SERVICE_DESCRIPTION_LENGTH = 2000;
export const MAX_SERVICE_MEMBERS = 1000;
const MAX_USER_ID_LENGTH = 200;

/** A create or update input as GraphQL gives it: on update, absent (or null) means "keep". */
export interface NotificationServiceInput {
  name?: string | null;
  description?: string | null;
  channelIds?: readonly string[] | null;
  memberUserIds?: readonly string[] | null;
  enabled?: boolean | null;
}

/** The checked, normalised fields that were given. */
export interface CheckedNotificationServiceInput {
  name?: string;
  /** null: remove the description. */
  description?: string | null;
  channelIds?: string[];
  memberUserIds?: string[];
  enabled?: boolean;
}

/**
 * Checks everything that needs no database, reporting every problem by field: the name 1-200 characters,
 * the description at most 2000, at least one channel, at most 1000 members (producer user ids, which this
 * subgraph cannot check beyond their shape). Repeated ids are kept once, in first-given order. Whether
 * each channel exists is `unknownChannelProblems`.
 */
export function checkNotificationServiceInput(
  input: NotificationServiceInput,
  problems: InputProblems,
): CheckedNotificationServiceInput {
  const checked: CheckedNotificationServiceInput = {};
  if (input.name !== undefined && input.name !== null) {
    const name = input.name.trim();
    if (name === '') problems.add(['name'], 'name must not be empty', InputErrorCode.required);
    else if (name.length > MAX_SERVICE_NAME_LENGTH) {
      problems.add(
        ['name'],
        `name must be at most ${MAX_SERVICE_NAME_LENGTH} characters`,
        InputErrorCode.tooLong,
      );
    } else checked.name = name;
  }
  if (input.description !== undefined && input.description !== null) {
    const description = input.description.trim();
    if (description.length > MAX_SERVICE_DESCRIPTION_LENGTH) {
      problems.add(
        ['description'],
        `description must be at most ${MAX_SERVICE_DESCRIPTION_LENGTH} characters`,
        InputErrorCode.tooLong,
      );
    } else checked.description = description === '' ? null : description;
  }
  if (input.channelIds !== undefined && input.channelIds !== null) {
    if (input.channelIds.length === 0) {
      problems.add(['channelIds'], 'give at least one channel', InputErrorCode.required);
    } else checked.channelIds = [...new Set(input.channelIds.map((id) => id.trim()))];
  }
  if (input.memberUserIds !== undefined && input.memberUserIds !== null) {
    const members = input.memberUserIds.map((id) => id.trim());
    if (members.length > MAX_SERVICE_MEMBERS) {
      problems.add(
        ['memberUserIds'],
        `a service has at most ${MAX_SERVICE_MEMBERS} members`,
        InputErrorCode.tooMany,
      );
    } else {
      const before = problems.list.length;
      members.forEach((id, index) => {
        if (id === '' || id.length > MAX_USER_ID_LENGTH) {
          problems.add(
            ['memberUserIds', String(index)],
            `a user id is 1 to ${MAX_USER_ID_LENGTH} characters`,
            InputErrorCode.invalid,
          );
        }
      });
      if (problems.list.length === before) checked.memberUserIds = [...new Set(members)];
    }
  }
  if (input.enabled !== undefined && input.enabled !== null) checked.enabled = input.enabled;
  return checked;
}

/** An InputError naming `["channelIds", "<i>"]` for each given id that is not one of the tenant's channels. */
export function unknownChannelProblems(
  givenIds: readonly string[],
  known: ReadonlySet<string>,
  problems: InputProblems,
): void {
  givenIds.forEach((id, index) => {
    if (!known.has(id.trim())) {
      problems.add(
        ['channelIds', String(index)],
        `no channel with id "${id}" in this tenant`,
        InputErrorCode.notFound,
      );
    }
  });
}
