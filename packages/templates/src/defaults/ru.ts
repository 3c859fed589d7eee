import type { LocaleWording } from './wording.ts';

/** Past tense with "(а)", as Russian interfaces write it when the actor's gender is unknown. */
export const ru: LocaleWording = {
  eventTypes: {
    created: 'Заявка создана',
    commentAdded: 'Новый комментарий',
    assigneesChanged: 'Исполнители изменены',
    statusChanged: 'Статус изменён',
    workflowStepChanged: 'Этап изменён',
  },
  someone: 'Кто-то',
  listSeparator: ', ',
  nobody: 'не назначены',
  created: '{actor} создал(а) заявку',
  commented: '{actor} оставил(а) комментарий:',
  assigneesChanged: '{actor} изменил(а) исполнителей',
  statusChanged: '{actor} изменил(а) статус: {from} → {to}',
  stepChanged: '{actor} перевёл(а) заявку с этапа {from} на этап {to}',
  custom: 'Событие {type}',
  added: 'Добавлены: ',
  removed: 'Сняты: ',
  assignees: 'Исполнители: ',
  status: 'Статус: ',
  priority: 'Приоритет: ',
};
