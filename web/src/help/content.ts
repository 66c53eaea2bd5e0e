/**
 * Help pages (帮助: 办事指南, 政策解读, 常见问题, 12333 热线), one per role (issue 20, part 5). Written from the
 * bureau's own bulletin (《本市全面推广职业培训券应用权威解答》 and its 便民问答 on work-injury rehabilitation) and
 * the platform's rules (DESIGN.md §3, §4, §9): each sentence describes what this platform does. Every text is
 * a pair [zh-CN, English].
 */
export type Bi = [string, string];

export interface HelpSection {
  title: Bi;
  /** numbered steps (办事指南) */
  steps?: Bi[];
  /** paragraphs */
  body?: Bi[];
}

export interface HelpRole {
  key: HelpRoleKey;
  title: Bi;
  intro: Bi;
  guide: HelpSection[];
  policy: HelpSection[];
  faq: Array<{ q: Bi; a: Bi }>;
  /** what to have ready when calling 12333, for this role */
  hotline: Bi[];
}

export type HelpRoleKey = 'worker' | 'provider' | 'enterprise' | 'assessor' | 'officer' | 'finance' | 'rehab';

/** Which help a signed-in role reads first (the auditor reads the officers' guide: it sees what they do). */
export const helpRoleOf: Record<string, HelpRoleKey> = {
  worker: 'worker',
  provider: 'provider',
  enterprise: 'enterprise',
  assessor: 'assessor',
  district_admin: 'officer',
  city_admin: 'officer',
  auditor: 'officer',
  finance: 'finance',
  committee: 'rehab',
  hospital: 'rehab',
};

/** What the bulletin says a voucher is: shared by every role's 政策解读. */
const WHAT_IS_A_VOUCHER: HelpSection = {
  title: ['什么是职业培训券', 'What a training voucher is'],
  body: [
    [
      '职业培训券依托电子社会保障卡发放，是劳动者实名、便捷享受职业技能培训服务的载体，用于培训检索报名、实名培训服务、资金监管和统计分析。',
      'The vocational training voucher is issued on the electronic social security card. It lets a worker find and join subsidised training in their own name, and lets the bureau follow the money and the figures.',
    ],
    [
      '对符合补贴培训条件的劳动者，精准发放职业技能补贴培训券；对其他劳动者发放打卡签到专用培训券，该券只用于到培训机构参加线下培训时打卡签到，不能申请补贴。',
      'Workers who meet a subsidy programme’s conditions receive a subsidy voucher; others receive a check-in-only voucher, used only to check in at offline classes, with no subsidy.',
    ],
    [
      '重点项目有四类：社会化职业技能培训、企业职工职业技能培训、职业技能提升补贴、企业新型学徒制。',
      'Four programmes come first: social vocational training, enterprise staff training, the skill-upgrade subsidy and the new-style apprenticeship.',
    ],
  ],
};

const HOTLINE_COMMON: Bi[] = [
  [
    '12333 是人力资源和社会保障部门的咨询服务电话，可咨询职业培训补贴、工伤保险等政策，也可反映办理中遇到的问题。',
    '12333 is the human resources and social security bureau’s advice line: ask about training subsidies, work-injury insurance and the other policies, or report a problem with a case.',
  ],
];

