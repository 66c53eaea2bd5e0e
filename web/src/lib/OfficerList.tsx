/**
 * What every officer's list shares (issue 15, item 17): a search box and filters in ProTable's query form, and
 * an 导出 Excel button that downloads `<list url>/export.xlsx` with exactly the filters the table last loaded
 * with — the server reads the same list function, so the file holds what the screen's filters show.
 *
 *   const list = useOfficerList('/api/v1/subsidy/claims', '/api/v1/subsidy/claims/export.xlsx', (p) => ({ status: p.status, q: p.q }));
 *   <ProTable request={list.request} toolBarRender={() => [list.exportButton]} columns={[searchColumn(t, hint), …]} />
 */
import { useRef, useState } from 'react';
import type { ProColumns } from '@ant-design/pro-components';
import { App, Button } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { errorText } from '../i18n';
import { download, getList, type DownloadPath, type ItemOf, type ListPath, type Query } from './api';
import { useTableRequest, type TableParams } from './table';

/** The 导出 Excel button: downloads `path` with the query given at the moment of the click. */
export function ExportExcelButton({ path, query, fileName }: { path: DownloadPath; query: () => Query; fileName: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      await download(path, { query: query() }, fileName);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<FileExcelOutlined />} loading={busy} onClick={() => void run()} data-testid="export-xlsx">
      {busy ? t('list.exporting') : t('list.exportExcel')}
    </Button>
  );
}

/** The search box of a list's query form (the `q` filter), first in the form. */
export function searchColumn<T>(t: TFunction, hint: string): ProColumns<T> {
  return {
    title: t('list.search'),
    dataIndex: 'q',
    hideInTable: true,
    order: 100,
    fieldProps: { placeholder: hint, allowClear: true, 'data-testid': 'list-search' },
  };
}

/**
 * A list's request for ProTable and its export button, sharing one query: `toQuery` turns the form's values
 * into the API's filters (the same for the page and for the file).
 */
export function useOfficerList<P extends ListPath, T = ItemOf<P>>(
  path: P,
  exportPath: DownloadPath,
  toQuery: (params: TableParams) => Query,
  onLoad?: (rows: T[], total: number) => void,
) {
  const last = useRef<Query>({});
  const request = useTableRequest<T>(async (params, page) => {
    const q = toQuery(params);
    last.current = q;
    return (await getList(path, { ...q, ...page })) as unknown as { items: T[]; total: number };
  }, onLoad);
  const stem = path.replace(/^\/api\/v1\//, '').replace(/\//g, '-');
  const exportButton = <ExportExcelButton key="export-xlsx" path={exportPath} query={() => last.current} fileName={`${stem}.xlsx`} />;
  return { request, exportButton, lastQuery: last };
}
