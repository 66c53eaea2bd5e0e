import { Button } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { setLang } from '../i18n';

export function LangSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <Button size="small" icon={<GlobalOutlined />} data-testid="lang-switch" onClick={() => setLang(i18n.language === 'en' ? 'zh-CN' : 'en')}>
      {t('app.lang')}
    </Button>
  );
}
