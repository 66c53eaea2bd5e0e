/** 帮助 (issue 20, part 5): 办事指南, 政策解读, 常见问题 and the 12333 hotline, written for one role; zh-CN or English. */
import { Button, Card, Space, Typography } from 'antd';
import { PhoneOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { helpFor, helpRoles, hotlineCommon, type Bi, type HelpRoleKey, type HelpSection } from './content';

function useBi(): (b: Bi) => string {
  const { i18n } = useTranslation();
  return (b) => (i18n.language === 'en' ? b[1] : b[0]);
}

function Section({ s, id }: { s: HelpSection; id: string }) {
  const bi = useBi();
  return (
    <section aria-labelledby={id} className="help-section">
      <Typography.Title level={4} id={id}>
        {bi(s.title)}
      </Typography.Title>
      {s.steps && (
        <ol className="help-steps">
          {s.steps.map((x, i) => (
            <li key={i}>{bi(x)}</li>
          ))}
        </ol>
      )}
      {s.body?.map((x, i) => (
        <Typography.Paragraph key={i}>{bi(x)}</Typography.Paragraph>
      ))}
    </section>
  );
}

/**
 * One role's help. `roleHref` turns the role list into links (the public page: /public/help/<role>); without it only
 * the signed-in person's own role is shown.
 */
export function HelpPage({ role, roleHref, onPick }: { role: HelpRoleKey; roleHref?: (k: HelpRoleKey) => string; onPick?: (k: HelpRoleKey) => void }) {
  const { t } = useTranslation();
  const bi = useBi();
  const h = helpFor(role) ?? helpRoles[0]!;
  return (
    <div className="help-page" data-testid={`help-${h.key}`}>
      {roleHref && (
        <nav aria-label={t('help.otherRoles')} className="help-roles">
          <Typography.Text strong>{t('help.forRole')}</Typography.Text>
          <Space size={[8, 8]} wrap>
            {helpRoles.map((r) => (
              <Button
                key={r.key}
                href={roleHref(r.key)}
                type={r.key === h.key ? 'primary' : 'default'}
                aria-current={r.key === h.key ? 'page' : undefined}
                data-testid={`help-role-${r.key}`}
                onClick={(e) => {
                  if (!onPick) return;
                  e.preventDefault();
                  onPick(r.key);
                }}
              >
                {bi(r.title)}
              </Button>
            ))}
          </Space>
        </nav>
      )}
      <Typography.Title level={2} className="help-title">
        {t('help.title')} · {bi(h.title)}
      </Typography.Title>
      <Typography.Paragraph className="help-intro">{bi(h.intro)}</Typography.Paragraph>

      <Card className="help-card" title={<h3 className="help-card-title">{t('help.guide')}</h3>}>
        {h.guide.map((s, i) => (
          <Section key={i} s={s} id={`help-guide-${i}`} />
        ))}
      </Card>
      <Card className="help-card" title={<h3 className="help-card-title">{t('help.policy')}</h3>}>
        {h.policy.map((s, i) => (
          <Section key={i} s={s} id={`help-policy-${i}`} />
        ))}
      </Card>
      <Card className="help-card" title={<h3 className="help-card-title">{t('help.faq')}</h3>}>
        <dl className="help-faq">
          {h.faq.map((f, i) => (
            <div key={i}>
              <dt>{bi(f.q)}</dt>
              <dd>{bi(f.a)}</dd>
            </div>
          ))}
        </dl>
      </Card>
      <Card className="help-card" title={<h3 className="help-card-title">{t('help.hotline')}</h3>} data-testid="help-hotline">
        <Typography.Paragraph>
          <strong className="help-hotline-number">{t('help.hotlineNumber')}</strong> {t('help.hotlineName')}
        </Typography.Paragraph>
        {hotlineCommon.map((x, i) => (
          <Typography.Paragraph key={i}>{bi(x)}</Typography.Paragraph>
        ))}
        {h.hotline.map((x, i) => (
          <Typography.Paragraph key={i}>{bi(x)}</Typography.Paragraph>
        ))}
        <Button type="primary" size="large" icon={<PhoneOutlined />} href="tel:12333" data-testid="help-call">
          {t('help.call')}
        </Button>
      </Card>
      <Typography.Paragraph type="secondary" className="help-source">
        {t('help.source')}
      </Typography.Paragraph>
    </div>
  );
}
