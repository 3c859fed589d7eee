import type { LocaleWording } from './wording.ts';

/** Wording of seed 000's tracker: "ticket", "Người xử lý", "chuyển trạng thái", "bình luận". */
export const vi: LocaleWording = {
  eventTypes: {
    created: 'Tạo ticket',
    commentAdded: 'Bình luận mới',
    assigneesChanged: 'Thay đổi Người xử lý',
    statusChanged: 'Chuyển trạng thái',
    workflowStepChanged: 'Chuyển bước quy trình',
  },
  someone: 'Ai đó',
  listSeparator: ', ',
  nobody: 'chưa có ai',
  created: '{actor} đã tạo ticket',
  commented: '{actor} đã bình luận:',
  assigneesChanged: '{actor} đã cập nhật Người xử lý',
  statusChanged: '{actor} đã chuyển trạng thái từ {from} sang {to}',
  stepChanged: '{actor} đã chuyển ticket từ bước {from} sang bước {to}',
  custom: 'Sự kiện {type}',
  added: 'Đã thêm: ',
  removed: 'Đã gỡ: ',
  assignees: 'Người xử lý hiện tại: ',
  status: 'Trạng thái: ',
  priority: 'Độ ưu tiên: ',
};