export const helpRoles: HelpRole[] = [
  {
    key: 'worker',
    title: ['劳动者', 'Workers'],
    intro: [
      '用电子社保卡登录，即可查看和申领培训券、报名课程、上课签到、查看考核结果和补贴到账情况。',
      'Sign in with your electronic social security card to see and apply for vouchers, register for a course, check in to classes and follow your result and your subsidy.',
    ],
    guide: [
      {
        title: ['一、领取培训券', '1. Get a voucher'],
        steps: [
          ['打开“申领”，输入想学的职业（工种）名称并选择等级，提交。', 'Open “Apply”, type the occupation you want to learn, pick the level and submit.'],
          [
            '符合补贴条件的，发放职业技能补贴培训券，页面显示补贴比例和有效期；不符合的，可领取打卡签到专用培训券，并说明原因。',
            'If you meet a subsidy programme’s conditions you get a subsidy voucher, with its ratio and validity shown; if not, the reason is shown and you can take a check-in-only voucher.',
          ],
          ['已领的券在“我的培训券”中查看。', 'Your vouchers are under “My vouchers”.'],
        ],
      },
      {
        title: ['二、报名课程', '2. Register for a course'],
        steps: [
          ['在“找课程”中按职业、区或机构查找正在招生的班级。', 'Find a class open for registration under “Courses”, by occupation, district or provider.'],
          ['点“报名”，选择要使用的培训券。', 'Press “Register” and choose the voucher to use.'],
          [
            '到培训机构报名时出示培训券二维码（在券的详情中点“出示二维码”，二维码每 60 秒自动刷新），机构扫码核验后录取。',
            'At the provider, show the voucher’s QR code (open the voucher and press “Show QR code”; it renews every 60 seconds). The provider scans it and admits you.',
          ],
        ],
      },
      {
        title: ['三、上课签到', '3. Check in to each class'],
        steps: [
          ['每次上课前打开“我的培训”，找到当天的课次。', 'Before each class open “My training” and find today’s session.'],
          [
            '在签到时间内（默认开课前 60 分钟到开课后 15 分钟）、在授课地点范围内点“签到”，并允许手机定位。',
            'Inside the check-in window (by default 60 minutes before to 15 minutes after the start) and at the training site, press “Check in” and allow the phone to share its location.',
          ],
          ['每个课次签到一次即可，重复点击不会重复计算。', 'One check-in per session is enough; pressing again does not count twice.'],
        ],
      },
      {
        title: ['四、考核与补贴', '4. Assessment and subsidy'],
        steps: [
          [
            '培训结束后参加考核鉴定，结果和证书在“结果与补贴”中查看。',
            'After the training you sit the assessment; the result and certificate appear under “Results”.',
          ],
          [
            '符合条件的补贴自动核算，公示 5 个工作日后拨付到您社保卡关联的银行账户（部分项目按规定拨付给培训机构或企业）。',
            'A subsidy that meets the rules is computed automatically, published for 5 working days, then paid to the bank account linked to your social security card (some programmes pay the provider or the enterprise instead).',
          ],
          ['补贴发放后，培训券自动结算核销。', 'Once the subsidy is paid, the voucher is settled automatically.'],
        ],
      },
    ],
    policy: [
      WHAT_IS_A_VOUCHER,
      {
        title: ['补贴怎么算', 'How the subsidy is computed'],
        body: [
          [
            '补贴金额 = 培训项目补贴标准 × 您享受的补贴比例，且不超过实际培训费。以职业技能提升补贴为例：五级 1,500 元、四级 2,000 元、三级 2,500 元、二级 3,000 元、一级 3,500 元；紧缺职业上浮 30%。',
            'Subsidy = the programme’s standard × your ratio, never more than the fee. For the skill-upgrade subsidy: level 5 ¥1,500, level 4 ¥2,000, level 3 ¥2,500, level 2 ¥3,000, level 1 ¥3,500; shortage occupations +30 %.',
          ],
          [
            '登记失业人员、协保人员、农村富余劳动力、残疾人和退役 5 年内的军人按 100% 补贴；在职职工按 80%；毕业学年的高校学生取得中级（四级）及以上证书按 80%。',
            'Registered unemployed people, persons under a retained-insurance agreement, former rural surplus labour, disabled people and veterans within 5 years of discharge receive 100 %; employed workers 80 %; graduating college students with a level-4 (intermediate) or higher certificate 80 %.',
          ],
        ],
      },
      {
        title: ['享受条件和限制', 'Conditions and limits'],
        body: [
          [
            '按时录取、出勤达到项目要求（默认不少于 80% 的课次）、考核合格并取得证书，方可享受补贴。',
            'You must be admitted on time, attend enough sessions (by default at least 80 %) and pass the assessment with a certificate.',
          ],
          [
            '同一职业同一等级只补贴一次；取得高等级后不再补贴同一职业的低等级；每人每年最多享受 2 次（学生 1 次）。',
            'The same occupation and level is subsidised once; never a lower level after a higher one of the same occupation; at most 2 subsidies a year (students 1).',
          ],
          [
            '培训券有有效期（默认自发放起 3 个月），逾期未使用的自动作废；培训券实名使用，不能转让。',
            'A voucher is valid for a set time (by default 3 months from issue); unused, it voids itself. It is in your name and cannot be transferred.',
          ],
        ],
      },
    ],
    faq: [
      {
        q: ['在哪里能查到我的培训券？', 'Where can I see my vouchers?'],
        a: [
          '在本平台“我的培训券”中查看；也可以在上海人社APP、微信电子社保卡小程序、支付宝电子社保卡等电子社保卡客户端查询。',
          'Under “My vouchers” here, and in the Shanghai HRSS app or the electronic social security card in WeChat or Alipay.',
        ],
      },
      {
        q: ['签到失败怎么办？', 'My check-in failed. What now?'],
        a: [
          '请确认在签到时间内、人在授课地点，并已允许手机定位；定位误差过大（超过 100 米）时请到室外或窗边再试。签到异常会交由区人社部门复核，不会被直接删除。',
          'Check that you are inside the window, at the training site, and that the phone may share its location; if the position is too rough (over 100 m), try near a window. A check-in that looks unusual is reviewed by the district bureau, never silently dropped.',
        ],
      },
      {
        q: ['我的补贴什么时候到账？', 'When will the subsidy arrive?'],
        a: [
          '考核合格后补贴自动核算，审核通过后公示 5 个工作日，公示结束后随代发批次拨付，进度在“结果与补贴”中查看。',
          'After you pass, the subsidy is computed, approved, published for 5 working days and then paid with the next payment batch; follow it under “Results”.',
        ],
      },
      {
        q: ['补贴发放失败怎么办？', 'The payment failed. What should I do?'],
        a: [
          '多为银行账户信息有误或账户状态异常。请核对社保卡关联的银行账户，账户更正后补贴会重新发放，不会重复发放。',
          'Usually the bank account is wrong or not usable. Check the account linked to your social security card; once it is corrected the subsidy is paid again, never twice.',
        ],
      },
      {
        q: ['培训券过期了还能用吗？', 'Can I still use an expired voucher?'],
        a: ['不能。过期的培训券自动作废，可以在“申领”中重新申请。', 'No. An expired voucher is void; you can apply again under “Apply”.'],
      },
    ],
    hotline: [
      [
        '致电时请准备：您的姓名、身份证号、培训券券号（在券的详情中查看）。',
        'Have ready: your name, ID number and the voucher number (on the voucher’s page).',
      ],
    ],
  },
  {
    key: 'provider',
    title: ['培训机构', 'Training providers'],
    intro: [
      '社会化培训机构、职业院校和高技能人才培训基地在本平台维护场地、课程和班级，核验培训券、录取补贴学员、完成开班反馈和学员注册，并跟踪签到。',
      'Training bodies, vocational colleges and high-skill bases keep their venues, courses and classes here, read vouchers, admit subsidised trainees, file the opening report and the roster, and follow attendance.',
    ],
    guide: [
      {
        title: ['一、准备开班', '1. Before a class'],
        steps: [
          ['在“培训场地”中登记授课地点和签到范围（半径）。', 'Record the training site and its check-in radius under “Venues”.'],
          ['在“课程”中登记课程，在“班级”中建立班级和课次。', 'Add the course under “Courses”, then the class and its sessions under “Classes”.'],
        ],
      },
      {
        title: ['二、核验培训券、录取学员', '2. Read vouchers and admit trainees'],
        steps: [
          [
            '学员报名时，用扫码读取其培训券二维码，或输入券号和学员身份证号核验。',
            'When a trainee registers, scan the voucher’s QR code, or type the voucher number and the trainee’s ID number.',
          ],
          ['核验通过后完成补贴学员录取。', 'Once verified, admit the trainee as a subsidised trainee.'],
        ],
      },
      {
        title: ['三、开班反馈和学员注册', '3. Opening report and roster'],
        steps: [
          [
            '须在开班 3 天前（开班日前第三天 23:59:59 之前，上海时间）完成开班反馈和学员注册；逾期系统不再受理，补贴学员录取同时截止。',
            'File the opening report and the roster no later than 23:59:59 (Shanghai time) of the day three days before the class starts; after that they are refused and subsidised admissions close.',
          ],
        ],
      },
      {
        title: ['四、培训和签到', '4. Training and check-in'],
        steps: [
          [
            '学员每次上课前在授课地点范围内用电子社保卡签到，机构在班级详情中查看出勤。',
            'Trainees check in before each session at the site; you follow attendance on the class page.',
          ],
          [
            '同一设备为多人签到、坐标完全相同等异常会被标记，交区人社部门复核。',
            'Unusual patterns — one device for several trainees, identical coordinates — are flagged for the district bureau to review.',
          ],
        ],
      },
    ],
    policy: [
      WHAT_IS_A_VOUCHER,
      {
        title: ['机构要做什么', 'What the provider must do'],
        body: [
          [
            '培训实施机构开展职业技能培训，应使用职业培训券定制发放、使用及验证、培训打卡签到等功能。',
            'A provider running subsidised training uses the voucher’s functions: customised issuance, reading and verification, and check-in.',
          ],
          [
            '补贴按考核结果自动核验；按项目规定，补贴拨付给学员本人、培训机构或企业的银行账户。',
            'The subsidy is checked automatically from the assessment result and paid, by programme, to the trainee, the provider or the enterprise.',
          ],
          [
            '调查期间机构可能被暂停：暂停期间不能开班，也不能录取学员。',
            'During an investigation a provider may be suspended: it can then open no class and admit no one.',
          ],
        ],
      },
    ],
    faq: [
      {
        q: ['扫码提示培训券不可用？', 'The scan says the voucher cannot be used.'],
        a: [
          '可能券已过期、已被其他班级录取，或本机构未获准开展该项目、该职业的培训。二维码 60 秒刷新，请让学员重新出示。',
          'The voucher may have expired or be admitted elsewhere, or your organisation is not approved for that programme and occupation. The QR code renews every 60 seconds: ask for a fresh one.',
        ],
      },
      {
        q: ['开班反馈逾期了怎么办？', 'We missed the opening-report deadline.'],
        a: [
          '逾期后系统拒绝提交，该班级不能再录取补贴学员。请调整开班日期或咨询区人社部门。',
          'After the deadline the report is refused and the class admits no more subsidised trainees. Move the start date or ask the district bureau.',
        ],
      },
      {
        q: ['学员对签到异常有疑问？', 'A trainee disputes a flagged check-in.'],
        a: ['异常签到由区人社部门复核决定，复核结果计入出勤。', 'The district bureau reviews flags; its decision counts in the attendance.'],
      },
    ],
    hotline: [['致电时请准备：机构名称、统一社会信用代码、班级名称。', 'Have ready: your organisation’s name, its unified social credit code and the class.']],
  },
  {
    key: 'enterprise',
    title: ['企业', 'Enterprises'],
    intro: [
      '企业可为本单位职工定制发放培训券，开展企业职工培训（含线上培训和企业新型学徒制），发布就业岗位，并跟进职工的工伤康复。',
      'An enterprise can issue vouchers to its own staff (customised issuance) for staff training, online training and the new-style apprenticeship, post jobs and follow its injured employees’ rehabilitation.',
    ],
    guide: [
      {
        title: ['一、定制发放培训券', '1. Customised issuance'],
        steps: [
          ['在“定制发放”中下载名单模板。', 'Under “Customised issuance”, download the list template.'],
          ['按模板填写职工姓名和身份证号等信息，上传名单。', 'Fill in your staff’s names and ID numbers as the template asks and upload it.'],
          [
            '系统逐行核验，有误的行会注明原因；核验通过的职工收到培训券。',
            'Each line is checked and the wrong ones say why; the staff on valid lines receive vouchers.',
          ],
        ],
      },
      {
        title: ['二、补贴到账', '2. Subsidy received'],
        steps: [
          [
            '在“补贴到账”中查看拨付给本企业的补贴和使用本企业定制培训券的补贴申请：职工、职业等级、培训机构、金额、状态和到账日期，页面上方是已拨付合计。',
            'Under “Subsidy received”, see the subsidies paid to your enterprise and the claims on your customised vouchers: employee, occupation and level, provider, amount, state and the day paid, with the total paid at the top.',
          ],
        ],
      },
      {
        title: ['三、就业岗位', '3. Job postings'],
        steps: [
          [
            '在“就业岗位”中发布岗位，平台按证书和培训向劳动者推荐。',
            'Post jobs under “Job postings”; the platform recommends them to workers by certificate and training.',
          ],
        ],
      },
      {
        title: ['四、工伤康复', '4. Work-injury rehabilitation'],
        steps: [
          [
            '在“工伤认定”“康复申请与住院”中查看本单位职工的认定和康复进度。',
            'Follow your employees’ recognitions and cases under “Injury recognitions” and “Rehab cases”.',
          ],
        ],
      },
    ],
    policy: [
      WHAT_IS_A_VOUCHER,
      {
        title: ['企业培训', 'Enterprise training'],
        body: [
          [
            '企业利用地方教育附加专项资金自行组织开展职工职业技能培训，受疫情影响开展线上职工培训的，起步阶段先使用职业培训券定制发放等基本功能。',
            'An enterprise training its staff with the local education surcharge fund, including online training, starts with the voucher’s basic functions such as customised issuance.',
          ],
          [
            '企业新型学徒制按人按年补贴，最长 2 年，补贴拨付给企业。',
            'The new-style apprenticeship is subsidised per person per year, for at most 2 years, and paid to the enterprise.',
          ],
        ],
      },
    ],
    faq: [
      {
        q: ['名单中有的职工没有收到券？', 'Some staff on the list got no voucher.'],
        a: [
          '请查看该行的核验结果：未通过核验的行（例如身份证号有误）会注明原因，改正后可以重新上传。',
          'Look at that line’s result: a line that failed a check (a wrong ID number, for example) says why; correct it and upload again.',
        ],
      },
      {
        q: ['职工可以把券转给别人吗？', 'Can staff pass a voucher to someone else?'],
        a: ['不可以，培训券实名发放，不能转让。', 'No. Vouchers are in the holder’s name and cannot be transferred.'],
      },
    ],
    hotline: [['致电时请准备：企业名称、统一社会信用代码。', 'Have ready: the enterprise’s name and unified social credit code.']],
  },
  {
    key: 'assessor',
    title: ['评价机构', 'Assessment bodies'],
    intro: [
      '评价（鉴定）机构为分配给本机构的班级录入考核鉴定结果和证书，结果是补贴自动核验的依据。',
      'An assessment body records the results and certificates of the classes assigned to it; the subsidy is checked from these results.',
    ],
    guide: [
      {
        title: ['一、录入考核结果', '1. Record results'],
        steps: [
          ['在“考核结果”中找到分配给本机构的班级。', 'Find the classes assigned to you under “Assessment results”.'],
          ['为每名学员录入合格或不合格；合格的录入证书编号。', 'Record pass or fail for each trainee, and the certificate number for a pass.'],
          ['结果提交后，合格学员的补贴申请自动生成并核验。', 'Once recorded, a passing trainee’s subsidy claim is created and checked automatically.'],
        ],
      },
      {
        title: ['二、证书', '2. Certificates'],
        steps: [
          [
            '在“证书库”“证书查询”中查看和核对已录入的证书；任何人可在公开的证书查询页核验证书。',
            'See and check certificates under “Certificate registry” and “Certificate lookup”; anyone can verify a certificate on the public lookup page.',
          ],
        ],
      },
    ],
    policy: [
      WHAT_IS_A_VOUCHER,
      {
        title: ['考核与补贴', 'Assessment and subsidy'],
        body: [
          [
            '根据补贴对象考核鉴定结果，对符合补贴发放条件的自动核验职业培训券，按项目补贴标准和补贴比例核准应发金额。',
            'From the assessment result, vouchers that meet the conditions are checked automatically and the amount set from the programme’s standard and the person’s ratio.',
          ],
          ['考核不合格的，培训券关闭，不予补贴。', 'A failed assessment closes the voucher with no subsidy.'],
        ],
      },
    ],
    faq: [
      {
        q: ['看不到某个班级？', 'A class is missing from my list.'],
        a: ['班级须先由区人社部门分配给本机构。', 'The district bureau must first assign the class to your organisation.'],
      },
      {
        q: ['结果录错了怎么办？', 'I recorded a wrong result.'],
        a: ['请联系区人社部门核实处理，所有更改都记入审计日志。', 'Ask the district bureau; every change is kept in the audit log.'],
      },
    ],
    hotline: [['致电时请准备：机构名称、班级名称、学员姓名。', 'Have ready: your organisation, the class and the trainee’s name.']],
  },
  {
    key: 'officer',
    title: ['区、市人社部门', 'District and city officers'],
    intro: [
      '区人社局办理本区的培训券发放、补贴审核、签到异常复核和统计；市人社局维护培训项目、补贴标准、比例和预算，并查看全市数据。',
      'District officers run their district’s issuance, claim review, check-in flags and statistics; the city sets programmes, standards, ratios and budgets and sees every district.',
    ],
    guide: [
      {
        title: ['一、每天的工作台', '1. The workbench'],
        steps: [
          [
            '首页工作台列出待办：待审核补贴、签到异常、异议、即将到期的开班反馈、未分配评价机构的班级、缺预算的补贴等，点击进入对应列表。',
            'The home workbench lists the to-dos — claims to review, flagged check-ins, objections, opening reports due, classes without an assessment body, claims waiting for a budget — each opening its list.',
          ],
        ],
      },
      {
        title: ['二、发放培训券', '2. Issue vouchers'],
        steps: [
          [
            '在“培训券发放”中按条件精准发放，同一批次不会重复发给同一人。',
            'Under “Voucher issuance”, issue by eligibility rules (targeted issuance); one issuance never reaches the same person twice.',
          ],
        ],
      },
      {
        title: ['三、补贴审核和公示', '3. Claim review and the public notice'],
        steps: [
          [
            '核验全部通过的补贴自动核准；未通过的进入“补贴审核”，注明原因，由您决定。',
            'Claims that pass every check are approved automatically; the others wait under “Claims review” with the reasons named.',
          ],
          [
            '核准名单公示 5 个工作日（按“公示工作日历”中的节假日计算）；公示期内的异议在“异议处理”中核实。',
            'Approved claims are published for 5 working days (holidays from the notice calendar); objections raised meanwhile are handled under “Objections”.',
          ],
          ['在“签到异常复核”中复核被标记的签到。', 'Review flagged check-ins under “Check-in flags”.'],
        ],
      },
      {
        title: ['四、统计和审计', '4. Statistics and audit'],
        steps: [
          [
            '“统计中心”按区、项目、职业、等级、机构、月份统计，每张表可导出 Excel 和 CSV。',
            'The statistics centre counts by district, programme, occupation, level, provider and month; every table exports to Excel and CSV.',
          ],
          ['“审计日志”记录每一次状态变化，可校验日志链是否完整。', 'The audit log records every change and can check that its chain is intact.'],
        ],
      },
    ],
    policy: [
      WHAT_IS_A_VOUCHER,
      {
        title: ['补贴核拨规则', 'Subsidy rules'],
        body: [
          [
            '补贴金额 = 补贴标准 × 补贴比例，不超过培训费；标准、比例、有效期在发券时固定在券上，之后的政策调整不改变已发的券。',
            'Amount = standard × ratio, at most the fee; standard, ratio and validity are fixed on the voucher when issued, so later policy changes do not rewrite it.',
          ],
          [
            '补贴须有预算：本区本项目当年预算不足时，补贴等待预算。',
            'A claim needs budget: when the district’s budget for the programme and year is exhausted, the claim waits for it.',
          ],
          [
            '数据回流：各级人社部门按各自范围查看统计，区只看本区。',
            'Statistics flow back to every level, each seeing its own scope; a district sees its district.',
          ],
        ],
      },
    ],
    faq: [
      {
        q: ['为什么看不到其他区的数据？', 'Why can’t I see another district?'],
        a: ['每个账号只能查看本级范围内的数据，其他范围的记录不会显示。', 'Every account sees only its own scope; other records are not shown.'],
      },
      {
        q: ['市、财务账号为什么要动态口令？', 'Why do city and finance accounts need a one-time code?'],
        a: [
          '按等保三级要求，这两类账号登录须通过第二重验证（动态口令）。',
          'Under the level-3 protection scheme these accounts must pass a second factor (TOTP).',
        ],
      },
    ],
    hotline: [
      ['群众来电反映的问题，可在“人员信息”中查询本人的培训档案核实。', 'For a caller’s question, look up the person’s training record under “Persons”.'],
    ],
  },
  {
    key: 'finance',
    title: ['财务人员', 'Finance officers'],
    intro: [
      '财务人员把公示期满的补贴组成代发批次，经另一人审批后生成银行文件，导入银行回单，处理发放失败。',
      'Finance officers put claims whose notice has ended into payment batches, have another person approve them, send the bank file, import the bank’s results and handle failed payments.',
    ],
    guide: [
      {
        title: ['一、代发批次', '1. Payment batches'],
        steps: [
          ['在“代发批次”中用公示期满的已核准补贴生成批次。', 'Under “Disbursement batches”, build a batch from approved claims whose notice has ended.'],
          ['批次须由另一名财务人员审批（制单与复核分离）。', 'Another finance officer must approve the batch (maker–checker).'],
          ['审批后下载银行代发文件（标准支付报文或代发表格）。', 'Once approved, download the bank file (ISO 20022 pain.001 or the CSV sheet).'],
        ],
      },
      {
        title: ['二、银行回单', '2. Bank results'],
        steps: [
          [
            '导入银行回单（标准回单报文或表格）：成功的补贴到账、培训券结算核销；失败的注明原因。',
            'Import the results (camt.054 or CSV): paid claims settle their vouchers; failed ones keep the reason.',
          ],
          [
            '账户更正后，失败的补贴重新进入待发放，任何补贴都不会重复支付。',
            'Once the account is corrected the failed claim is queued again; nothing is ever paid twice.',
          ],
        ],
      },
    ],
    policy: [
      {
        title: ['资金拨付', 'Paying the subsidy'],
        body: [
          [
            '培训补贴资金审核通过后，按规定直接拨付到补贴对象本人、培训实施机构或企业银行账户；应补贴到个人的，原则上拨付到其社保卡关联银行账户。',
            'Once approved, the subsidy is paid to the person, the provider or the enterprise as the programme says; a person is paid into the bank account linked to their social security card.',
          ],
          ['补贴发放后，职业培训券自动结算核销。', 'After payment the voucher is settled automatically.'],
          [
            '资金来源包括就业补助资金、失业保险基金、地方教育附加专项资金，预算台账按来源记录。',
            'Funds come from the employment subsidy fund, the unemployment insurance fund and the local education surcharge fund; the ledger keeps them apart.',
          ],
        ],
      },
    ],
    faq: [
      {
        q: ['为什么不能审批自己制作的批次？', 'Why can’t I approve my own batch?'],
        a: ['制单与复核须由不同人完成，防止差错和舞弊。', 'Making and approving must be done by different people, against errors and fraud.'],
      },
      {
        q: ['同一回单导入两次会重复入账吗？', 'Does importing a bank file twice pay twice?'],
        a: ['不会，每笔补贴只会记为一次到账。', 'No. Each claim is marked paid once.'],
      },
    ],
    hotline: [['致电时请准备：批次号、银行回单日期。', 'Have ready: the batch number and the date of the bank’s file.']],
  },
  {
    key: 'rehab',
    title: ['劳鉴委、康复医院', 'Committee and rehabilitation hospitals'],
    intro: [
      '住院工伤康复：工伤职工在停工留薪期内提出申请，市劳动能力鉴定委员会根据伤情和本人意愿确定康复医院，定点医院办理入院和出院。',
      'Inpatient work-injury rehabilitation: the injured worker applies inside the paid injury-leave period, the city’s work-ability appraisal committee chooses the hospital from the injury and the worker’s wishes, and the designated hospital admits and discharges.',
    ],
    guide: [
      {
        title: ['一、劳鉴委', '1. The committee'],
        steps: [
          ['在“康复申请与住院”中查看待安排的申请。', 'See the applications to place under “Rehab cases”.'],
          ['结合伤情和职工填写的意愿，选定一家定点医院。', 'Choose one designated hospital, from the injury and the worker’s stated wishes.'],
        ],
      },
      {
        title: ['二、定点医院', '2. The hospital'],
        steps: [
          ['在“康复申请与住院”中查看安排到本院的职工。', 'See the workers placed with your hospital under “Rehab cases”.'],
          ['办理入院，康复结束后办理出院。', 'Record the admission, and the discharge when rehabilitation ends.'],
        ],
      },
    ],
    policy: [
      {
        title: ['申请条件', 'Who may apply'],
        body: [
          [
            '经本市区人力资源和社会保障局认定为工伤或视同工伤，且在停工留薪期内；病种属于国家《工伤康复服务规范（试行）》规定的 9 个病种之一：颅脑损伤、骨折、脊柱脊髓损伤、手外伤、截肢、关节和软组织损伤、烧伤、周围神经损伤、持续植物状态。',
            'The injury is recognised or deemed a work injury by a district bureau, the application falls inside the paid injury-leave period, and the condition is one of the nine of the national norm: brain injury, fracture, spine and spinal-cord injury, hand injury, amputation, joint and soft-tissue injury, burns, peripheral nerve injury, persistent vegetative state.',
          ],
        ],
      },
      {
        title: ['定点机构', 'Designated hospitals'],
        body: [
          [
            '本市住院工伤康复定点机构有 7 家，均为二级以上医院：岳阳中西医结合医院、徐汇区中心医院、第八人民医院、上海市第一康复医院、上海市养志康复医院、上海中冶医院、上海安达医院。',
            'Shanghai has seven designated hospitals, all grade II or above: Yueyang Hospital of Integrated Medicine, Xuhui Central Hospital, the Eighth People’s Hospital, Shanghai First Rehabilitation Hospital, Shanghai Yangzhi Rehabilitation Hospital, Shanghai Zhongye Hospital and Shanghai Anda Hospital.',
          ],
          [
            '工伤人员在哪家康复机构进行康复，由市劳鉴委根据其伤情和意愿确定。',
            'The committee decides which hospital, from the injury and the worker’s wishes.',
          ],
        ],
      },
    ],
    faq: [
      {
        q: ['停工留薪期已过还能申请吗？', 'Can a worker apply after the leave period?'],
        a: ['不能，系统会说明不符合的原因。', 'No; the platform names the reason.'],
      },
      {
        q: ['职业病能申请住院工伤康复吗？', 'Can an occupational disease qualify?'],
        a: [
          '只有属于 9 个病种的才可以，例如职业性尘肺不在其中。',
          'Only the nine conditions qualify; occupational pneumoconiosis, for example, is not among them.',
        ],
      },
    ],
    hotline: [['致电时请准备：职工姓名、工伤认定信息。', 'Have ready: the worker’s name and the recognition details.']],
  },
];

export const hotlineCommon = HOTLINE_COMMON;

export function helpFor(key: string | undefined): HelpRole | undefined {
  return helpRoles.find((r) => r.key === key);
}
