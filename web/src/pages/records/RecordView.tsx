/**
 * The lifelong training record (终身电子培训档案) as a page: totals, then every entry in time order; the PDF
 * download (signed by the platform, with a QR code to the public verify page). Shared by the worker's own page
 * (phone) and the officers' page of a person.
 */
import { useState } from 'react';
import { App, Button, Card, Col, Empty, Row, Statistic, Tag, Timeline, Typography } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../i18n';
import type { Schemas } from '../../lib/api';
import { dateMinute, fen } from '../../lib/format';
import { StatusTag } from '../../lib/ui';
import { navigate } from '../../lib/router';

export type LifelongRecord = Schemas['LifelongRecord'];
type Entry = Schemas['RecordEntry'];

const KIND_COLORS: Record<string, string> = {
  voucher: 'blue',
  registration: 'gray',
  admission: 'blue',
  attendance: 'cyan',
  assessment: 'purple',
  certificate: 'gold',
  subsidy: 'green',
  subsidy_paid: 'green',
  rehab: 'red',
};

function EntryLine({ e }: { e: Entry }) {
  const { t } = useTranslation();
  const parts: string[] = [e.title];
  if (e.occupationName && e.occupationName !== e.title) parts.push(e.occupationName);
  if (e.level !== null && e.kind !== 'registration') parts.push(t(`level.${e.level}`));
  const facts: string[] = [];
  if (e.sessions) facts.push(t('record.sessionsOf', { attended: e.sessions.attended, total: e.sessions.total }));
  if (e.hours !== null) facts.push(t('record.hoursOf', { hours: e.hours }));
  if (e.amountFen !== null) facts.push(fen(e.amountFen));
  // the number a person quotes at a counter, with what it is: 券号 SV…, 证书编号 …, 申请编号 …
  if ((e.kind === 'voucher' || e.kind === 'certificate' || e.kind === 'subsidy') && e.ref) facts.push(t(`record.ref.${e.kind}`, { ref: e.ref }));
  return (
    <div data-testid="record-entry" data-kind={e.kind}>
      <div className="page-note">{dateMinute(e.at)}</div>
      <div>
        <Tag color={KIND_COLORS[e.kind] ?? 'default'}>{t(`record.kind.${e.kind}`)}</Tag>
        {e.kind === 'certificate' ? <Tag color="gold">{t(`cert.${e.status}`)}</Tag> : e.status && <StatusTag status={e.status} />}
      </div>
      <div>{parts.filter(Boolean).join(' · ')}</div>
      {facts.length > 0 && <div className="page-note">{facts.join(' · ')}</div>}
    </div>
  );
}

export function RecordView({ record, download, compact }: { record: LifelongRecord; download: () => Promise<void>; compact?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const tot = record.totals;
  const onDownload = async () => {
    setBusy(true);
    try {
      await download();
      message.success(t('record.downloaded'));
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const span = compact ? 12 : 6;
  return (
    <div data-testid="record-page">
      <Card size="small" style={{ marginBottom: 12 }}>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t('record.title')}
        </Typography.Title>
        <div className="page-note">
          {record.name} · {record.idNumberMasked}
        </div>
        <Row gutter={[12, 12]} style={{ marginTop: 8 }}>
          <Col span={span}>
            <Statistic title={t('record.hours')} value={tot.hoursTrained} suffix={t('record.hourUnit')} data-testid="record-hours" />
          </Col>
          <Col span={span}>
            <Statistic title={t('record.certificates')} value={tot.certificates} suffix={t('record.certUnit')} />
          </Col>
          <Col span={span}>
            <Statistic title={t('record.subsidyReceived')} value={fen(tot.subsidyReceivedFen)} />
          </Col>
          <Col span={span}>
            <Statistic title={t('record.vouchers')} value={tot.vouchers} suffix={t('record.voucherUnit')} />
          </Col>
        </Row>
        {tot.certificatesByLevel.length > 0 && (
          <div style={{ marginTop: 8 }} data-testid="record-cert-levels">
            {tot.certificatesByLevel.map((c) => (
              <Tag key={c.level} color="gold">
                {t(`level.${c.level}`)} × {c.count}
              </Tag>
            ))}
          </div>
        )}
        <Button
          type="primary"
          icon={<FilePdfOutlined />}
          loading={busy}
          onClick={onDownload}
          block={compact}
          style={{ marginTop: 12 }}
          data-testid="record-download"
        >
          {t('record.download')}
        </Button>
        <div className="page-note" style={{ marginTop: 6 }}>
          {t('record.downloadNote')}
        </div>
      </Card>
      {record.entries.length === 0 ? (
        <Empty description={compact ? t('record.emptyMine') : t('record.empty')} data-testid="record-empty">
          {compact && (
            <Button type="primary" onClick={() => navigate('/courses')} style={{ minHeight: 44 }}>
              {t('record.findCourse')}
            </Button>
          )}
        </Empty>
      ) : (
        <Timeline items={record.entries.map((e, i) => ({ key: i, color: KIND_COLORS[e.kind] ?? 'gray', children: <EntryLine e={e} /> }))} />
      )}
    </div>
  );
}
