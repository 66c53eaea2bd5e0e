import type { ReactNode } from 'react';
import {
  UserOutlined,
  WalletOutlined,
  FormOutlined,
  SearchOutlined,
  ScheduleOutlined,
  TrophyOutlined,
  ProfileOutlined,
  SolutionOutlined,
  MedicineBoxOutlined,
  CalculatorOutlined,
  AuditOutlined,
  BellOutlined,
  QuestionCircleOutlined,
} from '@ant-design/icons';
import { MyProfilePage } from '../pages/worker/Profile';
import { MyVouchersPage, VoucherDetailPage } from '../pages/worker/Vouchers';
import { ApplyPage } from '../pages/worker/Apply';
import { CourseSearchPage } from '../pages/worker/Courses';
import { MyTrainingPage } from '../pages/worker/Training';
import { MyResultsPage } from '../pages/worker/Results';
import { WorkerJobsPage } from '../pages/jobs/WorkerJobs';
import { MyRecordPage } from '../pages/worker/Record';
import { WorkerApplyPage, WorkerCasePage, WorkerRehabPage } from '../pages/rehab/Worker';
import { PrecheckPage } from '../pages/worker/Precheck';
import { MyAppealsPage, NewAppealPage, APPEAL_KINDS } from '../pages/appeals/Worker';
import { InboxPage } from '../pages/messages/Inbox';
import { WorkerHelpPage } from '../help/pages';

export interface WorkerRoute {
  path: string;
  name: string;
  icon: ReactNode;
  ops: string[];
  tab?: boolean;
  match?: (path: string) => boolean;
  render: (path: string) => ReactNode;
}

export const workerRoutes: WorkerRoute[] = [
  { path: '/vouchers', name: 'menu.vouchers', icon: <WalletOutlined />, ops: ['listMyVouchers'], tab: true, render: () => <MyVouchersPage /> },
  {
    path: '/vouchers/:id',
    name: 'menu.voucher',
    icon: <WalletOutlined />,
    ops: ['getVoucher', 'createVoucherQrToken'],
    match: (p) => /^\/vouchers\/[0-9a-f-]{36}$/.test(p),
    render: (p) => <VoucherDetailPage id={p.split('/')[2]!} />,
  },
  { path: '/apply', name: 'menu.apply', icon: <FormOutlined />, ops: ['applyForVoucher', 'searchOccupations'], tab: true, render: () => <ApplyPage /> },
  {
    path: '/courses',
    name: 'menu.courses.worker',
    icon: <SearchOutlined />,
    ops: ['searchCourses', 'registerForClass'],
    tab: true,
    render: () => <CourseSearchPage />,
  },
  {
    path: '/training',
    name: 'menu.training.worker',
    icon: <ScheduleOutlined />,
    ops: ['listMyRegistrations', 'getClassAttendance', 'checkIn'],
    tab: true,
    render: () => <MyTrainingPage />,
  },
  {
    path: '/results',
    name: 'menu.results.worker',
    icon: <TrophyOutlined />,
    ops: ['myCertificates', 'listClaims'],
    tab: true,
    render: () => <MyResultsPage />,
  },
  // 终身电子培训档案 (issue 19)
  {
    path: '/record',
    name: 'menu.record.worker',
    icon: <ProfileOutlined />,
    ops: ['getMyRecord', 'downloadMyRecordPdf'],
    // reached from 我的 (the bottom bar keeps six tabs on a 390 px phone)
    tab: false,
    render: () => <MyRecordPage />,
  },
  { path: '/jobs', name: 'menu.jobs.worker', icon: <SolutionOutlined />, ops: ['recommendJobs', 'searchJobs'], tab: false, render: () => <WorkerJobsPage /> },
  // issue 18: 工伤康复 (eligibility, apply, the case and its timeline)
  {
    path: '/rehab',
    name: 'menu.rehab.worker',
    icon: <MedicineBoxOutlined />,
    ops: ['listInjuryRecognitions', 'listRehabCases'],
    tab: true,
    render: () => <WorkerRehabPage />,
  },
  {
    path: '/rehab/apply',
    name: 'menu.rehabApply',
    icon: <MedicineBoxOutlined />,
    ops: ['getInjuryRecognition', 'applyForRehab', 'listRehabHospitals'],
    match: (p) => p === '/rehab/apply',
    render: () => <WorkerApplyPage />,
  },
  {
    path: '/rehab/cases/:id',
    name: 'menu.rehabCase',
    icon: <MedicineBoxOutlined />,
    ops: ['getRehabCase'],
    match: (p) => /^\/rehab\/cases\/[0-9a-f-]{36}$/.test(p),
    render: (p) => <WorkerCasePage id={p.split('/')[3]!} />,
  },
  // issue 20 §4: 我能领吗？补多少？ (from the apply page and a course's card: ?courseId=…)
  {
    path: '/precheck',
    name: 'menu.precheck',
    icon: <CalculatorOutlined />,
    ops: ['precheckSubsidy'],
    tab: false,
    render: () => <PrecheckPage key={location.search} />,
  },
  // issue 20 §3: 申诉 — 我的申诉 (reached from 我的) and the form behind each refusal's "申诉" button
  { path: '/appeals', name: 'menu.appeals.worker', icon: <AuditOutlined />, ops: ['listMyAppeals'], tab: false, render: () => <MyAppealsPage /> },
  {
    path: '/appeals/new/:kind/:id',
    name: 'menu.appealNew',
    icon: <AuditOutlined />,
    ops: ['submitAppeal'],
    match: (p) => /^\/appeals\/new\/[a-z_]+\/[0-9a-f-]{36}$/.test(p) && (APPEAL_KINDS as readonly string[]).includes(p.split('/')[3]!),
    render: (p) => <NewAppealPage kind={p.split('/')[3] as (typeof APPEAL_KINDS)[number]} objectId={p.split('/')[4]!} />,
  },
  // issue 20: 我的消息 (站内信), from the header's bell and from 我的
  {
    path: '/messages',
    name: 'menu.messages',
    icon: <BellOutlined />,
    ops: ['listInbox', 'markMessageRead', 'markAllMessagesRead'],
    tab: false,
    render: () => <InboxPage routes={workerRoutes} settingsPath="/me" mobile />,
  },
  { path: '/me', name: 'menu.me', icon: <UserOutlined />, ops: ['getMyPerson'], tab: false, render: () => <MyProfilePage /> },
  // issue 20: 帮助 (办事指南, 政策解读, FAQ, 12333), reached from 我的
  { path: '/help', name: 'menu.help', icon: <QuestionCircleOutlined />, ops: [], tab: false, render: () => <WorkerHelpPage /> },
];

export function workerRoutesFor(ops: Set<string>): WorkerRoute[] {
  const list = workerRoutes.filter((r) => r.ops.every((o) => ops.has(o)));
  // the first tab doubles as the worker's home ('/')
  const home = list.find((r) => r.tab);
  return list.map((r) => (r === home ? { ...r, match: (p: string) => p === '/' || p === r.path } : r));
}
