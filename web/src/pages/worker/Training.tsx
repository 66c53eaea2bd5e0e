import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Empty, List, Popconfirm, Progress, Skeleton, Space, Tag, Typography } from 'antd';
import { AimOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { appealLink } from '../appeals/Worker';
import { navigate } from '../../lib/router';
import { ApiError, client, ok, type ItemOf, type Schemas } from '../../lib/api';
import i18n, { errorText } from '../../i18n';
import { date, dateMinute } from '../../lib/format';
import { OccupationLabel } from '../../lib/occupation';
import { nextChangeAt, opensLabel, sessionView } from '../../lib/sessions';
import { useSession } from '../../lib/session';
import { RatingPanel, useRatable, type Ratable } from './Rating';

/** One line of 我的培训 (GET /training/mine): an admission (also one made at the provider's desk) or a registration. */
type MyTraining = ItemOf<'/api/v1/training/mine'>;
type MyAttendance = Schemas['ClassAttendance'];

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
      return `${base} ${i18n.t('checkin.window', { from: dateMinute(x.window.opensAt), to: dateMinute(x.window.closesAt) })}`;
  }
  return base;
}

/** A check-in's flags in words (定位精度差、同一设备多人签到 …); an unknown one as 其他异常, never its code. */
function flagWords(flags: readonly string[]): string {
  const words = flags.map((f) => (i18n.exists(`flag.${f}`) ? i18n.t(`flag.${f}`) : i18n.t('flag.other')));
  return [...new Set(words)].join('、') || i18n.t('flag.other');
}

const SESSION_TAG: Record<string, { color: string; key: string }> = {
  attended: { color: 'green', key: 'att.attended' },
  flagged: { color: 'orange', key: 'att.flagged' },
  rejected: { color: 'red', key: 'att.rejected' },
  absent: { color: 'default', key: 'att.absent' },
  upcoming: { color: 'blue', key: 'session.upcoming' },
  due: { color: 'gold', key: 'session.due' },
};

/** The class in words: programme, occupation by name (code beside it), level, dates, provider. */
function ClassFacts({ m }: { m: MyTraining }) {
  const { t } = useTranslation();
  return (
    <div className="page-note" style={{ marginBottom: 4 }}>
      {m.class.programmeName && <div>{m.class.programmeName}</div>}
      <div>
        <OccupationLabel code={m.class.occupationCode} name={m.class.occupationName} /> · {t(`level.${m.class.level}`)}
      </div>
      <div>
        {t('mytraining.period')}
        {t('common.colon')}
        {date(m.class.startDate)} ~ {date(m.class.endDate)}
        {m.class.providerName ? ` · ${m.class.providerName}` : ''}
      </div>
    </div>
  );
}

