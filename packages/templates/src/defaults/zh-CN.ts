import type { LocaleWording } from './wording.ts';

export const zhCN: LocaleWording = {
  eventTypes: {
    created: '新建工单',
    commentAdded: '新评论',
    assigneesChanged: '处理人变更',
    statusChanged: '状态变更',
    workflowStepChanged: '流程环节变更',
  },
  someone: '有人',
  listSeparator: '、',
  nobody: '无',
  created: '{actor} 创建了工单',
  commented: '{actor} 发表了评论：',
  assigneesChanged: '{actor} 调整了处理人',
  statusChanged: '{actor} 将状态从「{from}」改为「{to}」',
  stepChanged: '{actor} 将工单从「{from}」环节流转至「{to}」环节',
  custom: '事件 {type}',
  added: '新增：',
  removed: '移除：',
  assignees: '当前处理人：',
  status: '状态：',
  priority: '优先级：',
};
