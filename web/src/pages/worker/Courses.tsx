import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Empty, Form, Input, Modal, Radio, Select, Space, Tag, Typography } from 'antd';
import { EnvironmentOutlined, SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../lib/api';
import { errorText } from '../../i18n';
import { date, dateTime, fen } from '../../lib/format';
import { districtName, useDistricts } from '../../lib/data';
import { navigate } from '../../lib/router';
import type { Voucher } from './Vouchers';

interface Course {
  classId: string;
  name: string;
  providerName: string;
  programmeId: string;
  occupationCode: string;
  occupationName: string | null;
  level: number;
  feeFen: number;
  online: boolean;
  districtCode: string;
  venue: { name: string; address: string } | null;
  startDate: string;
  endDate: string;
  registrationClosesAt: string;
  seatsLeft: number;
  distanceM: number | null;
  subsidyEstimateFen: number | null;
}

export function CourseSearchPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const districts = useDistricts();
  const [filters, setFilters] = useState<{ q?: string; districtCode?: string }>({});
  const [page, setPage] = useState<Page<Course> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [vouchers, setVouchers] = useState<Voucher[]>([]);
  const [picking, setPicking] = useState<Course | null>(null);
  const [voucherId, setVoucherId] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    setError(null);
    api.get<Page<Course>>('/course-search', { q: filters.q, districtCode: filters.districtCode, limit: 50 }).then(setPage, (e) => setError(errorText(e)));
  }, [filters]);
  useEffect(() => {
    api.get<{ items: Voucher[] }>('/vouchers/mine').then(
      (r) => setVouchers(r.items.filter((v) => v.status === 'issued')),
      () => undefined,
    );
  }, []);

  const pick = (c: Course) => {
    const match = vouchers.find((v) => v.occupationCode === c.occupationCode && v.level === c.level) ?? vouchers[0];
    setVoucherId(match?.id ?? null);
    setPicking(c);
  };
  const register = async () => {
    if (!picking || !voucherId) return;
    try {
      await api.post('/registrations', { classId: picking.classId, voucherId });
      setDone(picking.name);
      setPicking(null);
    } catch (e) {
      message.error(errorText(e));
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
                style={{ width: '100%' }}
                options={districts.map((d) => ({ value: d.code, label: d.name }))}
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" data-testid="course-search">
              {t('common.search')}
            </Button>
          </Space.Compact>
        </Form>
      </Card>
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
            </div>
            {c.online ? <Tag color="purple">{t('courses.online')}</Tag> : <Tag>{districtName(districts, c.districtCode)}</Tag>}
          </Space>
          <div style={{ marginTop: 6 }}>
            <Tag color="blue">{c.occupationName ?? c.occupationCode}</Tag>
            <Tag>{t(`level.${c.level}`)}</Tag>
          </div>
          {c.venue && (
            <div className="page-note" style={{ marginTop: 4 }}>
              <EnvironmentOutlined /> {c.venue.name} · {c.venue.address}
            </div>
          )}
          <div className="page-note" style={{ marginTop: 4 }}>
            {date(c.startDate)} ~ {date(c.endDate)} · {t('class.seatsLeft')} {c.seatsLeft} · {t('courses.closes')} {dateTime(c.registrationClosesAt)}
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
            <Button type="primary" size="small" disabled={c.seatsLeft <= 0} onClick={() => pick(c)} data-testid="course-register">
              {t('courses.register')}
            </Button>
          </Space>
        </Card>
      ))}
      <Modal
        open={!!picking}
        title={t('courses.pickVoucher')}
        onCancel={() => setPicking(null)}
        onOk={register}
        okButtonProps={{ disabled: !voucherId, id: 'register-ok' }}
        okText={t('courses.register')}
      >
        {vouchers.length === 0 ? (
          <Alert type="warning" showIcon message={t('courses.noVoucher')} action={<Button onClick={() => navigate('/apply')}>{t('menu.apply')}</Button>} />
        ) : (
          <Radio.Group value={voucherId} onChange={(e) => setVoucherId(e.target.value as string)}>
            <Space direction="vertical">
              {vouchers.map((v) => (
                <Radio key={v.id} value={v.id}>
                  {v.programme?.name ?? t('voucher.checkinOnly')} · {v.occupationCode} · {v.level !== null ? t(`level.${v.level}`) : ''} ({v.number})
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        )}
      </Modal>
    </>
  );
}
