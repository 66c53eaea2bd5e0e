import { useEffect, useState } from 'react';
import { Alert, Card, Descriptions, Skeleton, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { errorText } from '../../i18n';
import type { PersonView } from '../admin/Persons';
import { date } from '../../lib/format';
import { districtName, useDistricts } from '../../lib/data';

export function MyProfilePage() {
  const { t, i18n } = useTranslation();
  const districts = useDistricts();
  const [p, setP] = useState<PersonView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.get<PersonView>('/persons/me').then(setP, (e) => setError(errorText(e)));
  }, []);
  if (error) return <Alert type="error" showIcon message={error} />;
  if (!p) return <Skeleton active />;
  return (
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
  );
}
