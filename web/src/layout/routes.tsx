import type { ReactNode } from 'react';
import {
  AuditOutlined,
  UnorderedListOutlined,
  BarChartOutlined,
  BankOutlined,
  DatabaseOutlined,
  WarningOutlined,
  MoneyCollectOutlined,
  SendOutlined,
  UploadOutlined,
  EnvironmentOutlined,
  ReadOutlined,
  ScheduleOutlined,
  HomeOutlined,
  PercentageOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  WalletOutlined,
  ApartmentOutlined,
  CalendarOutlined,
  NotificationOutlined,
  AccountBookOutlined,
  SearchOutlined,
  SolutionOutlined,
  FileDoneOutlined,
  StarOutlined,
  MedicineBoxOutlined,
  FundOutlined,
  BellOutlined,
  MessageOutlined,
  ExperimentOutlined,
  ExclamationCircleOutlined,
  QuestionCircleOutlined,
} from '@ant-design/icons';
import type { Role } from '../lib/session';
import { PersonsPage } from '../pages/admin/Persons';
import { PersonRecordPage } from '../pages/admin/PersonRecord';
import { ProgrammesPage } from '../pages/admin/Programmes';
import { RatiosPage } from '../pages/admin/Ratios';
import { BudgetsPage } from '../pages/admin/Budgets';
import { AuditPage } from '../pages/audit/AuditLog';
import { AccountPage } from '../pages/Account';
import { HomePage } from '../pages/Home';
import { IssuancesPage } from '../pages/issuance/Issuances';
import { ResultsPage } from '../pages/assessment/Results';
import { CertificateRegistryPage } from '../pages/assessment/CertificateRegistry';
import { AssignmentsPage } from '../pages/assessment/Assignments';
import { ClaimsPage } from '../pages/subsidy/Claims';
import { FlagsPage } from '../pages/subsidy/Flags';
import { BatchesPage } from '../pages/subsidy/Batches';
import { VenuesPage } from '../pages/provider/Venues';
import { CoursesPage } from '../pages/provider/Courses';
import { ClassesPage } from '../pages/provider/Classes';
import { ClassDetailPage } from '../pages/provider/ClassDetail';
import { OrgsPage } from '../pages/admin/Orgs';
import { VoucherLookupPage } from '../pages/admin/VoucherLookup';
import { VouchersPage } from '../pages/admin/Vouchers';
import { VoucherStatsPage } from '../pages/admin/VoucherStats';
import { LedgerPage } from '../pages/subsidy/Ledger';
import { CalendarPage } from '../pages/subsidy/Calendar';
import { NoticesPage } from '../pages/subsidy/Notices';
import { CertificateLookupPage } from '../pages/public/CertificateLookup';
import { EvaluationPage, ProviderRatingsPage } from '../pages/evaluation/Evaluation';
import { PostingsPage } from '../pages/jobs/Postings';
import { RecognitionsPage } from '../pages/rehab/Recognitions';
import { RehabCasePage, RehabCasesPage } from '../pages/rehab/Cases';
import { StatsCentrePage } from '../pages/stats/StatsCentre';
import { ObjectionsPage } from '../pages/subsidy/Objections';
import { ServiceRatingsPage } from '../pages/admin/ServiceRatings';
import { RehabStatsPage } from '../pages/rehab/Stats';
import { AppealsPage } from '../pages/appeals/Officer';
import { MyAppealsPage, NewAppealPage } from '../pages/appeals/Worker';
import { InboxPage } from '../pages/messages/Inbox';
import { SmsSimulatorPage } from '../pages/messages/SmsSimulator';
import { DeadLettersPage } from '../pages/messages/DeadLetters';
import { StaffHelpPage } from '../help/pages';
import { SubsidyReceivedPage } from '../pages/enterprise/SubsidyReceived';

