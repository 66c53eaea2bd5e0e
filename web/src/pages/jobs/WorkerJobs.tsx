/** 推荐岗位 on the worker's phone: postings ranked for them with why, interest and consent; a search; the home banner. */
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Empty, Input, Segmented, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { AimOutlined, EnvironmentOutlined, RightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { client, ok, type ItemOf, type ResponseOf } from '../../lib/api';
import { errorText } from '../../i18n';
import { date, yuan } from '../../lib/format';
import { districtName, useDistricts } from '../../lib/data';
import { navigate } from '../../lib/router';
import { locate } from '../worker/Training';
import { reasonText } from './labels';

type Recommendation = ItemOf<'/api/v1/jobs/recommendations'>;
type Posting = Recommendation['posting'];

/** The posting's facts a worker decides on: title, employer and district, pay in 元, level, address, distance, what the job is. */
function PostingFacts({ p, showDistance = true }: { p: Posting; showDistance?: boolean }) {
  const { t } = useTranslation();
  const districts = useDistricts();
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start">
        <div>
          <Typography.Text strong>{p.title}</Typography.Text>
          <div className="page-note">{p.employerName}</div>
        </div>
        <Tag>{districtName(districts, p.districtCode)}</Tag>
      </Space>
      <div style={{ marginTop: 4 }}>
        <Typography.Text type="danger" data-testid="job-pay">
          {t('jobs.pay', { min: yuan(p.payMinFen), max: yuan(p.payMaxFen) })}
        </Typography.Text>
        <span className="page-note"> · {t('jobs.headcount', { n: p.headcount })}</span>
      </div>
      <div style={{ marginTop: 4 }}>
        <Tag color="blue">{p.occupationName ?? p.occupationCode}</Tag>
        <Tag>{p.level === null ? t('jobs.anyLevel') : t('jobs.levelWanted', { l: t(`level.${p.level}`) })}</Tag>
      </div>
      <div className="page-note" style={{ marginTop: 4 }}>
        <EnvironmentOutlined /> {p.address}
        {showDistance && p.distanceM !== null ? ` · ${t('jobs.km', { km: (p.distanceM / 1000).toFixed(1) })}` : ''} ·{' '}
        {t('jobs.until', { d: date(p.validUntil) })}
      </div>
      {p.description && (
        <Typography.Paragraph
          type="secondary"
          ellipsis={{ rows: 2, expandable: true, symbol: t('jobs.more') }}
          style={{ margin: '4px 0 0' }}
          data-testid="job-description"
        >
          {p.description}
        </Typography.Paragraph>
      )}
    </>
  );
}

