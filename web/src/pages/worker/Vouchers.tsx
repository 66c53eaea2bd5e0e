import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Descriptions, Empty, Progress, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { QrcodeOutlined, ReloadOutlined, RightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { appealLink } from '../appeals/Worker';
import QRCode from 'qrcode';
import { client, ok, type ItemOf, type ResponseOf } from '../../lib/api';
import { errorText } from '../../i18n';
import { date, dateTime, fen } from '../../lib/format';
import { navigate } from '../../lib/router';
import { StatusTag } from '../../lib/ui';
import { OccupationLabel } from '../../lib/occupation';
import { useSession } from '../../lib/session';
import { JobsBanner } from '../jobs/WorkerJobs';
import { ProgressSteps } from '../timeline/Progress';

export type Voucher = ItemOf<'/api/v1/vouchers/mine'>;
type VoucherDetail = ResponseOf<'/api/v1/vouchers/{id}'>;

const OPEN = ['issued', 'admitted', 'in_training', 'assessed', 'approved'];

/** A voucher's status in the worker's words: a settled voucher reads 已核销. */
export function VoucherStatusTag({ status }: { status: string }) {
  const { t, i18n } = useTranslation();
  const key = `voucher.status.${status}`;
  if (!i18n.exists(key)) return <StatusTag status={status} />;
  return (
    <Tag color="default" data-status={status}>
      {t(key)}
    </Tag>
  );
}

/** A history entry in words: what happened to the voucher, never a raw reason, code or id. */
function eventText(t: (k: string, o?: Record<string, unknown>) => string, e: { from: string | null; to: string }): string {
  if (e.to === 'issued') return e.from === 'admitted' ? t('voucher.event.withdrawn') : t('voucher.event.issued');
  return t(`voucher.event.${e.to}`);
}

/** Days left until the end of validUntil (Asia/Shanghai). */
function daysLeft(validUntil: string): number {
  const end = new Date(`${validUntil}T23:59:59+08:00`).getTime();
  return Math.ceil((end - Date.now()) / 86_400_000);
}

export function VoucherSummary({ v }: { v: Voucher }) {
  const { t } = useTranslation();
  const left = daysLeft(v.validUntil);
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start">
        <div>
          <Typography.Text strong>{v.programme?.name ?? t('voucher.checkinOnly')}</Typography.Text>
          <div className="page-note">
            <OccupationLabel code={v.occupationCode} name={v.occupationName} /> · {v.level !== null ? t(`level.${v.level}`) : '—'}
          </div>
        </div>
        <VoucherStatusTag status={v.status} />
      </Space>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginTop: 8 }} align="end">
        <div>
          {v.kind === 'subsidy' && v.status === 'settled' ? (
            // paid: the estimate is no longer the figure that matters; the amount paid is under 结果与补贴
            <div className="page-note" data-testid="voucher-paid-note">
              {t('voucher.paidNote')}
            </div>
          ) : v.kind === 'subsidy' ? (
            <>
              <div className="page-note">{t('voucher.estimate')}</div>
              <div className="amount">{fen(v.subsidyEstimateFen)}</div>
            </>
          ) : (
            <Tag color="default">{t('voucher.kind.checkin_only')}</Tag>
          )}
        </div>
        <div style={{ textAlign: 'right' }}>
          <div className="page-note">
            {t('voucher.validity')}
            {t('common.colon')}
            <span className="nowrap">{date(v.validFrom)}</span> ~ <span className="nowrap">{date(v.validUntil)}</span>
          </div>
          {v.status === 'issued' && left >= 0 && (
            <Typography.Text type={left <= 14 ? 'danger' : 'secondary'} style={{ fontSize: '0.75rem' }}>
              {t('voucher.daysLeft', { n: left })}
            </Typography.Text>
          )}
        </div>
      </Space>
    </>
  );
}

export function MyVouchersPage() {
  const { t } = useTranslation();
  const { ops } = useSession();
  const banner = ops.has('recommendJobs') ? <JobsBanner /> : null;
  const [items, setItems] = useState<Voucher[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    ok(client.GET('/api/v1/vouchers/mine')).then(
      (r) => setItems(r.items),
      (e) => setError(errorText(e)),
    );
  }, []);
  if (error) return <Alert type="error" showIcon message={error} />;
  if (!items) return <Skeleton active />;
  if (!items.length)
    return (
      <>
        {banner}
        <Empty description={t('voucher.none')}>
          <Button type="primary" onClick={() => navigate('/apply')}>
            {t('menu.apply')}
          </Button>
        </Empty>
      </>
    );
  return (
    <>
      {banner}
      {items.map((v) => (
        <Card key={v.id} className="voucher-card" size="small" hoverable onClick={() => navigate(`/vouchers/${v.id}`)} data-testid="voucher-card">
          <VoucherSummary v={v} />
          <div style={{ marginTop: 8, display: 'flex', justifyContent: 'space-between' }}>
            <Typography.Text type="secondary" style={{ fontSize: '0.75rem' }}>
              {t('voucher.number')}
              {t('common.colon')}
              {v.number}
            </Typography.Text>
            <RightOutlined style={{ color: '#bbb' }} />
          </div>
        </Card>
      ))}
    </>
  );
}

