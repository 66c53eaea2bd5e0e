import { useCallback, useEffect, useState } from 'react';
import { ModalForm, ProFormText } from '@ant-design/pro-components';
import { App, Button, Card, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { client, ok, type ItemOf, type PathParamsOf } from '../../lib/api';
import { errorText } from '../../i18n';

type DebtorAccount = ItemOf<'/api/v1/subsidy/debtor-accounts'>;
type FundingSource = PathParamsOf<'/api/v1/subsidy/debtor-accounts/{fundingSource}', 'put'>['fundingSource'];

/** 付款账户: the debtor account of each funding source (city admin edits; finance and auditors read). */
export function DebtorAccountsCard({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [rows, setRows] = useState<DebtorAccount[]>([]);
  const [editing, setEditing] = useState<DebtorAccount | null>(null);
  const load = useCallback(async () => {
    try {
      setRows((await ok(client.GET('/api/v1/subsidy/debtor-accounts'))).items);
    } catch (e) {
      message.error(errorText(e));
    }
  }, [message]);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <Card title={t('debtor.title')} style={{ marginTop: 16 }} data-testid="debtor-accounts">
      <div style={{ marginBottom: 8, color: 'rgba(0,0,0,0.55)' }}>{t('debtor.hint')}</div>
      <Table<DebtorAccount>
        rowKey="fundingSource"
        size="small"
        pagination={false}
        dataSource={rows}
        scroll={{ x: true }}
        columns={[
          { title: t('prog.fundingSource'), dataIndex: 'fundingSource', render: (v: string) => t(`fund.${v}`) },
          { title: t('debtor.accountName'), dataIndex: 'accountName' },
          { title: t('debtor.accountNumber'), dataIndex: 'accountNumber' },
          { title: t('debtor.bankName'), dataIndex: 'bankName' },
          ...(canEdit
            ? [
                {
                  title: t('debtor.action'),
                  key: 'edit',
                  render: (_: unknown, r: DebtorAccount) => (
                    <Button size="small" onClick={() => setEditing(r)}>
                      {t('debtor.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <ModalForm
        title={editing ? `${t('debtor.edit')}：${t(`fund.${editing.fundingSource}`)}` : ''}
        open={editing !== null}
        onOpenChange={(o) => !o && setEditing(null)}
        modalProps={{ destroyOnHidden: true }}
        initialValues={editing ?? {}}
        onFinish={async (v: { accountName: string; accountNumber: string; bankName: string }) => {
          if (!editing) return false;
          try {
            await client.PUT('/api/v1/subsidy/debtor-accounts/{fundingSource}', {
              params: { path: { fundingSource: editing.fundingSource as FundingSource } },
              body: v,
            });
            message.success(t('common.saved'));
            setEditing(null);
            await load();
            return true;
          } catch (e) {
            message.error(errorText(e));
            return false;
          }
        }}
      >
        <ProFormText name="accountName" label={t('debtor.accountName')} rules={[{ required: true, max: 140 }]} />
        <ProFormText
          name="accountNumber"
          label={t('debtor.accountNumber')}
          rules={[{ required: true }, { pattern: /^[0-9\s-]{8,60}$/, message: t('debtor.accountNumberRule') }]}
        />
        <ProFormText name="bankName" label={t('debtor.bankName')} rules={[{ required: true, max: 140 }]} />
        <div style={{ color: 'rgba(0,0,0,0.55)' }}>{t('debtor.keepsApproved')}</div>
      </ModalForm>
    </Card>
  );
}
