/**
 * The public notice (公示) of approved subsidy claims, masked, with the last day of the notice period; anyone
 * may object (异议) to a claim during it, which holds the claim for review. Used in the staff console and on
 * the public pages (no sign-in), so it uses no session.
 */
import { useRef, useState } from 'react';
import { ModalForm, ProFormText, ProFormTextArea, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { App, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { client, getList, ok, type ItemOf } from '../../lib/api';
import { errorText } from '../../i18n';
import { date, fen } from '../../lib/format';
import { districtName, useDistricts } from '../../lib/data';
import { StatusTag } from '../../lib/ui';
import { ProvisionalTag } from './CalendarYears';
import { formQuery, useTableRequest, type TableParams } from '../../lib/table';
import { searchColumn, useOfficerList } from '../../lib/OfficerList';
import { OccupationLabel } from '../../lib/occupation';

type Notice = ItemOf<'/api/v1/subsidy/notices'>;

export function NoticesPage({ hideDistrictFilter = false, officer = false }: { hideDistrictFilter?: boolean; officer?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const districts = useDistricts();
  const ref = useRef<ActionType>(undefined);
  const [objecting, setObjecting] = useState<Notice | null>(null);

  // search by claim number, filter by district and status; officers also export what the filters show
  const toQuery = (params: TableParams) => {
    const q = formQuery(params);
    return { q: q.q, districtCode: q.districtCode, status: q.status };
  };
  const list = useOfficerList('/api/v1/subsidy/notices', '/api/v1/subsidy/notices/export.xlsx', toQuery);
  const request = useTableRequest<Notice>((params, page) =>
    getList('/api/v1/subsidy/notices', { ...toQuery(params), limit: Math.min(page.limit, 200), offset: page.offset }),
  );

  const columns: ProColumns<Notice>[] = [
    searchColumn<Notice>(t, t('notice.searchHint')),
    { title: t('claim.number'), dataIndex: 'claimNumber', search: false, copyable: true },
    { title: t('persons.name'), dataIndex: 'nameMasked', search: false, render: (_, r) => <span data-testid="notice-name">{r.nameMasked}</span> },
    {
      title: t('common.district'),
      dataIndex: 'districtCode',
      valueType: 'select',
      hideInSearch: hideDistrictFilter,
      fieldProps: { options: districts.map((d) => ({ value: d.code, label: d.name })), showSearch: true },
      render: (_, r) => districtName(districts, r.districtCode),
    },
    {
      title: t('common.occupation'),
      dataIndex: 'occupationCode',
      search: false,
      render: (_, r) => (
        <>
          <OccupationLabel code={r.occupationCode} /> · {t(`level.${r.level}`)}
        </>
      ),
    },
    { title: t('common.amount'), dataIndex: 'amountFen', search: false, align: 'right', render: (_, r) => fen(r.amountFen) },
    {
      title: t('notice.lastDay'),
      dataIndex: 'lastDay',
      search: false,
      render: (_, r) => (
        <>
          {date(r.lastDay)}
          {r.lastDayProvisional && <ProvisionalTag />}
        </>
      ),
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      valueType: 'select',
      fieldProps: {
        options: [
          { value: 'approved', label: t('status.in_notice') },
          { value: 'held', label: t('status.held') },
        ],
      },
      render: (_, r) => (
        <span data-testid="notice-status">
          <StatusTag status={r.status === 'approved' ? 'in_notice' : r.status} />
        </span>
      ),
    },
    {
      title: t('common.actions'),
      valueType: 'option',
      render: (_, r) =>
        r.status === 'approved' && (
          <a key="o" onClick={() => setObjecting(r)} data-testid="notice-object">
            {t('notice.object')}
          </a>
        ),
    },
  ];

  return (
    <>
      <ProTable<Notice>
        rowKey="claimNumber"
        actionRef={ref}
        headerTitle={t('menu.notices')}
        tooltip={t('notice.hint')}
        columns={columns}
        search={{ labelWidth: 'auto' }}
        pagination={{ defaultPageSize: 20 }}
        // on a phone the columns scroll inside the table; the page itself stays as wide as the screen
        scroll={{ x: 'max-content' }}
        request={officer ? list.request : request}
        toolBarRender={() => (officer ? [list.exportButton] : [])}
      />
      <ModalForm<{ text: string; contact?: string }>
        title={t('notice.object')}
        open={!!objecting}
        onOpenChange={(o) => !o && setObjecting(null)}
        modalProps={{ destroyOnHidden: true }}
        onFinish={async (v) => {
          if (!objecting) return false;
          try {
            const r = await ok(
              client.POST('/api/v1/subsidy/objections', {
                body: { claimNumber: objecting.claimNumber, text: v.text.trim(), contact: (v.contact ?? '').trim() },
              }),
            );
            // signed in (real name) the claim is held; anonymous the objection is queued for an officer
            message.success(t(r.status === 'held' ? 'notice.objected' : 'hardening.objectionQueued'));
            ref.current?.reload();
            return true;
          } catch (e) {
            message.error(errorText(e));
            return false;
          }
        }}
      >
        {objecting && (
          <Typography.Paragraph>
            {objecting.claimNumber} · {objecting.nameMasked} · {fen(objecting.amountFen)}
          </Typography.Paragraph>
        )}
        <ProFormTextArea
          name="text"
          label={t('notice.objectionText')}
          fieldProps={{ id: 'objection-text', maxLength: 2000, showCount: true }}
          rules={[
            { required: true, whitespace: true },
            { min: 5, message: t('notice.objectionMin') },
          ]}
        />
        <ProFormText name="contact" label={t('notice.contact')} fieldProps={{ id: 'objection-contact', maxLength: 100 }} />
      </ModalForm>
    </>
  );
}
