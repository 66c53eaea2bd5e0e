/** The person registry's search as an Excel file: the search itself, page by page; identifiers masked as on screen. */
import type { Db } from '../../db/index.js';
import { shanghaiDateTime, zh, type ListExport } from '../../http/export.js';
import * as catalog from '../catalog/index.js';
import type { Actor } from '../identity/index.js';
import { searchPersons, type PersonSearch, type PersonView } from './service.js';

export async function personsExport(actor: Actor, db: Db, f: Omit<PersonSearch, 'limit' | 'offset'>): Promise<ListExport<PersonView>> {
  const districts = new Map((await catalog.listDistricts(db)).map((d) => [d.code, d.name]));
  return {
    list: 'persons',
    sheet: '人员信息',
    // the filters as typed would put an ID number or a phone into the audit log: only which filters were used
    filters: { ...f, idNumber: f.idNumber ? '(已填写)' : undefined, phone: f.phone ? '(已填写)' : undefined },
    page: (limit, offset) => searchPersons(actor, db, { ...f, limit, offset }),
    columns: [
      { header: '姓名', width: 12, value: (r) => r.name },
      { header: '身份证号（脱敏）', width: 22, value: (r) => r.idNumberMasked },
      { header: '性别', width: 6, value: (r) => zh(`persons.sex.${r.sex}`, r.sex) },
      { header: '出生日期', width: 12, value: (r) => r.birthDate },
      { header: '手机（脱敏）', width: 14, value: (r) => r.phoneMasked ?? '' },
      { header: '区', width: 10, value: (r) => (r.districtCode ? (districts.get(r.districtCode) ?? r.districtCode) : '') },
      { header: '户籍', width: 8, value: (r) => zh(`persons.hukou.${r.hukou}`, r.hukou) },
      { header: '人员类别', width: 30, value: (r) => r.categories.map((c) => zh(`cat.${c}`, c)).join('；') },
      { header: '银行卡（脱敏）', width: 24, value: (r) => r.bankAccountMasked ?? '' },
      { header: '开户行', width: 16, value: (r) => r.bankName ?? '' },
      { header: '工作单位', width: 24, value: (r) => r.employerName ?? '' },
      { header: '登记时间', width: 20, value: (r) => shanghaiDateTime(r.createdAt) },
    ],
  };
}
