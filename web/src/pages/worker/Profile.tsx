import { useEffect, useState } from 'react';
import { Alert, Card, Descriptions, List, Skeleton, Space, Tag } from 'antd';
import { AuditOutlined, BellOutlined, ProfileOutlined, QuestionCircleOutlined, RightOutlined, SolutionOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { client, ok } from '../../lib/api';
import { errorText } from '../../i18n';
import type { PersonView } from '../admin/Persons';
import { date } from '../../lib/format';
import { districtName, useDistricts } from '../../lib/data';
import { navigate } from '../../lib/router';
import { useSession } from '../../lib/session';
import { MessagePreferencesCard } from '../messages/Preferences';

export function MyProfilePage() {
  const { t, i18n } = useTranslation();
  const districts = useDistricts();
  const { ops } = useSession();
  const links = [
    { path: '/record', label: t('menu.record.worker'), icon: <ProfileOutlined />, op: 'getMyRecord' },
    { path: '/jobs', label: t('menu.jobs.worker'), icon: <SolutionOutlined />, op: 'recommendJobs' },
    { path: '/appeals', label: t('menu.appeals.worker'), icon: <AuditOutlined />, op: 'listMyAppeals' },
    { path: '/messages', label: t('menu.messages'), icon: <BellOutlined />, op: 'listInbox' },
    { path: '/help', label: t('menu.help'), icon: <QuestionCircleOutlined />, op: null },
  ].filter((l) => l.op === null || ops.has(l.op));
  const [p, setP] = useState<PersonView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    ok(client.GET('/api/v1/persons/me')).then(setP, (e) => setError(errorText(e)));
  }, []);
  if (error) return <Alert type="error" showIcon message={error} />;
  if (!p) return <Skeleton active />;
  return (
    <>
      <Card className="voucher-card" title={p.name}>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('persons.idNumber')}>{p.idNumberMasked}</Descriptions.Item>
          <Descriptions.Item label={t('persons.birthDate')}>{date(p.birthDate)}</Descriptions.Item>
          <Descriptions.Item label={t('persons.phone')}>{p.phoneMasked ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('persons.bank')}>{p.bankAccountMasked ? `${p.bankName ?? ''} ${p.bankAccountMasked}` : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('common.district')}>{districtName(districts, p.districtCode)}</Descriptions.Item>
          <Descriptions.Item label={t('persons.categories')}>
            <Space size={[0, 4]} wrap>
              {p.categories.map((c) => (
                <Tag key={c}>{i18n.exists(`cat.${c}`) ? t(`cat.${c}`) : c}</Tag>
              ))}
            </Space>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {links.length > 0 && (
        <Card className="voucher-card" size="small">
          <List
            dataSource={links}
            renderItem={(l) => (
              <List.Item style={{ minHeight: 48, padding: 0 }}>
                <a
                  href={l.path}
                  className="me-link"
                  onClick={(e) => {
                    e.preventDefault();
                    navigate(l.path);
                  }}
                  data-testid={`me-link-${l.path}`}
                >
                  <Space>
                    {l.icon}
                    {l.label}
                  </Space>
                  <RightOutlined aria-hidden style={{ color: '#8c8c8c' }} />
                </a>
              </List.Item>
            )}
          />
        </Card>
      )}
      <MessagePreferencesCard mobile />
    </>
  );
}
