import { describe, expect, it } from 'vitest';
import * as templates from './index.ts';

describe('@tidings/templates', () => {
  it('exports exactly the API its users code against', () => {
    expect(Object.keys(templates).sort()).toEqual([
      'checkTemplate',
      'chooseTemplate',
      'defaultTemplate',
      'formatOfChannelKind',
      'renderTemplate',
      'supportedLocales',
      'templateVariables',
      'ticketEventFromSample',
      'ticketUrlOf',
    ]);
    expect(templates.supportedLocales).toEqual(['en', 'zh-CN', 'vi', 'ru']);
  });
});
