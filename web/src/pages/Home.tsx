import { Card, Col, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../lib/session';
import { navigate } from '../lib/router';
import { routesFor } from '../layout/routes';

export function HomePage() {
  const { t } = useTranslation();
  const { me, ops } = useSession();
  const links = routesFor(me.role, ops).filter((r) => r.path !== '/' && !r.match);
  return (
    <>
      <Typography.Title level={4}>
        {me.displayName} · {t(`role.${me.role}`)}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        {links.map((r) => (
          <Col key={r.path} xs={24} sm={12} md={8} lg={6}>
            <Card hoverable onClick={() => navigate(r.path)}>
              <Card.Meta avatar={<span style={{ fontSize: 24, color: '#1677ff' }}>{r.icon}</span>} title={t(r.name)} />
            </Card>
          </Col>
        ))}
      </Row>
    </>
  );
}
