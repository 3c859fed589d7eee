import type { TemplateRow } from '../db/schema.ts';
import type { Template } from '../generated/graphql.ts';
import { splitEventType, templateFormats } from '../values.ts';

export function templateNode(row: TemplateRow): Template {
  const { eventType, custom } = row.eventType
    ? splitEventType(row.eventType)
    : { eventType: null, custom: null };
  return {
    __typename: 'Template',
    id: row.id,
    name: row.name,
    eventType,
    customEventType: custom,
    format: templateFormats.fromState(row.format),
    locale: row.locale,
    title: row.title,
    body: row.body,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
