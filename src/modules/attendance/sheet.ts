/** The class attendance sheet as .xlsx, streamed (exceljs streaming writer): one row per trainee. */
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ClassAttendance } from './schemas.js';

const MARK: Record<string, string> = { attended: '✓', flagged: '待审', rejected: '✗(驳回)', absent: '' };

export function attendanceXlsx(a: ClassAttendance): Readable {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const ws = wb.addWorksheet('考勤 Attendance');
  ws.columns = [
    { header: '券号 Voucher', key: 'voucher', width: 22 },
    { header: '类型 Kind', key: 'kind', width: 14 },
    { header: '姓名 Name', key: 'name', width: 12 },
    ...a.sessions.map((s) => ({ header: `第${s.seq}次 ${s.startsAt.slice(0, 10)}`, key: `s${s.seq}`, width: 12 })),
    { header: '出勤 Attended', key: 'attended', width: 10 },
    { header: '课次 Sessions', key: 'total', width: 10 },
    { header: '出勤率 Rate %', key: 'rate', width: 10 },
    { header: `达标 ≥${a.thresholdPct}%`, key: 'meets', width: 10 },
  ];
  void (async () => {
    try {
      for (const t of a.trainees) {
        const row: Record<string, string | number> = {
          voucher: t.voucherNumber,
          kind: t.voucherKind,
          name: t.name,
          attended: t.attended,
          total: t.total,
          rate: t.rate,
          meets: t.meetsThreshold ? '是 yes' : '否 no',
        };
        for (const m of t.sessions) row[`s${m.seq}`] = MARK[m.mark] ?? '';
        ws.addRow(row).commit();
      }
      ws.commit();
      await wb.commit();
    } catch (e) {
      out.destroy(e as Error);
    }
  })();
  return out;
}
