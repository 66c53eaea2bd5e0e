import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Empty, List, Popconfirm, Progress, Skeleton, Space, Tag, Typography } from 'antd';
import { AimOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../lib/api';
import i18n, { errorText } from '../../i18n';
import { dateTime } from '../../lib/format';
import { StatusTag } from '../../lib/ui';

interface Registration {
  id: string;
  classId: string;
  voucherId: string;
  status: string;
  createdAt: string;
}
interface MyAttendance {
  classId: string;
  className: string;
  online: boolean;
  thresholdPct: number;
  sessions: Array<{ id: string; seq: number; startsAt: string }>;
  trainees: Array<{
    attended: number;
    total: number;
    rate: number;
    meetsThreshold: boolean;
    sessions: Array<{ sessionId: string; mark: 'attended' | 'flagged' | 'rejected' | 'absent'; at: string | null }>;
  }>;
}
interface CheckIn {
  status: 'accepted' | 'flagged' | 'rejected_after_review';
  distanceM: number | null;
  accuracyM: number | null;
  flags: string[];
}

/** A stable per-browser device id, so the server can spot one phone checking in several trainees. */
function deviceId(): string {
  let id = localStorage.getItem('deviceId');
  if (!id) {
    id = crypto.randomUUID();
    localStorage.setItem('deviceId', id);
  }
  return id;
}

/** The browser's position, or an ApiError-like refusal with a code the catalogue explains. */
export function locate(): Promise<GeolocationPosition> {
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) return reject(new ApiError(0, 'GEO_UNSUPPORTED', 'geolocation unsupported'));
    navigator.geolocation.getCurrentPosition(
      resolve,
      (e) => reject(new ApiError(0, e.code === 1 ? 'GEO_DENIED' : e.code === 3 ? 'GEO_TIMEOUT' : 'GEO_UNAVAILABLE', e.message)),
      {
        enableHighAccuracy: true,
        timeout: 15_000,
        maximumAge: 0,
      },
    );
  });
}

/** A check-in refusal as a sentence, with the measured numbers when the server gives them. */
function refusal(e: unknown): string {
  const base = errorText(e);
  if (e instanceof ApiError && e.extra) {
    const x = e.extra as { distanceM?: number; radiusM?: number; accuracyM?: number; accuracyMaxM?: number; window?: { opensAt: string; closesAt: string } };
    if (e.code === 'CHECKIN_OUTSIDE_GEOFENCE' && x.distanceM !== undefined)
      return `${base} ${i18n.t('checkin.distance', { d: Math.round(x.distanceM), r: x.radiusM ?? '?' })}`;
    if (e.code === 'CHECKIN_ACCURACY_TOO_POOR' && x.accuracyM !== undefined)
      return `${base} ${i18n.t('checkin.accuracy', { a: Math.round(x.accuracyM), m: x.accuracyMaxM ?? '?' })}`;
    if (e.code === 'CHECKIN_OUTSIDE_WINDOW' && x.window)
      return `${base} ${i18n.t('checkin.window', { from: dateTime(x.window.opensAt), to: dateTime(x.window.closesAt) })}`;
  }
  return base;
}

function ClassCard({ reg }: { reg: Registration }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [att, setAtt] = useState<MyAttendance | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);

  const load = useCallback(() => {
    api.get<MyAttendance>(`/classes/${reg.classId}/attendance`).then(setAtt, (e) => setError(errorText(e)));
  }, [reg.classId]);
  useEffect(load, [load]);

  const checkIn = async (sessionId: string) => {
    setBusy(sessionId);
    setResult(null);
    try {
      const pos = await locate();
      const r = await api.post<CheckIn>(`/sessions/${sessionId}/check-in`, {
        lat: pos.coords.latitude,
        lng: pos.coords.longitude,
        accuracyM: pos.coords.accuracy,
        coordSystem: 'wgs84',
        deviceId: deviceId(),
      });
      setResult({
        ok: true,
        text: r.status === 'flagged' ? t('checkin.flagged') : t('checkin.ok', { d: r.distanceM !== null ? Math.round(r.distanceM) : '—' }),
      });
      message.success(t('checkin.done'));
      load();
    } catch (e) {
      setResult({ ok: false, text: refusal(e) });
    } finally {
      setBusy(null);
    }
  };

  const me = att?.trainees[0];
  const now = Date.now();
  return (
    <Card size="small" className="voucher-card" title={att?.className ?? t('menu.class')} extra={<StatusTag status={reg.status} />} data-testid="training-card">
      {error && <Typography.Text type="secondary">{error}</Typography.Text>}
      {!att && !error && <Skeleton active paragraph={{ rows: 2 }} />}
      {att && me && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <div>
            {t('checkin.attendance')}: {me.attended} / {me.total}
            <Progress percent={me.total ? Math.round((me.attended / me.total) * 100) : 0} size="small" status={me.meetsThreshold ? 'success' : 'active'} />
            <span className="page-note">{t('checkin.threshold', { p: att.thresholdPct })}</span>
          </div>
          {result && <Alert type={result.ok ? 'success' : 'error'} showIcon message={result.text} data-testid="checkin-result" />}
          <List
            size="small"
            dataSource={att.sessions}
            renderItem={(s) => {
              const mark = me.sessions.find((m) => m.sessionId === s.id)?.mark ?? 'absent';
              const start = new Date(s.startsAt).getTime();
              const soon = Math.abs(start - now) < 3 * 3_600_000;
              return (
                <List.Item
                  actions={
                    !att.online && mark === 'absent' && soon
                      ? [
                          <Button
                            key="c"
                            type="primary"
                            size="small"
                            icon={<AimOutlined />}
                            loading={busy === s.id}
                            onClick={() => void checkIn(s.id)}
                            data-testid="checkin"
                          >
                            {t('checkin.button')}
                          </Button>,
                        ]
                      : []
                  }
                >
                  <span>
                    #{s.seq} {dateTime(s.startsAt)}{' '}
                    <Tag color={{ attended: 'green', flagged: 'orange', rejected: 'red', absent: 'default' }[mark]}>{t(`att.${mark}`)}</Tag>
                  </span>
                </List.Item>
              );
            }}
          />
        </Space>
      )}
    </Card>
  );
}

export function MyTrainingPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [regs, setRegs] = useState<Registration[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    api.get<Registration[]>('/registrations/mine').then(setRegs, (e) => setError(errorText(e)));
  }, []);
  useEffect(load, [load]);
  if (error) return <Alert type="error" showIcon message={error} />;
  if (!regs) return <Skeleton active />;
  if (!regs.length) return <Empty description={t('checkin.none')} />;
  const cancel = async (id: string) => {
    try {
      await api.post(`/registrations/${id}/cancel`);
      load();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <>
      {regs.map((r) =>
        r.status === 'pending' ? (
          <Card key={r.id} size="small" className="voucher-card" data-testid="training-card">
            <Space style={{ width: '100%', justifyContent: 'space-between' }}>
              <span>
                {t('checkin.pending')} <StatusTag status={r.status} />
              </span>
              <Popconfirm title={t('checkin.cancelConfirm')} onConfirm={() => void cancel(r.id)}>
                <Button size="small">{t('common.cancel')}</Button>
              </Popconfirm>
            </Space>
            <div className="page-note">{dateTime(r.createdAt)}</div>
          </Card>
        ) : (
          <ClassCard key={r.id} reg={r} />
        ),
      )}
    </>
  );
}
