import { describe, expect, it } from 'vitest';
import { PeopleDirectory } from './directory.ts';

const user = {
  tenantId: 't1',
  id: 'lan',
  name: 'Nguyễn Lan',
  email: null,
  phone: null,
  locale: 'vi',
  timeZone: 'Asia/Ho_Chi_Minh',
  updatedAt: '2026-11-22T08:00:00.000Z',
};

describe('PeopleDirectory', () => {
  it('keeps the latest state per person and forgets them on a tombstone', () => {
    const directory = new PeopleDirectory();
    expect(directory.apply('t1/lan', JSON.stringify(user))).toBe(true);
    expect(directory.find('t1', 'lan')).toEqual({
      name: 'Nguyễn Lan',
      locale: 'vi',
      timeZone: 'Asia/Ho_Chi_Minh',
    });
    expect(directory.find('t2', 'lan')).toBeUndefined();
    directory.apply('t1/lan', JSON.stringify({ ...user, locale: 'en' }));
    expect(directory.find('t1', 'lan')?.locale).toBe('en');
    directory.apply('t1/lan', null);
    expect(directory.find('t1', 'lan')).toBeUndefined();
  });

  it('ignores values that are not user states, or under another key', () => {
    const directory = new PeopleDirectory();
    expect(directory.apply('t1/lan', '{not json')).toBe(false);
    expect(directory.apply('t1/lan', JSON.stringify({ id: 'lan' }))).toBe(false);
    expect(directory.apply('t2/lan', JSON.stringify(user))).toBe(false);
    expect(directory.find('t2', 'lan')).toBeUndefined();
  });
});
