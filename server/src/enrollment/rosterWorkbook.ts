import ExcelJS from 'exceljs';
import { sheetWith } from '../platform/spreadsheet';
import { shanghaiDateTime } from '../platform/time';
import { CATEGORIES, TITLE_LEVELS } from '../reference/vocabulary';
import { ENROLLMENT_STATUS_LABELS } from './schemas';
import type { RosterEntry } from './service';

/** The roster download (报名名单): the JSON roster's rows under Chinese headers, labels for codes. */
export function rosterWorkbook(items: RosterEntry[]): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  sheetWith(
    workbook,
    '报名名单',
    ['序号', '姓名', '手机号', '工作单位', '区县', '人才类别', '职称', '报名状态', '候补位次', '报名时间'],
    items.map((e, i) => [
      i + 1,
      e.name,
      e.phoneMasked ?? '',
      e.orgName,
      e.districtName,
      CATEGORIES.labels[e.category],
      TITLE_LEVELS.labels[e.titleLevel],
      ENROLLMENT_STATUS_LABELS[e.status],
      e.waitlistPosition ?? '',
      shanghaiDateTime(e.createdAt),
    ]),
  );
  return workbook;
}