export interface StaffRoute {
  path: string;
  name: string;
  icon: ReactNode;
  roles: Role[];
  /** operationIds the page needs: it is shown only when the running server offers them all. */
  ops: string[];
  element?: ReactNode;
  group?: string;
  /** a detail route (not in the menu): matches a path pattern and renders from it */
  match?: (path: string) => boolean;
  render?: (path: string) => ReactNode;
}

const ADMINS: Role[] = ['city_admin', 'district_admin'];

export const staffRoutes: StaffRoute[] = [
  {
    path: '/',
    name: 'menu.home',
    icon: <HomeOutlined />,
    roles: ['provider', 'enterprise', 'assessor', 'district_admin', 'city_admin', 'finance', 'auditor', 'committee', 'hospital'],
    ops: [],
    element: <HomePage />,
  },
  {
    path: '/stats',
    name: 'menu.statsCentre',
    icon: <FundOutlined />,
    roles: ['city_admin', 'district_admin', 'auditor', 'finance', 'provider', 'enterprise'],
    ops: ['analyticsSummary', 'analyticsTable', 'analyticsFunnel', 'analyticsLeague', 'analyticsDrill', 'analyticsBudget'],
    element: <StatsCentrePage />,
  },
  { path: '/persons', name: 'menu.persons', icon: <TeamOutlined />, roles: [...ADMINS, 'auditor'], ops: ['searchPersons'], element: <PersonsPage /> },
  {
    path: '/persons/:id/record',
    name: 'menu.record',
    icon: <TeamOutlined />,
    roles: [...ADMINS, 'auditor'],
    ops: ['getPersonRecord', 'downloadPersonRecordPdf'],
    match: (p) => /^\/persons\/[0-9a-f-]{36}\/record$/.test(p),
    render: (p) => <PersonRecordPage personId={p.split('/')[2]!} />,
  },
  {
    path: '/catalogue/programmes',
    name: 'menu.programmes',
    icon: <DatabaseOutlined />,
    roles: [...ADMINS, 'auditor', 'finance'],
    ops: ['listProgrammes', 'listStandards'],
    element: <ProgrammesPage />,
    group: 'menu.catalogue',
  },
  {
    path: '/catalogue/ratios',
    name: 'menu.ratios',
    icon: <PercentageOutlined />,
    roles: [...ADMINS, 'auditor', 'finance'],
    ops: ['listRatios'],
    element: <RatiosPage />,
    group: 'menu.catalogue',
  },
  {
    path: '/catalogue/budgets',
    name: 'menu.budgets',
    icon: <WalletOutlined />,
    roles: [...ADMINS, 'auditor', 'finance'],
    ops: ['listBudgets', 'listDistricts'],
    element: <BudgetsPage />,
    group: 'menu.catalogue',
  },
  {
    path: '/orgs',
    name: 'menu.orgs',
    icon: <ApartmentOutlined />,
    roles: [...ADMINS, 'auditor', 'finance'],
    ops: ['listOrgs'],
    element: <OrgsPage />,
    group: 'menu.orgGroup',
  },
  {
    path: '/providers',
    name: 'menu.providers',
    icon: <SolutionOutlined />,
    roles: [...ADMINS, 'auditor'],
    ops: ['listOrgs', 'listProviderApprovals'],
    element: <OrgsPage kind="provider" />,
    group: 'menu.orgGroup',
  },
  {
    path: '/vouchers/lookup',
    name: 'menu.voucherLookup',
    icon: <SearchOutlined />,
    roles: [...ADMINS, 'auditor'],
    ops: ['findVoucherByNumber'],
    element: <VoucherLookupPage />,
  },
  {
    path: '/vouchers/list',
    name: 'menu.voucherList',
    icon: <UnorderedListOutlined />,
    roles: [...ADMINS, 'auditor'],
    ops: ['listVouchers'],
    element: <VouchersPage />,
  },
  {
    path: '/vouchers/stats',
    name: 'menu.voucherStats',
    icon: <BarChartOutlined />,
    roles: [...ADMINS, 'auditor'],
    ops: ['voucherStats'],
    element: <VoucherStatsPage />,
  },
  {
    path: '/venues',
    name: 'menu.venues',
    icon: <EnvironmentOutlined />,
    roles: ['provider'],
    ops: ['listVenues', 'createVenue'],
    element: <VenuesPage />,
    group: 'menu.training',
  },
  {
    path: '/courses',
    name: 'menu.courses',
    icon: <ReadOutlined />,
    roles: ['provider'],
    ops: ['listCourses', 'createCourse'],
    element: <CoursesPage />,
    group: 'menu.training',
  },
  {
    path: '/classes',
    name: 'menu.classes',
    icon: <ScheduleOutlined />,
    roles: ['provider', ...ADMINS, 'auditor'],
    ops: ['listClasses'],
    element: <ClassesPage />,
    group: 'menu.training',
  },
  {
    path: '/job-postings',
    name: 'menu.jobs',
    icon: <SolutionOutlined />,
    roles: ['enterprise', ...ADMINS],
    ops: ['listJobPostings', 'createJobPosting'],
    element: <PostingsPage />,
  },
  {
    path: '/evaluation',
    name: 'menu.evaluation',
    icon: <StarOutlined />,
    roles: [...ADMINS, 'auditor'],
    ops: ['getRatingCoverage'],
    element: <EvaluationPage />,
    group: 'menu.training',
  },
  {
    path: '/ratings',
    name: 'menu.evaluation.provider',
    icon: <StarOutlined />,
    roles: ['provider'],
    ops: ['listProviderRatings', 'replyToRating'],
    element: <ProviderRatingsPage />,
    group: 'menu.training',
  },
  {
    path: '/classes/:id',
    name: 'menu.class',
    icon: <ScheduleOutlined />,
    roles: ['provider', ...ADMINS, 'auditor'],
    ops: ['getClass', 'listClassSessions', 'getClassRoster'],
    match: (p) => /^\/classes\/[0-9a-f-]{36}$/.test(p),
    render: (p) => <ClassDetailPage id={p.split('/')[2]!} />,
  },
  {
    path: '/issuances',
    name: 'menu.issuances',
    icon: <SendOutlined />,
    roles: [...ADMINS, 'auditor'],
    ops: ['listIssuances', 'getIssuanceProgress', 'createIssuance', 'runIssuance'],
    element: <IssuancesPage />,
  },
  {
    path: '/custom-issuance',
    name: 'menu.customIssuance',
    icon: <UploadOutlined />,
    roles: ['enterprise', 'provider'],
    ops: ['listIssuances', 'createIssuance', 'uploadCustomIssuanceList', 'getCustomIssuanceTemplate'],
    element: <IssuancesPage />,
  },
  // 补贴到账: the enterprise's claims (paid to it, or on its customised vouchers), read-only
  {
    path: '/enterprise/subsidy',
    name: 'menu.enterpriseSubsidy',
    icon: <MoneyCollectOutlined />,
    roles: ['enterprise'],
    ops: ['listEnterpriseClaims'],
    element: <SubsidyReceivedPage />,
  },
  {
    path: '/claims',
    name: 'menu.claims',
    icon: <AuditOutlined />,
    roles: [...ADMINS, 'finance', 'auditor'],
    ops: ['listClaims', 'getClaim'],
    element: <ClaimsPage />,
    group: 'menu.subsidy',
  },
  {
    path: '/check-in-flags',
    name: 'menu.flags',
    icon: <WarningOutlined />,
    roles: ADMINS,
    ops: ['listCheckInFlags', 'decideCheckInFlag'],
    element: <FlagsPage />,
    group: 'menu.subsidy',
  },
  {
    path: '/batches',
    name: 'menu.batches',
    icon: <WalletOutlined />,
    roles: ['finance', 'city_admin', 'auditor'],
    ops: ['listDisbursementBatches', 'getDisbursementBatch'],
    element: <BatchesPage />,
    group: 'menu.subsidy',
  },
  {
    path: '/ledger',
    name: 'menu.ledger',
    icon: <AccountBookOutlined />,
    roles: ['finance', ...ADMINS, 'auditor'],
    ops: ['listBudgetAccounts'],
    element: <LedgerPage />,
    group: 'menu.subsidy',
  },
  {
    path: '/objections',
    name: 'menu.objections',
    icon: <NotificationOutlined />,
    roles: [...ADMINS, 'auditor'],
    ops: ['listObjections', 'resolveObjection'],
    element: <ObjectionsPage />,
    group: 'menu.subsidy',
  },
  // issue 20 §3: 申诉处理 (the queue, take / uphold / overturn / close)
  {
    path: '/appeals',
    name: 'menu.appeals',
    icon: <AuditOutlined />,
    roles: ADMINS,
    ops: ['listAppeals', 'takeAppeal', 'answerAppeal', 'closeAppeal'],
    element: <AppealsPage />,
  },
  {
    path: '/my-appeals',
    name: 'menu.appeals.worker',
    icon: <AuditOutlined />,
    roles: ['provider'],
    ops: ['listMyAppeals'],
    element: <MyAppealsPage />,
  },
  {
    path: '/appeals/new/:kind/:id',
    name: 'menu.appealNew',
    icon: <AuditOutlined />,
    roles: ['provider'],
    ops: ['submitAppeal'],
    match: (p) => /^\/appeals\/new\/check_in\/[0-9a-f-]{36}$/.test(p),
    render: (p) => <NewAppealPage kind="check_in" objectId={p.split('/')[4]!} />,
  },
  {
    path: '/notices',
    name: 'menu.notices',
    icon: <NotificationOutlined />,
    roles: [...ADMINS, 'finance', 'auditor'],
    ops: ['listSubsidyNotices'],
    element: <NoticesPage officer />,
    group: 'menu.subsidy',
  },
  {
    path: '/calendar',
    name: 'menu.calendar',
    icon: <CalendarOutlined />,
    roles: [...ADMINS, 'finance', 'auditor'],
    ops: ['listSubsidyCalendar'],
    element: <CalendarPage />,
    group: 'menu.subsidy',
  },
  {
    path: '/assessment/assignments',
    name: 'menu.assignments',
    icon: <FileDoneOutlined />,
    roles: ADMINS,
    ops: ['listAssessmentAssignments', 'assignAssessmentBody', 'withdrawAssessmentAssignment', 'listClasses', 'listOrgs'],
    element: <AssignmentsPage />,
  },
  {
    path: '/results',
    name: 'menu.results',
    icon: <SafetyCertificateOutlined />,
    roles: ['assessor', ...ADMINS, 'auditor'],
    ops: ['listAssessmentResults', 'recordAssessmentResult'],
    element: <ResultsPage />,
  },
  {
    path: '/certificates/registry',
    name: 'menu.certRegistry',
    icon: <SafetyCertificateOutlined />,
    roles: ['assessor', 'city_admin', 'auditor'],
    ops: ['listCertificateRegistry'],
    element: <CertificateRegistryPage />,
  },
  {
    path: '/certificates',
    name: 'menu.certLookup',
    icon: <SafetyCertificateOutlined />,
    roles: ['assessor', ...ADMINS, 'auditor', 'committee'],
    ops: ['lookupCertificate'],
    element: <CertificateLookupPage />,
  },
  // issue 18: work-injury inpatient rehabilitation (工伤康复)
  {
    path: '/rehab/recognitions',
    name: 'menu.rehabRecognitions',
    icon: <SolutionOutlined />,
    roles: ['enterprise', ...ADMINS, 'committee', 'auditor'],
    ops: ['listInjuryRecognitions'],
    element: <RecognitionsPage />,
    group: 'menu.rehab',
  },
  {
    path: '/rehab/cases',
    name: 'menu.rehabCases',
    icon: <MedicineBoxOutlined />,
    roles: ['enterprise', ...ADMINS, 'committee', 'hospital', 'auditor'],
    ops: ['listRehabCases', 'getRehabCase'],
    element: <RehabCasesPage />,
    group: 'menu.rehab',
  },
  {
    path: '/rehab/cases/:id',
    name: 'menu.rehabCase',
    icon: <MedicineBoxOutlined />,
    roles: ['enterprise', ...ADMINS, 'committee', 'hospital', 'auditor'],
    ops: ['getRehabCase'],
    match: (p) => /^\/rehab\/cases\/[0-9a-f-]{36}$/.test(p),
    render: (p) => <RehabCasePage id={p.split('/')[3]!} />,
  },
  {
    path: '/rehab/stats',
    name: 'menu.rehabStats',
    icon: <BarChartOutlined />,
    roles: ['district_admin', 'city_admin', 'committee', 'auditor'],
    ops: ['rehabStats'],
    element: <RehabStatsPage />,
    group: 'menu.rehab',
  },
  // issue 20 §3: 好差评 counts per kind of service and stars
  {
    path: '/service-ratings',
    name: 'menu.serviceRatings',
    icon: <StarOutlined />,
    roles: ['city_admin', 'district_admin', 'auditor'],
    ops: ['getServiceRatingStats'],
    element: <ServiceRatingsPage />,
  },
  // issue 20: messages — the inbox (from the bell, not in the menu), the SMS simulator, delivery failures
  {
    path: '/messages',
    name: 'menu.messages',
    icon: <BellOutlined />,
    roles: ['provider', 'enterprise', 'assessor', 'district_admin', 'city_admin', 'finance', 'auditor', 'committee', 'hospital'],
    ops: ['listInbox', 'markMessageRead', 'markAllMessagesRead'],
    match: (p) => p === '/messages',
    render: () => <InboxPage routes={staffRoutes} settingsPath="/account" />,
  },
  {
    path: '/messages/sms-simulator',
    name: 'menu.smsSimulator',
    icon: <ExperimentOutlined />,
    roles: ['city_admin', 'auditor'],
    ops: ['listSimulatedSms'],
    element: <SmsSimulatorPage />,
    group: 'menu.messagesGroup',
  },
  {
    path: '/messages/dead-letters',
    name: 'menu.deadLetters',
    icon: <ExclamationCircleOutlined />,
    roles: [...ADMINS, 'auditor'],
    ops: ['listDeadLetters'],
    element: <DeadLettersPage />,
    group: 'menu.messagesGroup',
  },
  {
    path: '/audit',
    name: 'menu.audit',
    icon: <AuditOutlined />,
    roles: ['auditor', 'city_admin', 'district_admin'],
    ops: ['listAuditEntries'],
    element: <AuditPage />,
  },
  {
    path: '/account',
    name: 'menu.account',
    icon: <SafetyCertificateOutlined />,
    roles: ['provider', 'enterprise', 'assessor', 'district_admin', 'city_admin', 'finance', 'auditor', 'committee', 'hospital'],
    ops: [],
    element: <AccountPage />,
  },
  // issue 20: 帮助 for every staff role (its own role first; /help/<role> for the others)
  {
    path: '/help',
    name: 'menu.help',
    icon: <QuestionCircleOutlined />,
    roles: ['provider', 'enterprise', 'assessor', 'district_admin', 'city_admin', 'finance', 'auditor', 'committee', 'hospital'],
    ops: [],
    match: (p) => p === '/help' || /^\/help\/[a-z]+$/.test(p),
    render: (p) => <StaffHelpPage path={p} />,
  },
];

export const groupIcons: Record<string, ReactNode> = {
  'menu.catalogue': <BankOutlined />,
  'menu.training': <ScheduleOutlined />,
  'menu.subsidy': <MoneyCollectOutlined />,
  'menu.orgGroup': <ApartmentOutlined />,
  'menu.rehab': <MedicineBoxOutlined />,
  'menu.messagesGroup': <MessageOutlined />,
};

export function routesFor(role: Role, ops: Set<string>): StaffRoute[] {
  return staffRoutes.filter((r) => r.roles.includes(role) && r.ops.every((o) => ops.has(o)));
}
