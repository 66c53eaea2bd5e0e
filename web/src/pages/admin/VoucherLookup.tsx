/**
 * Voucher lookup by its number (the check character is verified by the API) and revocation (撤销) with a
 * written reason. Only an issued voucher can be revoked; the history shows every change with its reason.
 */
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, Space, Timeline, Typography } from 'antd';
import { SearchOutlined, StopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { client, ok, type ResponseOf } from '../../lib/api';
import { errorText } from '../../i18n';
import { date, dateTime, fen } from '../../lib/format';
import { districtName, useDistricts } from '../../lib/data';
import { useSession } from '../../lib/session';
import { StatusTag } from '../../lib/ui';
import { ReasonModal } from '../common';

type VoucherDetail = ResponseOf<'/api/v1/vouchers/by-number'>;

export function VoucherLookupPage() {
  const { t } = useTranslation();
  const { ops } = useSession();
  const districts = useDistricts();
  const [v, setV] = useState<VoucherDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [revoking, setRevoking] = useState(false);

  const find = async (number: string) => {
    setBusy(true);
    setError(null);
    try {
      setV(await ok(client.GET('/api/v1/vouchers/by-number', { params: { query: { number: number.trim().toUpperCase() } } })));
    } catch (e) {
      setV(null);
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card title={t('menu.voucherLookup')}>
        <Form layout="inline" onFinish={(f: { number: string }) => void find(f.number)}>
          <Form.Item name="number" label={t('voucher.number')} rules={[{ required: true, whitespace: true, message: t('signin.required') }]}>
            <Input id="voucher-number" maxLength={40} style={{ width: 260 }} autoComplete="off" />
          </Form.Item>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />} loading={busy} data-testid="voucher-find">
            {t('common.search')}
          </Button>
        </Form>
        {error && <Alert style={{ marginTop: 16 }} type="warning" showIcon message={error} data-testid="voucher-error" />}
      </Card>
      {v && (
        <Card
          title={
            <Space>
              {v.number}
              <span data-testid="voucher-status">
                <StatusTag status={v.status} />
              </span>
            </Space>
          }
          extra={
            v.status === 'issued' &&
            ops.has('revokeVoucher') && (
              <Button danger icon={<StopOutlined />} onClick={() => setRevoking(true)} data-testid="voucher-revoke">
                {t('voucher.revoke')}
              </Button>
            )
          }
        >
          <Descriptions column={2} size="small">
            <Descriptions.Item label={t('voucher.holder')}>
              {v.holder.name} · {v.holder.idNumberMasked}
            </Descriptions.Item>
            <Descriptions.Item label={t('voucher.kind')}>{t(`voucher.kind.${v.kind}`)}</Descriptions.Item>
            <Descriptions.Item label={t('common.programme')}>{v.programme?.name ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('common.occupation')}>
              {v.occupationCode ?? '—'}
              {v.level !== null ? ` · ${t(`level.${v.level}`)}` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('common.district')}>{districtName(districts, v.districtCode)}</Descriptions.Item>
            <Descriptions.Item label={t('voucher.mode')}>{t(`voucher.mode.${v.mode}`)}</Descriptions.Item>
            <Descriptions.Item label={t('voucher.validity')}>
              {date(v.validFrom)} ~ {date(v.validUntil)}
            </Descriptions.Item>
            <Descriptions.Item label={t('voucher.estimate')}>
              {fen(v.subsidyEstimateFen)} ({v.ratioPct}%)
            </Descriptions.Item>
            <Descriptions.Item label={t('voucher.issuedAt')}>{date(v.issuedAt)}</Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('voucher.timeline')}
          </Typography.Title>
          <Timeline
            data-testid="voucher-events"
            items={v.events.map((e) => ({
              color: e.to === 'revoked' ? 'red' : 'blue',
              children: (
                <Space direction="vertical" size={0}>
                  <span>
                    {dateTime(e.at)} · {e.from ? `${t(`status.${e.from}`)} → ` : ''}
                    {t(`status.${e.to}`)} · {t(`role.${e.actorRole}`, { defaultValue: e.actorRole })}
                  </span>
                  {e.reason && <Typography.Text type="secondary">{e.reason}</Typography.Text>}
                </Space>
              ),
            }))}
          />
        </Card>
      )}
      <ReasonModal
        title={t('voucher.revoke')}
        open={revoking}
        id="revoke-reason"
        minLength={2}
        onClose={() => setRevoking(false)}
        extra={v && <Alert type="warning" showIcon message={t('voucher.revokeWarn', { number: v.number, name: v.holder.name })} style={{ marginBottom: 12 }} />}
        onSubmit={async (reason) => {
          await client.POST('/api/v1/vouchers/{id}/revoke', { params: { path: { id: v!.id } }, body: { reason } });
          await find(v!.number);
        }}
      />
    </Space>
  );
}
