/** The statistics routes: six tables, each also as .xlsx and .csv (same filters, same scope). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db, Queryable } from '../../db/index.js';
import { defineRoute } from '../../http/route.js';
import type { Actor } from '../identity/index.js';
import { budgetSheet, funnelSheet, headingOf, leagueSheet, sendSheet, summarySheet, tableSheet, type Sheet } from './exports.js';
import { ANALYTICS_READERS } from './policy.js';
import {
  AnalyticsQuery,
  BudgetQuery,
  BudgetSchema,
  DrillSchema,
  FunnelQuery,
  FunnelSchema,
  LeagueSchema,
  SummarySchema,
  TableQuery,
  TableSchema,
} from './schemas.js';
import * as stats from './service.js';

interface Table<Q extends z.ZodType, R extends z.ZodType> {
  name: string;
  op: string;
  summary: string;
  query: Q;
  response: R;
  read: (actor: Actor, q: Queryable, query: z.infer<Q>) => Promise<z.infer<R>>;
  sheet: (view: z.infer<R>, q: Queryable) => Promise<Sheet<unknown>>;
}

function registerTable<Q extends z.ZodType, R extends z.ZodType>(app: FastifyInstance, db: Db, t: Table<Q, R>): void {
  defineRoute(app, db, {
    method: 'GET',
    url: `/api/v1/analytics/${t.name}`,
    operationId: `analytics${t.op}`,
    summary: t.summary,
    tags: ['analytics'],
    access: ANALYTICS_READERS,
    query: t.query,
    response: t.response,
    handler: async ({ actor, q, query }) => t.read(actor, q, query as z.infer<Q>),
  });
  for (const format of ['xlsx', 'csv'] as const) {
    defineRoute(app, db, {
      method: 'GET',
      url: `/api/v1/analytics/${t.name}.${format}`,
      operationId: `exportAnalytics${t.op}${format === 'xlsx' ? 'Xlsx' : 'Csv'}`,
      summary: `${t.summary} — as .${format} (heading: scope, filters, time of export; audited)`,
      tags: ['analytics'],
      access: ANALYTICS_READERS,
      query: t.query,
      response: z.unknown().describe(`a .${format} file`),
      handler: async ({ actor, db: d, query, reply }) => {
        const view = await t.read(actor, d, query as z.infer<Q>);
        return sendSheet(actor, d, reply, await t.sheet(view, d), format, query as Record<string, unknown>);
      },
    });
  }
}

const heading = (q: Queryable, title: string, v: { scope: { label: string }; filters?: Record<string, string | number> }) =>
  headingOf(q, title, v.scope.label, v.filters ?? {});

export async function registerRoutes(app: FastifyInstance, db: Db): Promise<void> {
  registerTable(app, db, {
    name: 'summary',
    op: 'Summary',
    summary: 'Every figure (数据回流) in the caller’s scope and filters',
    query: AnalyticsQuery,
    response: SummarySchema,
    read: stats.summary,
    sheet: async (v, q) => summarySheet(v, await heading(q, '统计概览', v)),
  });
  registerTable(app, db, {
    name: 'table',
    op: 'Table',
    summary: 'The figures by one dimension (district, training district, programme, occupation, level, provider, month, category, class)',
    query: TableQuery,
    response: TableSchema,
    read: stats.table,
    sheet: async (v, q) => tableSheet(v, await heading(q, '统计表', v)),
  });
  registerTable(app, db, {
    name: 'funnel',
    op: 'Funnel',
    summary: 'The funnel issued → registered → admitted → ≥80 % attendance → assessed → passed → paid, with conversion rates',
    query: FunnelQuery,
    response: FunnelSchema,
    read: stats.funnel,
    sheet: async (v, q) => funnelSheet(v, await heading(q, '转化漏斗', v)),
  });
  registerTable(app, db, {
    name: 'league',
    op: 'League',
    summary: 'Provider league per provider × programme: pass rate, attendance, flagged check-ins, objections, completion',
    query: AnalyticsQuery,
    response: LeagueSchema,
    read: stats.league,
    sheet: async (v, q) => leagueSheet(v, await heading(q, '培训机构排行', v)),
  });
  registerTable(app, db, {
    name: 'drill',
    op: 'Drill',
    summary: 'Drill-down city → training district → provider → class (by trainingDistrictCode, then providerId)',
    query: AnalyticsQuery,
    response: DrillSchema,
    read: stats.drill,
    sheet: async (v, q) => tableSheet(v, await heading(q, '逐级下钻', v), 'analytics_drill', '逐级下钻'),
  });
  registerTable(app, db, {
    name: 'budget',
    op: 'Budget',
    summary: 'Budgets of a year by district × programme: allocated, reserved, paid, available, execution rate (执行率)',
    query: BudgetQuery,
    response: BudgetSchema,
    read: stats.budget,
    sheet: async (v, q) => budgetSheet(v, await heading(q, '预算执行', { scope: v.scope, filters: { year: v.year } })),
  });
}
