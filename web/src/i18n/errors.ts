/**
 * Every API error `code` (src/lib/errors.ts ErrorCodes, plus field-level validation codes) as a sentence in
 * zh-CN and English. tests/web/errors-catalogue.test.ts checks that no server code is missing here.
 */
export const errorMessages: Record<string, { zh: string; en: string }> = {
  // generic
  VALIDATION_FAILED: { zh: '输入有误，请检查标出的字段。', en: 'Some input is not valid; please check the marked field.' },
  MALFORMED_JSON: { zh: '请求格式不正确。', en: 'The request was not well-formed.' },
  UNSUPPORTED_MEDIA_TYPE: {
    zh: '不支持该文件类型，请上传 CSV 或 Excel（.xlsx）文件。',
    en: 'This file type is not supported; upload a CSV or Excel (.xlsx) file.',
  },
  PAYLOAD_TOO_LARGE: { zh: '文件或内容过大。', en: 'The file or content is too large.' },
  UNAUTHENTICATED: { zh: '请先登录。', en: 'Please sign in first.' },
  FORBIDDEN: { zh: '您的角色无权进行此操作。', en: 'Your role may not do this.' },
  NOT_FOUND: { zh: '未找到该记录，或不在您的管辖范围内。', en: 'Not found, or not within your scope.' },
  CONFLICT: { zh: '操作与当前状态冲突，请刷新后重试。', en: 'This conflicts with the current state; refresh and try again.' },
  RATE_LIMITED: { zh: '操作过于频繁，请稍后再试。', en: 'Too many attempts; please wait a moment and try again.' },
  IDEMPOTENCY_KEY_REUSED: { zh: '该请求已提交过（幂等键重复）。', en: 'This request was already submitted (idempotency key reused).' },
  INTERNAL: { zh: '系统内部错误，请稍后重试或联系管理员。', en: 'An internal error occurred; try again later or contact the administrator.' },
  SERVICE_UNAVAILABLE: { zh: '服务暂不可用，请稍后再试。', en: 'The service is unavailable; please try again later.' },
  // identifiers
  INVALID_ID_NUMBER: {
    zh: '身份证号码无效（长度、出生日期或校验码不正确）。',
    en: 'The resident ID number is not valid (length, birth date or check character).',
  },
  INVALID_USCC: { zh: '统一社会信用代码无效。', en: 'The unified social credit code is not valid.' },
  INVALID_BANK_CARD: { zh: '银行卡号无效（校验位不正确）。', en: 'The bank card number is not valid (check digit).' },
  INVALID_MOBILE: { zh: '手机号码无效。', en: 'The mobile number is not valid.' },
  INVALID_VOUCHER_NUMBER: {
    zh: '培训券号无效（校验位不正确），请核对后重新输入。',
    en: 'The voucher number is not valid (check character); please re-type it.',
  },
  // identity
  INVALID_CREDENTIALS: { zh: '用户名或密码错误。', en: 'Wrong username or password.' },
  ACCOUNT_LOCKED: {
    zh: '登录失败次数过多，账号已临时锁定，请稍后再试或联系管理员解锁。',
    en: 'Too many failed sign-ins: the account is locked for a while; try later or ask an administrator to unlock it.',
  },
  ACCOUNT_DISABLED: { zh: '该账号已停用。', en: 'This account is disabled.' },
  TOTP_REQUIRED: { zh: '请输入身份验证器中的 6 位动态码。', en: 'Enter the 6-digit code from your authenticator app.' },
  TOTP_INVALID: { zh: '动态码不正确或已过期。', en: 'The code is wrong or has expired.' },
  TOTP_ENROLMENT_REQUIRED: { zh: '您的角色必须先绑定身份验证器（双因素认证）。', en: 'Your role must enrol an authenticator (two-factor sign-in) first.' },
  SESSION_EXPIRED: { zh: '登录已过期，请重新登录。', en: 'Your session has expired; please sign in again.' },
  ESSC_ASSERTION_INVALID: { zh: '电子社保卡认证失败，请重新扫码/认证。', en: 'The e-SSC authentication failed; please authenticate again.' },
  USERNAME_TAKEN: { zh: '该用户名已被使用。', en: 'This username is already taken.' },
  // persons
  PERSON_EXISTS: { zh: '该人员已存在。', en: 'This person already exists.' },
  IMPORT_FILE_INVALID: {
    zh: '导入文件无法读取：请使用下载的模板，保持表头不变。',
    en: 'The import file could not be read: use the downloaded template and keep its header row.',
  },
  // catalogue
  DISTRICT_UNKNOWN: { zh: '区县代码不存在。', en: 'Unknown district code.' },
  OCCUPATION_UNKNOWN: { zh: '职业（工种）代码不存在。', en: 'Unknown occupation code.' },
  PROGRAMME_UNKNOWN: { zh: '培训项目不存在。', en: 'Unknown programme.' },
  PROGRAMME_CLOSED: { zh: '该培训项目已关闭。', en: 'This programme is closed.' },
  STANDARD_MISSING: { zh: '该职业与等级尚未设定补贴标准。', en: 'No subsidy standard is set for this occupation and level.' },
  BUDGET_EXHAUSTED: { zh: '该区本年度预算已用完。', en: "The district's budget for this year is used up." },
  DUPLICATE: { zh: '记录重复，已存在相同的数据。', en: 'Duplicate: the same record already exists.' },
  // vouchers
  VOUCHER_NOT_USABLE: {
    zh: '培训券当前状态不允许此操作（可能已被使用、作废或撤销）。',
    en: 'The voucher cannot be used in its current state (used, expired or revoked).',
  },
  VOUCHER_EXPIRED: { zh: '培训券已过有效期。', en: 'The voucher has expired.' },
  VOUCHER_TRANSITION_INVALID: { zh: '培训券状态不允许此变更。', en: "This change is not allowed in the voucher's state." },
  VOUCHER_LIMIT_REACHED: {
    zh: '您已持有该项目的有效培训券，或已达年度补贴次数上限。',
    en: 'You already hold an open voucher for this programme, or reached the yearly limit.',
  },
  ISSUANCE_ALREADY_RUNNING: { zh: '已有发放任务正在执行，请等待完成。', en: 'An issuance run is already in progress; wait for it to finish.' },
  ISSUANCE_EXHAUSTED: { zh: '本批次可发放数量已用完。', en: 'This issuance has no vouchers left to issue.' },
  VALIDITY_IN_PAST: { zh: '有效期不能早于今天。', en: 'The validity date cannot be in the past.' },
  QR_TOKEN_INVALID: { zh: '二维码无效，请让学员刷新二维码后重试。', en: 'The QR code is not valid; ask the trainee to refresh it.' },
  QR_TOKEN_EXPIRED: {
    zh: '二维码已过期（每 60 秒更新），请让学员出示最新二维码。',
    en: 'The QR code has expired (it renews every 60 s); ask for the current one.',
  },
  QR_TOKEN_REPLAYED: { zh: '该二维码已被使用，请让学员出示新的二维码。', en: 'This QR code was already used; ask for a new one.' },
  // training
  PROVIDER_SUSPENDED: { zh: '培训机构已被暂停，不能开班或录取学员。', en: 'The provider is suspended: it cannot open classes or admit trainees.' },
  PROVIDER_NOT_APPROVED: { zh: '培训机构未获准开展该项目/职业的培训。', en: 'The provider is not approved for this programme or occupation.' },
  CLASS_FULL: { zh: '该班级名额已满。', en: 'The class is full.' },
  CLASS_NOT_OPEN: { zh: '该班级不在报名/开班状态。', en: 'The class is not open.' },
  OPENING_DEADLINE_PASSED: {
    zh: '已超过开班反馈截止时间（开班前第 3 天 23:59:59），不能再提交或录取补贴学员。',
    en: 'The opening-report deadline has passed (23:59:59 three days before the start); it can no longer be filed and subsidised admissions are closed.',
  },
  // training: why a worker's voucher does not fit a class
  VOUCHER_PROGRAMME_MISMATCH: {
    zh: '该培训券所属的补贴项目与班级不一致，不能用于报名该班级。',
    en: 'The voucher is for another subsidy programme than this class.',
  },
  VOUCHER_OCCUPATION_MISMATCH: {
    zh: '该培训券的培训职业（工种）与班级不一致，不能用于报名该班级。',
    en: 'The voucher is for another occupation than this class.',
  },
  VOUCHER_LEVEL_MISMATCH: {
    zh: '该培训券的培训等级与班级不一致，不能用于报名该班级。',
    en: 'The voucher is for another level than this class.',
  },
  VOUCHER_NOT_YET_VALID: { zh: '该培训券尚未生效，请在有效期开始后再使用。', en: 'The voucher is not valid yet; use it once its validity begins.' },
  // attendance
  CHECKIN_OUTSIDE_WINDOW: {
    zh: '不在签到时间内（课前 60 分钟至开课后 15 分钟）。',
    en: 'Outside the check-in window (60 min before to 15 min after the start).',
  },
  CHECKIN_OUTSIDE_GEOFENCE: { zh: '您不在培训场地范围内，请到场后再签到。', en: 'You are not at the training venue; check in when you are there.' },
  CHECKIN_ACCURACY_TOO_POOR: {
    zh: '定位精度不足，请到开阔处或开启精确定位后重试。',
    en: 'Your location is not precise enough; move to an open place or turn on precise location.',
  },
  NOT_ENROLLED: { zh: '您未报名该班级。', en: 'You are not enrolled in this class.' },
  // subsidy
  CLAIM_NOT_ELIGIBLE: { zh: '不符合补贴条件。', en: 'Not eligible for the subsidy.' },
  CLAIM_STATE_INVALID: { zh: '补贴申请当前状态不允许此操作。', en: "The claim's state does not allow this." },
  MAKER_CHECKER_SAME_PERSON: { zh: '复核人不能与制单人为同一人。', en: 'The checker cannot be the same person as the maker.' },
  BANK_FILE_INVALID: { zh: '银行回单文件格式无效。', en: 'The bank result file is not valid.' },
  DEBTOR_ACCOUNT_MISSING: {
    zh: '该资金来源尚未设置付款账户，请市级管理员在「预算」页设置后再试。',
    en: 'No debtor account is set for this funding source; the city admin sets it on the Budgets page.',
  },
  CLAIM_LIMIT_EXCEEDED: {
    zh: '该申请超出补贴限制（同一职业同一等级仅补贴一次、不得低于已补贴等级、年度补贴次数或一次性补贴比例），不能核准。',
    en: 'The claim exceeds a subsidy limit (same occupation and level once, no lower level, yearly count or once-only ratio) and cannot be approved.',
  },
  NO_BUDGET: {
    zh: '该区该项目本年度尚未设置预算，请先由市人社局设置预算。',
    en: 'No budget is set for this programme, district and year; the city bureau must set one first.',
  },
  PAYEE_ACCOUNT_NOT_CORRECTED: {
    zh: '收款人的银行账户自支付失败后尚未更正，不能重新拨付；请先更正收款人的银行账户。',
    en: 'The payee’s bank account has not been corrected since the payment failed; correct it before paying again.',
  },
  NOTHING_PAYABLE: {
    zh: '当前没有可支付的补贴申请（已核准且公示期满），未生成支付批次。',
    en: 'There is nothing payable (approved claims whose public notice has ended); no batch was created.',
  },
  // rehab
  NO_ELIGIBLE_CATEGORY: { zh: '该人员不属于此补贴项目的补贴对象类别，不能发放此类培训券。', en: 'The person is in no category this programme subsidises.' },
  REHAB_NOT_ELIGIBLE: { zh: '不符合工伤康复申请条件。', en: 'Not eligible for work-injury rehabilitation.' },
  RATING_NOT_A_TRAINEE: { zh: '只有被录取参加该班级培训的学员可以评价。', en: 'Only trainees admitted to the class may rate it.' },
  RATING_CLASS_NOT_ENDED: { zh: '班级尚未结束，结业后才能评价。', en: 'The class has not ended yet; it can be rated once it has.' },
  RATING_ATTENDANCE_BELOW_THRESHOLD: {
    zh: '出勤率未达到要求的学员不能评价该班级。',
    en: 'Only trainees who reached the attendance threshold may rate the class.',
  },
  RATING_CHANGE_WINDOW_CLOSED: { zh: '评价提交 30 天后不能再修改。', en: 'A rating can be changed only within 30 days of giving it.' },
  REHAB_NO_BED: { zh: '该康复机构暂无空余康复床位。', en: 'The hospital has no free rehabilitation bed.' },
  CERTIFICATE_HOLDER_UNKNOWN: {
    zh: '没有与该身份证号和姓名一致的登记人员。',
    en: 'No registered person has this ID number and name.',
  },
  DOCUMENT_UNREADABLE: { zh: '无法读取该文件，请上传平台出具的 PDF 文件。', en: 'The file cannot be read; upload a PDF issued by the platform.' },
  // service rating 好差评 (issue 20 §3)
  SERVICE_NOT_FINISHED: { zh: '该事项尚未办结，办结后才能评价。', en: 'The service has not finished yet; it can be rated once it has.' },
  SERVICE_ALREADY_RATED: { zh: '您已评价过该事项，每项服务只能评价一次。', en: 'You have already rated this service; each service is rated once.' },
  APPEAL_NOT_APPEALABLE: { zh: '该事项不是被驳回或不予受理的决定，不能申诉。', en: 'This is not a refusal, so it cannot be appealed.' },
  APPEAL_ALREADY_OPEN: { zh: '该事项已有未办结的申诉。', en: 'An appeal against this decision is already open.' },
  APPEAL_STATE_INVALID: { zh: '申诉当前状态不允许此操作，请刷新后重试。', en: 'The appeal is not in a state that allows this; reload it.' },
  REASSESSMENT_NOT_ELIGIBLE: {
    zh: '按现行规则重新审核后仍不符合补贴条件，请先核实人员信息或维持原决定。',
    en: 'Re-assessed by the current rules, the application still matches no subsidy; correct the person’s record first or uphold the decision.',
  },
  // field-level validation codes (problem.errors[].code)
  UNKNOWN_FIELD: { zh: '包含未知字段。', en: 'Contains an unknown field.' },
  INVALID_TYPE: { zh: '数据类型不正确。', en: 'Wrong type of value.' },
  INVALID_FORMAT: { zh: '格式不正确。', en: 'Wrong format.' },
  INVALID_VALUE: { zh: '取值不在允许范围内。', en: 'The value is not one of those allowed.' },
  TOO_SMALL: { zh: '数值过小或内容过短。', en: 'Too small or too short.' },
  TOO_BIG: { zh: '数值过大或内容过长。', en: 'Too big or too long.' },
  REQUIRED: { zh: '必填。', en: 'Required.' },
  // client-side
  NETWORK: { zh: '网络连接失败，请检查网络后重试。', en: 'The network request failed; check your connection and try again.' },
  GEO_DENIED: {
    zh: '您拒绝了定位权限，无法签到。请在浏览器设置中允许定位。',
    en: 'You refused location access, so you cannot check in. Allow location in the browser settings.',
  },
  GEO_UNAVAILABLE: { zh: '无法获取您的位置（定位不可用）。', en: 'Your location is not available.' },
  GEO_TIMEOUT: { zh: '获取位置超时，请重试。', en: 'Getting your location timed out; try again.' },
  GEO_UNSUPPORTED: { zh: '此浏览器不支持定位。', en: 'This browser does not support location.' },
  CAMERA_DENIED: { zh: '无法使用摄像头，请改用券号 + 身份证号核验。', en: 'The camera is not available; verify by voucher number and ID number instead.' },
};