function ClassCard({ m, ratable, onRated }: { m: MyTraining; ratable?: Ratable; onRated: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [att, setAtt] = useState<MyAttendance | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [showAll, setShowAll] = useState(false);

  const load = useCallback(() => {
    ok(client.GET('/api/v1/classes/{id}/attendance', { params: { path: { id: m.class.id } } })).then(setAtt, (e) => setError(errorText(e)));
  }, [m.class.id]);
  useEffect(load, [load]);
  // redraw when a session's view changes (its window opens or closes …): the button appears as the window opens
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!att) return;
    const at = nextChangeAt(att.sessions, now);
    if (at === null) return;
    const timer = setTimeout(() => setNow(Date.now()), Math.min(at - Date.now(), 2_147_000_000));
    return () => clearTimeout(timer);
  }, [att, now]);

  const checkIn = async (sessionId: string) => {
    setBusy(sessionId);
    setResult(null);
    try {
      const pos = await locate();
      const r = await ok(
        client.POST('/api/v1/sessions/{id}/check-in', {
          params: { path: { id: sessionId } },
          body: { lat: pos.coords.latitude, lng: pos.coords.longitude, accuracyM: pos.coords.accuracy, coordSystem: 'wgs84', deviceId: deviceId() },
        }),
      );
      setResult({
        ok: true,
        text:
          r.status === 'flagged'
            ? t('checkin.flaggedFor', { why: flagWords(r.flags) })
            : t('checkin.ok', { d: r.distanceM !== null ? Math.round(r.distanceM) : '—' }),
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
  // geofence check-in: not for an online class (its attendance is imported), and only once the class is open
  // (the server's CLASS_NOT_OPEN otherwise); within that, the session's window decides
  const geofenced = att !== null && !att.online;
  const offers = geofenced && m.class.state === 'open';
  const markOf = (sessionId: string) => me?.sessions.find((x) => x.sessionId === sessionId)?.mark ?? 'absent';
  // a class has 20–30 课次: the list opens on what is to do — today's, the next one, a flag to see or appeal — the rest on a tap
  const nextId = att?.sessions.find((x) => new Date(x.startsAt).getTime() > now)?.id;
  const keyRows =
    att?.sessions.filter((x) => {
      const v = sessionView(x, markOf(x.id), now);
      return v.today || v.canCheckIn || x.id === nextId || v.state === 'flagged' || v.state === 'rejected';
    }) ?? [];
  const rows = showAll || !att ? (att?.sessions ?? []) : keyRows;
  /** A check-in rejected on review can be appealed (申诉). */
  const rejectedCheckIn = (sessionId: string): string | null => me?.sessions.find((x) => x.sessionId === sessionId && x.mark === 'rejected')?.checkInId ?? null;
  return (
    <Card size="small" className="voucher-card" title={m.class.name} extra={<ClassStateTag state={m.class.state} />} data-testid="training-card">
      <ClassFacts m={m} />
      {error && <Typography.Text type="secondary">{error}</Typography.Text>}
      {!att && !error && <Skeleton active paragraph={{ rows: 2 }} />}
      {att && me && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <div>
            {t('checkin.attendance')}
            {t('common.colon')}
            {me.attended} / {me.total}
            <Progress
              aria-label={t('a11y.attendance')}
              percent={me.total ? Math.round((me.attended / me.total) * 100) : 0}
              size="small"
              status={me.meetsThreshold ? 'success' : 'active'}
            />
            <span className="page-note">{t('checkin.threshold', { p: att.thresholdPct })}</span>
          </div>
          {result && <Alert type={result.ok ? 'success' : 'error'} showIcon message={result.text} data-testid="checkin-result" />}
          {rows.length > 0 && (
            <List
              size="small"
              dataSource={rows}
              renderItem={(s) => {
                const line = me.sessions.find((x) => x.sessionId === s.id);
                const mark = line?.mark ?? 'absent';
                const v = sessionView(s, mark, now);
                const tag = SESSION_TAG[v.state]!;
                return (
                  <List.Item
                    className={v.today ? 'session-today' : undefined}
                    style={v.today ? { background: '#e6f4ff', borderLeft: '3px solid #1677ff', paddingLeft: 8 } : undefined}
                    data-testid="session-row"
                    data-state={v.state}
                    data-today={v.today ? 'yes' : 'no'}
                    actions={
                      mark === 'rejected' && rejectedCheckIn(s.id)
                        ? [
                            <Button key="a" size="small" onClick={() => navigate(appealLink('check_in', rejectedCheckIn(s.id)!))} data-testid="checkin-appeal">
                              {t('appeals.button')}
                            </Button>,
                          ]
                        : offers && v.canCheckIn
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
                          : // before the window opens: when it does (today's and the next session)
                            geofenced && v.opensAt && (v.today || s.id === nextId) && ['reported', 'open'].includes(m.class.state)
                            ? [
                                <Typography.Text key="o" type="secondary" data-testid="checkin-opens">
                                  {t('checkin.opensAt', { time: opensLabel(v.opensAt, now) })}
                                </Typography.Text>,
                              ]
                            : []
                    }
                  >
                    <span>
                      {t('session.seq', { n: s.seq })} {dateMinute(s.startsAt)} {v.today && <Tag color="blue">{t('session.today')}</Tag>}
                      <Tag color={tag.color} data-testid="session-state">
                        {t(tag.key)}
                      </Tag>
                      {/* a flagged or rejected check-in says why (the flags, and the reviewing officer's note) before any 申诉 */}
                      {(mark === 'flagged' || mark === 'rejected') && (
                        <div className="page-note" data-testid="session-why">
                          {t('checkin.why', { why: flagWords(line?.flags ?? []) })}
                          {line?.reviewNote && ` ${t('checkin.reviewNote', { note: line.reviewNote })}`}
                        </div>
                      )}
                    </span>
                  </List.Item>
                );
              }}
            />
          )}
          {keyRows.length < att.sessions.length && (
            <Button type="link" block onClick={() => setShowAll((x) => !x)} data-testid="sessions-all">
              {showAll ? t('mytraining.sessionsFew') : t('mytraining.sessionsAll', { n: att.sessions.length })}
            </Button>
          )}
        </Space>
      )}
      {ratable && <RatingPanel key={ratable.rating?.changedAt ?? 'new'} item={ratable} onSaved={onRated} />}
    </Card>
  );
}

function ClassStateTag({ state }: { state: string }) {
  const { t, i18n } = useTranslation();
  const key = `mytraining.class.${state}`;
  return <Tag color={state === 'open' ? 'green' : state === 'draft' ? 'blue' : 'default'}>{i18n.exists(key) ? t(key) : t('status.' + state)}</Tag>;
}

export function MyTrainingPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { ops } = useSession();
  const [ratable, reloadRatable] = useRatable(ops.has('listMyRatableClasses'));
  const [items, setItems] = useState<MyTraining[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    ok(client.GET('/api/v1/training/mine')).then(
      (r) => setItems(r.items),
      (e) => setError(errorText(e)),
    );
  }, []);
  useEffect(load, [load]);
  if (error) return <Alert type="error" showIcon message={error} />;
  if (!items) return <Skeleton active />;
  if (!items.length) return <Empty description={t('checkin.none')} />;
  const cancel = async (id: string) => {
    try {
      await client.POST('/api/v1/registrations/{id}/cancel', { params: { path: { id } } });
      message.success(t('mytraining.cancelDone'));
      load();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <>
      {items.map((m) =>
        m.kind === 'admission' && m.status === 'admitted' ? (
          <ClassCard key={m.id} m={m} ratable={ratable.get(m.class.id)} onRated={reloadRatable} />
        ) : (
          <Card
            key={m.id}
            size="small"
            className="voucher-card"
            data-testid="training-card"
            title={m.class.name}
            extra={<Tag color={m.status === 'pending' ? 'blue' : 'default'}>{t(`mytraining.status.${m.status}`)}</Tag>}
          >
            <ClassFacts m={m} />
            {m.status === 'pending' && (
              <Space style={{ width: '100%', justifyContent: 'space-between' }}>
                <span>{t('mytraining.pending')}</span>
                <Popconfirm
                  title={t('checkin.cancelConfirm')}
                  okText={t('mytraining.cancel')}
                  okButtonProps={{ danger: true }}
                  cancelText={t('mytraining.keep')}
                  onConfirm={() => void cancel(m.id)}
                >
                  <Button size="small" data-testid="registration-cancel">
                    {t('mytraining.cancel')}
                  </Button>
                </Popconfirm>
              </Space>
            )}
            <div className="page-note">
              {t(m.kind === 'registration' ? 'mytraining.registeredAt' : 'class.admittedAt')} {dateMinute(m.at)}
            </div>
          </Card>
        ),
      )}
    </>
  );
}
