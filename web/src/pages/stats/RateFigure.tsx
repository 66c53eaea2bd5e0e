/** A rate's figure (出勤率, 合格率): a percentage, or '—' with a note saying why there is none — never 0.0 % for "nothing to divide by". */
import { Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export const pct = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);

/** The rates whose absence has a note of its own (analytics.rateNone.<key>). */
const NOTED = new Set(['attendanceRate', 'passRate']);

export function RateFigure({ metric, value, testId }: { metric: string; value: number | null | undefined; testId: string }) {
  const { t } = useTranslation();
  const none = value === null || value === undefined;
  return (
    <div data-testid={testId} data-value={value ?? ''}>
      <Statistic title={t(`analytics.m.${metric}`)} value={pct(value)} />
      {none && NOTED.has(metric) ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`${testId}-note`}>
          {t(`analytics.rateNone.${metric}`)}
        </Typography.Text>
      ) : null}
    </div>
  );
}
