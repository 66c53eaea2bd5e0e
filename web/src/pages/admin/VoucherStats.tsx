/**
 * Voucher statistics (培训券统计, the vouchers' part of 数据回流): how many vouchers are in each state — the
 * void by expiry included — by district and programme. A district admin sees their district; city admins
 * and auditors all, with a district filter.
 */
import { useEffect, useState } from 'react';
import { Alert, Card, Col, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { client, ok, type ResponseOf } from '../../lib/api';
import { errorText } from '../../i18n';
import { districtName, useDistricts, useProgrammes } from '../../lib/data';
import { useSession } from '../../lib/session';
import { StatusTag } from '../../lib/ui';

type Stats = ResponseOf<'/api/v1/vouchers/stats'>;

const SHOWN = ['issued', 'admitted', 'in_training', 'assessed', 'approved', 'settled', 'completed', 'closed', 'expired', 'revoked'];

export function VoucherStatsPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const districts = useDistricts();
  const programmes = useProgrammes();
  const [district, setDistrict] = useState<string | undefined>(undefined);
  const [stats, setStats] = useState<Stats | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const cityWide = me.role !== 'district_admin';

  useEffect(() => {
    let live = true;
    setLoading(true);
    ok(client.GET('/api/v1/vouchers/stats', { params: { query: district ? { districtCode: district } : {} } }))
      .then((s) => live && (setStats(s), setError(null)))
      .catch((e: unknown) => live && setError(errorText(e)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [district]);

  const programmeName = (id: string | null) => (id ? (programmes.find((p) => p.id === id)?.name ?? id) : t('voucherStats.checkinOnly'));

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={t('menu.voucherStats')}
        loading={loading && !stats}
        extra={
          cityWide ? (
            <Select
              id="stats-district"
              allowClear
              style={{ width: 200 }}
              placeholder={t('voucherStats.allDistricts')}
              value={district}
              onChange={(v: string | undefined) => setDistrict(v)}
              options={districts.map((d) => ({ value: d.code, label: d.name }))}
            />
          ) : null
        }
      >
        {error ? <Alert type="error" showIcon message={error} data-testid="stats-error" /> : null}
        {stats ? (
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}>
              <div data-testid="stats-total">
                <Statistic title={t('voucherStats.total')} value={stats.total} />
              </div>
            </Col>
            {SHOWN.map((st) => (
              <Col xs={12} md={6} key={st}>
                <div data-testid={`stats-${st}`}>
                  <Statistic title={<StatusTag status={st} />} value={stats.byStatus[st] ?? 0} />
                </div>
              </Col>
            ))}
          </Row>
        ) : null}
      </Card>
      <Card
        title={t('voucherStats.breakdown')}
        extra={
          <Typography.Text type="secondary" data-testid="voucher-stats-district-hint">
            {t('voucherStats.districtHint')}
          </Typography.Text>
        }
      >
        <Table
          rowKey={(r) => `${r.districtCode ?? ''} ${r.programmeId ?? ''} ${r.status}`}
          size="small"
          loading={loading}
          dataSource={stats?.rows ?? []}
          pagination={{ pageSize: 20 }}
          columns={[
            { title: t('voucherStats.district'), dataIndex: 'districtCode', render: (c: string | null) => districtName(districts, c) },
            { title: t('voucherStats.programme'), dataIndex: 'programmeId', render: (id: string | null) => programmeName(id) },
            { title: t('voucherStats.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
            { title: t('voucherStats.count'), dataIndex: 'count', align: 'right' as const },
          ]}
        />
      </Card>
    </Space>
  );
}