/** The voucher QR: a signed token renewed every 60 s (a little before it expires), with a countdown. */
function VoucherQr({ voucherId }: { voucherId: string }) {
  const { t } = useTranslation();
  const [qr, setQr] = useState<{ img: string; expiresAt: number; token: string } | null>(null);
  const [now, setNow] = useState(Date.now());
  const [error, setError] = useState<string | null>(null);
  const busy = useRef(false);

  const renew = useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    try {
      const r = await ok(client.POST('/api/v1/vouchers/{id}/qr-token', { params: { path: { id: voucherId } } }));
      const img = await QRCode.toDataURL(r.token, { margin: 1, width: 240, errorCorrectionLevel: 'M' });
      setQr({ img, expiresAt: new Date(r.expiresAt).getTime(), token: r.token });
      setError(null);
    } catch (e) {
      setError(errorText(e));
    } finally {
      busy.current = false;
    }
  }, [voucherId]);

  useEffect(() => {
    void renew();
  }, [renew]);
  useEffect(() => {
    const h = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(h);
  }, []);
  useEffect(() => {
    if (qr && qr.expiresAt - now <= 1000) void renew();
  }, [now, qr, renew]);

  if (error)
    return (
      <Alert
        type="error"
        showIcon
        message={error}
        action={<Button size="small" onClick={() => void renew()} icon={<ReloadOutlined />} aria-label={t('common.refresh')} />}
      />
    );
  if (!qr) return <Skeleton.Image active style={{ width: 240, height: 240 }} />;
  const secs = Math.max(0, Math.ceil((qr.expiresAt - now) / 1000));
  return (
    <div className="qr-box">
      <img src={qr.img} alt={t('voucher.qrTitle')} data-testid="voucher-qr" data-token={qr.token} />
      <Progress aria-label={t('a11y.qrTime')} percent={Math.round((secs / 60) * 100)} showInfo={false} size="small" style={{ width: 240 }} />
      <Typography.Text className="countdown" data-testid="qr-countdown">
        {t('voucher.qrRenews', { s: secs })}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: '0.75rem' }}>
        {t('voucher.qrHint')}
      </Typography.Text>
    </div>
  );
}

export function VoucherDetailPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const [v, setV] = useState<VoucherDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [showQr, setShowQr] = useState(false);
  useEffect(() => {
    ok(client.GET('/api/v1/vouchers/{id}', { params: { path: { id } } })).then(setV, (e) => setError(errorText(e)));
  }, [id]);
  if (error) return <Alert type="error" showIcon message={error} />;
  if (!v) return <Skeleton active />;
  const open = OPEN.includes(v.status);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card className="voucher-card" size="small">
        <VoucherSummary v={v} />
      </Card>
      {!open && (
        <Alert
          type="info"
          showIcon
          data-testid="no-qr"
          message={t('voucher.noQr', { status: i18n.exists(`voucher.status.${v.status}`) ? t(`voucher.status.${v.status}`) : t(`status.${v.status}`) })}
        />
      )}
      {open && (
        <Card
          className="voucher-card"
          size="small"
          title={
            <>
              <QrcodeOutlined /> {t('voucher.qrTitle')}
            </>
          }
        >
          {showQr ? (
            <VoucherQr voucherId={v.id} />
          ) : (
            <Button type="primary" block size="large" icon={<QrcodeOutlined />} onClick={() => setShowQr(true)} data-testid="show-qr">
              {t('voucher.showQr')}
            </Button>
          )}
        </Card>
      )}
      <Card className="voucher-card" size="small" title={t('tl.title')} data-testid="voucher-progress">
        <ProgressSteps kind="voucher" id={v.id} />
      </Card>
      <Card className="voucher-card" size="small">
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('voucher.number')}>
            <Typography.Text copyable>{v.number}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('voucher.holder')}>
            {v.holder.name} {v.holder.idNumberMasked}
          </Descriptions.Item>
          <Descriptions.Item label={t('voucher.kind')}>{t(`voucher.kind.${v.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={t('voucher.mode')}>{t(`voucher.mode.${v.mode}`)}</Descriptions.Item>
          {v.kind === 'subsidy' && (
            <>
              <Descriptions.Item label={t('voucher.standard')}>{fen(v.standardFen)}</Descriptions.Item>
              {/* the ratio only: the person's category (e.g. disability) is not spelled out on screen */}
              <Descriptions.Item label={t('voucher.ratio')}>{v.ratioPct}%</Descriptions.Item>
              {v.upliftPct > 0 && <Descriptions.Item label={t('voucher.uplift')}>+{v.upliftPct}%</Descriptions.Item>}
            </>
          )}
          <Descriptions.Item label={t('voucher.issuedAt')}>{date(v.issuedAt)}</Descriptions.Item>
        </Descriptions>
        {/* an application answered without a subsidy voucher may be appealed (申诉) */}
        {v.kind === 'checkin_only' && v.mode === 'on_demand' && v.status === 'issued' && (
          <Button block onClick={() => navigate(appealLink('voucher_application', v.id))} data-testid="voucher-appeal">
            {t('appeals.button')}
          </Button>
        )}
      </Card>
      <Card className="voucher-card" size="small" title={t('voucher.timeline')}>
        <Timeline
          items={v.events.map((e) => ({
            children: (
              <div data-testid="voucher-event">
                <Typography.Text>{eventText(t, e)}</Typography.Text> <span className="page-note">{dateTime(e.at)}</span>
                {e.to === 'revoked' && e.reason && <div className="page-note">{t('voucher.event.reason', { reason: e.reason })}</div>}
              </div>
            ),
          }))}
        />
      </Card>
    </Space>
  );
}
