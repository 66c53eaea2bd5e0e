import { useEffect, useState } from 'react';
import { Alert, Button, Card, Empty, Form, Input, Modal, Radio, Segmented, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { EnvironmentOutlined, SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { client, ok, type ItemOf, type ResponseOf } from '../../lib/api';
import { errorText } from '../../i18n';
import { date, dateMinute, fen } from '../../lib/format';
import { districtName, useDistricts } from '../../lib/data';
import { navigate } from '../../lib/router';
import { OccupationLabel } from '../../lib/occupation';
import { CourseRatingsDrawer, ScoreBadge } from './Rating';

type Course = ItemOf<'/api/v1/course-search'>;
type Voucher = ItemOf<'/api/v1/classes/{id}/fitting-vouchers'>;

export function CourseSearchPage() {
  const { t } = useTranslation();
  const districts = useDistricts();
  const [filters, setFilters] = useState<{ q?: string; districtCode?: string }>({});
  const [sort, setSort] = useState<'start' | 'rating'>('start');
  const [ratingsOf, setRatingsOf] = useState<Course | null>(null);
  const [page, setPage] = useState<ResponseOf<'/api/v1/course-search'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [vouchers, setVouchers] = useState<Voucher[] | null>(null);
  const [picking, setPicking] = useState<Course | null>(null);
  const [voucherId, setVoucherId] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);

  useEffect(() => {
    setError(null);
    ok(client.GET('/api/v1/course-search', { params: { query: { q: filters.q, districtCode: filters.districtCode, sort, limit: 50 } } })).then(setPage, (e) =>
      setError(errorText(e)),
    );
  }, [filters, sort]);
  /** 报名 offers only the worker's vouchers that fit the class (programme, occupation, level, issued and valid). */
  const pick = (c: Course) => {
    setPicking(c);
    setVouchers(null);
    setVoucherId(null);
    setRefusal(null);
    ok(client.GET('/api/v1/classes/{id}/fitting-vouchers', { params: { path: { id: c.classId } } })).then(
      (r) => {
        setVouchers(r.items);
        setVoucherId(r.items[0]?.id ?? null);
      },
      (e) => setRefusal(errorText(e)),
    );
  };
  const registerWith = async (c: Course, id: string) => {
    await client.POST('/api/v1/registrations', { body: { classId: c.classId, voucherId: id } });
    setDone(c.name);
    setPicking(null);
  };
  const register = async () => {
    if (!picking || !voucherId) return;
    setBusy(true);
    setRefusal(null);
    try {
      await registerWith(picking, voucherId);
    } catch (e) {
      setRefusal(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  /** No voucher fits: 申领 with the class's programme, occupation and level, then register with the new voucher. */
  const applyAndRegister = async () => {
    if (!picking) return;
    setBusy(true);
    setRefusal(null);
    let issued: Voucher | null = null;
    try {
      issued = (
        await ok(
          client.POST('/api/v1/vouchers/apply', {
            body: { programmeId: picking.programmeId, occupationCode: picking.occupationCode, level: picking.level },
          }),
        )
      ).voucher;
      await registerWith(picking, issued.id);
    } catch (e) {
      setRefusal(errorText(e));
      // the voucher was issued but the registration refused (e.g. the class filled up): offer it from now on
      if (issued) {
        setVouchers([issued]);
        setVoucherId(issued.id);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Card size="small" className="voucher-card">
        <Form
          layout="vertical"
          onFinish={(v: { q?: string; districtCode?: string }) => setFilters({ q: v.q?.trim() || undefined, districtCode: v.districtCode })}
        >
          <Form.Item name="q" style={{ marginBottom: 8 }}>
            <Input prefix={<SearchOutlined />} placeholder={t('courses.searchHint')} allowClear id="course-q" />
          </Form.Item>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name="districtCode" noStyle>
              <Select
                allowClear
                placeholder={t('common.district')}
                aria-label={t('common.district')}
                style={{ width: '100%' }}
                options={districts.map((d) => ({ value: d.code, label: d.name }))}
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" data-testid="course-search">
              {t('common.search')}
            </Button>
          </Space.Compact>
        </Form>
        <Segmented
          block
          style={{ marginTop: 8 }}
          value={sort}
          onChange={(v) => setSort(v as 'start' | 'rating')}
          options={[
            { value: 'start', label: t('eval.sort.start') },
            { value: 'rating', label: t('eval.sort.rating') },
          ]}
          data-testid="course-sort"
        />
      </Card>
      <CourseRatingsDrawer courseId={ratingsOf?.courseId ?? null} title={ratingsOf?.name ?? ''} onClose={() => setRatingsOf(null)} />
      {done && (
        <Alert
          type="success"
          showIcon
          closable
          style={{ marginBottom: 12 }}
          message={t('courses.registered', { name: done })}
          action={
            <Button size="small" onClick={() => navigate('/training')}>
              {t('menu.training.worker')}
            </Button>
          }
          data-testid="registered"
        />
      )}
      {error && <Alert type="error" showIcon message={error} />}
      {page && !page.items.length && <Empty description={t('courses.none')} />}
      {page?.items.map((c) => (
        <Card key={c.classId} size="small" className="voucher-card" data-testid="course-card">
          <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start">
            <div>
              <Typography.Text strong>{c.name}</Typography.Text>
              <div className="page-note">{c.providerName}</div>
              <ScoreBadge rating={c.rating} onOpen={() => setRatingsOf(c)} />
            </div>
            {c.online ? <Tag color="purple">{t('courses.online')}</Tag> : <Tag>{districtName(districts, c.districtCode)}</Tag>}
          </Space>
          {c.programmeName && (
            <div style={{ marginTop: 6 }}>
              <Tag color="geekblue" data-testid="course-programme">
                {c.programmeName}
              </Tag>
            </div>
          )}
          <div style={{ marginTop: 6 }}>
            <Tag color="blue">
              <OccupationLabel code={c.occupationCode} name={c.occupationName} />
            </Tag>
            <Tag>{t(`level.${c.level}`)}</Tag>
          </div>
          {c.venue && (
            <div className="page-note" style={{ marginTop: 4 }}>
              <EnvironmentOutlined /> {c.venue.name} · {c.venue.address}
            </div>
          )}
          <div className="page-note" style={{ marginTop: 4 }}>
            {date(c.startDate)} ~ {date(c.endDate)} · {t('class.seatsLeft')} {c.seatsLeft} · {t('courses.closes')} {dateMinute(c.registrationClosesAt)}
          </div>
          <Space style={{ width: '100%', justifyContent: 'space-between', marginTop: 8 }}>
            <span>
              {t('course.fee')} {fen(c.feeFen)}
              {c.subsidyEstimateFen !== null && (
                <Typography.Text type="danger" style={{ marginLeft: 8 }}>
                  {t('voucher.estimate')} {fen(c.subsidyEstimateFen)}
                </Typography.Text>
              )}
            </span>
            <Space>
              <Button size="small" onClick={() => navigate(`/precheck?courseId=${c.courseId}`)} data-testid="course-precheck">
                {t('menu.precheck')}
              </Button>
              <Button type="primary" size="small" disabled={c.seatsLeft <= 0} onClick={() => pick(c)} data-testid="course-register">
                {t('courses.register')}
              </Button>
            </Space>
          </Space>
        </Card>
      ))}
      <Modal
        open={!!picking}
        title={t('courses.pickVoucher')}
        onCancel={() => setPicking(null)}
        footer={
          vouchers && vouchers.length === 0
            ? [
                <Button key="c" onClick={() => setPicking(null)}>
                  {t('common.cancel')}
                </Button>,
                <Button key="a" type="primary" loading={busy} onClick={() => void applyAndRegister()} data-testid="apply-register">
                  {t('courses.applyAndRegister')}
                </Button>,
              ]
            : [
                <Button key="c" onClick={() => setPicking(null)}>
                  {t('common.cancel')}
                </Button>,
                <Button key="r" type="primary" id="register-ok" loading={busy} disabled={!voucherId} onClick={() => void register()}>
                  {t('courses.register')}
                </Button>,
              ]
        }
      >
        {refusal && <Alert type="error" showIcon message={refusal} style={{ marginBottom: 12 }} data-testid="register-refusal" />}
        {picking && !vouchers && !refusal && <Skeleton active paragraph={{ rows: 2 }} />}
        {picking && vouchers && vouchers.length === 0 && (
          <Space direction="vertical" style={{ width: '100%' }} data-testid="no-fitting-voucher">
            <Alert type="info" showIcon message={t('courses.noneFits')} />
            <Typography.Text>
              {t('courses.applyFor', {
                programme: picking.programmeName ?? '',
                occupation: picking.occupationName ?? picking.occupationCode,
                level: t(`level.${picking.level}`),
              })}
            </Typography.Text>
          </Space>
        )}
        {vouchers && vouchers.length > 0 && (
          <>
            <Typography.Paragraph type="secondary">{t('courses.fitting')}</Typography.Paragraph>
            <Radio.Group value={voucherId} onChange={(e) => setVoucherId(e.target.value as string)}>
              <Space direction="vertical">
                {vouchers.map((v) => (
                  <Radio key={v.id} value={v.id} data-testid="fitting-voucher">
                    {v.programme?.name ?? t('voucher.checkinOnly')} · {v.occupationName ?? v.occupationCode} · {v.level !== null ? t(`level.${v.level}`) : ''}
                    <div className="page-note">
                      {t('voucher.number')}
                      {t('common.colon')}
                      {v.number}
                    </div>
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </>
        )}
      </Modal>
    </>
  );
}