function RecommendationCard({ r, onChanged }: { r: Recommendation; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const districts = useDistricts();
  const [consent, setConsent] = useState(r.interest?.consented ?? false);
  const [busy, setBusy] = useState(false);
  const interested = r.interest?.status === 'interested';
  const act = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await fn();
      onChanged();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const mark = (c: boolean) =>
    act(() => ok(client.PUT('/api/v1/jobs/postings/{id}/interest', { params: { path: { id: r.posting.id } }, body: { consent: c } })));
  return (
    <Card size="small" className="voucher-card" data-testid="job-card">
      <PostingFacts p={r.posting} showDistance={!r.reasons.some((x) => x.code === 'DISTANCE')} />
      <div style={{ marginTop: 6 }} data-testid="job-reasons">
        {r.reasons.map((x, i) => (
          <Tag key={i} color={x.code === 'CERTIFICATE' ? 'green' : x.code === 'DISTANCE' ? 'default' : 'geekblue'}>
            {reasonText(t, x, districts)}
          </Tag>
        ))}
      </div>
      <Space direction="vertical" style={{ width: '100%', marginTop: 8 }}>
        <Checkbox
          className="touch-row"
          checked={consent}
          disabled={busy || r.interest?.contacted}
          onChange={(e) => {
            setConsent(e.target.checked);
            if (interested) void mark(e.target.checked);
          }}
          data-testid="job-consent"
        >
          {t('jobs.consent')}
        </Checkbox>
        {interested ? (
          <Space style={{ width: '100%', justifyContent: 'space-between' }}>
            <Tag color="green" data-testid="job-interest-state">
              {r.interest?.contacted ? t('jobs.contacted') : r.interest?.consented ? t('jobs.consented') : t('jobs.interestedDone')}
            </Tag>
            {!r.interest?.contacted && (
              <Button
                size="small"
                onClick={() => void act(() => ok(client.POST('/api/v1/jobs/postings/{id}/interest/withdraw', { params: { path: { id: r.posting.id } } })))}
              >
                {t('jobs.withdraw')}
              </Button>
            )}
          </Space>
        ) : (
          <Button type="primary" block loading={busy} style={{ minHeight: 44 }} onClick={() => void mark(consent)} data-testid="job-interest">
            {t('jobs.interested')}
          </Button>
        )}
      </Space>
    </Card>
  );
}

function JobSearch() {
  const { t } = useTranslation();
  const districts = useDistricts();
  const [q, setQ] = useState<string>();
  const [districtCode, setDistrictCode] = useState<string>();
  const [sort, setSort] = useState<'newest' | 'pay'>('newest');
  const [page, setPage] = useState<ResponseOf<'/api/v1/jobs/search'> | null>(null);
  useEffect(() => {
    ok(client.GET('/api/v1/jobs/search', { params: { query: { q, districtCode, sort, limit: 30 } } })).then(setPage, () => setPage({ items: [], total: 0 }));
  }, [q, districtCode, sort]);
  return (
    <>
      <Card size="small" className="voucher-card job-search">
        <Input.Search placeholder={t('jobs.keyword')} allowClear onSearch={(v) => setQ(v.trim() || undefined)} aria-label={t('jobs.keyword')} />
        <Space.Compact style={{ width: '100%', marginTop: 8 }}>
          <Select
            allowClear
            placeholder={t('common.district')}
            style={{ width: '50%' }}
            value={districtCode}
            onChange={setDistrictCode}
            options={districts.map((d) => ({ value: d.code, label: d.name }))}
          />
          <Segmented
            style={{ width: '50%' }}
            block
            value={sort}
            onChange={(v) => setSort(v as 'newest' | 'pay')}
            options={[
              { value: 'newest', label: t('jobs.sort.newest') },
              { value: 'pay', label: t('jobs.sort.pay') },
            ]}
          />
        </Space.Compact>
      </Card>
      {!page && <Skeleton active />}
      {page && page.items.length > 0 && (
        <div className="page-note" style={{ margin: '0 4px 8px' }} data-testid="job-search-total">
          {t('jobs.found', { n: page.total })}
        </div>
      )}
      {page && !page.items.length && <Empty description={q || districtCode ? t('jobs.noneFound') : t('jobs.noneOpen')} data-testid="job-search-empty" />}
      {page?.items.map((p) => (
        <Card key={p.id} size="small" className="voucher-card" data-testid="job-search-card">
          <PostingFacts p={p} />
        </Card>
      ))}
    </>
  );
}

export function WorkerJobsPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<'mine' | 'search'>('mine');
  const [items, setItems] = useState<Recommendation[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [at, setAt] = useState<{ lat: number; lng: number } | null>(null);
  const load = useCallback(() => {
    ok(client.GET('/api/v1/jobs/recommendations', { params: { query: at ? { ...at, coordSystem: 'wgs84' } : {} } })).then(
      (r) => setItems(r.items),
      (e) => setError(errorText(e)),
    );
  }, [at]);
  useEffect(load, [load]);
  const useMyLocation = async () => {
    try {
      const pos = await locate();
      setAt({ lat: pos.coords.latitude, lng: pos.coords.longitude });
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <>
      <Segmented
        block
        value={tab}
        onChange={(v) => setTab(v as 'mine' | 'search')}
        options={[
          { value: 'mine', label: t('jobs.recommended') },
          { value: 'search', label: t('jobs.search') },
        ]}
        style={{ marginBottom: 12 }}
      />
      {tab === 'search' ? (
        <JobSearch />
      ) : (
        <>
          <Button icon={<AimOutlined />} block onClick={() => void useMyLocation()} style={{ marginBottom: 12, minHeight: 44 }}>
            {t('jobs.useLocation')}
          </Button>
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
          {!items && !error && <Skeleton active />}
          {items && !items.length && (
            <Empty description={t('jobs.none')} data-testid="jobs-empty">
              <Button type="primary" onClick={() => setTab('search')} style={{ minHeight: 44 }}>
                {t('jobs.goSearch')}
              </Button>
            </Empty>
          )}
          {items?.map((r) => (
            <RecommendationCard key={r.posting.id} r={r} onChanged={load} />
          ))}
        </>
      )}
    </>
  );
}

/** On the worker's home: how many postings fit their certificates, once they hold one. */
export function JobsBanner() {
  const { t } = useTranslation();
  const [n, setN] = useState(0);
  useEffect(() => {
    ok(client.GET('/api/v1/jobs/recommendations')).then(
      (r) => setN(r.items.filter((i) => i.reasons.some((x) => x.code === 'CERTIFICATE')).length),
      () => setN(0),
    );
  }, []);
  if (!n) return null;
  return (
    <Alert
      type="success"
      showIcon
      style={{ marginBottom: 12 }}
      message={t('jobs.banner', { n })}
      action={
        <Button size="small" type="link" onClick={() => navigate('/jobs')} data-testid="jobs-banner">
          {t('jobs.bannerGo')} <RightOutlined />
        </Button>
      }
    />
  );
}
