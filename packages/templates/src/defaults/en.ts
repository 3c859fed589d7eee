import type { LocaleWording } from './wording.ts';

export const en: LocaleWording = {
  eventTypes: {
    created: 'Ticket created',
    commentAdded: 'Comment added',
    assigneesChanged: 'Assignees changed',
    statusChanged: 'Status changed',
    workflowStepChanged: 'Workflow step changed',
  },
  someone: 'Someone',
  listSeparator: ', ',
  nobody: 'nobody',
  created: '{actor} created the ticket',
  commented: '{actor} commented:',
  assigneesChanged: '{actor} changed the assignees',
  statusChanged: '{actor} changed the status from {from} to {to}',
  stepChanged: '{actor} moved the ticket from step {from} to {to}',
  custom: 'Event {type}',
  added: 'Added: ',
  removed: 'Removed: ',
  assignees: 'Assignees: ',
  status: 'Status: ',
  priority: 'Priority: ',
};
