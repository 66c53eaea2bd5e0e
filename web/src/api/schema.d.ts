/**
 * GENERATED FILE — do not edit. The server's OpenAPI document (app.swagger()) through openapi-typescript 7,
 * written by scripts/gen-api.ts: `npm run api:gen` rewrites it, `npm run api:check` (CI) fails when it is stale.
 */

export interface paths {
  '/api/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Liveness: the process answers */
    get: operations['health'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/ready': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Readiness: the database answers */
    get: operations['ready'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/login': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Password sign-in (staff). client=web sets an httpOnly cookie; client=api returns a bearer token */
    post: operations['signIn'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/login/totp': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Second sign-in step: the challenge and a TOTP code */
    post: operations['signInTotp'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/essc': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Worker sign-in with an e-SSC (电子社保卡) identity assertion */
    post: operations['signInEssc'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/essc-sim/authorize': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** e-SSC SIMULATOR: issue a signed, short-lived identity assertion for a resident ID and name */
    post: operations['esscSimulatorAuthorize'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/logout': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Revoke the current session */
    post: operations['signOut'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The signed-in account and its scope */
    get: operations['whoAmI'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/totp/enrol': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Start TOTP enrolment: returns the secret and otpauth URI once */
    post: operations['beginTotpEnrolment'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/totp/confirm': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Confirm TOTP enrolment with a first code */
    post: operations['confirmTotpEnrolment'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/accounts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List accounts */
    get: operations['listAccounts'];
    put?: never;
    /** Create a staff account */
    post: operations['createAccount'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/accounts/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Disable, enable or unlock an account */
    patch: operations['updateAccount'];
    trace?: never;
  };
  '/api/v1/audit': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Browse the audit log (district admins see their district) */
    get: operations['listAuditEntries'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/audit/export.xlsx': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The entries the filters show, as .xlsx (streamed; actions in words, actors by name; district admins their district; audited) */
    get: operations['exportAuditEntries'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/audit/verify': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Check every hash link of the audit log; names the first broken entry */
    post: operations['verifyAuditChain'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/districts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The districts (区) and their administrative division codes */
    get: operations['listDistricts'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/occupations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Search the 2022 occupational classification by code prefix or name (occupations = level 4) */
    get: operations['searchOccupations'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/occupations/{code}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One occupation (or group) with its definition and shortage uplift */
    get: operations['getOccupation'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/programmes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Programmes with their rules (funding source, payee, validity, thresholds) */
    get: operations['listProgrammes'];
    put?: never;
    /** Create a programme (city admin) */
    post: operations['createProgramme'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/programmes/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One programme */
    get: operations['getProgramme'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Change a programme (city admin); issued vouchers keep their snapshot */
    patch: operations['updateProgramme'];
    trace?: never;
  };
  '/api/v1/programmes/{id}/standards': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A programme's subsidy standards per occupation (null = any) and level, in fen */
    get: operations['listStandards'];
    /** Set one standard: occupation (null = any) × level → amount in fen (city admin) */
    put: operations['setStandard'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/ratios': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Subsidy ratios per person category */
    get: operations['listRatios'];
    /** Set the ratio of one person category (city admin) */
    put: operations['setRatio'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/shortage-occupations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Shortage occupations (紧缺职业) and their uplift */
    get: operations['listShortageOccupations'];
    /** List, change or (upliftPct null) delist a shortage occupation (city admin) */
    put: operations['setShortageOccupation'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/budgets': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Yearly budgets per programme × district (a district admin sees its own district) */
    get: operations['listBudgets'];
    /** Set the budget of a programme × district × year, in fen (city admin) */
    put: operations['setBudget'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/persons': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Search persons by name prefix, exact ID number, phone, district or category (masked) */
    get: operations['searchPersons'];
    put?: never;
    /** Register a person (district admins: in their district) */
    post: operations['createPerson'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/persons/export.xlsx': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The persons the search’s filters show, as .xlsx (streamed; Chinese headings; masked; audited) */
    get: operations['exportPersons'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/persons/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The signed-in worker's own person record (masked) */
    get: operations['getMyPerson'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/persons/import-template': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The .xlsx import template (bilingual headers, ID numbers as text) */
    get: operations['getPersonImportTemplate'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/persons/import': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Import persons from a CSV or .xlsx body: good rows kept, bad rows reported by row and field */
    post: operations['importPersons'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/persons/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One person (masked); out of scope reads as 404 */
    get: operations['getPerson'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Update a person (the ID number is fixed); null clears an optional field */
    patch: operations['updatePerson'];
    trace?: never;
  };
  '/api/v1/persons/{id}/sensitive': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Full ID number, phone and bank account (city admin; every read is audited) */
    get: operations['readPersonSensitive'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List organisations in scope (filters: kind, district, status, provider kind, name or USCC) */
    get: operations['listOrgs'];
    put?: never;
    /** Register an organisation (provider, enterprise or assessment body) */
    post: operations['createOrg'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The organisation of the signed-in provider, enterprise or assessor account */
    get: operations['getMyOrg'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One organisation (404 outside the caller’s scope) */
    get: operations['getOrg'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Change an organisation’s details (the USCC and kind are fixed) */
    patch: operations['updateOrg'];
    trace?: never;
  };
  '/api/v1/orgs/{id}/suspend': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Suspend (暂停) an organisation; the reason is required */
    post: operations['suspendOrg'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{id}/reinstate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Lift a suspension; the reason is required */
    post: operations['reinstateOrg'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orgs/{id}/accounts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The staff accounts of an organisation (404 outside the caller’s scope) */
    get: operations['listOrgAccounts'];
    put?: never;
    /** Create a staff account of the organisation (role from its kind) */
    post: operations['createOrgAccount'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/issuances': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Issuances in scope, newest first */
    get: operations['listIssuances'];
    put?: never;
    /** Define an issuance: targeted (精准发放, admins) or custom (定制发放, enterprise/provider/admin) */
    post: operations['createIssuance'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/issuances/preview': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** How many persons a targeted definition matches (and how many already hold an open voucher) */
    post: operations['previewIssuance'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/issuances/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** An issuance with its progress (matched, processed, issued, skipped by reason) and summary */
    get: operations['getIssuanceProgress'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/issuances/{id}/vouchers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The vouchers an issuance gave out (holders masked), newest first, with the count in each state; whoever reaches the issuance */
    get: operations['listIssuanceVouchers'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/issuances/{id}/run': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Start (or resume) a targeted issuance as a background job; follow it with GET /issuances/{id} */
    post: operations['runIssuance'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/issuances/custom-template': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The .xlsx template of a custom-issuance list (the person-import columns) */
    get: operations['getCustomIssuanceTemplate'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/issuances/{id}/list': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Upload the list of a custom issuance (CSV or .xlsx): persons created as needed, vouchers issued, per-row report */
    post: operations['uploadCustomIssuanceList'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/vouchers/apply': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** 申领: a worker applies for a voucher for an occupation and level; the answer says which and why */
    post: operations['applyForVoucher'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/vouchers/mine': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The signed-in worker's vouchers: status, programme, validity, subsidy estimate (fen), masked identity */
    get: operations['listMyVouchers'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/vouchers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The officers’ voucher list: search by number, filters; holders masked; district admins their district */
    get: operations['listVouchers'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/vouchers/export.xlsx': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The vouchers the list’s filters show, as .xlsx (streamed; Chinese headings; masked; audited) */
    get: operations['exportVouchers'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/vouchers/stats': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Voucher statistics (数据回流): counts by district × programme × status, expired included; district admins their district */
    get: operations['voucherStats'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/vouchers/by-number': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A voucher by its typed number (check character verified); admins of its scope */
    get: operations['findVoucherByNumber'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/vouchers/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One voucher with its events (its holder, or an admin of its district; else 404) */
    get: operations['getVoucher'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/vouchers/{id}/revoke': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Revoke an issued voucher with a reason (admins; a district admin in their district) */
    post: operations['revokeVoucher'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/vouchers/{id}/qr-token': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** A signed QR token for the voucher, valid 60 s (holder only) */
    post: operations['createVoucherQrToken'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/providers/{id}/approvals': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The programmes and occupations a provider is approved for */
    get: operations['listProviderApprovals'];
    put?: never;
    /** Approve a provider for a programme (and an occupation, or all of the programme’s) */
    post: operations['grantProviderApproval'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/providers/{id}/approvals/{approvalId}/revoke': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Revoke a provider approval (with a reason) */
    post: operations['revokeProviderApproval'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/venues': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Venues in scope */
    get: operations['listVenues'];
    put?: never;
    /** Add a venue; coordinates in WGS-84 or GCJ-02 (coordSystem), stored as GCJ-02 */
    post: operations['createVenue'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/venues/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One venue (404 outside the caller’s scope) */
    get: operations['getVenue'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Change a venue of the signed-in provider */
    patch: operations['updateVenue'];
    trace?: never;
  };
  '/api/v1/courses': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Courses in scope */
    get: operations['listCourses'];
    put?: never;
    /** Add a course (programme, occupation, level, hours, fee in fen) the provider is approved for */
    post: operations['createCourse'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/courses/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One course (404 outside the caller’s scope) */
    get: operations['getCourse'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Change a course of the signed-in provider */
    patch: operations['updateCourse'];
    trace?: never;
  };
  '/api/v1/classes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Classes in scope (provider: its own; district admin: its district) */
    get: operations['listClasses'];
    put?: never;
    /** Open a class of a course (venue or online, capacity, dates, sessions) */
    post: operations['createClass'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/classes/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One class (404 outside the caller’s scope) */
    get: operations['getClass'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Change the name or capacity of a draft class */
    patch: operations['updateClass'];
    trace?: never;
  };
  '/api/v1/classes/export.xlsx': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The classes the list’s filters show, as .xlsx (streamed; Chinese headings; in scope; audited) */
    get: operations['exportClasses'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/classes/{id}/sessions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The sessions (课次) of a class */
    get: operations['listClassSessions'];
    /** Set the sessions (课次) of a draft class */
    put: operations['replaceClassSessions'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/classes/{id}/cancel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Cancel a class before it opens; admitted vouchers are released */
    post: operations['cancelClass'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/course-search': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Classes open for registration; filters, sort by start date or distance; a subsidy estimate for a signed-in worker */
    get: operations['searchCourses'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/registrations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Register for a class with one of your vouchers (a seat is held; CLASS_FULL when none) */
    post: operations['registerForClass'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/registrations/mine': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The signed-in worker’s registrations */
    get: operations['listMyRegistrations'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/training/mine': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** 我的培训: the signed-in worker’s admissions (also those made at the provider’s desk) and registrations */
    get: operations['listMyTraining'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/classes/{id}/fitting-vouchers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The signed-in worker’s vouchers that fit a class: issued, valid, its programme, occupation and level (报名 offers these) */
    get: operations['listFittingVouchers'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/registrations/{id}/cancel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Cancel your pending registration (the seat is released) */
    post: operations['cancelRegistration'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/classes/{id}/registrations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Pending registrations of a class (masked holders) */
    get: operations['listClassRegistrations'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/classes/{id}/verify': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Read a voucher (QR token, or number + holder ID number) for a class: masked details and admissibility with reasons */
    post: operations['verifyVoucherForClass'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/classes/{id}/admissions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Admit a subsidised trainee: binds the voucher to the class exactly once, before the roster deadline */
    post: operations['admitToClass'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admissions/{id}/withdraw': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Withdraw an admission before the roster deadline (the voucher is released) */
    post: operations['withdrawAdmission'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/classes/{id}/report': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** File the opening report with the roster, no later than the deadline */
    post: operations['fileOpeningReport'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/classes/{id}/roster': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The admitted trainees of a class (masked) */
    get: operations['getClassRoster'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/sessions/{id}/check-in': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** 打卡签到: check in to a session (window, geofence, accuracy); a repeat answers the first check-in */
    post: operations['checkIn'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/classes/{id}/attendance': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Attendance of a class: every admitted trainee × session, rate and threshold (a worker: their own line) */
    get: operations['getClassAttendance'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/classes/{id}/attendance.xlsx': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The class attendance sheet as .xlsx (streamed) */
    get: operations['exportClassAttendance'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/classes/{id}/online-attendance': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Online class: import the platform’s attendance records (CSV or .xlsx: idNumber, sessionSeq, at); per-row errors */
    post: operations['importOnlineAttendance'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/check-in-flags': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Flagged check-ins awaiting review (district admin: their district) */
    get: operations['listCheckInFlags'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/check-in-flags/export.xlsx': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The check-ins the list’s filters show, as .xlsx (streamed; Chinese headings; trainees masked; audited) */
    get: operations['exportCheckInFlags'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/check-in-flags/{id}/decision': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Accept (then it counts) or reject a flagged check-in, with a note */
    post: operations['decideCheckInFlag'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/assessment/assignments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Class assignments to assessment bodies in the caller’s scope (an assessment body: the classes it may assess) */
    get: operations['listAssessmentAssignments'];
    put?: never;
    /** 考评安排: assign a class to an assessment body (district admin: classes of their district; one live assignment per class) */
    post: operations['assignAssessmentBody'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/assessment/assignments/{id}/withdraw': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Withdraw a class’s assignment to an assessment body, with a reason (results already recorded stay) */
    post: operations['withdrawAssessmentAssignment'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/assessment/results': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Results recorded by the caller’s assessment body (admins: their scope) */
    get: operations['listAssessmentResults'];
    put?: never;
    /** Record a trainee’s result (pass → voucher assessed + subsidy claim; fail → voucher closed) */
    post: operations['recordAssessmentResult'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/assessment/results/import': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Import results from a CSV or .xlsx sheet: good rows recorded, bad rows reported by row and field */
    post: operations['importAssessmentResults'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me/certificates': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The worker’s own certificates */
    get: operations['myCertificates'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/certificates/lookup': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Public certificate check by number + the holder’s full name (masked answer; rate-limited) */
    get: operations['lookupCertificate'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/certificates': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The certificate registry (recorded + imported); an assessment body: its own; masked holder names */
    get: operations['listCertificateRegistry'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/certificates/import': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Import an assessment body’s certificates (CSV or .xlsx: 证书编号, 证书类型, 身份证号, 姓名, 职业代码, 等级, 发证机构, 发证日期); bad rows reported by row and field */
    post: operations['importCertificates'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/subsidy/claims': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Subsidy claims (核验) in the caller’s scope */
    get: operations['listClaims'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/classes/{id}/claims': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The subsidy claims of the provider’s own class: amount and payment state per trainee’s voucher (another provider’s class: 404) */
    get: operations['listClassClaims'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/subsidy/todos': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** To-dos of the admins’ home from the claims: claims waiting in review for a missing budget (year × district × programme) */
    get: operations['listClaimTodos'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/subsidy/claims/export.xlsx': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The claims the list’s filters show, as .xlsx (streamed; Chinese headings; payee masked; audited) */
    get: operations['exportClaims'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/subsidy/claims/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One claim with its rules and event trail */
    get: operations['getClaim'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/subsidy/claims/{id}/decision': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Approve or reject a claim in review (or held by an objection) with an opinion; Idempotency-Key supported */
    post: operations['decideClaim'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/subsidy/claims/{id}/requeue': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** 支付失败再申请: a failed claim goes back to the payable list once the payee account is corrected */
    post: operations['requeueClaim'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/subsidy/notices': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The public notice (公示) of approved claims, masked */
    get: operations['listSubsidyNotices'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/subsidy/notices/export.xlsx': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The public notice as the filters show it, as .xlsx (officers; streamed; masked; audited) */
    get: operations['exportSubsidyNotices'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/subsidy/objections': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The officers’ queue of objections (open by default); a district admin sees its district’s */
    get: operations['listObjections'];
    put?: never;
    /** An objection (异议) to a claim under public notice: signed in (real name) it holds the claim for review; anonymous it is queued for an officer */
    post: operations['objectToClaim'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/subsidy/objections/{id}/resolve': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Take up a queued objection: hold its claim for review, or dismiss the objection with a reason */
    post: operations['resolveObjection'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/subsidy/calendar': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Working-day calendar overrides used by the notice period */
    get: operations['listSubsidyCalendar'];
    /** Mark a date as a holiday or a make-up working day */
    put: operations['setSubsidyCalendarDay'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/subsidy/calendar/years': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Which years of holidays the calendar holds, the last day it knows, and whether next year is due */
    get: operations['getSubsidyCalendarStatus'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/subsidy/calendar/import': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Load whole years of holidays from a CSV (date,kind,name — holidays-cn.csv's format); a malformed file changes nothing */
    post: operations['importSubsidyCalendar'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/subsidy/budget-accounts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Budget ledger balances: amount = available + reserved + paid */
    get: operations['listBudgetAccounts'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/subsidy/funds/check': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Verify the money invariant and every claim’s trail */
    get: operations['checkFunds'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/subsidy/debtor-accounts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The debtor account (付款账户) of each funding source */
    get: operations['listDebtorAccounts'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/subsidy/debtor-accounts/{fundingSource}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Set the debtor account of a funding source (city admin); batches approved before keep theirs */
    put: operations['setDebtorAccount'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/subsidy/batches': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Disbursement batches */
    get: operations['listDisbursementBatches'];
    put?: never;
    /** Build a batch from approved claims whose notice ended (maker); Idempotency-Key supported */
    post: operations['createDisbursementBatch'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/subsidy/batches/export.xlsx': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The batches the list’s filters show, as .xlsx (streamed; Chinese headings; audited) */
    get: operations['exportDisbursementBatches'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/subsidy/batches/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One batch with its totals per payee */
    get: operations['getDisbursementBatch'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/subsidy/batches/{id}/payments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The payments of a batch: payee (masked), masked account, bank, programme, amount */
    get: operations['listBatchPayments'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/subsidy/batches/preview': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** What a batch made now with these filters would take (count and total; read-only, for the maker) */
    get: operations['previewDisbursementBatch'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/subsidy/batches/payable': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** What a batch made now would take (approved claims whose notice ended), and what still waits for its notice or an account */
    get: operations['getPayableSummary'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/subsidy/batches/{id}/approve': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Approve a draft batch (checker ≠ maker: MAKER_CHECKER_SAME_PERSON); Idempotency-Key supported */
    post: operations['approveDisbursementBatch'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/subsidy/batches/{id}/cancel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Cancel a draft batch: its claims return to the payable list */
    post: operations['cancelDisbursementBatch'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/subsidy/batches/{id}/generate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Generate the pain.001.001.09 and CSV 代发 files of an approved batch (idempotent) */
    post: operations['generateDisbursementFiles'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/subsidy/batches/{id}/pain001': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The batch as ISO 20022 pain.001.001.09 (streamed) */
    get: operations['downloadPain001'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/subsidy/batches/{id}/csv': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The batch as a CSV 代发 sheet (streamed) */
    get: operations['downloadDisbursementCsv'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/subsidy/batches/{id}/simulated-camt054': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** BANK SIMULATOR (demo/test only; refused in production): the camt.054 a bank would answer to this batch */
    get: operations['simulateBankAnswer'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/subsidy/bank-results': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Import a bank result file (camt.054.001.10, XSD-validated, or CSV); the same file twice changes nothing */
    post: operations['importBankResults'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/precheck': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** 我能领吗？补多少？ Before applying: for a course (or an occupation and level, and the programme), whether the worker is eligible and why not, the subsidy, what they pay themself, the subsidies left this year and the voucher’s validity — decided by the claim’s own rules */
    get: operations['precheckSubsidy'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/subsidy/enterprise-claims': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** 补贴到账: the claims that concern the signed-in enterprise — paid to it or made on a customised voucher it issued — with the employee masked and the sums paid */
    get: operations['listEnterpriseClaims'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/subsidy/enterprise-claims/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One claim that concerns the enterprise, with its steps (another enterprise’s claim: 404) */
    get: operations['getEnterpriseClaim'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/evaluation/my-classes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** 培训评价: the signed-in worker’s classes under way or ended, whether each can be rated now (or why not), and their rating */
    get: operations['listMyRatableClasses'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/evaluation/classes/{classId}/my-rating': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Rate a class once it has ended (admitted trainees who reached the attendance threshold), or change the rating within 30 days */
    put: operations['rateClass'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/evaluation/courses/{courseId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A course’s and its provider’s scores with the published comments and replies (public; raters’ names masked) */
    get: operations['getCourseRatings'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/evaluation/moderation': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Comments waiting for moderation (or already published / rejected) in the officer’s district or the city */
    get: operations['listRatingComments'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/evaluation/ratings/{id}/moderate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Publish a comment, or reject it with a reason */
    post: operations['moderateRatingComment'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/evaluation/provider-ratings': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The provider’s classes’ ratings, newest first: when, the class, who rated (masked), the overall and the four scores, and comments once published */
    get: operations['listProviderRatings'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/evaluation/ratings/{id}/reply': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** The provider’s public reply to a published comment on one of its classes */
    post: operations['replyToRating'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/evaluation/coverage': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** 参评率: the share of completers who rated, per ended class and district (target 80 %), with scores and low scores */
    get: operations['getRatingCoverage'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/rehab/conditions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The nine conditions of the national rehabilitation service norm (工伤康复服务规范), with ICD-10 prefixes */
    get: operations['listRehabConditions'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/rehab/hospitals': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The designated rehabilitation hospitals with their conditions and free beds (coordinates GCJ-02) */
    get: operations['listRehabHospitals'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/rehab/stats': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Rehabilitation statistics: applications, decisions, time to decision, bed use, by district and month (scoped) */
    get: operations['rehabStats'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/rehab/recognitions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Injury recognitions in scope, each with its eligibility today (worker: own; employer: its employees’; officer: district) */
    get: operations['listInjuryRecognitions'];
    put?: never;
    /** Enter an injury recognition (district officer: own district) */
    post: operations['createInjuryRecognition'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/rehab/recognitions/template.xlsx': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The .xlsx template of the recognition import */
    get: operations['rehabRecognitionTemplate'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/rehab/recognitions/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One injury recognition with its eligibility */
    get: operations['getInjuryRecognition'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/rehab/recognitions/{id}/leave-extensions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Extend the paid injury-leave period (停工留薪期) with a reason */
    post: operations['extendInjuryLeave'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/rehab/recognitions/import': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Import recognitions from a CSV or .xlsx sheet: good rows saved, bad rows listed by line and field */
    post: operations['importInjuryRecognitions'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/rehab/recognitions/sync': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Pull recognitions from the district recognition system (built in: 区工伤认定系统模拟器) */
    post: operations['syncInjuryRecognitions'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/rehab/cases': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Rehabilitation cases in scope (hospital: those placed at it) */
    get: operations['listRehabCases'];
    put?: never;
    /** Apply for inpatient rehabilitation (worker: submitted; employer for its employee: awaiting the worker’s confirmation) */
    post: operations['applyForRehab'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/rehab/cases/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One case with its decisions, attachments and timeline */
    get: operations['getRehabCase'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/rehab/cases/{id}/confirm': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** The worker confirms the application their employer made */
    post: operations['confirmRehabApplication'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/rehab/cases/{id}/withdraw': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Withdraw the application (until decided) */
    post: operations['withdrawRehabApplication'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/rehab/cases/{id}/resubmit': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Resubmit after the committee asked for material (the clock restarts) */
    post: operations['resubmitRehabApplication'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/rehab/cases/{id}/attachments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Add an attachment (PDF / JPEG / PNG by content; size limit REHAB_ATTACHMENT_MAX_BYTES); the file is the body */
    post: operations['uploadRehabAttachment'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/rehab/cases/{id}/attachments/{attachmentId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** An attachment’s file (only within the case’s scope) */
    get: operations['downloadRehabAttachment'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/rehab/cases/{id}/review': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The committee’s case view: eligibility, preferences, hospitals (free beds, condition taken, distance) and the proposed placement */
    get: operations['reviewRehabCase'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/rehab/cases/{id}/decisions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** The committee decides: place, ask for material, refuse, extend, refuse an extension */
    post: operations['decideRehabCase'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/rehab/cases/{id}/retraining-voucher': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Issue, in one step, the targeted training voucher a discharge recommended */
    post: operations['issueRehabRetrainingVoucher'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/rehab/cases/{id}/admit': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Confirm admission (one bed taken) */
    post: operations['admitRehabPatient'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/rehab/cases/{id}/progress': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Record progress of the stay */
    post: operations['recordRehabProgress'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/rehab/cases/{id}/extension-requests': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Ask the committee for an extension with a reason */
    post: operations['requestRehabExtension'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/rehab/cases/{id}/discharge': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Discharge with an outcome (retraining recommended names an occupation) */
    post: operations['dischargeRehabPatient'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me/record': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The worker’s lifelong training record: every voucher, registration, class, attendance, assessment, certificate and subsidy in time order, with totals */
    get: operations['getMyRecord'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/persons/{personId}/record': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A person’s lifelong training record (officers: persons in their scope; another district’s person → 404) */
    get: operations['getPersonRecord'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me/record.pdf': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The worker’s lifelong training record as a PDF signed by the platform, with a QR code to the public verify page (audited) */
    get: operations['downloadMyRecordPdf'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/persons/{personId}/record.pdf': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A person’s lifelong training record as a signed PDF (officers in scope; audited) */
    get: operations['downloadPersonRecordPdf'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me/certificates/{id}/pdf': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A copy of one of the worker’s certificates as a signed PDF with a verification QR code (audited) */
    get: operations['downloadMyCertificatePdf'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/public/documents/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Public check of an issued document by its id (the QR code): masked name, issue date, content digest, signature (rate-limited) */
    get: operations['checkIssuedDocument'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/public/documents/verify': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Public check of an uploaded PDF: genuine (byte for byte as issued and signed), tampered, or unknown (rate-limited) */
    post: operations['verifyUploadedDocument'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/public/documents-key': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The platform’s public document-signing key (Ed25519 PEM, or SM2 hex under the GM/T suite) for offline checks */
    get: operations['getDocumentSigningKey'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/jobs/postings': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The postings the caller manages (an enterprise: its own; an officer: the district or city) with candidates’ counts */
    get: operations['listJobPostings'];
    put?: never;
    /** Post a job: an enterprise under its own name; a city or district admin naming the employer (their district) */
    post: operations['createJobPosting'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/jobs/postings/{id}/take-down': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** An officer takes a posting down, with the reason */
    post: operations['takeDownJobPosting'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/jobs/postings/{id}/close': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** The enterprise closes its own posting (filled) */
    post: operations['closeJobPosting'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/jobs/postings/import': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Import postings from a CSV or .xlsx sheet (the public employment service’s export): good rows posted, bad rows listed */
    post: operations['importJobPostings'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/jobs/feed/sync': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Pull the public employment service’s postings through its adapter (the built-in simulator unless configured) */
    post: operations['syncJobFeed'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/jobs/search': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** 就业岗位查询: open postings by occupation, district, level, pay, words and distance (public) */
    get: operations['searchJobs'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/jobs/recommendations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** 岗位推介: postings for the signed-in worker from their certificates, training, district and location, each with why */
    get: operations['recommendJobs'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/jobs/postings/{id}/interest': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** The worker is interested in a posting; with consent the employer sees their name and phone */
    put: operations['expressJobInterest'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/jobs/postings/{id}/interest/withdraw': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** The worker withdraws their interest (and the consent) */
    post: operations['withdrawJobInterest'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/jobs/postings/{id}/candidates': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Interested candidates of a posting: masked, named with a phone only once the worker consents */
    get: operations['listJobCandidates'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/jobs/interests/{id}/contacted': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** The employer records that it contacted a consenting candidate */
    post: operations['markJobCandidateContacted'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/jobs/stats': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Per district: open postings and recommended → interested → consented → contacted */
    get: operations['getJobStats'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/jobs/postings/template.xlsx': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The postings import template (.xlsx) */
    get: operations['jobPostingTemplate'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/analytics/summary': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every figure (数据回流) in the caller’s scope and filters */
    get: operations['analyticsSummary'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/analytics/summary.xlsx': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every figure (数据回流) in the caller’s scope and filters — as .xlsx (heading: scope, filters, time of export; audited) */
    get: operations['exportAnalyticsSummaryXlsx'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/analytics/summary.csv': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every figure (数据回流) in the caller’s scope and filters — as .csv (heading: scope, filters, time of export; audited) */
    get: operations['exportAnalyticsSummaryCsv'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/analytics/table': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The figures by one dimension (district, training district, programme, occupation, level, provider, month, category, class) */
    get: operations['analyticsTable'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/analytics/table.xlsx': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The figures by one dimension (district, training district, programme, occupation, level, provider, month, category, class) — as .xlsx (heading: scope, filters, time of export; audited) */
    get: operations['exportAnalyticsTableXlsx'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/analytics/table.csv': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The figures by one dimension (district, training district, programme, occupation, level, provider, month, category, class) — as .csv (heading: scope, filters, time of export; audited) */
    get: operations['exportAnalyticsTableCsv'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/analytics/funnel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The funnel issued → registered → admitted → ≥80 % attendance → assessed → passed → paid, with conversion rates */
    get: operations['analyticsFunnel'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/analytics/funnel.xlsx': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The funnel issued → registered → admitted → ≥80 % attendance → assessed → passed → paid, with conversion rates — as .xlsx (heading: scope, filters, time of export; audited) */
    get: operations['exportAnalyticsFunnelXlsx'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/analytics/funnel.csv': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The funnel issued → registered → admitted → ≥80 % attendance → assessed → passed → paid, with conversion rates — as .csv (heading: scope, filters, time of export; audited) */
    get: operations['exportAnalyticsFunnelCsv'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/analytics/league': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Provider league per provider × programme: pass rate, attendance, flagged check-ins, objections, completion */
    get: operations['analyticsLeague'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/analytics/league.xlsx': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Provider league per provider × programme: pass rate, attendance, flagged check-ins, objections, completion — as .xlsx (heading: scope, filters, time of export; audited) */
    get: operations['exportAnalyticsLeagueXlsx'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/analytics/league.csv': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Provider league per provider × programme: pass rate, attendance, flagged check-ins, objections, completion — as .csv (heading: scope, filters, time of export; audited) */
    get: operations['exportAnalyticsLeagueCsv'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/analytics/drill': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Drill-down city → training district → provider → class (by trainingDistrictCode, then providerId) */
    get: operations['analyticsDrill'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/analytics/drill.xlsx': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Drill-down city → training district → provider → class (by trainingDistrictCode, then providerId) — as .xlsx (heading: scope, filters, time of export; audited) */
    get: operations['exportAnalyticsDrillXlsx'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/analytics/drill.csv': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Drill-down city → training district → provider → class (by trainingDistrictCode, then providerId) — as .csv (heading: scope, filters, time of export; audited) */
    get: operations['exportAnalyticsDrillCsv'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/analytics/budget': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Budgets of a year by district × programme: allocated, reserved, paid, available, execution rate (执行率) */
    get: operations['analyticsBudget'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/analytics/budget.xlsx': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Budgets of a year by district × programme: allocated, reserved, paid, available, execution rate (执行率) — as .xlsx (heading: scope, filters, time of export; audited) */
    get: operations['exportAnalyticsBudgetXlsx'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/analytics/budget.csv': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Budgets of a year by district × programme: allocated, reserved, paid, available, execution rate (执行率) — as .csv (heading: scope, filters, time of export; audited) */
    get: operations['exportAnalyticsBudgetCsv'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/appeals': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** 申诉处理: the appeals in the officer’s district (or the city), by state, kind, overdue; the nearest due date first */
    get: operations['listAppeals'];
    put?: never;
    /** 申诉: appeal a refusal (a rejected claim, a check-in rejected on review, an application without a subsidy voucher, a refused rehabilitation application) with text and up to 5 files (PDF/JPEG/PNG, ≤ 5 MB each, base64) */
    post: operations['submitAppeal'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/appeals/mine': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** 我的申诉: the appeals the signed-in worker (or provider) made, with their state and due date */
    get: operations['listMyAppeals'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/appeals/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One appeal with the original decision, the text, attachments, the answer and its effect (in the reader’s scope) */
    get: operations['getAppeal'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/appeals/{id}/attachments/{attachmentId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** An attachment’s file (only within the appeal’s scope) */
    get: operations['downloadAppealAttachment'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/appeals/{id}/take': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** 受理: take the appeal up */
    post: operations['takeAppeal'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/appeals/{id}/answer': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** 答复: uphold (维持原决定) or overturn (撤销原决定, applied by the owning module’s service) with a written reason */
    post: operations['answerAppeal'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/appeals/{id}/close': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** 办结: close an answered appeal */
    post: operations['closeAppeal'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/workbench': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The staff workbench (工作台): the caller’s to-dos with counts in its scope, each with the page that lists the work */
    get: operations['getWorkbench'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/service-ratings': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** 好差评: the person served rates a finished service once (a paid claim, a closed rehabilitation case, a closed appeal) — 1–5 stars, an optional comment */
    post: operations['rateService'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/service-ratings/mine': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The signed-in worker’s service ratings, newest first */
    get: operations['listMyServiceRatings'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/service-ratings/stats': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** 好差评 statistics: ratings per kind of service and stars, the mean and the shares of good (4–5) and bad (1–2), in the officer’s scope */
    get: operations['getServiceRatingStats'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/messages/inbox': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** 站内信: the signed-in account’s own messages, newest first, in the reader’s language */
    get: operations['listInbox'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/messages/unread-count': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** How many of the signed-in account’s messages are unread (the header’s badge) */
    get: operations['unreadMessageCount'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/messages/inbox/{id}/read': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Mark one of the account’s own messages read (another account’s → 404) */
    post: operations['markMessageRead'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/messages/inbox/read-all': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Mark all the account’s unread messages read */
    post: operations['markAllMessagesRead'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/messages/preferences': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The account’s message preferences: SMS too, non-essential reminders; whether a phone is on file; the quiet hours */
    get: operations['getMessagePreferences'];
    /** Change the account’s message preferences (essential messages are always sent in-app) */
    put: operations['setMessagePreferences'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/messages/sms-simulator': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** 短信模拟器: the SMS the platform scheduled, sent (through the built-in simulator or the configured gateway), or gave up (phones masked) */
    get: operations['listSimulatedSms'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/messages/dead-letters': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Messages given up after their last attempt or refused by the gateway (district admins: their district’s recipients) */
    get: operations['listDeadLetters'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/messages/dead-letters/{id}/retry': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Queue a dead letter again (its attempts counted afresh) */
    post: operations['retryDeadLetter'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/vouchers/{id}/timeline': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A voucher’s steps 申领 → 报名 → 录取 → 培训 → 考核 → 审核 → 公示 → 到账, each done or expected by the rules (its holder, or an officer in scope; else 404) */
    get: operations['getVoucherTimeline'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/subsidy/claims/{id}/timeline': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A claim’s steps (its voucher’s), with the notice’s last working day and the expected payment date (officers in scope, the worker for their own; else 404) */
    get: operations['getClaimTimeline'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/rehab/cases/{id}/timeline': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A rehabilitation case’s steps 申请 → 资格审核 → 委员会安排 → 入院 → 出院/结案 (whoever reads the case; else 404) */
    get: operations['getRehabCaseTimeline'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    ProblemInput: {
      type: string;
      title: string;
      status: number;
      detail: string;
      instance: string;
      code: string;
      field?: string;
      errors?: {
        field: string;
        code: string;
        message: string;
      }[];
      requestId: string;
    } & {
      [key: string]: unknown;
    };
    PersonViewInput: {
      id: string;
      name: string;
      /** @description e.g. 310***********123X */
      idNumberMasked: string;
      birthDate: string;
      /** @enum {string} */
      sex: 'M' | 'F';
      /** @description e.g. 138****5678 */
      phoneMasked: string | null;
      /** @description e.g. 6222 **** **** 1234 */
      bankAccountMasked: string | null;
      bankName: string | null;
      districtCode: string | null;
      /** @enum {string} */
      hukou: 'local' | 'nonlocal';
      categories: string[];
      employerUscc: string | null;
      employerName: string | null;
      isDemo: boolean;
      createdAt: string;
      updatedAt: string;
    };
    OrganisationInput: {
      id: string;
      /** @enum {string} */
      kind: 'provider' | 'enterprise' | 'assessor' | 'hospital';
      name: string;
      uscc: string;
      districtCode: string;
      /** @enum {string|null} */
      providerKind: 'social_training_body' | 'vocational_college' | 'high_skill_base' | null;
      address: string | null;
      /** @enum {string} */
      status: 'active' | 'suspended';
      suspendedReason: string | null;
      suspendedAt: string | null;
      contactName: string | null;
      /** @description masked */
      contactPhone: string | null;
      /** @description masked */
      bankAccount: string | null;
      bankName: string | null;
      isDemo: boolean;
      createdAt: string;
      updatedAt: string;
    };
    CheckInInput: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      sessionId: string;
      /** Format: uuid */
      classId: string;
      /** @enum {string} */
      source: 'geofence' | 'online_import';
      at: string;
      /** @enum {string} */
      status: 'accepted' | 'flagged' | 'rejected_after_review';
      flags: string[];
      distanceM: number | null;
      accuracyM: number | null;
      counts: boolean;
    };
    ClassAttendanceInput: {
      /** Format: uuid */
      classId: string;
      className: string;
      online: boolean;
      thresholdPct: number;
      sessions: {
        /** Format: uuid */
        id: string;
        seq: number;
        startsAt: string;
        /** @description the first instant a geofence check-in of this session is accepted (the programme’s minutes before the start) */
        checkInOpensAt: string;
        /** @description the last instant it is accepted (the programme’s minutes after the start); both edges inclusive */
        checkInClosesAt: string;
        checkedIn: number;
      }[];
      trainees: {
        /** Format: uuid */
        voucherId: string;
        voucherNumber: string;
        voucherKind: string;
        name: string;
        attended: number;
        total: number;
        rate: number;
        meetsThreshold: boolean;
        sessions: {
          /** Format: uuid */
          sessionId: string;
          seq: number;
          /** @enum {string} */
          mark: 'attended' | 'flagged' | 'rejected' | 'absent';
          at: string | null;
          flags: string[];
          checkInId: string | null;
          /** @description the reviewing officer’s note (复核说明), once a flagged check-in was reviewed */
          reviewNote: string | null;
        }[];
      }[];
    };
    CheckInFlagInput: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      sessionId: string;
      /** Format: uuid */
      classId: string;
      /** Format: uuid */
      providerId: string;
      districtCode: string;
      trainee: string;
      at: string;
      flags: string[];
      /** @enum {string} */
      status: 'accepted' | 'flagged' | 'rejected_after_review';
      distanceM: number | null;
      accuracyM: number | null;
      coordSystem: string | null;
      deviceId: string | null;
      reviewNote: string | null;
      reviewedAt: string | null;
    };
    InboxMessageInput: {
      /** Format: uuid */
      id: string;
      event: string;
      title: string;
      body: string;
      link: string | null;
      createdAt: string;
      readAt: string | null;
    };
    InboxInput: {
      total: number;
      unread: number;
      items: components['schemas']['InboxMessageInput'][];
    };
    MessagePreferencesInput: {
      sms: boolean;
      reminders: boolean;
      smsAvailable: boolean;
      quietHours: {
        from: string;
        to: string;
      };
    };
    SimulatedSmsInput: {
      /** Format: uuid */
      id: string;
      phoneMasked: string;
      text: string;
      /** @enum {string} */
      state: 'scheduled' | 'sent' | 'failed';
      scheduledFor: string;
      sentAt: string | null;
      /**
       * @description a sent SMS: through the built-in simulator or a real gateway; null until sent
       * @enum {string|null}
       */
      via: 'simulator' | 'gateway' | null;
      event: string;
    };
    DeadLetterInput: {
      /** Format: uuid */
      id: string;
      event: string;
      /** @enum {string} */
      channel: 'inbox' | 'sms';
      recipientLabel: string;
      attempts: number;
      lastError: string;
      failedAt: string;
    };
    IssuanceVouchersInput: {
      total: number;
      items: {
        id: string;
        number: string;
        /** @enum {string} */
        kind: 'subsidy' | 'checkin_only';
        /** @enum {string} */
        status: 'issued' | 'admitted' | 'in_training' | 'assessed' | 'approved' | 'settled' | 'closed' | 'expired' | 'revoked' | 'completed';
        /** @enum {string} */
        mode: 'targeted' | 'custom' | 'on_demand';
        programme: {
          id: string;
          code: string;
          name: string;
        } | null;
        occupationCode: string | null;
        occupationName: string | null;
        level: number | null;
        districtCode: string | null;
        ratioPct: number;
        standardFen: number | null;
        upliftPct: number;
        subsidyEstimateFen: number | null;
        category: string | null;
        categoryValidUntil: string | null;
        validFrom: string;
        validUntil: string;
        issuedAt: string;
        holder: {
          name: string;
          idNumberMasked: string;
        };
      }[];
      byStatus: {
        [key: string]: number;
      };
    };
    AssessmentResultInput: {
      id: string;
      voucherId: string;
      voucherNumber: string | null;
      /** @description the candidate (考生), masked by the persons service; null when the person is unknown */
      candidateNameMasked: string | null;
      classId: string | null;
      passed: boolean;
      score: number | null;
      level: number;
      levelChangeReason: string | null;
      occupationCode: string;
      certificateNumber: string | null;
      /** @enum {string|null} */
      certificateType: 'skill_level' | 'special_ability' | 'qualification' | null;
      assessedOn: string;
      claimId: string | null;
      /** @description the claim’s number (申请编号), null without a claim */
      claimNumber: string | null;
      claimStatus: string | null;
      createdAt: string;
    };
    AssessmentAssignmentInput: {
      id: string;
      classId: string;
      className: string | null;
      classState: string | null;
      startDate: string | null;
      endDate: string | null;
      occupationCode: string | null;
      level: number | null;
      districtCode: string;
      providerId: string;
      assessorOrgId: string;
      assessorOrgName: string | null;
      note: string | null;
      assignedBy: string | null;
      assignedAt: string;
      active: boolean;
      withdrawnAt: string | null;
      withdrawReason: string | null;
    };
    AnalyticsMetricsInput: {
      issued: number;
      applied: number;
      registered: number;
      admitted: number;
      classesOpened: number;
      classesReportedOnTime: number;
      classesCancelled: number;
      sessionsHeld: number;
      checkInsCounted: number;
      checkInsFlagged: number;
      checkInsOverturned: number;
      expectedCheckIns: number;
      attendedEnough: number;
      assessed: number;
      passed: number;
      certificates: number;
      claimsInReview: number;
      claimsApproved: number;
      claimsHeld: number;
      claimsRejected: number;
      claimsPaid: number;
      claimsFailed: number;
      settled: number;
      expired: number;
      revoked: number;
      objections: number;
      claimsInReviewFen: number;
      claimsApprovedFen: number;
      claimsHeldFen: number;
      claimsRejectedFen: number;
      claimsPaidFen: number;
      claimsFailedFen: number;
      /** @description checkInsCounted / expectedCheckIns, 0..1 */
      attendanceRate: number | null;
      /** @description passed / assessed */
      passRate: number | null;
      avgDaysIssueToAdmission: number | null;
      avgDaysPassToPayment: number | null;
    };
    AnalyticsScopeInput: {
      /** @enum {string} */
      kind: 'all' | 'district' | 'org' | 'none';
      districtCode?: string;
      orgId?: string;
      label: string;
    };
    AnalyticsSummaryInput: {
      scope: components['schemas']['AnalyticsScopeInput'];
      filters: {
        [key: string]: string | number;
      };
      /** @description the instant of the read (ISO); figures are exact then */
      asOf: string;
      metrics: components['schemas']['AnalyticsMetricsInput'];
    };
    AnalyticsRowInput: {
      key: string;
      label: string;
      metrics: components['schemas']['AnalyticsMetricsInput'];
    };
    AnalyticsTableInput: {
      scope: components['schemas']['AnalyticsScopeInput'];
      filters: {
        [key: string]: string | number;
      };
      /** @description the instant of the read (ISO); figures are exact then */
      asOf: string;
      /** @enum {string} */
      groupBy: 'district' | 'trainingDistrict' | 'programme' | 'occupation' | 'level' | 'provider' | 'month' | 'category' | 'class';
      rows: components['schemas']['AnalyticsRowInput'][];
      total: components['schemas']['AnalyticsMetricsInput'];
    };
    FunnelStageInput: {
      /** @enum {string} */
      stage: 'issued' | 'registered' | 'admitted' | 'attendedEnough' | 'assessed' | 'passed' | 'paid';
      count: number;
      rateFromPrevious: number | null;
      rateFromIssued: number | null;
    };
    AnalyticsFunnelInput: {
      scope: components['schemas']['AnalyticsScopeInput'];
      filters: {
        [key: string]: string | number;
      };
      /** @description the instant of the read (ISO); figures are exact then */
      asOf: string;
      /** @enum {string|null} */
      groupBy: 'district' | 'trainingDistrict' | 'programme' | 'occupation' | 'level' | 'provider' | 'month' | 'category' | 'class' | null;
      stages: components['schemas']['FunnelStageInput'][];
      groups: {
        key: string;
        label: string;
        stages: components['schemas']['FunnelStageInput'][];
      }[];
    };
    LeagueRowInput: {
      providerId: string;
      providerName: string;
      programmeId: string;
      programmeName: string;
      admitted: number;
      assessed: number;
      passed: number;
      passRate: number | null;
      attendanceRate: number | null;
      checkInsFlagged: number;
      objections: number;
      /** @description assessed / admitted */
      completionRate: number | null;
      claimsPaidFen: number;
    };
    AnalyticsLeagueInput: {
      scope: components['schemas']['AnalyticsScopeInput'];
      filters: {
        [key: string]: string | number;
      };
      /** @description the instant of the read (ISO); figures are exact then */
      asOf: string;
      rows: components['schemas']['LeagueRowInput'][];
    };
    AnalyticsDrillInput: {
      scope: components['schemas']['AnalyticsScopeInput'];
      filters: {
        [key: string]: string | number;
      };
      /** @description the instant of the read (ISO); figures are exact then */
      asOf: string;
      /** @enum {string} */
      level: 'city' | 'district' | 'provider';
      /** @enum {string} */
      groupBy: 'district' | 'trainingDistrict' | 'programme' | 'occupation' | 'level' | 'provider' | 'month' | 'category' | 'class';
      rows: components['schemas']['AnalyticsRowInput'][];
      total: components['schemas']['AnalyticsMetricsInput'];
    };
    BudgetRowInput: {
      districtCode: string;
      districtName: string;
      programmeId: string;
      programmeName: string;
      year: number;
      allocatedFen: number;
      reservedFen: number;
      paidFen: number;
      availableFen: number;
      /** @description paidFen / allocatedFen (执行率) */
      executionRate: number | null;
    };
    AnalyticsBudgetInput: {
      scope: components['schemas']['AnalyticsScopeInput'];
      asOf: string;
      year: number;
      rows: components['schemas']['BudgetRowInput'][];
      total: {
        allocatedFen: number;
        reservedFen: number;
        paidFen: number;
        availableFen: number;
        /** @description paidFen / allocatedFen (执行率) */
        executionRate: number | null;
      };
    };
    ClassClaimInput: {
      number: string;
      voucherId: string;
      amountFen: number;
      /** @enum {string} */
      status: 'in_review' | 'approved' | 'held' | 'rejected' | 'in_batch' | 'paid' | 'failed';
      /** @enum {string} */
      payeeKind: 'person' | 'provider' | 'enterprise';
      /** @description the public notice’s (公示) last day, YYYY-MM-DD */
      noticeLastDay: string | null;
      /** @description when the bank confirmed the payment */
      paidAt: string | null;
      createdAt: string;
    };
    EnterpriseClaimInput: {
      id: string;
      number: string;
      /** @description the trainee (the employee), masked */
      employeeNameMasked: string | null;
      programmeName: string | null;
      occupationCode: string;
      occupationName: string | null;
      level: number;
      className: string | null;
      providerName: string | null;
      amountFen: number;
      /** @enum {string} */
      status: 'in_review' | 'approved' | 'held' | 'rejected' | 'in_batch' | 'paid' | 'failed';
      /**
       * @description who is paid: the enterprise itself, the employee, or the provider
       * @enum {string}
       */
      payeeKind: 'person' | 'provider' | 'enterprise';
      paidToThisEnterprise: boolean;
      /** @description whether the payee is known (an enterprise programme whose employee has no employer on file has none) */
      payeeKnown: boolean;
      /** @description made on a customised voucher (企业定制券) the enterprise issued */
      customVoucher: boolean;
      /** @description the public notice’s (公示) last day, YYYY-MM-DD */
      noticeLastDay: string | null;
      /** @description when the bank confirmed the payment */
      paidAt: string | null;
      createdAt: string;
    };
    EnterpriseClaimDetailInput: {
      id: string;
      number: string;
      /** @description the trainee (the employee), masked */
      employeeNameMasked: string | null;
      programmeName: string | null;
      occupationCode: string;
      occupationName: string | null;
      level: number;
      className: string | null;
      providerName: string | null;
      amountFen: number;
      /** @enum {string} */
      status: 'in_review' | 'approved' | 'held' | 'rejected' | 'in_batch' | 'paid' | 'failed';
      /**
       * @description who is paid: the enterprise itself, the employee, or the provider
       * @enum {string}
       */
      payeeKind: 'person' | 'provider' | 'enterprise';
      paidToThisEnterprise: boolean;
      /** @description whether the payee is known (an enterprise programme whose employee has no employer on file has none) */
      payeeKnown: boolean;
      /** @description made on a customised voucher (企业定制券) the enterprise issued */
      customVoucher: boolean;
      /** @description the public notice’s (公示) last day, YYYY-MM-DD */
      noticeLastDay: string | null;
      /** @description when the bank confirmed the payment */
      paidAt: string | null;
      createdAt: string;
      /** @description the claim’s steps, oldest first */
      events: {
        /** @enum {string} */
        to: 'in_review' | 'approved' | 'held' | 'rejected' | 'in_batch' | 'paid' | 'failed';
        at: string;
      }[];
    };
    SubsidyClaimInput: {
      id: string;
      number: string;
      voucherId: string;
      personId: string;
      programmeId: string;
      districtCode: string | null;
      year: number;
      occupationCode: string;
      level: number;
      standardFen: number;
      upliftPct: number;
      ratioPct: number;
      feeFen: number;
      amountFen: number;
      /** @description apprenticeship: months of the training period subsidised (standard per year) */
      apprenticeshipMonths: number | null;
      /** @description the person category whose ratio the amount uses */
      ratioCategory: string | null;
      /** @enum {string} */
      status: 'in_review' | 'approved' | 'held' | 'rejected' | 'in_batch' | 'paid' | 'failed';
      rules: {
        /** @enum {string} */
        rule:
          | 'VOUCHER_SUBSIDY_KIND'
          | 'ADMISSION_ON_TIME'
          | 'ATTENDANCE_THRESHOLD'
          | 'ASSESSMENT_PASSED_WITH_CERTIFICATE'
          | 'SAME_OCCUPATION_LEVEL_ONCE'
          | 'NO_LOWER_LEVEL_AFTER_HIGHER'
          | 'MAX_SUBSIDIES_PER_YEAR'
          | 'APPRENTICESHIP_PERIOD_CAP'
          | 'ONCE_ONLY_RATIO'
          | 'ASSESSED_LEVEL_MATCHES_CLASS'
          | 'AMOUNT_POSITIVE'
          | 'PAYEE_ACCOUNT_KNOWN'
          | 'BUDGET_COVERS'
          | 'CERTIFICATE_TOO_OLD'
          | 'UI_CONTRIBUTION_TOO_SHORT'
          | 'SSC_FINANCIAL_INACTIVE'
          | 'CERTIFICATE_NATIONALLY_CONFIRMED';
        passed: boolean;
        reason: string;
        /** @description stable reason code when the rule has a specific one (NO_BUDGET, LEVEL_DIFFERS_FROM_CLASS, ONCE_ONLY_RATIO_USED …) */
        code?: string;
        /** @description the figures the rule compared, e.g. { attendancePct, thresholdPct } */
        values?: {
          [key: string]: number;
        };
      }[];
      failedRules: string[];
      /** @description stable reason codes: each failed rule’s, then notes (e.g. ONCE_ONLY_RATIO_USED) */
      reasonCodes: string[];
      payee: {
        kind: string;
        /** @description a person payee’s name masked (学***0); an enterprise’s or provider’s name as registered */
        name: string | null;
        accountMasked: string | null;
        bankName: string | null;
      };
      notice: {
        publishedAt: string | null;
        lastDay: string | null;
        /** @description the last day was counted past the loaded holiday calendar (Monday–Friday): provisional (暂定) */
        lastDayProvisional: boolean;
        ended: boolean;
      };
      decision: {
        by: string | null;
        at: string | null;
        opinion: string | null;
        /** @description the reason given for approving despite a failed rule */
        overrideReason: string | null;
      };
      failReason: string | null;
      attempt: number;
      createdAt: string;
      /** @description the list of claims in review: working days waited since it came in (Shanghai dates, the holiday calendar); else null */
      waitingWorkingDays: number | null;
    };
    ClaimTodoInput: {
      /**
       * @description NO_BUDGET: claims wait in review because no budget is set for this year, district and programme
       * @enum {string}
       */
      kind: 'NO_BUDGET';
      year: number;
      districtCode: string | null;
      programmeId: string;
      programmeName: string | null;
      claims: number;
    };
    BatchPreviewInput: {
      /** @description the claims the batch would take (payable, up to the cap) */
      count: number;
      /** @description their amounts in fen */
      totalFen: number;
    };
    DisbursementBatchInput: {
      id: string;
      number: string;
      /** @enum {string} */
      status: 'building' | 'draft' | 'approved' | 'generating' | 'file_ready' | 'reconciling' | 'reconciled' | 'cancelled';
      programmeId: string | null;
      districtCode: string | null;
      makerId: string;
      checkerId: string | null;
      /** @description the maker by display name */
      makerName: string | null;
      /** @description the checker by display name */
      checkerName: string | null;
      paymentCount: number;
      totalFen: number;
      bookedCount: number;
      rejectedCount: number;
      fileSha256: string | null;
      csvSha256: string | null;
      requestedDate: string | null;
      createdAt: string;
      approvedAt: string | null;
    };
    BatchPaymentInput: {
      claimNumber: string;
      endToEndId: string;
      payeeKind: string;
      payeeNameMasked: string;
      accountMasked: string;
      bankName: string | null;
      programmeName: string | null;
      amountFen: number;
      status: string;
    };
    PayableSummaryInput: {
      /** @description approved claims whose public notice ended: a batch made now takes them */
      ready: {
        count: number;
        amountFen: number;
      };
      /** @description approved claims still in their public notice */
      inNotice: {
        count: number;
        /** @description the first day one of them becomes payable (YYYY-MM-DD, Shanghai) */
        nextPayableOn: string | null;
      };
      /** @description approved claims whose payee has no bank account on file (no batch takes them) */
      noAccount: number;
    };
    SubsidyCalendarStatusInput: {
      years: {
        year: number;
        days: number;
        holidays: number;
        workdays: number;
        source: string;
        loadedAt: string;
      }[];
      /** @description the last day the calendar knows; past it working days are Monday–Friday and notice ends provisional */
      lastDay: string | null;
      todo: {
        due: boolean;
        nextYear: number;
        dueFrom: string | null;
      };
    };
    PrecheckReasonInput: {
      code: string;
      detail: string;
    };
    PrecheckAnswerInput: {
      programmeId: string;
      programmeName: string;
      eligible: boolean;
      reasons: components['schemas']['PrecheckReasonInput'][];
      notes: components['schemas']['PrecheckReasonInput'][];
      subsidyFen: number;
      selfPaidFen: number | null;
      feeFen: number | null;
      standardFen: number;
      upliftPct: number;
      ratioPct: number;
      year: number;
      maxThisYear: number;
      usedThisYear: number;
      remainingThisYear: number;
      attendanceThresholdPct: number;
      voucher: {
        held: boolean;
        number: string | null;
        validFrom: string;
        validUntil: string;
        validityMonths: number;
      };
    };
    PrecheckInput: {
      courseId: string | null;
      courseName: string | null;
      occupationCode: string;
      occupationName: string;
      level: number;
      answers: components['schemas']['PrecheckAnswerInput'][];
    };
    RecordEntryInput: {
      /** @description ISO 8601 instant (the web shows it in Asia/Shanghai) */
      at: string;
      /** @enum {string} */
      kind: 'voucher' | 'registration' | 'admission' | 'attendance' | 'assessment' | 'certificate' | 'subsidy' | 'subsidy_paid' | 'rehab';
      ref: string;
      title: string;
      occupationName: string | null;
      level: number | null;
      status: string | null;
      hours: number | null;
      sessions: {
        attended: number;
        total: number;
      } | null;
      amountFen: number | null;
      passed: boolean | null;
    };
    LifelongRecordInput: {
      /** Format: uuid */
      personId: string;
      name: string;
      idNumberMasked: string;
      asOf: string;
      entries: components['schemas']['RecordEntryInput'][];
      totals: {
        hoursTrained: number;
        sessionsAttended: number;
        classesAttended: number;
        vouchers: number;
        certificates: number;
        certificatesByLevel: {
          level: number;
          count: number;
        }[];
        subsidyReceivedFen: number;
        subsidyApprovedFen: number;
      };
    };
    DocumentCheckInput: {
      /** Format: uuid */
      id: string;
      /** @enum {string} */
      kind: 'record' | 'certificate';
      holderNameMasked: string;
      issuedAt: string;
      /** @description the Shanghai business date of issue */
      issuedOn: string;
      contentDigest: string;
      /** @enum {string} */
      digestAlg: 'sha256' | 'sm3';
      /** @enum {string} */
      signatureAlg: 'Ed25519' | 'SM2';
      signatureValid: boolean;
    };
    UploadCheckInput: {
      /** @enum {string} */
      outcome: 'genuine' | 'tampered' | 'unknown';
      document: components['schemas']['DocumentCheckInput'] | null;
    };
    RatingScoreInput: {
      overall: number | null;
      dimensions: {
        teaching: number | null;
        practical: number | null;
        venue: number | null;
        organisation: number | null;
      };
      ratings: number;
    };
    ClassRatingInput: {
      id: string;
      classId: string;
      className: string;
      providerName: string;
      teaching: number;
      practical: number;
      venue: number;
      organisation: number;
      comment: string | null;
      /** @enum {string} */
      commentStatus: 'none' | 'pending' | 'published' | 'rejected';
      moderationReason: string | null;
      reply: string | null;
      ratedAt: string;
      changedAt: string;
      editableUntil: string;
      editable: boolean;
    };
    ProviderClassRatingInput: {
      id: string;
      classId: string;
      className: string;
      providerName: string;
      teaching: number;
      practical: number;
      venue: number;
      organisation: number;
      comment: string | null;
      /** @enum {string} */
      commentStatus: 'none' | 'pending' | 'published' | 'rejected';
      moderationReason: string | null;
      reply: string | null;
      ratedAt: string;
      changedAt: string;
      editableUntil: string;
      editable: boolean;
      /** @description the trainee who rated, masked (张*, 欧**明) */
      rater: string;
      /** @description the overall score 1–5: the mean of the four dimensions, one decimal */
      overall: number;
    };
    RatableClassInput: {
      classId: string;
      className: string;
      providerName: string;
      startDate: string;
      endDate: string;
      refusal: string | null;
      attendanceRate: number;
      rating: components['schemas']['ClassRatingInput'] | null;
    };
    RatingCoverageInput: {
      targetPct: number;
      districts: {
        districtCode: string;
        completers: number;
        rated: number;
        ratePct: number | null;
        meetsTarget: boolean;
      }[];
      classes: {
        classId: string;
        className: string;
        providerId: string;
        providerName: string;
        districtCode: string;
        endDate: string;
        completers: number;
        rated: number;
        ratePct: number | null;
        meetsTarget: boolean;
        score: components['schemas']['RatingScoreInput'];
        lowScore: boolean;
      }[];
    };
    RehabConditionInput: {
      /** @enum {string} */
      code:
        | 'brain_injury'
        | 'fracture'
        | 'spinal_cord_injury'
        | 'hand_injury'
        | 'amputation'
        | 'joint_soft_tissue'
        | 'burn'
        | 'peripheral_nerve'
        | 'vegetative_state';
      zh: string;
      en: string;
      icd10: string[];
    };
    RehabHospitalInput: {
      id: string;
      name: string;
      districtCode: string;
      address: string | null;
      /** @description GCJ-02 */
      location: {
        lat: number;
        lng: number;
      };
      conditions: (
        | 'brain_injury'
        | 'fracture'
        | 'spinal_cord_injury'
        | 'hand_injury'
        | 'amputation'
        | 'joint_soft_tissue'
        | 'burn'
        | 'peripheral_nerve'
        | 'vegetative_state'
      )[];
      /** @description rehabilitation beds */
      beds: number;
      /** @description patients admitted and not discharged */
      occupied: number;
      /** @description placements awaiting admission */
      reserved: number;
      /** @description beds − occupied − reserved (never below 0) */
      freeBeds: number;
    };
    RehabReasonInput: {
      /** @enum {string} */
      code: 'NO_RECOGNITION' | 'RECOGNITION_NOT_FINAL' | 'OUTSIDE_LEAVE_PERIOD' | 'CONDITION_NOT_LISTED' | 'OPEN_CASE_EXISTS';
      zh: string;
      en: string;
      params: {
        [key: string]: string;
      };
    };
    RehabEligibilityInput: {
      eligible: boolean;
      asOf: string;
      reasons: components['schemas']['RehabReasonInput'][];
    };
    InjuryRecognitionInput: {
      id: string;
      decisionNumber: string;
      personId: string;
      personName: string;
      /** @description masked */
      idNumber: string;
      employerOrgId: string | null;
      employerName: string;
      districtCode: string;
      injuryDate: string;
      decisionDate: string;
      /** @enum {string} */
      kind: 'recognised' | 'deemed';
      /** @enum {string} */
      status: 'final' | 'under_review';
      diagnosis: string;
      icd10: string | null;
      /** @description one of the nine, or null/another code when outside them */
      conditionCode: string | null;
      leaveStart: string;
      leaveEnd: string;
      leaveExtensions: {
        until: string;
        reason: string;
      }[];
      effectiveLeaveEnd: string;
      /** @enum {string} */
      source: 'entered' | 'imported' | 'district_system';
      eligibility: components['schemas']['RehabEligibilityInput'];
      createdAt: string;
    };
    RecognitionImportReportInput: {
      total: number;
      created: number;
      updated: number;
      failed: number;
      errors: {
        line: number;
        field: string;
        code: string;
        message: string;
      }[];
    };
    RehabDecisionInput: {
      id: string;
      number: string;
      /** @enum {string} */
      outcome: 'place' | 'request_material' | 'refuse' | 'extend' | 'refuse_extension';
      hospitalId: string | null;
      hospitalName: string | null;
      plannedDays: number | null;
      extraDays: number | null;
      /** @enum {string|null} */
      refusalReason: 'not_eligible' | 'not_needed' | 'medically_unstable' | 'material_insufficient' | 'other' | null;
      reason: string;
      supersedesId: string | null;
      supersededById: string | null;
      decidedBy: string;
      decidedAt: string;
    };
    RehabAttachmentInput: {
      id: string;
      fileName: string;
      mediaType: string;
      sizeBytes: number;
      sha256: string;
      uploadedAt: string;
    };
    RehabTimelineEntryInput: {
      at: string;
      /** @enum {string} */
      kind:
        | 'applied'
        | 'confirmed'
        | 'attachment_added'
        | 'material_requested'
        | 'resubmitted'
        | 'placed'
        | 'refused'
        | 'withdrawn'
        | 'admitted'
        | 'progress'
        | 'extension_requested'
        | 'extended'
        | 'extension_refused'
        | 'discharged'
        | 'voucher_issued'
        | 'reopened';
      note: string | null;
      byRole: string;
    };
    RehabCaseInput: {
      id: string;
      /** @enum {string} */
      status: 'awaiting_worker' | 'submitted' | 'material_requested' | 'placed' | 'refused' | 'withdrawn' | 'admitted' | 'discharged';
      personId: string;
      personName: string;
      /** @description masked */
      idNumber: string;
      recognitionId: string;
      recognitionNumber: string;
      employerOrgId: string | null;
      employerName: string;
      districtCode: string;
      /** @enum {string} */
      conditionCode:
        | 'brain_injury'
        | 'fracture'
        | 'spinal_cord_injury'
        | 'hand_injury'
        | 'amputation'
        | 'joint_soft_tissue'
        | 'burn'
        | 'peripheral_nerve'
        | 'vegetative_state';
      treatmentSummary: string;
      homeAddress: string;
      homeLocation: {
        lat: number;
        lng: number;
      };
      preferences: {
        rank: number;
        hospitalId: string;
        hospitalName: string;
        reason: string;
      }[];
      /** @enum {string} */
      appliedBy: 'worker' | 'employer';
      appliedAt: string;
      submittedAt: string | null;
      decidedAt: string | null;
      /** @description days from submission to the first decision, time waiting for material taken out */
      daysToDecision: number | null;
      hospitalId: string | null;
      hospitalName: string | null;
      plannedDays: number | null;
      admittedAt: string | null;
      /** @description the admission day (Asia/Shanghai) */
      admittedOn: string | null;
      /** @description days in hospital so far, the admission day counted (to the discharge day once discharged) */
      stayDays: number | null;
      plannedLastDay: string | null;
      dischargedAt: string | null;
      /** @enum {string|null} */
      dischargeOutcome: 'returned_to_work' | 'retraining_recommended' | 'further_treatment' | 'other' | null;
      dischargeSummary: string | null;
      recommendedOccupationCode: string | null;
      extensionRequest: {
        days: number;
        reason: string;
        at: string;
      } | null;
      voucher: {
        id: string;
        number: string | null;
      } | null;
      decisions: components['schemas']['RehabDecisionInput'][];
      attachments: components['schemas']['RehabAttachmentInput'][];
      timeline: components['schemas']['RehabTimelineEntryInput'][];
      createdAt: string;
    };
    RehabCaseListItemInput: {
      id: string;
      /** @enum {string} */
      status: 'awaiting_worker' | 'submitted' | 'material_requested' | 'placed' | 'refused' | 'withdrawn' | 'admitted' | 'discharged';
      personId: string;
      personName: string;
      /** @description masked */
      idNumber: string;
      recognitionId: string;
      recognitionNumber: string;
      employerOrgId: string | null;
      employerName: string;
      districtCode: string;
      /** @enum {string} */
      conditionCode:
        | 'brain_injury'
        | 'fracture'
        | 'spinal_cord_injury'
        | 'hand_injury'
        | 'amputation'
        | 'joint_soft_tissue'
        | 'burn'
        | 'peripheral_nerve'
        | 'vegetative_state';
      treatmentSummary: string;
      homeAddress: string;
      homeLocation: {
        lat: number;
        lng: number;
      };
      preferences: {
        rank: number;
        hospitalId: string;
        hospitalName: string;
        reason: string;
      }[];
      /** @enum {string} */
      appliedBy: 'worker' | 'employer';
      appliedAt: string;
      submittedAt: string | null;
      decidedAt: string | null;
      /** @description days from submission to the first decision, time waiting for material taken out */
      daysToDecision: number | null;
      hospitalId: string | null;
      hospitalName: string | null;
      plannedDays: number | null;
      admittedAt: string | null;
      /** @description the admission day (Asia/Shanghai) */
      admittedOn: string | null;
      /** @description days in hospital so far, the admission day counted (to the discharge day once discharged) */
      stayDays: number | null;
      plannedLastDay: string | null;
      dischargedAt: string | null;
      /** @enum {string|null} */
      dischargeOutcome: 'returned_to_work' | 'retraining_recommended' | 'further_treatment' | 'other' | null;
      dischargeSummary: string | null;
      recommendedOccupationCode: string | null;
      extensionRequest: {
        days: number;
        reason: string;
        at: string;
      } | null;
      voucher: {
        id: string;
        number: string | null;
      } | null;
      createdAt: string;
    };
    RehabCaseReviewInput: {
      case: components['schemas']['RehabCaseInput'];
      /** @description judged on the day the application was submitted (asOf) */
      eligibility: components['schemas']['RehabEligibilityInput'];
      recognition: {
        decisionNumber: string;
        /** @enum {string} */
        kind: 'recognised' | 'deemed';
        /** @enum {string} */
        status: 'final' | 'under_review';
        injuryDate: string;
        /** @description the day the injury was recognised */
        decisionDate: string;
        diagnosis: string;
        leaveStart: string;
        /** @description the paid injury-leave period’s last day, extensions included */
        leaveEnd: string;
      };
      hospitals: {
        hospitalId: string;
        name: string;
        districtCode: string;
        beds: number;
        freeBeds: number;
        takesCondition: boolean;
        /** @description the conditions the hospital takes (its rehabilitation specialities) */
        conditions: string[];
        distanceKm: number;
        preferenceRank: number | null;
        preferenceReason: string | null;
      }[];
      proposal: {
        hospitalId: string;
        hospitalName: string;
        /** @enum {string} */
        basis: 'preference' | 'nearest';
        preferenceRank: number | null;
      } | null;
    };
    RehabStatsInput: {
      from: string | null;
      to: string | null;
      districtCode: string | null;
      applications: number;
      byStatus: {
        /** @enum {string} */
        status: 'awaiting_worker' | 'submitted' | 'material_requested' | 'placed' | 'refused' | 'withdrawn' | 'admitted' | 'discharged';
        n: number;
      }[];
      decisions: {
        /** @enum {string} */
        outcome: 'place' | 'request_material' | 'refuse' | 'extend' | 'refuse_extension';
        n: number;
      }[];
      refusalsByReason: {
        /** @enum {string} */
        refusalReason: 'not_eligible' | 'not_needed' | 'medically_unstable' | 'material_insufficient' | 'other';
        n: number;
      }[];
      timeToDecision: {
        decided: number;
        avgDays: number | null;
        maxDays: number | null;
      };
      bedUse: {
        hospitalId: string;
        name: string;
        beds: number;
        occupied: number;
        admitted: number;
        discharged: number;
      }[];
      byDistrictMonth: {
        districtCode: string;
        month: string;
        applications: number;
        placed: number;
        refused: number;
        admitted: number;
        discharged: number;
      }[];
      retraining: {
        recommended: number;
        vouchersIssued: number;
      };
    };
    JobPostingInput: {
      id: string;
      /** @enum {string} */
      source: 'enterprise' | 'officer' | 'feed';
      employerName: string;
      title: string;
      occupationCode: string;
      occupationName: string | null;
      level: number | null;
      districtCode: string;
      address: string;
      lat: number;
      lng: number;
      payMinFen: number;
      payMaxFen: number;
      headcount: number;
      validFrom: string;
      validUntil: string;
      description: string | null;
      /** @enum {string} */
      status: 'open' | 'taken_down' | 'closed';
      statusReason: string | null;
      distanceM: number | null;
      createdAt: string;
    };
    JobRecommendationInput: {
      posting: components['schemas']['JobPostingInput'];
      score: number;
      reasons: {
        /** @enum {string} */
        code: 'CERTIFICATE' | 'CERTIFICATE_BELOW_LEVEL' | 'TRAINING_IN_PROGRESS' | 'TRAINED' | 'SAME_DISTRICT' | 'DISTANCE';
        occupationCode?: string;
        occupationName?: string | null;
        level?: number;
        districtCode?: string;
        distanceM?: number;
      }[];
      interest: {
        id: string;
        /** @enum {string} */
        status: 'interested' | 'withdrawn';
        consented: boolean;
        contacted: boolean;
      } | null;
    };
    WorkbenchTodoInput: {
      /**
       * @description the to-do, by stable code
       * @enum {string}
       */
      kind:
        | 'CLAIMS_TO_REVIEW'
        | 'FLAGS_TO_REVIEW'
        | 'OPENING_REPORTS_DUE'
        | 'OBJECTIONS_TO_HANDLE'
        | 'CLASSES_TO_ASSIGN'
        | 'BUDGETS_MISSING'
        | 'ISSUANCES_TO_RUN'
        | 'BATCHES_TO_APPROVE'
        | 'BANK_RESULTS_TO_IMPORT'
        | 'FAILED_PAYMENTS'
        | 'REGISTRATIONS_PENDING'
        | 'RESULTS_TO_RECORD'
        | 'APPEALS_DUE'
        | 'REHAB_TO_DECIDE'
        | 'REHAB_EXTENSIONS'
        | 'REHAB_TO_ADMIT'
        | 'REHAB_VOUCHERS_TO_ISSUE';
      /** @description how many items wait in the caller’s scope */
      count: number;
      /** @description BUDGETS_MISSING: the distinct (year, district, programme) without a budget */
      groups?: number;
      /** @description the web page that lists the work, its filter preset where the page takes one */
      link: string;
    };
    WorkbenchInput: {
      role: string;
      scope: {
        /** @enum {string} */
        kind: 'all' | 'district' | 'org' | 'person' | 'none';
        districtCode: string | null;
        orgId: string | null;
      };
      /** @description opening reports count as due when their deadline falls within these days */
      dueWithinDays: number;
      todos: components['schemas']['WorkbenchTodoInput'][];
      /** @description the sum of the counts */
      total: number;
    };
    AppealAttachmentInput: {
      id: string;
      fileName: string;
      mediaType: string;
      sizeBytes: number;
    };
    AppealInput: {
      id: string;
      number: string;
      /** @enum {string} */
      kind: 'claim' | 'check_in' | 'voucher_application' | 'rehab_refusal';
      objectId: string;
      objectLabel: string;
      objectStatus: string | null;
      /** @description the person whose object it is, name masked */
      person: string;
      /** @enum {string} */
      appellantRole: 'worker' | 'provider';
      text: string;
      decision: {
        reason: string | null;
        at: string | null;
        ref: string | null;
      };
      /** @enum {string} */
      state: 'submitted' | 'in_progress' | 'answered' | 'closed';
      /** @enum {string|null} */
      outcome: 'upheld' | 'overturned' | null;
      answer: string | null;
      effect: {
        [key: string]: string | boolean;
      } | null;
      submittedAt: string;
      dueOn: string;
      dueProvisional: boolean;
      /** @enum {string} */
      deadline: 'ok' | 'near' | 'overdue' | 'met' | 'missed';
      takenAt: string | null;
      answeredAt: string | null;
      closedAt: string | null;
      attachments: components['schemas']['AppealAttachmentInput'][];
    };
    ServiceRatingInput: {
      id: string;
      /**
       * @description claim: a paid subsidy claim · rehab_case: a closed rehabilitation case · appeal: a closed appeal
       * @enum {string}
       */
      kind: 'claim' | 'rehab_case' | 'appeal';
      objectId: string;
      label: string;
      stars: number;
      comment: string | null;
      ratedAt: string;
    };
    ServiceRatingCountsInput: {
      /**
       * @description claim: a paid subsidy claim · rehab_case: a closed rehabilitation case · appeal: a closed appeal
       * @enum {string}
       */
      kind: 'claim' | 'rehab_case' | 'appeal';
      ratings: number;
      /** @description ratings with 1 … 5 stars */
      stars: number[];
      average: number | null;
      /** @description 好评: 4–5 stars, percent */
      goodPct: number | null;
      /** @description 差评: 1–2 stars, percent */
      badPct: number | null;
    };
    TimelineStepInput: {
      /** @enum {string} */
      key:
        | 'applied'
        | 'registered'
        | 'admitted'
        | 'training'
        | 'assessed'
        | 'reviewed'
        | 'notice'
        | 'paid'
        | 'eligibility'
        | 'placement'
        | 'admission'
        | 'discharge';
      /**
       * @description done; current (the step under way); expected (later); skipped (can no longer happen); failed (ended here)
       * @enum {string}
       */
      state: 'done' | 'current' | 'expected' | 'skipped' | 'failed';
      /** @description YYYY-MM-DD, Asia/Shanghai: the day done, or the day expected when `expected`; null when no rule gives one */
      date: string | null;
      /** @description the date is expected, computed from the rules named by `note` */
      expected: boolean;
      /** @description counted on a calendar year whose holidays are not loaded yet (暂定) */
      provisional: boolean;
      /**
       * @description what the date rests on, or why the step ended
       * @enum {string|null}
       */
      note:
        | 'register_within_validity'
        | 'admitted_at_desk'
        | 'admission_by_opening_deadline'
        | 'class_dates'
        | 'after_class_end'
        | 'claim_on_pass'
        | 'in_review'
        | 'notice_working_days'
        | 'notice_provisional'
        | 'objection_held'
        | 'batch_after_notice'
        | 'batch_requested_date'
        | 'batch_awaiting_approval'
        | 'payment_failed'
        | 'voucher_expired'
        | 'voucher_revoked'
        | 'registration_withdrawn'
        | 'assessment_failed'
        | 'claim_rejected'
        | 'awaiting_worker'
        | 'committee_decides'
        | 'material_requested'
        | 'rehab_refused'
        | 'rehab_withdrawn'
        | 'hospital_admits'
        | 'planned_days'
        | 'discharged'
        | null;
      /** @description the words a person gave: an officer’s opinion, a revocation’s or a bank’s reason */
      reason: string | null;
    };
    TimelineInput: {
      /** @enum {string} */
      kind: 'voucher' | 'claim' | 'rehab';
      id: string;
      voucherId: string | null;
      claimId: string | null;
      /** @description the public notice’s length in working days */
      noticeWorkingDays: number | null;
      steps: components['schemas']['TimelineStepInput'][];
    };
    Problem: {
      type: string;
      title: string;
      status: number;
      detail: string;
      instance: string;
      code: string;
      field?: string;
      errors?: {
        field: string;
        code: string;
        message: string;
      }[];
      requestId: string;
    } & {
      [key: string]: unknown;
    };
    PersonView: {
      id: string;
      name: string;
      /** @description e.g. 310***********123X */
      idNumberMasked: string;
      birthDate: string;
      /** @enum {string} */
      sex: 'M' | 'F';
      /** @description e.g. 138****5678 */
      phoneMasked: string | null;
      /** @description e.g. 6222 **** **** 1234 */
      bankAccountMasked: string | null;
      bankName: string | null;
      districtCode: string | null;
      /** @enum {string} */
      hukou: 'local' | 'nonlocal';
      categories: string[];
      employerUscc: string | null;
      employerName: string | null;
      isDemo: boolean;
      createdAt: string;
      updatedAt: string;
    };
    Organisation: {
      id: string;
      /** @enum {string} */
      kind: 'provider' | 'enterprise' | 'assessor' | 'hospital';
      name: string;
      uscc: string;
      districtCode: string;
      /** @enum {string|null} */
      providerKind: 'social_training_body' | 'vocational_college' | 'high_skill_base' | null;
      address: string | null;
      /** @enum {string} */
      status: 'active' | 'suspended';
      suspendedReason: string | null;
      suspendedAt: string | null;
      contactName: string | null;
      /** @description masked */
      contactPhone: string | null;
      /** @description masked */
      bankAccount: string | null;
      bankName: string | null;
      isDemo: boolean;
      createdAt: string;
      updatedAt: string;
    };
    CheckIn: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      sessionId: string;
      /** Format: uuid */
      classId: string;
      /** @enum {string} */
      source: 'geofence' | 'online_import';
      at: string;
      /** @enum {string} */
      status: 'accepted' | 'flagged' | 'rejected_after_review';
      flags: string[];
      distanceM: number | null;
      accuracyM: number | null;
      counts: boolean;
    };
    ClassAttendance: {
      /** Format: uuid */
      classId: string;
      className: string;
      online: boolean;
      thresholdPct: number;
      sessions: {
        /** Format: uuid */
        id: string;
        seq: number;
        startsAt: string;
        /** @description the first instant a geofence check-in of this session is accepted (the programme’s minutes before the start) */
        checkInOpensAt: string;
        /** @description the last instant it is accepted (the programme’s minutes after the start); both edges inclusive */
        checkInClosesAt: string;
        checkedIn: number;
      }[];
      trainees: {
        /** Format: uuid */
        voucherId: string;
        voucherNumber: string;
        voucherKind: string;
        name: string;
        attended: number;
        total: number;
        rate: number;
        meetsThreshold: boolean;
        sessions: {
          /** Format: uuid */
          sessionId: string;
          seq: number;
          /** @enum {string} */
          mark: 'attended' | 'flagged' | 'rejected' | 'absent';
          at: string | null;
          flags: string[];
          checkInId: string | null;
          /** @description the reviewing officer’s note (复核说明), once a flagged check-in was reviewed */
          reviewNote: string | null;
        }[];
      }[];
    };
    CheckInFlag: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      sessionId: string;
      /** Format: uuid */
      classId: string;
      /** Format: uuid */
      providerId: string;
      districtCode: string;
      trainee: string;
      at: string;
      flags: string[];
      /** @enum {string} */
      status: 'accepted' | 'flagged' | 'rejected_after_review';
      distanceM: number | null;
      accuracyM: number | null;
      coordSystem: string | null;
      deviceId: string | null;
      reviewNote: string | null;
      reviewedAt: string | null;
    };
    InboxMessage: {
      /** Format: uuid */
      id: string;
      event: string;
      title: string;
      body: string;
      link: string | null;
      createdAt: string;
      readAt: string | null;
    };
    Inbox: {
      total: number;
      unread: number;
      items: components['schemas']['InboxMessage'][];
    };
    MessagePreferences: {
      sms: boolean;
      reminders: boolean;
      smsAvailable: boolean;
      quietHours: {
        from: string;
        to: string;
      };
    };
    SimulatedSms: {
      /** Format: uuid */
      id: string;
      phoneMasked: string;
      text: string;
      /** @enum {string} */
      state: 'scheduled' | 'sent' | 'failed';
      scheduledFor: string;
      sentAt: string | null;
      /**
       * @description a sent SMS: through the built-in simulator or a real gateway; null until sent
       * @enum {string|null}
       */
      via: 'simulator' | 'gateway' | null;
      event: string;
    };
    DeadLetter: {
      /** Format: uuid */
      id: string;
      event: string;
      /** @enum {string} */
      channel: 'inbox' | 'sms';
      recipientLabel: string;
      attempts: number;
      lastError: string;
      failedAt: string;
    };
    IssuanceVouchers: {
      total: number;
      items: {
        id: string;
        number: string;
        /** @enum {string} */
        kind: 'subsidy' | 'checkin_only';
        /** @enum {string} */
        status: 'issued' | 'admitted' | 'in_training' | 'assessed' | 'approved' | 'settled' | 'closed' | 'expired' | 'revoked' | 'completed';
        /** @enum {string} */
        mode: 'targeted' | 'custom' | 'on_demand';
        programme: {
          id: string;
          code: string;
          name: string;
        } | null;
        occupationCode: string | null;
        occupationName: string | null;
        level: number | null;
        districtCode: string | null;
        ratioPct: number;
        standardFen: number | null;
        upliftPct: number;
        subsidyEstimateFen: number | null;
        category: string | null;
        categoryValidUntil: string | null;
        validFrom: string;
        validUntil: string;
        issuedAt: string;
        holder: {
          name: string;
          idNumberMasked: string;
        };
      }[];
      byStatus: {
        [key: string]: number;
      };
    };
    AssessmentResult: {
      id: string;
      voucherId: string;
      voucherNumber: string | null;
      /** @description the candidate (考生), masked by the persons service; null when the person is unknown */
      candidateNameMasked: string | null;
      classId: string | null;
      passed: boolean;
      score: number | null;
      level: number;
      levelChangeReason: string | null;
      occupationCode: string;
      certificateNumber: string | null;
      /** @enum {string|null} */
      certificateType: 'skill_level' | 'special_ability' | 'qualification' | null;
      assessedOn: string;
      claimId: string | null;
      /** @description the claim’s number (申请编号), null without a claim */
      claimNumber: string | null;
      claimStatus: string | null;
      createdAt: string;
    };
    AssessmentAssignment: {
      id: string;
      classId: string;
      className: string | null;
      classState: string | null;
      startDate: string | null;
      endDate: string | null;
      occupationCode: string | null;
      level: number | null;
      districtCode: string;
      providerId: string;
      assessorOrgId: string;
      assessorOrgName: string | null;
      note: string | null;
      assignedBy: string | null;
      assignedAt: string;
      active: boolean;
      withdrawnAt: string | null;
      withdrawReason: string | null;
    };
    AnalyticsMetrics: {
      issued: number;
      applied: number;
      registered: number;
      admitted: number;
      classesOpened: number;
      classesReportedOnTime: number;
      classesCancelled: number;
      sessionsHeld: number;
      checkInsCounted: number;
      checkInsFlagged: number;
      checkInsOverturned: number;
      expectedCheckIns: number;
      attendedEnough: number;
      assessed: number;
      passed: number;
      certificates: number;
      claimsInReview: number;
      claimsApproved: number;
      claimsHeld: number;
      claimsRejected: number;
      claimsPaid: number;
      claimsFailed: number;
      settled: number;
      expired: number;
      revoked: number;
      objections: number;
      claimsInReviewFen: number;
      claimsApprovedFen: number;
      claimsHeldFen: number;
      claimsRejectedFen: number;
      claimsPaidFen: number;
      claimsFailedFen: number;
      /** @description checkInsCounted / expectedCheckIns, 0..1 */
      attendanceRate: number | null;
      /** @description passed / assessed */
      passRate: number | null;
      avgDaysIssueToAdmission: number | null;
      avgDaysPassToPayment: number | null;
    };
    AnalyticsScope: {
      /** @enum {string} */
      kind: 'all' | 'district' | 'org' | 'none';
      districtCode?: string;
      orgId?: string;
      label: string;
    };
    AnalyticsSummary: {
      scope: components['schemas']['AnalyticsScope'];
      filters: {
        [key: string]: string | number;
      };
      /** @description the instant of the read (ISO); figures are exact then */
      asOf: string;
      metrics: components['schemas']['AnalyticsMetrics'];
    };
    AnalyticsRow: {
      key: string;
      label: string;
      metrics: components['schemas']['AnalyticsMetrics'];
    };
    AnalyticsTable: {
      scope: components['schemas']['AnalyticsScope'];
      filters: {
        [key: string]: string | number;
      };
      /** @description the instant of the read (ISO); figures are exact then */
      asOf: string;
      /** @enum {string} */
      groupBy: 'district' | 'trainingDistrict' | 'programme' | 'occupation' | 'level' | 'provider' | 'month' | 'category' | 'class';
      rows: components['schemas']['AnalyticsRow'][];
      total: components['schemas']['AnalyticsMetrics'];
    };
    FunnelStage: {
      /** @enum {string} */
      stage: 'issued' | 'registered' | 'admitted' | 'attendedEnough' | 'assessed' | 'passed' | 'paid';
      count: number;
      rateFromPrevious: number | null;
      rateFromIssued: number | null;
    };
    AnalyticsFunnel: {
      scope: components['schemas']['AnalyticsScope'];
      filters: {
        [key: string]: string | number;
      };
      /** @description the instant of the read (ISO); figures are exact then */
      asOf: string;
      /** @enum {string|null} */
      groupBy: 'district' | 'trainingDistrict' | 'programme' | 'occupation' | 'level' | 'provider' | 'month' | 'category' | 'class' | null;
      stages: components['schemas']['FunnelStage'][];
      groups: {
        key: string;
        label: string;
        stages: components['schemas']['FunnelStage'][];
      }[];
    };
    LeagueRow: {
      providerId: string;
      providerName: string;
      programmeId: string;
      programmeName: string;
      admitted: number;
      assessed: number;
      passed: number;
      passRate: number | null;
      attendanceRate: number | null;
      checkInsFlagged: number;
      objections: number;
      /** @description assessed / admitted */
      completionRate: number | null;
      claimsPaidFen: number;
    };
    AnalyticsLeague: {
      scope: components['schemas']['AnalyticsScope'];
      filters: {
        [key: string]: string | number;
      };
      /** @description the instant of the read (ISO); figures are exact then */
      asOf: string;
      rows: components['schemas']['LeagueRow'][];
    };
    AnalyticsDrill: {
      scope: components['schemas']['AnalyticsScope'];
      filters: {
        [key: string]: string | number;
      };
      /** @description the instant of the read (ISO); figures are exact then */
      asOf: string;
      /** @enum {string} */
      level: 'city' | 'district' | 'provider';
      /** @enum {string} */
      groupBy: 'district' | 'trainingDistrict' | 'programme' | 'occupation' | 'level' | 'provider' | 'month' | 'category' | 'class';
      rows: components['schemas']['AnalyticsRow'][];
      total: components['schemas']['AnalyticsMetrics'];
    };
    BudgetRow: {
      districtCode: string;
      districtName: string;
      programmeId: string;
      programmeName: string;
      year: number;
      allocatedFen: number;
      reservedFen: number;
      paidFen: number;
      availableFen: number;
      /** @description paidFen / allocatedFen (执行率) */
      executionRate: number | null;
    };
    AnalyticsBudget: {
      scope: components['schemas']['AnalyticsScope'];
      asOf: string;
      year: number;
      rows: components['schemas']['BudgetRow'][];
      total: {
        allocatedFen: number;
        reservedFen: number;
        paidFen: number;
        availableFen: number;
        /** @description paidFen / allocatedFen (执行率) */
        executionRate: number | null;
      };
    };
    ClassClaim: {
      number: string;
      voucherId: string;
      amountFen: number;
      /** @enum {string} */
      status: 'in_review' | 'approved' | 'held' | 'rejected' | 'in_batch' | 'paid' | 'failed';
      /** @enum {string} */
      payeeKind: 'person' | 'provider' | 'enterprise';
      /** @description the public notice’s (公示) last day, YYYY-MM-DD */
      noticeLastDay: string | null;
      /** @description when the bank confirmed the payment */
      paidAt: string | null;
      createdAt: string;
    };
    EnterpriseClaim: {
      id: string;
      number: string;
      /** @description the trainee (the employee), masked */
      employeeNameMasked: string | null;
      programmeName: string | null;
      occupationCode: string;
      occupationName: string | null;
      level: number;
      className: string | null;
      providerName: string | null;
      amountFen: number;
      /** @enum {string} */
      status: 'in_review' | 'approved' | 'held' | 'rejected' | 'in_batch' | 'paid' | 'failed';
      /**
       * @description who is paid: the enterprise itself, the employee, or the provider
       * @enum {string}
       */
      payeeKind: 'person' | 'provider' | 'enterprise';
      paidToThisEnterprise: boolean;
      /** @description whether the payee is known (an enterprise programme whose employee has no employer on file has none) */
      payeeKnown: boolean;
      /** @description made on a customised voucher (企业定制券) the enterprise issued */
      customVoucher: boolean;
      /** @description the public notice’s (公示) last day, YYYY-MM-DD */
      noticeLastDay: string | null;
      /** @description when the bank confirmed the payment */
      paidAt: string | null;
      createdAt: string;
    };
    EnterpriseClaimDetail: {
      id: string;
      number: string;
      /** @description the trainee (the employee), masked */
      employeeNameMasked: string | null;
      programmeName: string | null;
      occupationCode: string;
      occupationName: string | null;
      level: number;
      className: string | null;
      providerName: string | null;
      amountFen: number;
      /** @enum {string} */
      status: 'in_review' | 'approved' | 'held' | 'rejected' | 'in_batch' | 'paid' | 'failed';
      /**
       * @description who is paid: the enterprise itself, the employee, or the provider
       * @enum {string}
       */
      payeeKind: 'person' | 'provider' | 'enterprise';
      paidToThisEnterprise: boolean;
      /** @description whether the payee is known (an enterprise programme whose employee has no employer on file has none) */
      payeeKnown: boolean;
      /** @description made on a customised voucher (企业定制券) the enterprise issued */
      customVoucher: boolean;
      /** @description the public notice’s (公示) last day, YYYY-MM-DD */
      noticeLastDay: string | null;
      /** @description when the bank confirmed the payment */
      paidAt: string | null;
      createdAt: string;
      /** @description the claim’s steps, oldest first */
      events: {
        /** @enum {string} */
        to: 'in_review' | 'approved' | 'held' | 'rejected' | 'in_batch' | 'paid' | 'failed';
        at: string;
      }[];
    };
    SubsidyClaim: {
      id: string;
      number: string;
      voucherId: string;
      personId: string;
      programmeId: string;
      districtCode: string | null;
      year: number;
      occupationCode: string;
      level: number;
      standardFen: number;
      upliftPct: number;
      ratioPct: number;
      feeFen: number;
      amountFen: number;
      /** @description apprenticeship: months of the training period subsidised (standard per year) */
      apprenticeshipMonths: number | null;
      /** @description the person category whose ratio the amount uses */
      ratioCategory: string | null;
      /** @enum {string} */
      status: 'in_review' | 'approved' | 'held' | 'rejected' | 'in_batch' | 'paid' | 'failed';
      rules: {
        /** @enum {string} */
        rule:
          | 'VOUCHER_SUBSIDY_KIND'
          | 'ADMISSION_ON_TIME'
          | 'ATTENDANCE_THRESHOLD'
          | 'ASSESSMENT_PASSED_WITH_CERTIFICATE'
          | 'SAME_OCCUPATION_LEVEL_ONCE'
          | 'NO_LOWER_LEVEL_AFTER_HIGHER'
          | 'MAX_SUBSIDIES_PER_YEAR'
          | 'APPRENTICESHIP_PERIOD_CAP'
          | 'ONCE_ONLY_RATIO'
          | 'ASSESSED_LEVEL_MATCHES_CLASS'
          | 'AMOUNT_POSITIVE'
          | 'PAYEE_ACCOUNT_KNOWN'
          | 'BUDGET_COVERS'
          | 'CERTIFICATE_TOO_OLD'
          | 'UI_CONTRIBUTION_TOO_SHORT'
          | 'SSC_FINANCIAL_INACTIVE'
          | 'CERTIFICATE_NATIONALLY_CONFIRMED';
        passed: boolean;
        reason: string;
        /** @description stable reason code when the rule has a specific one (NO_BUDGET, LEVEL_DIFFERS_FROM_CLASS, ONCE_ONLY_RATIO_USED …) */
        code?: string;
        /** @description the figures the rule compared, e.g. { attendancePct, thresholdPct } */
        values?: {
          [key: string]: number;
        };
      }[];
      failedRules: string[];
      /** @description stable reason codes: each failed rule’s, then notes (e.g. ONCE_ONLY_RATIO_USED) */
      reasonCodes: string[];
      payee: {
        kind: string;
        /** @description a person payee’s name masked (学***0); an enterprise’s or provider’s name as registered */
        name: string | null;
        accountMasked: string | null;
        bankName: string | null;
      };
      notice: {
        publishedAt: string | null;
        lastDay: string | null;
        /** @description the last day was counted past the loaded holiday calendar (Monday–Friday): provisional (暂定) */
        lastDayProvisional: boolean;
        ended: boolean;
      };
      decision: {
        by: string | null;
        at: string | null;
        opinion: string | null;
        /** @description the reason given for approving despite a failed rule */
        overrideReason: string | null;
      };
      failReason: string | null;
      attempt: number;
      createdAt: string;
      /** @description the list of claims in review: working days waited since it came in (Shanghai dates, the holiday calendar); else null */
      waitingWorkingDays: number | null;
    };
    ClaimTodo: {
      /**
       * @description NO_BUDGET: claims wait in review because no budget is set for this year, district and programme
       * @enum {string}
       */
      kind: 'NO_BUDGET';
      year: number;
      districtCode: string | null;
      programmeId: string;
      programmeName: string | null;
      claims: number;
    };
    BatchPreview: {
      /** @description the claims the batch would take (payable, up to the cap) */
      count: number;
      /** @description their amounts in fen */
      totalFen: number;
    };
    DisbursementBatch: {
      id: string;
      number: string;
      /** @enum {string} */
      status: 'building' | 'draft' | 'approved' | 'generating' | 'file_ready' | 'reconciling' | 'reconciled' | 'cancelled';
      programmeId: string | null;
      districtCode: string | null;
      makerId: string;
      checkerId: string | null;
      /** @description the maker by display name */
      makerName: string | null;
      /** @description the checker by display name */
      checkerName: string | null;
      paymentCount: number;
      totalFen: number;
      bookedCount: number;
      rejectedCount: number;
      fileSha256: string | null;
      csvSha256: string | null;
      requestedDate: string | null;
      createdAt: string;
      approvedAt: string | null;
    };
    BatchPayment: {
      claimNumber: string;
      endToEndId: string;
      payeeKind: string;
      payeeNameMasked: string;
      accountMasked: string;
      bankName: string | null;
      programmeName: string | null;
      amountFen: number;
      status: string;
    };
    PayableSummary: {
      /** @description approved claims whose public notice ended: a batch made now takes them */
      ready: {
        count: number;
        amountFen: number;
      };
      /** @description approved claims still in their public notice */
      inNotice: {
        count: number;
        /** @description the first day one of them becomes payable (YYYY-MM-DD, Shanghai) */
        nextPayableOn: string | null;
      };
      /** @description approved claims whose payee has no bank account on file (no batch takes them) */
      noAccount: number;
    };
    SubsidyCalendarStatus: {
      years: {
        year: number;
        days: number;
        holidays: number;
        workdays: number;
        source: string;
        loadedAt: string;
      }[];
      /** @description the last day the calendar knows; past it working days are Monday–Friday and notice ends provisional */
      lastDay: string | null;
      todo: {
        due: boolean;
        nextYear: number;
        dueFrom: string | null;
      };
    };
    PrecheckReason: {
      code: string;
      detail: string;
    };
    PrecheckAnswer: {
      programmeId: string;
      programmeName: string;
      eligible: boolean;
      reasons: components['schemas']['PrecheckReason'][];
      notes: components['schemas']['PrecheckReason'][];
      subsidyFen: number;
      selfPaidFen: number | null;
      feeFen: number | null;
      standardFen: number;
      upliftPct: number;
      ratioPct: number;
      year: number;
      maxThisYear: number;
      usedThisYear: number;
      remainingThisYear: number;
      attendanceThresholdPct: number;
      voucher: {
        held: boolean;
        number: string | null;
        validFrom: string;
        validUntil: string;
        validityMonths: number;
      };
    };
    Precheck: {
      courseId: string | null;
      courseName: string | null;
      occupationCode: string;
      occupationName: string;
      level: number;
      answers: components['schemas']['PrecheckAnswer'][];
    };
    RecordEntry: {
      /** @description ISO 8601 instant (the web shows it in Asia/Shanghai) */
      at: string;
      /** @enum {string} */
      kind: 'voucher' | 'registration' | 'admission' | 'attendance' | 'assessment' | 'certificate' | 'subsidy' | 'subsidy_paid' | 'rehab';
      ref: string;
      title: string;
      occupationName: string | null;
      level: number | null;
      status: string | null;
      hours: number | null;
      sessions: {
        attended: number;
        total: number;
      } | null;
      amountFen: number | null;
      passed: boolean | null;
    };
    LifelongRecord: {
      /** Format: uuid */
      personId: string;
      name: string;
      idNumberMasked: string;
      asOf: string;
      entries: components['schemas']['RecordEntry'][];
      totals: {
        hoursTrained: number;
        sessionsAttended: number;
        classesAttended: number;
        vouchers: number;
        certificates: number;
        certificatesByLevel: {
          level: number;
          count: number;
        }[];
        subsidyReceivedFen: number;
        subsidyApprovedFen: number;
      };
    };
    DocumentCheck: {
      /** Format: uuid */
      id: string;
      /** @enum {string} */
      kind: 'record' | 'certificate';
      holderNameMasked: string;
      issuedAt: string;
      /** @description the Shanghai business date of issue */
      issuedOn: string;
      contentDigest: string;
      /** @enum {string} */
      digestAlg: 'sha256' | 'sm3';
      /** @enum {string} */
      signatureAlg: 'Ed25519' | 'SM2';
      signatureValid: boolean;
    };
    UploadCheck: {
      /** @enum {string} */
      outcome: 'genuine' | 'tampered' | 'unknown';
      document: components['schemas']['DocumentCheck'] | null;
    };
    RatingScore: {
      overall: number | null;
      dimensions: {
        teaching: number | null;
        practical: number | null;
        venue: number | null;
        organisation: number | null;
      };
      ratings: number;
    };
    ClassRating: {
      id: string;
      classId: string;
      className: string;
      providerName: string;
      teaching: number;
      practical: number;
      venue: number;
      organisation: number;
      comment: string | null;
      /** @enum {string} */
      commentStatus: 'none' | 'pending' | 'published' | 'rejected';
      moderationReason: string | null;
      reply: string | null;
      ratedAt: string;
      changedAt: string;
      editableUntil: string;
      editable: boolean;
    };
    ProviderClassRating: {
      id: string;
      classId: string;
      className: string;
      providerName: string;
      teaching: number;
      practical: number;
      venue: number;
      organisation: number;
      comment: string | null;
      /** @enum {string} */
      commentStatus: 'none' | 'pending' | 'published' | 'rejected';
      moderationReason: string | null;
      reply: string | null;
      ratedAt: string;
      changedAt: string;
      editableUntil: string;
      editable: boolean;
      /** @description the trainee who rated, masked (张*, 欧**明) */
      rater: string;
      /** @description the overall score 1–5: the mean of the four dimensions, one decimal */
      overall: number;
    };
    RatableClass: {
      classId: string;
      className: string;
      providerName: string;
      startDate: string;
      endDate: string;
      refusal: string | null;
      attendanceRate: number;
      rating: components['schemas']['ClassRating'] | null;
    };
    RatingCoverage: {
      targetPct: number;
      districts: {
        districtCode: string;
        completers: number;
        rated: number;
        ratePct: number | null;
        meetsTarget: boolean;
      }[];
      classes: {
        classId: string;
        className: string;
        providerId: string;
        providerName: string;
        districtCode: string;
        endDate: string;
        completers: number;
        rated: number;
        ratePct: number | null;
        meetsTarget: boolean;
        score: components['schemas']['RatingScore'];
        lowScore: boolean;
      }[];
    };
    RehabCondition: {
      /** @enum {string} */
      code:
        | 'brain_injury'
        | 'fracture'
        | 'spinal_cord_injury'
        | 'hand_injury'
        | 'amputation'
        | 'joint_soft_tissue'
        | 'burn'
        | 'peripheral_nerve'
        | 'vegetative_state';
      zh: string;
      en: string;
      icd10: string[];
    };
    RehabHospital: {
      id: string;
      name: string;
      districtCode: string;
      address: string | null;
      /** @description GCJ-02 */
      location: {
        lat: number;
        lng: number;
      };
      conditions: (
        | 'brain_injury'
        | 'fracture'
        | 'spinal_cord_injury'
        | 'hand_injury'
        | 'amputation'
        | 'joint_soft_tissue'
        | 'burn'
        | 'peripheral_nerve'
        | 'vegetative_state'
      )[];
      /** @description rehabilitation beds */
      beds: number;
      /** @description patients admitted and not discharged */
      occupied: number;
      /** @description placements awaiting admission */
      reserved: number;
      /** @description beds − occupied − reserved (never below 0) */
      freeBeds: number;
    };
    RehabReason: {
      /** @enum {string} */
      code: 'NO_RECOGNITION' | 'RECOGNITION_NOT_FINAL' | 'OUTSIDE_LEAVE_PERIOD' | 'CONDITION_NOT_LISTED' | 'OPEN_CASE_EXISTS';
      zh: string;
      en: string;
      params: {
        [key: string]: string;
      };
    };
    RehabEligibility: {
      eligible: boolean;
      asOf: string;
      reasons: components['schemas']['RehabReason'][];
    };
    InjuryRecognition: {
      id: string;
      decisionNumber: string;
      personId: string;
      personName: string;
      /** @description masked */
      idNumber: string;
      employerOrgId: string | null;
      employerName: string;
      districtCode: string;
      injuryDate: string;
      decisionDate: string;
      /** @enum {string} */
      kind: 'recognised' | 'deemed';
      /** @enum {string} */
      status: 'final' | 'under_review';
      diagnosis: string;
      icd10: string | null;
      /** @description one of the nine, or null/another code when outside them */
      conditionCode: string | null;
      leaveStart: string;
      leaveEnd: string;
      leaveExtensions: {
        until: string;
        reason: string;
      }[];
      effectiveLeaveEnd: string;
      /** @enum {string} */
      source: 'entered' | 'imported' | 'district_system';
      eligibility: components['schemas']['RehabEligibility'];
      createdAt: string;
    };
    RecognitionImportReport: {
      total: number;
      created: number;
      updated: number;
      failed: number;
      errors: {
        line: number;
        field: string;
        code: string;
        message: string;
      }[];
    };
    RehabDecision: {
      id: string;
      number: string;
      /** @enum {string} */
      outcome: 'place' | 'request_material' | 'refuse' | 'extend' | 'refuse_extension';
      hospitalId: string | null;
      hospitalName: string | null;
      plannedDays: number | null;
      extraDays: number | null;
      /** @enum {string|null} */
      refusalReason: 'not_eligible' | 'not_needed' | 'medically_unstable' | 'material_insufficient' | 'other' | null;
      reason: string;
      supersedesId: string | null;
      supersededById: string | null;
      decidedBy: string;
      decidedAt: string;
    };
    RehabAttachment: {
      id: string;
      fileName: string;
      mediaType: string;
      sizeBytes: number;
      sha256: string;
      uploadedAt: string;
    };
    RehabTimelineEntry: {
      at: string;
      /** @enum {string} */
      kind:
        | 'applied'
        | 'confirmed'
        | 'attachment_added'
        | 'material_requested'
        | 'resubmitted'
        | 'placed'
        | 'refused'
        | 'withdrawn'
        | 'admitted'
        | 'progress'
        | 'extension_requested'
        | 'extended'
        | 'extension_refused'
        | 'discharged'
        | 'voucher_issued'
        | 'reopened';
      note: string | null;
      byRole: string;
    };
    RehabCase: {
      id: string;
      /** @enum {string} */
      status: 'awaiting_worker' | 'submitted' | 'material_requested' | 'placed' | 'refused' | 'withdrawn' | 'admitted' | 'discharged';
      personId: string;
      personName: string;
      /** @description masked */
      idNumber: string;
      recognitionId: string;
      recognitionNumber: string;
      employerOrgId: string | null;
      employerName: string;
      districtCode: string;
      /** @enum {string} */
      conditionCode:
        | 'brain_injury'
        | 'fracture'
        | 'spinal_cord_injury'
        | 'hand_injury'
        | 'amputation'
        | 'joint_soft_tissue'
        | 'burn'
        | 'peripheral_nerve'
        | 'vegetative_state';
      treatmentSummary: string;
      homeAddress: string;
      homeLocation: {
        lat: number;
        lng: number;
      };
      preferences: {
        rank: number;
        hospitalId: string;
        hospitalName: string;
        reason: string;
      }[];
      /** @enum {string} */
      appliedBy: 'worker' | 'employer';
      appliedAt: string;
      submittedAt: string | null;
      decidedAt: string | null;
      /** @description days from submission to the first decision, time waiting for material taken out */
      daysToDecision: number | null;
      hospitalId: string | null;
      hospitalName: string | null;
      plannedDays: number | null;
      admittedAt: string | null;
      /** @description the admission day (Asia/Shanghai) */
      admittedOn: string | null;
      /** @description days in hospital so far, the admission day counted (to the discharge day once discharged) */
      stayDays: number | null;
      plannedLastDay: string | null;
      dischargedAt: string | null;
      /** @enum {string|null} */
      dischargeOutcome: 'returned_to_work' | 'retraining_recommended' | 'further_treatment' | 'other' | null;
      dischargeSummary: string | null;
      recommendedOccupationCode: string | null;
      extensionRequest: {
        days: number;
        reason: string;
        at: string;
      } | null;
      voucher: {
        id: string;
        number: string | null;
      } | null;
      decisions: components['schemas']['RehabDecision'][];
      attachments: components['schemas']['RehabAttachment'][];
      timeline: components['schemas']['RehabTimelineEntry'][];
      createdAt: string;
    };
    RehabCaseListItem: {
      id: string;
      /** @enum {string} */
      status: 'awaiting_worker' | 'submitted' | 'material_requested' | 'placed' | 'refused' | 'withdrawn' | 'admitted' | 'discharged';
      personId: string;
      personName: string;
      /** @description masked */
      idNumber: string;
      recognitionId: string;
      recognitionNumber: string;
      employerOrgId: string | null;
      employerName: string;
      districtCode: string;
      /** @enum {string} */
      conditionCode:
        | 'brain_injury'
        | 'fracture'
        | 'spinal_cord_injury'
        | 'hand_injury'
        | 'amputation'
        | 'joint_soft_tissue'
        | 'burn'
        | 'peripheral_nerve'
        | 'vegetative_state';
      treatmentSummary: string;
      homeAddress: string;
      homeLocation: {
        lat: number;
        lng: number;
      };
      preferences: {
        rank: number;
        hospitalId: string;
        hospitalName: string;
        reason: string;
      }[];
      /** @enum {string} */
      appliedBy: 'worker' | 'employer';
      appliedAt: string;
      submittedAt: string | null;
      decidedAt: string | null;
      /** @description days from submission to the first decision, time waiting for material taken out */
      daysToDecision: number | null;
      hospitalId: string | null;
      hospitalName: string | null;
      plannedDays: number | null;
      admittedAt: string | null;
      /** @description the admission day (Asia/Shanghai) */
      admittedOn: string | null;
      /** @description days in hospital so far, the admission day counted (to the discharge day once discharged) */
      stayDays: number | null;
      plannedLastDay: string | null;
      dischargedAt: string | null;
      /** @enum {string|null} */
      dischargeOutcome: 'returned_to_work' | 'retraining_recommended' | 'further_treatment' | 'other' | null;
      dischargeSummary: string | null;
      recommendedOccupationCode: string | null;
      extensionRequest: {
        days: number;
        reason: string;
        at: string;
      } | null;
      voucher: {
        id: string;
        number: string | null;
      } | null;
      createdAt: string;
    };
    RehabCaseReview: {
      case: components['schemas']['RehabCase'];
      /** @description judged on the day the application was submitted (asOf) */
      eligibility: components['schemas']['RehabEligibility'];
      recognition: {
        decisionNumber: string;
        /** @enum {string} */
        kind: 'recognised' | 'deemed';
        /** @enum {string} */
        status: 'final' | 'under_review';
        injuryDate: string;
        /** @description the day the injury was recognised */
        decisionDate: string;
        diagnosis: string;
        leaveStart: string;
        /** @description the paid injury-leave period’s last day, extensions included */
        leaveEnd: string;
      };
      hospitals: {
        hospitalId: string;
        name: string;
        districtCode: string;
        beds: number;
        freeBeds: number;
        takesCondition: boolean;
        /** @description the conditions the hospital takes (its rehabilitation specialities) */
        conditions: string[];
        distanceKm: number;
        preferenceRank: number | null;
        preferenceReason: string | null;
      }[];
      proposal: {
        hospitalId: string;
        hospitalName: string;
        /** @enum {string} */
        basis: 'preference' | 'nearest';
        preferenceRank: number | null;
      } | null;
    };
    RehabStats: {
      from: string | null;
      to: string | null;
      districtCode: string | null;
      applications: number;
      byStatus: {
        /** @enum {string} */
        status: 'awaiting_worker' | 'submitted' | 'material_requested' | 'placed' | 'refused' | 'withdrawn' | 'admitted' | 'discharged';
        n: number;
      }[];
      decisions: {
        /** @enum {string} */
        outcome: 'place' | 'request_material' | 'refuse' | 'extend' | 'refuse_extension';
        n: number;
      }[];
      refusalsByReason: {
        /** @enum {string} */
        refusalReason: 'not_eligible' | 'not_needed' | 'medically_unstable' | 'material_insufficient' | 'other';
        n: number;
      }[];
      timeToDecision: {
        decided: number;
        avgDays: number | null;
        maxDays: number | null;
      };
      bedUse: {
        hospitalId: string;
        name: string;
        beds: number;
        occupied: number;
        admitted: number;
        discharged: number;
      }[];
      byDistrictMonth: {
        districtCode: string;
        month: string;
        applications: number;
        placed: number;
        refused: number;
        admitted: number;
        discharged: number;
      }[];
      retraining: {
        recommended: number;
        vouchersIssued: number;
      };
    };
    JobPosting: {
      id: string;
      /** @enum {string} */
      source: 'enterprise' | 'officer' | 'feed';
      employerName: string;
      title: string;
      occupationCode: string;
      occupationName: string | null;
      level: number | null;
      districtCode: string;
      address: string;
      lat: number;
      lng: number;
      payMinFen: number;
      payMaxFen: number;
      headcount: number;
      validFrom: string;
      validUntil: string;
      description: string | null;
      /** @enum {string} */
      status: 'open' | 'taken_down' | 'closed';
      statusReason: string | null;
      distanceM: number | null;
      createdAt: string;
    };
    JobRecommendation: {
      posting: components['schemas']['JobPosting'];
      score: number;
      reasons: {
        /** @enum {string} */
        code: 'CERTIFICATE' | 'CERTIFICATE_BELOW_LEVEL' | 'TRAINING_IN_PROGRESS' | 'TRAINED' | 'SAME_DISTRICT' | 'DISTANCE';
        occupationCode?: string;
        occupationName?: string | null;
        level?: number;
        districtCode?: string;
        distanceM?: number;
      }[];
      interest: {
        id: string;
        /** @enum {string} */
        status: 'interested' | 'withdrawn';
        consented: boolean;
        contacted: boolean;
      } | null;
    };
    WorkbenchTodo: {
      /**
       * @description the to-do, by stable code
       * @enum {string}
       */
      kind:
        | 'CLAIMS_TO_REVIEW'
        | 'FLAGS_TO_REVIEW'
        | 'OPENING_REPORTS_DUE'
        | 'OBJECTIONS_TO_HANDLE'
        | 'CLASSES_TO_ASSIGN'
        | 'BUDGETS_MISSING'
        | 'ISSUANCES_TO_RUN'
        | 'BATCHES_TO_APPROVE'
        | 'BANK_RESULTS_TO_IMPORT'
        | 'FAILED_PAYMENTS'
        | 'REGISTRATIONS_PENDING'
        | 'RESULTS_TO_RECORD'
        | 'APPEALS_DUE'
        | 'REHAB_TO_DECIDE'
        | 'REHAB_EXTENSIONS'
        | 'REHAB_TO_ADMIT'
        | 'REHAB_VOUCHERS_TO_ISSUE';
      /** @description how many items wait in the caller’s scope */
      count: number;
      /** @description BUDGETS_MISSING: the distinct (year, district, programme) without a budget */
      groups?: number;
      /** @description the web page that lists the work, its filter preset where the page takes one */
      link: string;
    };
    Workbench: {
      role: string;
      scope: {
        /** @enum {string} */
        kind: 'all' | 'district' | 'org' | 'person' | 'none';
        districtCode: string | null;
        orgId: string | null;
      };
      /** @description opening reports count as due when their deadline falls within these days */
      dueWithinDays: number;
      todos: components['schemas']['WorkbenchTodo'][];
      /** @description the sum of the counts */
      total: number;
    };
    AppealAttachment: {
      id: string;
      fileName: string;
      mediaType: string;
      sizeBytes: number;
    };
    Appeal: {
      id: string;
      number: string;
      /** @enum {string} */
      kind: 'claim' | 'check_in' | 'voucher_application' | 'rehab_refusal';
      objectId: string;
      objectLabel: string;
      objectStatus: string | null;
      /** @description the person whose object it is, name masked */
      person: string;
      /** @enum {string} */
      appellantRole: 'worker' | 'provider';
      text: string;
      decision: {
        reason: string | null;
        at: string | null;
        ref: string | null;
      };
      /** @enum {string} */
      state: 'submitted' | 'in_progress' | 'answered' | 'closed';
      /** @enum {string|null} */
      outcome: 'upheld' | 'overturned' | null;
      answer: string | null;
      effect: {
        [key: string]: string | boolean;
      } | null;
      submittedAt: string;
      dueOn: string;
      dueProvisional: boolean;
      /** @enum {string} */
      deadline: 'ok' | 'near' | 'overdue' | 'met' | 'missed';
      takenAt: string | null;
      answeredAt: string | null;
      closedAt: string | null;
      attachments: components['schemas']['AppealAttachment'][];
    };
    ServiceRating: {
      id: string;
      /**
       * @description claim: a paid subsidy claim · rehab_case: a closed rehabilitation case · appeal: a closed appeal
       * @enum {string}
       */
      kind: 'claim' | 'rehab_case' | 'appeal';
      objectId: string;
      label: string;
      stars: number;
      comment: string | null;
      ratedAt: string;
    };
    ServiceRatingCounts: {
      /**
       * @description claim: a paid subsidy claim · rehab_case: a closed rehabilitation case · appeal: a closed appeal
       * @enum {string}
       */
      kind: 'claim' | 'rehab_case' | 'appeal';
      ratings: number;
      /** @description ratings with 1 … 5 stars */
      stars: number[];
      average: number | null;
      /** @description 好评: 4–5 stars, percent */
      goodPct: number | null;
      /** @description 差评: 1–2 stars, percent */
      badPct: number | null;
    };
    TimelineStep: {
      /** @enum {string} */
      key:
        | 'applied'
        | 'registered'
        | 'admitted'
        | 'training'
        | 'assessed'
        | 'reviewed'
        | 'notice'
        | 'paid'
        | 'eligibility'
        | 'placement'
        | 'admission'
        | 'discharge';
      /**
       * @description done; current (the step under way); expected (later); skipped (can no longer happen); failed (ended here)
       * @enum {string}
       */
      state: 'done' | 'current' | 'expected' | 'skipped' | 'failed';
      /** @description YYYY-MM-DD, Asia/Shanghai: the day done, or the day expected when `expected`; null when no rule gives one */
      date: string | null;
      /** @description the date is expected, computed from the rules named by `note` */
      expected: boolean;
      /** @description counted on a calendar year whose holidays are not loaded yet (暂定) */
      provisional: boolean;
      /**
       * @description what the date rests on, or why the step ended
       * @enum {string|null}
       */
      note:
        | 'register_within_validity'
        | 'admitted_at_desk'
        | 'admission_by_opening_deadline'
        | 'class_dates'
        | 'after_class_end'
        | 'claim_on_pass'
        | 'in_review'
        | 'notice_working_days'
        | 'notice_provisional'
        | 'objection_held'
        | 'batch_after_notice'
        | 'batch_requested_date'
        | 'batch_awaiting_approval'
        | 'payment_failed'
        | 'voucher_expired'
        | 'voucher_revoked'
        | 'registration_withdrawn'
        | 'assessment_failed'
        | 'claim_rejected'
        | 'awaiting_worker'
        | 'committee_decides'
        | 'material_requested'
        | 'rehab_refused'
        | 'rehab_withdrawn'
        | 'hospital_admits'
        | 'planned_days'
        | 'discharged'
        | null;
      /** @description the words a person gave: an officer’s opinion, a revocation’s or a bank’s reason */
      reason: string | null;
    };
    Timeline: {
      /** @enum {string} */
      kind: 'voucher' | 'claim' | 'rehab';
      id: string;
      voucherId: string | null;
      claimId: string | null;
      /** @description the public notice’s length in working days */
      noticeWorkingDays: number | null;
      steps: components['schemas']['TimelineStep'][];
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  health: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @enum {string} */
            status: 'ok';
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  ready: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @enum {string} */
            status: 'ready';
            engine: string;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  signIn: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          username: string;
          password: string;
          /**
           * @default web
           * @enum {string}
           */
          client?: 'web' | 'api';
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @enum {string} */
            status: 'signed_in' | 'totp_required';
            /** @description bearer token (client=api only) */
            token?: string;
            /** @description pass with a TOTP code to /auth/login/totp */
            challenge?: string;
            expiresAt?: string;
            account?: {
              id: string;
              username: string;
              displayName: string;
              /** @enum {string} */
              role: 'worker' | 'provider' | 'enterprise' | 'assessor' | 'district_admin' | 'city_admin' | 'finance' | 'auditor' | 'committee' | 'hospital';
              districtCode: string | null;
              orgId: string | null;
              personId: string | null;
              /** @enum {string} */
              status: 'active' | 'disabled';
              totpEnabled: boolean;
              totpRequired: boolean;
              locked: boolean;
              isDemo: boolean;
              createdAt: string;
            };
            mfaPassed?: boolean;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  signInTotp: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          challenge: string;
          code: string;
          /**
           * @default web
           * @enum {string}
           */
          client?: 'web' | 'api';
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @enum {string} */
            status: 'signed_in' | 'totp_required';
            /** @description bearer token (client=api only) */
            token?: string;
            /** @description pass with a TOTP code to /auth/login/totp */
            challenge?: string;
            expiresAt?: string;
            account?: {
              id: string;
              username: string;
              displayName: string;
              /** @enum {string} */
              role: 'worker' | 'provider' | 'enterprise' | 'assessor' | 'district_admin' | 'city_admin' | 'finance' | 'auditor' | 'committee' | 'hospital';
              districtCode: string | null;
              orgId: string | null;
              personId: string | null;
              /** @enum {string} */
              status: 'active' | 'disabled';
              totpEnabled: boolean;
              totpRequired: boolean;
              locked: boolean;
              isDemo: boolean;
              createdAt: string;
            };
            mfaPassed?: boolean;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  signInEssc: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          assertion: string;
          /**
           * @default web
           * @enum {string}
           */
          client?: 'web' | 'api';
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @enum {string} */
            status: 'signed_in' | 'totp_required';
            /** @description bearer token (client=api only) */
            token?: string;
            /** @description pass with a TOTP code to /auth/login/totp */
            challenge?: string;
            expiresAt?: string;
            account?: {
              id: string;
              username: string;
              displayName: string;
              /** @enum {string} */
              role: 'worker' | 'provider' | 'enterprise' | 'assessor' | 'district_admin' | 'city_admin' | 'finance' | 'auditor' | 'committee' | 'hospital';
              districtCode: string | null;
              orgId: string | null;
              personId: string | null;
              /** @enum {string} */
              status: 'active' | 'disabled';
              totpEnabled: boolean;
              totpRequired: boolean;
              locked: boolean;
              isDemo: boolean;
              createdAt: string;
            };
            mfaPassed?: boolean;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  esscSimulatorAuthorize: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          idNumber: string;
          name: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            assertion: string;
            expiresAt: string;
            /** @enum {boolean} */
            simulator: true;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  signOut: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @enum {boolean} */
            ok: true;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  whoAmI: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            username: string;
            displayName: string;
            /** @enum {string} */
            role: 'worker' | 'provider' | 'enterprise' | 'assessor' | 'district_admin' | 'city_admin' | 'finance' | 'auditor' | 'committee' | 'hospital';
            districtCode: string | null;
            orgId: string | null;
            personId: string | null;
            /** @enum {string} */
            status: 'active' | 'disabled';
            totpEnabled: boolean;
            totpRequired: boolean;
            locked: boolean;
            isDemo: boolean;
            createdAt: string;
            mfaPassed: boolean;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  beginTotpEnrolment: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            secret: string;
            uri: string;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  confirmTotpEnrolment: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          code: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @enum {boolean} */
            ok: true;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listAccounts: {
    parameters: {
      query?: {
        role?: 'worker' | 'provider' | 'enterprise' | 'assessor' | 'district_admin' | 'city_admin' | 'finance' | 'auditor' | 'committee' | 'hospital';
        limit?: number;
        offset?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: {
              id: string;
              username: string;
              displayName: string;
              /** @enum {string} */
              role: 'worker' | 'provider' | 'enterprise' | 'assessor' | 'district_admin' | 'city_admin' | 'finance' | 'auditor' | 'committee' | 'hospital';
              districtCode: string | null;
              orgId: string | null;
              personId: string | null;
              /** @enum {string} */
              status: 'active' | 'disabled';
              totpEnabled: boolean;
              totpRequired: boolean;
              locked: boolean;
              isDemo: boolean;
              createdAt: string;
            }[];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  createAccount: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          username: string;
          displayName: string;
          /** @enum {string} */
          role: 'provider' | 'enterprise' | 'assessor' | 'district_admin' | 'city_admin' | 'finance' | 'auditor' | 'committee' | 'hospital';
          password: string;
          districtCode?: string | null;
          /** Format: uuid */
          orgId?: string | null;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            username: string;
            displayName: string;
            /** @enum {string} */
            role: 'worker' | 'provider' | 'enterprise' | 'assessor' | 'district_admin' | 'city_admin' | 'finance' | 'auditor' | 'committee' | 'hospital';
            districtCode: string | null;
            orgId: string | null;
            personId: string | null;
            /** @enum {string} */
            status: 'active' | 'disabled';
            totpEnabled: boolean;
            totpRequired: boolean;
            locked: boolean;
            isDemo: boolean;
            createdAt: string;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateAccount: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @enum {string} */
          status?: 'active' | 'disabled';
          unlock?: boolean;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            username: string;
            displayName: string;
            /** @enum {string} */
            role: 'worker' | 'provider' | 'enterprise' | 'assessor' | 'district_admin' | 'city_admin' | 'finance' | 'auditor' | 'committee' | 'hospital';
            districtCode: string | null;
            orgId: string | null;
            personId: string | null;
            /** @enum {string} */
            status: 'active' | 'disabled';
            totpEnabled: boolean;
            totpRequired: boolean;
            locked: boolean;
            isDemo: boolean;
            createdAt: string;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listAuditEntries: {
    parameters: {
      query?: {
        entityType?: string;
        entityId?: string;
        action?: string;
        actorId?: string;
        /** @description from this business date (Asia/Shanghai), inclusive */
        from?: string;
        /** @description to this business date (Asia/Shanghai), inclusive */
        to?: string;
        limit?: number;
        offset?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: {
              id: number;
              chain: number;
              seq: number;
              at: string;
              actorId: string | null;
              actorRole: string | null;
              action: string;
              entityType: string;
              entityId: string | null;
              districtCode: string | null;
              detail: {
                [key: string]: unknown;
              };
              hash: string;
              /** @description the acting account’s display name (null: the system, or unknown) */
              actorName: string | null;
            }[];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  exportAuditEntries: {
    parameters: {
      query?: {
        entityType?: string;
        entityId?: string;
        action?: string;
        actorId?: string;
        /** @description from this business date (Asia/Shanghai), inclusive */
        from?: string;
        /** @description to this business date (Asia/Shanghai), inclusive */
        to?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description an .xlsx file */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': unknown;
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  verifyAuditChain: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            ok: boolean;
            entries: number;
            chains: number;
            firstBroken?: {
              id: number;
              chain: number;
              seq: number;
              reason: string;
            };
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listDistricts: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: {
              code: string;
              name: string;
              centre: {
                lat: number;
                lng: number;
              } | null;
            }[];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  searchOccupations: {
    parameters: {
      query?: {
        /** @description code prefix (digits and -) or a name substring */
        q?: string;
        /** @description default 4 (occupations); 1..3 for the groups */
        level?: number;
        shortage?: 'true' | 'false';
        limit?: number;
        offset?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: {
              code: string;
              name: string;
              level: number;
              parentCode: string | null;
              digital: boolean;
              green: boolean;
              shortage: boolean;
              shortageUpliftPct: number;
            }[];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  getOccupation: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            code: string;
            name: string;
            level: number;
            parentCode: string | null;
            digital: boolean;
            green: boolean;
            shortage: boolean;
            shortageUpliftPct: number;
            definition: string | null;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listProgrammes: {
    parameters: {
      query?: {
        type?: 'social_training' | 'enterprise_training' | 'skill_upgrade' | 'apprenticeship';
        status?: 'open' | 'closed';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: {
              id: string;
              code: string;
              name: string;
              /** @enum {string} */
              type: 'social_training' | 'enterprise_training' | 'skill_upgrade' | 'apprenticeship';
              /** @enum {string} */
              fundingSource: 'employment_subsidy_fund' | 'unemployment_insurance_fund' | 'local_education_surcharge';
              /** @enum {string} */
              payee: 'person' | 'provider' | 'enterprise';
              validityMonths: number;
              attendanceThresholdPct: number;
              passMarkScore: number;
              openingDeadlineDays: number;
              checkinBeforeMin: number;
              checkinAfterMin: number;
              geofenceRadiusM: number;
              accuracyMaxM: number;
              onlineAttendance: boolean;
              maxSubsidiesPerYear: number;
              maxSubsidiesPerYearStudent: number;
              eligibleCategories: string[];
              shortageUplift: boolean;
              apprenticeshipCapYears: number | null;
              /** @enum {string} */
              status: 'open' | 'closed';
            }[];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  createProgramme: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          code: string;
          name: string;
          /** @enum {string} */
          type: 'social_training' | 'enterprise_training' | 'skill_upgrade' | 'apprenticeship';
          /** @enum {string} */
          fundingSource: 'employment_subsidy_fund' | 'unemployment_insurance_fund' | 'local_education_surcharge';
          /** @enum {string} */
          payee: 'person' | 'provider' | 'enterprise';
          validityMonths?: number;
          attendanceThresholdPct?: number;
          /** @description 合格分数线: a score below it cannot be recorded as passed */
          passMarkScore?: number;
          openingDeadlineDays?: number;
          checkinBeforeMin?: number;
          checkinAfterMin?: number;
          geofenceRadiusM?: number;
          accuracyMaxM?: number;
          onlineAttendance?: boolean;
          maxSubsidiesPerYear?: number;
          maxSubsidiesPerYearStudent?: number;
          eligibleCategories?: string[];
          shortageUplift?: boolean;
          apprenticeshipCapYears?: number | null;
          /** @enum {string} */
          status?: 'open' | 'closed';
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            code: string;
            name: string;
            /** @enum {string} */
            type: 'social_training' | 'enterprise_training' | 'skill_upgrade' | 'apprenticeship';
            /** @enum {string} */
            fundingSource: 'employment_subsidy_fund' | 'unemployment_insurance_fund' | 'local_education_surcharge';
            /** @enum {string} */
            payee: 'person' | 'provider' | 'enterprise';
            validityMonths: number;
            attendanceThresholdPct: number;
            passMarkScore: number;
            openingDeadlineDays: number;
            checkinBeforeMin: number;
            checkinAfterMin: number;
            geofenceRadiusM: number;
            accuracyMaxM: number;
            onlineAttendance: boolean;
            maxSubsidiesPerYear: number;
            maxSubsidiesPerYearStudent: number;
            eligibleCategories: string[];
            shortageUplift: boolean;
            apprenticeshipCapYears: number | null;
            /** @enum {string} */
            status: 'open' | 'closed';
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  getProgramme: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            code: string;
            name: string;
            /** @enum {string} */
            type: 'social_training' | 'enterprise_training' | 'skill_upgrade' | 'apprenticeship';
            /** @enum {string} */
            fundingSource: 'employment_subsidy_fund' | 'unemployment_insurance_fund' | 'local_education_surcharge';
            /** @enum {string} */
            payee: 'person' | 'provider' | 'enterprise';
            validityMonths: number;
            attendanceThresholdPct: number;
            passMarkScore: number;
            openingDeadlineDays: number;
            checkinBeforeMin: number;
            checkinAfterMin: number;
            geofenceRadiusM: number;
            accuracyMaxM: number;
            onlineAttendance: boolean;
            maxSubsidiesPerYear: number;
            maxSubsidiesPerYearStudent: number;
            eligibleCategories: string[];
            shortageUplift: boolean;
            apprenticeshipCapYears: number | null;
            /** @enum {string} */
            status: 'open' | 'closed';
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateProgramme: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          name?: string;
          /** @enum {string} */
          fundingSource?: 'employment_subsidy_fund' | 'unemployment_insurance_fund' | 'local_education_surcharge';
          /** @enum {string} */
          payee?: 'person' | 'provider' | 'enterprise';
          validityMonths?: number;
          attendanceThresholdPct?: number;
          /** @description 合格分数线: a score below it cannot be recorded as passed */
          passMarkScore?: number;
          openingDeadlineDays?: number;
          checkinBeforeMin?: number;
          checkinAfterMin?: number;
          geofenceRadiusM?: number;
          accuracyMaxM?: number;
          onlineAttendance?: boolean;
          maxSubsidiesPerYear?: number;
          maxSubsidiesPerYearStudent?: number;
          eligibleCategories?: string[];
          shortageUplift?: boolean;
          apprenticeshipCapYears?: number | null;
          /** @enum {string} */
          status?: 'open' | 'closed';
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            code: string;
            name: string;
            /** @enum {string} */
            type: 'social_training' | 'enterprise_training' | 'skill_upgrade' | 'apprenticeship';
            /** @enum {string} */
            fundingSource: 'employment_subsidy_fund' | 'unemployment_insurance_fund' | 'local_education_surcharge';
            /** @enum {string} */
            payee: 'person' | 'provider' | 'enterprise';
            validityMonths: number;
            attendanceThresholdPct: number;
            passMarkScore: number;
            openingDeadlineDays: number;
            checkinBeforeMin: number;
            checkinAfterMin: number;
            geofenceRadiusM: number;
            accuracyMaxM: number;
            onlineAttendance: boolean;
            maxSubsidiesPerYear: number;
            maxSubsidiesPerYearStudent: number;
            eligibleCategories: string[];
            shortageUplift: boolean;
            apprenticeshipCapYears: number | null;
            /** @enum {string} */
            status: 'open' | 'closed';
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listStandards: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: {
              programmeId: string;
              occupationCode: string | null;
              occupationName: string | null;
              level: number;
              amountFen: number;
            }[];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  setStandard: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /**
           * @description null = any occupation of the programme
           * @default null
           */
          occupationCode?: string | null;
          level: number;
          amountFen: number;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            programmeId: string;
            occupationCode: string | null;
            occupationName: string | null;
            level: number;
            amountFen: number;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listRatios: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: {
              category: string;
              name: string;
              ratioPct: number;
              condition: string | null;
            }[];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  setRatio: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          category: string;
          /** @description required when the category is new */
          name?: string;
          ratioPct: number;
          condition?: string | null;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            category: string;
            name: string;
            ratioPct: number;
            condition: string | null;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listShortageOccupations: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: {
              occupationCode: string;
              occupationName: string;
              upliftPct: number;
              field: string | null;
            }[];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  setShortageOccupation: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          occupationCode: string;
          /** @description null removes the occupation from the shortage list */
          upliftPct: number | null;
          field?: string | null;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            occupationCode: string;
            listed: boolean;
            upliftPct: number | null;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listBudgets: {
    parameters: {
      query?: {
        year?: number;
        programmeId?: string;
        districtCode?: string;
        limit?: number;
        offset?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: {
              id: string;
              programmeId: string;
              programmeCode: string;
              districtCode: string;
              districtName: string;
              year: number;
              amountFen: number;
            }[];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  setBudget: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** Format: uuid */
          programmeId: string;
          districtCode: string;
          year: number;
          amountFen: number;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            programmeId: string;
            programmeCode: string;
            districtCode: string;
            districtName: string;
            year: number;
            amountFen: number;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  searchPersons: {
    parameters: {
      query?: {
        name?: string;
        idNumber?: string;
        phone?: string;
        districtCode?: string;
        category?:
          | 'registered_unemployed'
          | 'xiebao'
          | 'former_rural_surplus'
          | 'disabled'
          | 'veteran_5y'
          | 'employed'
          | 'college_graduating'
          | 'secondary_vocational_graduating';
        limit?: number;
        offset?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: components['schemas']['PersonView'][];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  createPerson: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          idNumber: string;
          name: string;
          phone?: string | null;
          bankAccount?: string | null;
          bankName?: string | null;
          districtCode?: string | null;
          /** @enum {string} */
          hukou?: 'local' | 'nonlocal';
          categories?: (
            | 'registered_unemployed'
            | 'xiebao'
            | 'former_rural_surplus'
            | 'disabled'
            | 'veteran_5y'
            | 'employed'
            | 'college_graduating'
            | 'secondary_vocational_graduating'
          )[];
          employerUscc?: string | null;
          employerName?: string | null;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PersonView'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  exportPersons: {
    parameters: {
      query?: {
        name?: string;
        idNumber?: string;
        phone?: string;
        districtCode?: string;
        category?:
          | 'registered_unemployed'
          | 'xiebao'
          | 'former_rural_surplus'
          | 'disabled'
          | 'veteran_5y'
          | 'employed'
          | 'college_graduating'
          | 'secondary_vocational_graduating';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description an .xlsx file */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': unknown;
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  getMyPerson: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PersonView'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  getPersonImportTemplate: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description an .xlsx file */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': unknown;
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  importPersons: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            created: number;
            updated: number;
            failed: number;
            errors: {
              row: number;
              field: string;
              code: string;
              message: string;
            }[];
            errorsTruncated: boolean;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  getPerson: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PersonView'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  updatePerson: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          name?: string;
          phone?: string | null;
          bankAccount?: string | null;
          bankName?: string | null;
          districtCode?: string | null;
          /** @enum {string} */
          hukou?: 'local' | 'nonlocal';
          categories?: (
            | 'registered_unemployed'
            | 'xiebao'
            | 'former_rural_surplus'
            | 'disabled'
            | 'veteran_5y'
            | 'employed'
            | 'college_graduating'
            | 'secondary_vocational_graduating'
          )[];
          employerUscc?: string | null;
          employerName?: string | null;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PersonView'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  readPersonSensitive: {
    parameters: {
      query?: {
        reason?: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            name: string;
            idNumber: string;
            phone: string | null;
            bankAccount: string | null;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listOrgs: {
    parameters: {
      query?: {
        kind?: 'provider' | 'enterprise' | 'assessor' | 'hospital';
        districtCode?: string;
        status?: 'active' | 'suspended';
        providerKind?: 'social_training_body' | 'vocational_college' | 'high_skill_base';
        name?: string;
        limit?: number;
        offset?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: components['schemas']['Organisation'][];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  createOrg: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @enum {string} */
          kind: 'provider' | 'enterprise' | 'assessor' | 'hospital';
          name: string;
          uscc: string;
          districtCode: string;
          /** @enum {string|null} */
          providerKind?: 'social_training_body' | 'vocational_college' | 'high_skill_base' | null;
          address?: string | null;
          contactName?: string | null;
          contactPhone?: string | null;
          bankAccount?: string | null;
          bankName?: string | null;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Organisation'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  getMyOrg: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Organisation'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  getOrg: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Organisation'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateOrg: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          name?: string;
          districtCode?: string;
          /** @enum {string} */
          providerKind?: 'social_training_body' | 'vocational_college' | 'high_skill_base';
          address?: string | null;
          contactName?: string | null;
          contactPhone?: string | null;
          bankAccount?: string | null;
          bankName?: string | null;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Organisation'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  suspendOrg: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          reason: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Organisation'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  reinstateOrg: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          reason: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Organisation'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listOrgAccounts: {
    parameters: {
      query?: {
        limit?: number;
        offset?: number;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: {
              id: string;
              username: string;
              displayName: string;
              /** @enum {string} */
              role: 'worker' | 'provider' | 'enterprise' | 'assessor' | 'district_admin' | 'city_admin' | 'finance' | 'auditor' | 'committee' | 'hospital';
              districtCode: string | null;
              orgId: string | null;
              personId: string | null;
              /** @enum {string} */
              status: 'active' | 'disabled';
              totpEnabled: boolean;
              totpRequired: boolean;
              locked: boolean;
              isDemo: boolean;
              createdAt: string;
            }[];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  createOrgAccount: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          username: string;
          displayName: string;
          password: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            username: string;
            displayName: string;
            /** @enum {string} */
            role: 'worker' | 'provider' | 'enterprise' | 'assessor' | 'district_admin' | 'city_admin' | 'finance' | 'auditor' | 'committee' | 'hospital';
            districtCode: string | null;
            orgId: string | null;
            personId: string | null;
            /** @enum {string} */
            status: 'active' | 'disabled';
            totpEnabled: boolean;
            totpRequired: boolean;
            locked: boolean;
            isDemo: boolean;
            createdAt: string;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listIssuances: {
    parameters: {
      query?: {
        limit?: number;
        offset?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: {
              id: string;
              /** @enum {string} */
              mode: 'targeted' | 'custom';
              name: string;
              programmeId: string;
              districtCode: string | null;
              orgId: string | null;
              definition: {
                occupationCode: string | null;
                level: number | null;
                rule: {
                  districtCodes?: string[];
                  categoriesAny?: string[];
                  /** @enum {string} */
                  hukou?: 'local' | 'nonlocal';
                  ageMin?: number;
                  ageMax?: number;
                  /** @enum {string} */
                  sex?: 'M' | 'F';
                  employerUscc?: string;
                };
                quantityCap: number | null;
                validityMonths: number | null;
                validUntil: string | null;
              };
              /** @enum {string} */
              status: 'draft' | 'running' | 'done' | 'failed';
              matchedTotal: number;
              processed: number;
              issued: number;
              skipped: {
                [key: string]: number;
              };
              percent: number;
              summary: {
                [key: string]: unknown;
              } | null;
              error: string | null;
              createdAt: string;
              startedAt: string | null;
              finishedAt: string | null;
            }[];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  createIssuance: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /**
           * @default targeted
           * @enum {string}
           */
          mode?: 'targeted' | 'custom';
          name: string;
          /** Format: uuid */
          programmeId: string;
          districtCode?: string | null;
          occupationCode?: string | null;
          level?: number | null;
          rule?: {
            districtCodes?: string[];
            categoriesAny?: string[];
            /** @enum {string} */
            hukou?: 'local' | 'nonlocal';
            ageMin?: number;
            ageMax?: number;
            /** @enum {string} */
            sex?: 'M' | 'F';
            employerUscc?: string;
          };
          quantityCap?: number | null;
          validityMonths?: number | null;
          validUntil?: string | null;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @enum {string} */
            mode: 'targeted' | 'custom';
            name: string;
            programmeId: string;
            districtCode: string | null;
            orgId: string | null;
            definition: {
              occupationCode: string | null;
              level: number | null;
              rule: {
                districtCodes?: string[];
                categoriesAny?: string[];
                /** @enum {string} */
                hukou?: 'local' | 'nonlocal';
                ageMin?: number;
                ageMax?: number;
                /** @enum {string} */
                sex?: 'M' | 'F';
                employerUscc?: string;
              };
              quantityCap: number | null;
              validityMonths: number | null;
              validUntil: string | null;
            };
            /** @enum {string} */
            status: 'draft' | 'running' | 'done' | 'failed';
            matchedTotal: number;
            processed: number;
            issued: number;
            skipped: {
              [key: string]: number;
            };
            percent: number;
            summary: {
              [key: string]: unknown;
            } | null;
            error: string | null;
            createdAt: string;
            startedAt: string | null;
            finishedAt: string | null;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  previewIssuance: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /**
           * @default targeted
           * @enum {string}
           */
          mode?: 'targeted' | 'custom';
          name: string;
          /** Format: uuid */
          programmeId: string;
          districtCode?: string | null;
          occupationCode?: string | null;
          level?: number | null;
          rule?: {
            districtCodes?: string[];
            categoriesAny?: string[];
            /** @enum {string} */
            hukou?: 'local' | 'nonlocal';
            ageMin?: number;
            ageMax?: number;
            /** @enum {string} */
            sex?: 'M' | 'F';
            employerUscc?: string;
          };
          quantityCap?: number | null;
          validityMonths?: number | null;
          validUntil?: string | null;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            matched: number;
            holdingOpen: number;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  getIssuanceProgress: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @enum {string} */
            mode: 'targeted' | 'custom';
            name: string;
            programmeId: string;
            districtCode: string | null;
            orgId: string | null;
            definition: {
              occupationCode: string | null;
              level: number | null;
              rule: {
                districtCodes?: string[];
                categoriesAny?: string[];
                /** @enum {string} */
                hukou?: 'local' | 'nonlocal';
                ageMin?: number;
                ageMax?: number;
                /** @enum {string} */
                sex?: 'M' | 'F';
                employerUscc?: string;
              };
              quantityCap: number | null;
              validityMonths: number | null;
              validUntil: string | null;
            };
            /** @enum {string} */
            status: 'draft' | 'running' | 'done' | 'failed';
            matchedTotal: number;
            processed: number;
            issued: number;
            skipped: {
              [key: string]: number;
            };
            percent: number;
            summary: {
              [key: string]: unknown;
            } | null;
            error: string | null;
            createdAt: string;
            startedAt: string | null;
            finishedAt: string | null;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listIssuanceVouchers: {
    parameters: {
      query?: {
        status?: 'issued' | 'admitted' | 'in_training' | 'assessed' | 'approved' | 'settled' | 'closed' | 'expired' | 'revoked' | 'completed';
        limit?: number;
        offset?: number;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['IssuanceVouchers'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  runIssuance: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @enum {string} */
            mode: 'targeted' | 'custom';
            name: string;
            programmeId: string;
            districtCode: string | null;
            orgId: string | null;
            definition: {
              occupationCode: string | null;
              level: number | null;
              rule: {
                districtCodes?: string[];
                categoriesAny?: string[];
                /** @enum {string} */
                hukou?: 'local' | 'nonlocal';
                ageMin?: number;
                ageMax?: number;
                /** @enum {string} */
                sex?: 'M' | 'F';
                employerUscc?: string;
              };
              quantityCap: number | null;
              validityMonths: number | null;
              validUntil: string | null;
            };
            /** @enum {string} */
            status: 'draft' | 'running' | 'done' | 'failed';
            matchedTotal: number;
            processed: number;
            issued: number;
            skipped: {
              [key: string]: number;
            };
            percent: number;
            summary: {
              [key: string]: unknown;
            } | null;
            error: string | null;
            createdAt: string;
            startedAt: string | null;
            finishedAt: string | null;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  getCustomIssuanceTemplate: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description an .xlsx file */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': unknown;
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  uploadCustomIssuanceList: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            issued: number;
            personsCreated: number;
            skipped: {
              [key: string]: number;
            };
            failed: number;
            rows: {
              row: number;
              field?: string;
              code: string;
              message: string;
            }[];
            rowsTruncated: boolean;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  applyForVoucher: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          occupationCode: string;
          level: number;
          /** Format: uuid */
          programmeId?: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            voucher: {
              id: string;
              number: string;
              /** @enum {string} */
              kind: 'subsidy' | 'checkin_only';
              /** @enum {string} */
              status: 'issued' | 'admitted' | 'in_training' | 'assessed' | 'approved' | 'settled' | 'closed' | 'expired' | 'revoked' | 'completed';
              /** @enum {string} */
              mode: 'targeted' | 'custom' | 'on_demand';
              programme: {
                id: string;
                code: string;
                name: string;
              } | null;
              occupationCode: string | null;
              occupationName: string | null;
              level: number | null;
              districtCode: string | null;
              ratioPct: number;
              standardFen: number | null;
              upliftPct: number;
              subsidyEstimateFen: number | null;
              category: string | null;
              categoryValidUntil: string | null;
              validFrom: string;
              validUntil: string;
              issuedAt: string;
              holder: {
                name: string;
                idNumberMasked: string;
              };
            };
            reason: string;
            explanation: {
              /** @enum {string} */
              kind: 'subsidy' | 'checkin_only';
              programmeName: string | null;
              ratioPct: number;
              standardFen: number | null;
              upliftPct: number;
              causes: {
                programmeName: string | null;
                /** @enum {string} */
                cause: 'category_not_eligible' | 'no_standard' | 'no_ratio' | 'holds_open_voucher' | 'no_open_programme';
              }[];
            };
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listMyVouchers: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: {
              id: string;
              number: string;
              /** @enum {string} */
              kind: 'subsidy' | 'checkin_only';
              /** @enum {string} */
              status: 'issued' | 'admitted' | 'in_training' | 'assessed' | 'approved' | 'settled' | 'closed' | 'expired' | 'revoked' | 'completed';
              /** @enum {string} */
              mode: 'targeted' | 'custom' | 'on_demand';
              programme: {
                id: string;
                code: string;
                name: string;
              } | null;
              occupationCode: string | null;
              occupationName: string | null;
              level: number | null;
              districtCode: string | null;
              ratioPct: number;
              standardFen: number | null;
              upliftPct: number;
              subsidyEstimateFen: number | null;
              category: string | null;
              categoryValidUntil: string | null;
              validFrom: string;
              validUntil: string;
              issuedAt: string;
              holder: {
                name: string;
                idNumberMasked: string;
              };
            }[];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listVouchers: {
    parameters: {
      query?: {
        /** @description the voucher number, by its start */
        q?: string;
        status?: 'issued' | 'admitted' | 'in_training' | 'assessed' | 'approved' | 'settled' | 'closed' | 'expired' | 'revoked' | 'completed';
        kind?: 'subsidy' | 'checkin_only';
        mode?: 'targeted' | 'custom' | 'on_demand';
        programmeId?: string;
        districtCode?: string;
        /** @description issued on or after this date (Asia/Shanghai) */
        from?: string;
        /** @description issued on or before this date (Asia/Shanghai) */
        to?: string;
        limit?: number;
        offset?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: {
              id: string;
              number: string;
              /** @enum {string} */
              kind: 'subsidy' | 'checkin_only';
              /** @enum {string} */
              status: 'issued' | 'admitted' | 'in_training' | 'assessed' | 'approved' | 'settled' | 'closed' | 'expired' | 'revoked' | 'completed';
              /** @enum {string} */
              mode: 'targeted' | 'custom' | 'on_demand';
              programme: {
                id: string;
                code: string;
                name: string;
              } | null;
              occupationCode: string | null;
              occupationName: string | null;
              level: number | null;
              districtCode: string | null;
              ratioPct: number;
              standardFen: number | null;
              upliftPct: number;
              subsidyEstimateFen: number | null;
              category: string | null;
              categoryValidUntil: string | null;
              validFrom: string;
              validUntil: string;
              issuedAt: string;
              holder: {
                name: string;
                idNumberMasked: string;
              };
            }[];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  exportVouchers: {
    parameters: {
      query?: {
        /** @description the voucher number, by its start */
        q?: string;
        status?: 'issued' | 'admitted' | 'in_training' | 'assessed' | 'approved' | 'settled' | 'closed' | 'expired' | 'revoked' | 'completed';
        kind?: 'subsidy' | 'checkin_only';
        mode?: 'targeted' | 'custom' | 'on_demand';
        programmeId?: string;
        districtCode?: string;
        /** @description issued on or after this date (Asia/Shanghai) */
        from?: string;
        /** @description issued on or before this date (Asia/Shanghai) */
        to?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description an .xlsx file */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': unknown;
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  voucherStats: {
    parameters: {
      query?: {
        districtCode?: string;
        programmeId?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            byStatus: {
              [key: string]: number;
            };
            rows: {
              districtCode: string | null;
              programmeId: string | null;
              status: string;
              count: number;
            }[];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  findVoucherByNumber: {
    parameters: {
      query: {
        number: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            number: string;
            /** @enum {string} */
            kind: 'subsidy' | 'checkin_only';
            /** @enum {string} */
            status: 'issued' | 'admitted' | 'in_training' | 'assessed' | 'approved' | 'settled' | 'closed' | 'expired' | 'revoked' | 'completed';
            /** @enum {string} */
            mode: 'targeted' | 'custom' | 'on_demand';
            programme: {
              id: string;
              code: string;
              name: string;
            } | null;
            occupationCode: string | null;
            occupationName: string | null;
            level: number | null;
            districtCode: string | null;
            ratioPct: number;
            standardFen: number | null;
            upliftPct: number;
            subsidyEstimateFen: number | null;
            category: string | null;
            categoryValidUntil: string | null;
            validFrom: string;
            validUntil: string;
            issuedAt: string;
            holder: {
              name: string;
              idNumberMasked: string;
            };
            events: {
              /** @enum {string|null} */
              from: 'issued' | 'admitted' | 'in_training' | 'assessed' | 'approved' | 'settled' | 'closed' | 'expired' | 'revoked' | 'completed' | null;
              /** @enum {string} */
              to: 'issued' | 'admitted' | 'in_training' | 'assessed' | 'approved' | 'settled' | 'closed' | 'expired' | 'revoked' | 'completed';
              actorRole: string;
              reason: string | null;
              at: string;
            }[];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  getVoucher: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            number: string;
            /** @enum {string} */
            kind: 'subsidy' | 'checkin_only';
            /** @enum {string} */
            status: 'issued' | 'admitted' | 'in_training' | 'assessed' | 'approved' | 'settled' | 'closed' | 'expired' | 'revoked' | 'completed';
            /** @enum {string} */
            mode: 'targeted' | 'custom' | 'on_demand';
            programme: {
              id: string;
              code: string;
              name: string;
            } | null;
            occupationCode: string | null;
            occupationName: string | null;
            level: number | null;
            districtCode: string | null;
            ratioPct: number;
            standardFen: number | null;
            upliftPct: number;
            subsidyEstimateFen: number | null;
            category: string | null;
            categoryValidUntil: string | null;
            validFrom: string;
            validUntil: string;
            issuedAt: string;
            holder: {
              name: string;
              idNumberMasked: string;
            };
            events: {
              /** @enum {string|null} */
              from: 'issued' | 'admitted' | 'in_training' | 'assessed' | 'approved' | 'settled' | 'closed' | 'expired' | 'revoked' | 'completed' | null;
              /** @enum {string} */
              to: 'issued' | 'admitted' | 'in_training' | 'assessed' | 'approved' | 'settled' | 'closed' | 'expired' | 'revoked' | 'completed';
              actorRole: string;
              reason: string | null;
              at: string;
            }[];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  revokeVoucher: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          reason: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            number: string;
            /** @enum {string} */
            kind: 'subsidy' | 'checkin_only';
            /** @enum {string} */
            status: 'issued' | 'admitted' | 'in_training' | 'assessed' | 'approved' | 'settled' | 'closed' | 'expired' | 'revoked' | 'completed';
            /** @enum {string} */
            mode: 'targeted' | 'custom' | 'on_demand';
            programme: {
              id: string;
              code: string;
              name: string;
            } | null;
            occupationCode: string | null;
            occupationName: string | null;
            level: number | null;
            districtCode: string | null;
            ratioPct: number;
            standardFen: number | null;
            upliftPct: number;
            subsidyEstimateFen: number | null;
            category: string | null;
            categoryValidUntil: string | null;
            validFrom: string;
            validUntil: string;
            issuedAt: string;
            holder: {
              name: string;
              idNumberMasked: string;
            };
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  createVoucherQrToken: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            token: string;
            expiresAt: string;
            voucherId: string;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listProviderApprovals: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: {
              id: string;
              providerId: string;
              programmeId: string;
              occupationCode: string | null;
              grantedAt: string;
              revokedAt: string | null;
              revokeReason: string | null;
            }[];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  grantProviderApproval: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** Format: uuid */
          programmeId: string;
          occupationCode: string | null;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            providerId: string;
            programmeId: string;
            occupationCode: string | null;
            grantedAt: string;
            revokedAt: string | null;
            revokeReason: string | null;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  revokeProviderApproval: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        approvalId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          reason: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            providerId: string;
            programmeId: string;
            occupationCode: string | null;
            grantedAt: string;
            revokedAt: string | null;
            revokeReason: string | null;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listVenues: {
    parameters: {
      query?: {
        providerId?: string;
        limit?: number;
        offset?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: {
              id: string;
              providerId: string;
              name: string;
              address: string;
              districtCode: string;
              /** @enum {string} */
              coordSystem: 'gcj02';
              lat: number;
              lng: number;
              wgs84: {
                lat: number;
                lng: number;
              };
              geofenceRadiusM: number | null;
              createdAt: string;
              updatedAt: string;
            }[];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  createVenue: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          name: string;
          address: string;
          districtCode: string;
          /** @enum {string} */
          coordSystem: 'wgs84' | 'gcj02';
          lat: number;
          lng: number;
          geofenceRadiusM?: number | null;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            providerId: string;
            name: string;
            address: string;
            districtCode: string;
            /** @enum {string} */
            coordSystem: 'gcj02';
            lat: number;
            lng: number;
            wgs84: {
              lat: number;
              lng: number;
            };
            geofenceRadiusM: number | null;
            createdAt: string;
            updatedAt: string;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  getVenue: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            providerId: string;
            name: string;
            address: string;
            districtCode: string;
            /** @enum {string} */
            coordSystem: 'gcj02';
            lat: number;
            lng: number;
            wgs84: {
              lat: number;
              lng: number;
            };
            geofenceRadiusM: number | null;
            createdAt: string;
            updatedAt: string;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateVenue: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          name?: string;
          address?: string;
          districtCode?: string;
          /** @enum {string} */
          coordSystem?: 'wgs84' | 'gcj02';
          lat?: number;
          lng?: number;
          geofenceRadiusM?: number | null;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            providerId: string;
            name: string;
            address: string;
            districtCode: string;
            /** @enum {string} */
            coordSystem: 'gcj02';
            lat: number;
            lng: number;
            wgs84: {
              lat: number;
              lng: number;
            };
            geofenceRadiusM: number | null;
            createdAt: string;
            updatedAt: string;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listCourses: {
    parameters: {
      query?: {
        providerId?: string;
        limit?: number;
        offset?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: {
              id: string;
              providerId: string;
              programmeId: string;
              occupationCode: string;
              level: number;
              name: string;
              description: string | null;
              hours: number;
              feeFen: number;
              createdAt: string;
              updatedAt: string;
            }[];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  createCourse: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** Format: uuid */
          programmeId: string;
          occupationCode: string;
          level: number;
          name: string;
          description?: string | null;
          hours: number;
          feeFen: number;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            providerId: string;
            programmeId: string;
            occupationCode: string;
            level: number;
            name: string;
            description: string | null;
            hours: number;
            feeFen: number;
            createdAt: string;
            updatedAt: string;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  getCourse: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            providerId: string;
            programmeId: string;
            occupationCode: string;
            level: number;
            name: string;
            description: string | null;
            hours: number;
            feeFen: number;
            createdAt: string;
            updatedAt: string;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateCourse: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          name?: string;
          description?: string | null;
          hours?: number;
          feeFen?: number;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            providerId: string;
            programmeId: string;
            occupationCode: string;
            level: number;
            name: string;
            description: string | null;
            hours: number;
            feeFen: number;
            createdAt: string;
            updatedAt: string;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listClasses: {
    parameters: {
      query?: {
        state?: 'draft' | 'reported' | 'open' | 'ended' | 'cancelled';
        providerId?: string;
        /** @description part of the class name */
        q?: string;
        programmeId?: string;
        from?: string;
        to?: string;
        limit?: number;
        offset?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: {
              id: string;
              courseId: string;
              providerId: string;
              programmeId: string;
              occupationCode: string;
              level: number;
              feeFen: number;
              name: string;
              venueId: string | null;
              online: boolean;
              districtCode: string;
              capacity: number;
              seatsTaken: number;
              startDate: string;
              endDate: string;
              reportDeadline: string;
              /** @enum {string} */
              state: 'draft' | 'reported' | 'open' | 'ended' | 'cancelled';
              reportedAt: string | null;
              openedAt: string | null;
              endedAt: string | null;
              cancelledAt: string | null;
              cancelReason: string | null;
              createdAt: string;
            }[];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  createClass: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** Format: uuid */
          courseId: string;
          name?: string;
          /** Format: uuid */
          venueId?: string | null;
          /** @default false */
          online?: boolean;
          capacity: number;
          /** Format: date */
          startDate: string;
          /** Format: date */
          endDate: string;
          sessions?: {
            /** Format: date-time */
            startsAt: string;
            /** Format: date-time */
            endsAt: string;
            topic?: string | null;
          }[];
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            courseId: string;
            providerId: string;
            programmeId: string;
            occupationCode: string;
            level: number;
            feeFen: number;
            name: string;
            venueId: string | null;
            online: boolean;
            districtCode: string;
            capacity: number;
            seatsTaken: number;
            startDate: string;
            endDate: string;
            reportDeadline: string;
            /** @enum {string} */
            state: 'draft' | 'reported' | 'open' | 'ended' | 'cancelled';
            reportedAt: string | null;
            openedAt: string | null;
            endedAt: string | null;
            cancelledAt: string | null;
            cancelReason: string | null;
            createdAt: string;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  getClass: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            courseId: string;
            providerId: string;
            programmeId: string;
            occupationCode: string;
            level: number;
            feeFen: number;
            name: string;
            venueId: string | null;
            online: boolean;
            districtCode: string;
            capacity: number;
            seatsTaken: number;
            startDate: string;
            endDate: string;
            reportDeadline: string;
            /** @enum {string} */
            state: 'draft' | 'reported' | 'open' | 'ended' | 'cancelled';
            reportedAt: string | null;
            openedAt: string | null;
            endedAt: string | null;
            cancelledAt: string | null;
            cancelReason: string | null;
            createdAt: string;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateClass: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          name?: string;
          capacity?: number;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            courseId: string;
            providerId: string;
            programmeId: string;
            occupationCode: string;
            level: number;
            feeFen: number;
            name: string;
            venueId: string | null;
            online: boolean;
            districtCode: string;
            capacity: number;
            seatsTaken: number;
            startDate: string;
            endDate: string;
            reportDeadline: string;
            /** @enum {string} */
            state: 'draft' | 'reported' | 'open' | 'ended' | 'cancelled';
            reportedAt: string | null;
            openedAt: string | null;
            endedAt: string | null;
            cancelledAt: string | null;
            cancelReason: string | null;
            createdAt: string;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  exportClasses: {
    parameters: {
      query?: {
        state?: 'draft' | 'reported' | 'open' | 'ended' | 'cancelled';
        providerId?: string;
        /** @description part of the class name */
        q?: string;
        programmeId?: string;
        from?: string;
        to?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description an .xlsx file */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': unknown;
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listClassSessions: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: {
              id: string;
              classId: string;
              seq: number;
              startsAt: string;
              endsAt: string;
              topic: string | null;
            }[];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  replaceClassSessions: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          sessions: {
            /** Format: date-time */
            startsAt: string;
            /** Format: date-time */
            endsAt: string;
            topic?: string | null;
          }[];
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: {
              id: string;
              classId: string;
              seq: number;
              startsAt: string;
              endsAt: string;
              topic: string | null;
            }[];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  cancelClass: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          reason: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            courseId: string;
            providerId: string;
            programmeId: string;
            occupationCode: string;
            level: number;
            feeFen: number;
            name: string;
            venueId: string | null;
            online: boolean;
            districtCode: string;
            capacity: number;
            seatsTaken: number;
            startDate: string;
            endDate: string;
            reportDeadline: string;
            /** @enum {string} */
            state: 'draft' | 'reported' | 'open' | 'ended' | 'cancelled';
            reportedAt: string | null;
            openedAt: string | null;
            endedAt: string | null;
            cancelledAt: string | null;
            cancelReason: string | null;
            createdAt: string;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  searchCourses: {
    parameters: {
      query?: {
        occupationCode?: string;
        level?: number;
        districtCode?: string;
        programmeId?: string;
        providerId?: string;
        from?: string;
        to?: string;
        q?: string;
        /** @description by start date, by distance from lat/lng, or by the course’s rating (培训评价) */
        sort?: 'start' | 'distance' | 'rating';
        lat?: number;
        lng?: number;
        coordSystem?: 'wgs84' | 'gcj02';
        limit?: number;
        offset?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: {
              classId: string;
              courseId: string;
              name: string;
              providerId: string;
              providerName: string;
              programmeId: string;
              programmeName: string | null;
              occupationCode: string;
              occupationName: string | null;
              level: number;
              feeFen: number;
              online: boolean;
              districtCode: string;
              venue: {
                name: string;
                address: string;
                lat: number;
                lng: number;
                /** @enum {string} */
                coordSystem: 'wgs84' | 'gcj02';
              } | null;
              startDate: string;
              endDate: string;
              registrationClosesAt: string;
              seatsLeft: number;
              distanceM: number | null;
              subsidyEstimateFen: number | null;
              rating: {
                overall: number;
                ratings: number;
              } | null;
            }[];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  registerForClass: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** Format: uuid */
          classId: string;
          /** Format: uuid */
          voucherId: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            classId: string;
            voucherId: string;
            status: string;
            createdAt: string;
            updatedAt: string;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listMyRegistrations: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: {
              id: string;
              classId: string;
              voucherId: string;
              status: string;
              createdAt: string;
              updatedAt: string;
            }[];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listMyTraining: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: {
              /** @enum {string} */
              kind: 'admission' | 'registration';
              id: string;
              status: string;
              voucherId: string;
              voucherNumber: string | null;
              at: string;
              class: {
                id: string;
                name: string;
                state: string;
                providerName: string | null;
                programmeName: string | null;
                occupationCode: string;
                occupationName: string | null;
                level: number;
                online: boolean;
                startDate: string;
                endDate: string;
              };
            }[];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listFittingVouchers: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: {
              id: string;
              number: string;
              /** @enum {string} */
              kind: 'subsidy' | 'checkin_only';
              /** @enum {string} */
              status: 'issued' | 'admitted' | 'in_training' | 'assessed' | 'approved' | 'settled' | 'closed' | 'expired' | 'revoked' | 'completed';
              /** @enum {string} */
              mode: 'targeted' | 'custom' | 'on_demand';
              programme: {
                id: string;
                code: string;
                name: string;
              } | null;
              occupationCode: string | null;
              occupationName: string | null;
              level: number | null;
              districtCode: string | null;
              ratioPct: number;
              standardFen: number | null;
              upliftPct: number;
              subsidyEstimateFen: number | null;
              category: string | null;
              categoryValidUntil: string | null;
              validFrom: string;
              validUntil: string;
              issuedAt: string;
              holder: {
                name: string;
                idNumberMasked: string;
              };
            }[];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  cancelRegistration: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            classId: string;
            voucherId: string;
            status: string;
            createdAt: string;
            updatedAt: string;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listClassRegistrations: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: {
              id: string;
              classId: string;
              voucherId: string;
              status: string;
              createdAt: string;
              updatedAt: string;
              voucherNumber: string;
              holder: {
                name: string;
                idNumberMasked: string;
              };
            }[];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  verifyVoucherForClass: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json':
          | {
              token: string;
            }
          | {
              voucherNumber: string;
              idNumber: string;
            };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            admissible: boolean;
            reasons: string[];
            holder: {
              name: string;
              idNumberMasked: string;
            };
            voucher: {
              id: string;
              number: string;
              kind: string;
              status: string;
              programmeId: string | null;
              occupationCode: string | null;
              level: number | null;
              validFrom: string;
              validUntil: string;
              ratioPct: number;
              /** @description the claim’s amount if the holder passes at this class’s level (the class’s fee the cap); null: the voucher cannot be admitted now (not asked), or it carries no subsidy */
              subsidyEstimateFen: number | null;
            };
            class: {
              id: string;
              name: string;
              /**
               * @description the class’s state now: only a draft class (before its opening report) admits
               * @enum {string}
               */
              state: 'draft' | 'reported' | 'open' | 'ended' | 'cancelled';
              startDate: string;
              admissionsCloseAt: string;
              seatsLeft: number;
            };
            registered: boolean;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  admitToClass: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json':
          | {
              token: string;
            }
          | {
              voucherNumber: string;
              idNumber: string;
            };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            classId: string;
            voucherId: string;
            /** @enum {string} */
            via: 'qr' | 'number';
            /** @enum {string} */
            status: 'admitted' | 'withdrawn' | 'cancelled';
            admittedAt: string;
            endedAt: string | null;
            endReason: string | null;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  withdrawAdmission: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @default  */
          reason?: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            classId: string;
            voucherId: string;
            /** @enum {string} */
            via: 'qr' | 'number';
            /** @enum {string} */
            status: 'admitted' | 'withdrawn' | 'cancelled';
            admittedAt: string;
            endedAt: string | null;
            endReason: string | null;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  fileOpeningReport: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            class: {
              id: string;
              courseId: string;
              providerId: string;
              programmeId: string;
              occupationCode: string;
              level: number;
              feeFen: number;
              name: string;
              venueId: string | null;
              online: boolean;
              districtCode: string;
              capacity: number;
              seatsTaken: number;
              startDate: string;
              endDate: string;
              reportDeadline: string;
              /** @enum {string} */
              state: 'draft' | 'reported' | 'open' | 'ended' | 'cancelled';
              reportedAt: string | null;
              openedAt: string | null;
              endedAt: string | null;
              cancelledAt: string | null;
              cancelReason: string | null;
              createdAt: string;
            };
            roster: {
              admissionId: string;
              voucherId: string;
              voucherNumber: string;
              voucherKind: string;
              holder: {
                name: string;
                idNumberMasked: string;
              };
              /** @enum {string} */
              via: 'qr' | 'number';
              admittedAt: string;
            }[];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  getClassRoster: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            class: {
              id: string;
              courseId: string;
              providerId: string;
              programmeId: string;
              occupationCode: string;
              level: number;
              feeFen: number;
              name: string;
              venueId: string | null;
              online: boolean;
              districtCode: string;
              capacity: number;
              seatsTaken: number;
              startDate: string;
              endDate: string;
              reportDeadline: string;
              /** @enum {string} */
              state: 'draft' | 'reported' | 'open' | 'ended' | 'cancelled';
              reportedAt: string | null;
              openedAt: string | null;
              endedAt: string | null;
              cancelledAt: string | null;
              cancelReason: string | null;
              createdAt: string;
            };
            roster: {
              admissionId: string;
              voucherId: string;
              voucherNumber: string;
              voucherKind: string;
              holder: {
                name: string;
                idNumberMasked: string;
              };
              /** @enum {string} */
              via: 'qr' | 'number';
              admittedAt: string;
            }[];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  checkIn: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description latitude, degrees */
          lat: number;
          /** @description longitude, degrees */
          lng: number;
          /** @description reported horizontal accuracy (radius), metres */
          accuracyM: number;
          /**
           * @description what the device reports: WGS-84 raw GPS (default, as wx.getLocation) or GCJ-02 (map SDKs in China)
           * @default wgs84
           * @enum {string}
           */
          coordSystem?: 'wgs84' | 'gcj02';
          deviceId?: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CheckIn'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  getClassAttendance: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ClassAttendance'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  exportClassAttendance: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description an .xlsx file */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': unknown;
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  importOnlineAttendance: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            rows: number;
            imported: number;
            duplicates: number;
            errors: {
              field: string;
              code: string;
              message: string;
            }[];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listCheckInFlags: {
    parameters: {
      query?: {
        classId?: string;
        /** @description flagged (awaiting review, default) or the review’s outcome */
        status?: 'flagged' | 'accepted' | 'rejected_after_review';
        /** @description one suspicious pattern, e.g. shared_device */
        flag?: string;
        from?: string;
        to?: string;
        limit?: number;
        offset?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: components['schemas']['CheckInFlag'][];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  exportCheckInFlags: {
    parameters: {
      query?: {
        classId?: string;
        /** @description flagged (awaiting review, default) or the review’s outcome */
        status?: 'flagged' | 'accepted' | 'rejected_after_review';
        /** @description one suspicious pattern, e.g. shared_device */
        flag?: string;
        from?: string;
        to?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description an .xlsx file */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': unknown;
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  decideCheckInFlag: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @enum {string} */
          decision: 'accept' | 'reject';
          note: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CheckInFlag'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listAssessmentAssignments: {
    parameters: {
      query?: {
        classId?: string;
        assessorOrgId?: string;
        status?: 'active' | 'withdrawn' | 'all';
        limit?: number;
        offset?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: components['schemas']['AssessmentAssignment'][];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  assignAssessmentBody: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** Format: uuid */
          classId: string;
          /** Format: uuid */
          assessorOrgId: string;
          note?: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AssessmentAssignment'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  withdrawAssessmentAssignment: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          reason: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AssessmentAssignment'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listAssessmentResults: {
    parameters: {
      query?: {
        classId?: string;
        limit?: number;
        offset?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: components['schemas']['AssessmentResult'][];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  recordAssessmentResult: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** Format: uuid */
          voucherId?: string;
          voucherNumber?: string;
          passed: boolean;
          score?: number | null;
          /** @description level reached; absent/null = the class’s level */
          level?: number | null;
          /** @description required when the level differs from the class’s: the claim then goes to review (LEVEL_DIFFERS_FROM_CLASS) */
          levelChangeReason?: string | null;
          certificateNumber?: string | null;
          /** @enum {string|null} */
          certificateType?: 'skill_level' | 'special_ability' | 'qualification' | null;
          /** Format: date */
          assessedOn: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AssessmentResult'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  importAssessmentResults: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            recorded: number;
            passed: number;
            failed: number;
            errors: {
              field: string;
              code: string;
              message: string;
            }[];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  myCertificates: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: {
              /** Format: uuid */
              id: string;
              /** @enum {string} */
              source: 'recorded' | 'imported';
              certificateNumber: string;
              /** @enum {string} */
              certificateType: 'skill_level' | 'special_ability' | 'qualification';
              holderNameMasked: string;
              occupationCode: string;
              level: number;
              issuerName: string;
              assessedOn: string;
            }[];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  lookupCertificate: {
    parameters: {
      query: {
        certificateNumber: string;
        name: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            source: 'recorded' | 'imported';
            certificateNumber: string;
            /** @enum {string} */
            certificateType: 'skill_level' | 'special_ability' | 'qualification';
            holderNameMasked: string;
            occupationCode: string;
            level: number;
            issuerName: string;
            assessedOn: string;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listCertificateRegistry: {
    parameters: {
      query?: {
        certificateNumber?: string;
        limit?: number;
        offset?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: {
              /** Format: uuid */
              id: string;
              /** @enum {string} */
              source: 'recorded' | 'imported';
              certificateNumber: string;
              /** @enum {string} */
              certificateType: 'skill_level' | 'special_ability' | 'qualification';
              holderNameMasked: string;
              occupationCode: string;
              level: number;
              issuerName: string;
              assessedOn: string;
              /** Format: uuid */
              personId: string;
              createdAt: string;
            }[];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  importCertificates: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            imported: number;
            errors: {
              field: string;
              code: string;
              message: string;
            }[];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listClaims: {
    parameters: {
      query?: {
        status?: 'in_review' | 'approved' | 'held' | 'rejected' | 'in_batch' | 'paid' | 'failed';
        districtCode?: string;
        /** @description claims with this reason code (a failed rule, e.g. NO_BUDGET, or a note, e.g. ONCE_ONLY_RATIO_USED) */
        reason?: string;
        /** @description a claim number or the payee’s name, by its start */
        q?: string;
        programmeId?: string;
        year?: number;
        limit?: number;
        offset?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: components['schemas']['SubsidyClaim'][];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listClassClaims: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: components['schemas']['ClassClaim'][];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listClaimTodos: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: components['schemas']['ClaimTodo'][];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  exportClaims: {
    parameters: {
      query?: {
        status?: 'in_review' | 'approved' | 'held' | 'rejected' | 'in_batch' | 'paid' | 'failed';
        districtCode?: string;
        /** @description claims with this reason code (a failed rule, e.g. NO_BUDGET, or a note, e.g. ONCE_ONLY_RATIO_USED) */
        reason?: string;
        /** @description a claim number or the payee’s name, by its start */
        q?: string;
        programmeId?: string;
        year?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description an .xlsx file */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': unknown;
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  getClaim: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            number: string;
            voucherId: string;
            personId: string;
            programmeId: string;
            districtCode: string | null;
            year: number;
            occupationCode: string;
            level: number;
            standardFen: number;
            upliftPct: number;
            ratioPct: number;
            feeFen: number;
            amountFen: number;
            /** @description apprenticeship: months of the training period subsidised (standard per year) */
            apprenticeshipMonths: number | null;
            /** @description the person category whose ratio the amount uses */
            ratioCategory: string | null;
            /** @enum {string} */
            status: 'in_review' | 'approved' | 'held' | 'rejected' | 'in_batch' | 'paid' | 'failed';
            rules: {
              /** @enum {string} */
              rule:
                | 'VOUCHER_SUBSIDY_KIND'
                | 'ADMISSION_ON_TIME'
                | 'ATTENDANCE_THRESHOLD'
                | 'ASSESSMENT_PASSED_WITH_CERTIFICATE'
                | 'SAME_OCCUPATION_LEVEL_ONCE'
                | 'NO_LOWER_LEVEL_AFTER_HIGHER'
                | 'MAX_SUBSIDIES_PER_YEAR'
                | 'APPRENTICESHIP_PERIOD_CAP'
                | 'ONCE_ONLY_RATIO'
                | 'ASSESSED_LEVEL_MATCHES_CLASS'
                | 'AMOUNT_POSITIVE'
                | 'PAYEE_ACCOUNT_KNOWN'
                | 'BUDGET_COVERS'
                | 'CERTIFICATE_TOO_OLD'
                | 'UI_CONTRIBUTION_TOO_SHORT'
                | 'SSC_FINANCIAL_INACTIVE'
                | 'CERTIFICATE_NATIONALLY_CONFIRMED';
              passed: boolean;
              reason: string;
              /** @description stable reason code when the rule has a specific one (NO_BUDGET, LEVEL_DIFFERS_FROM_CLASS, ONCE_ONLY_RATIO_USED …) */
              code?: string;
              /** @description the figures the rule compared, e.g. { attendancePct, thresholdPct } */
              values?: {
                [key: string]: number;
              };
            }[];
            failedRules: string[];
            /** @description stable reason codes: each failed rule’s, then notes (e.g. ONCE_ONLY_RATIO_USED) */
            reasonCodes: string[];
            payee: {
              kind: string;
              /** @description a person payee’s name masked (学***0); an enterprise’s or provider’s name as registered */
              name: string | null;
              accountMasked: string | null;
              bankName: string | null;
            };
            notice: {
              publishedAt: string | null;
              lastDay: string | null;
              /** @description the last day was counted past the loaded holiday calendar (Monday–Friday): provisional (暂定) */
              lastDayProvisional: boolean;
              ended: boolean;
            };
            decision: {
              by: string | null;
              at: string | null;
              opinion: string | null;
              /** @description the reason given for approving despite a failed rule */
              overrideReason: string | null;
            };
            failReason: string | null;
            attempt: number;
            createdAt: string;
            /** @description the list of claims in review: working days waited since it came in (Shanghai dates, the holiday calendar); else null */
            waitingWorkingDays: number | null;
            events: {
              from: string | null;
              to: string;
              at: string;
              reason: string | null;
            }[];
            /** @description what the decider needs beside the claim: the person (masked), the class and provider, the result and certificate, the yearly limit, the person’s other claims */
            context: {
              person: {
                nameMasked: string;
                idMasked: string;
              } | null;
              occupationName: string | null;
              programmeName: string | null;
              class: {
                name: string;
                providerName: string | null;
                startDate: string;
                endDate: string;
              } | null;
              /** @description the pass the claim pays for, as the claim keeps it */
              assessment: {
                /** @description the day of the pass (YYYY-MM-DD) */
                passedOn: string | null;
                certificateNumber: string | null;
              };
              /** @description the yearly limit as an approval now re-checks it */
              limits: {
                year: number;
                /** @description the person’s other claims of the year that count for the yearly limit (not rejected; in review only if earlier) */
                counted: number;
                max: number;
                /** @description the students’ yearly limit applies */
                student: boolean;
              };
              /** @description the person’s other claims of every year, newest first, rejected ones included (their status says so) */
              otherClaims: {
                number: string;
                year: number;
                occupationCode: string;
                occupationName: string | null;
                level: number;
                amountFen: number;
                /** @enum {string} */
                status: 'in_review' | 'approved' | 'held' | 'rejected' | 'in_batch' | 'paid' | 'failed';
              }[];
            };
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  decideClaim: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @enum {string} */
          decision: 'approve' | 'reject';
          opinion: string;
          /** @description why the claim is approved although a rule failed; required then */
          overrideReason?: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SubsidyClaim'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  requeueClaim: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SubsidyClaim'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listSubsidyNotices: {
    parameters: {
      query?: {
        districtCode?: string;
        /** @description a claim number, by its start */
        q?: string;
        status?: 'approved' | 'held';
        occupationCode?: string;
        limit?: number;
        offset?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: {
              claimNumber: string;
              nameMasked: string;
              districtCode: string | null;
              occupationCode: string;
              level: number;
              amountFen: number;
              lastDay: string;
              lastDayProvisional: boolean;
              /** @enum {string} */
              status: 'approved' | 'held';
            }[];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  exportSubsidyNotices: {
    parameters: {
      query?: {
        districtCode?: string;
        /** @description a claim number, by its start */
        q?: string;
        status?: 'approved' | 'held';
        occupationCode?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description an .xlsx file */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': unknown;
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listObjections: {
    parameters: {
      query?: {
        status?: 'open' | 'upheld' | 'dismissed';
        limit?: number;
        offset?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: {
              id: string;
              claimId: string;
              claimNumber: string;
              claimStatus: string;
              districtCode: string | null;
              text: string;
              realName: boolean;
              held: boolean;
              hasContact: boolean;
              /** @enum {string} */
              status: 'open' | 'upheld' | 'dismissed';
              createdAt: string;
              resolution: string | null;
            }[];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  objectToClaim: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          claimNumber: string;
          text: string;
          contact?: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            claimNumber: string;
            /** @enum {string} */
            status: 'approved' | 'held';
            realName: boolean;
            objectionId: string;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  resolveObjection: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @enum {string} */
          action: 'hold' | 'dismiss';
          opinion: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            claimId: string;
            claimNumber: string;
            claimStatus: string;
            districtCode: string | null;
            text: string;
            realName: boolean;
            held: boolean;
            hasContact: boolean;
            /** @enum {string} */
            status: 'open' | 'upheld' | 'dismissed';
            createdAt: string;
            resolution: string | null;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listSubsidyCalendar: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: {
              /** Format: date */
              date: string;
              /** @enum {string} */
              kind: 'holiday' | 'workday';
              /** @default  */
              name: string;
            }[];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  setSubsidyCalendarDay: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** Format: date */
          date: string;
          /** @enum {string} */
          kind: 'holiday' | 'workday';
          /** @default  */
          name?: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: date */
            date: string;
            /** @enum {string} */
            kind: 'holiday' | 'workday';
            /** @default  */
            name: string;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  getSubsidyCalendarStatus: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SubsidyCalendarStatus'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  importSubsidyCalendar: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            years: number[];
            days: number;
            noticesRecomputed: number;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listBudgetAccounts: {
    parameters: {
      query?: {
        districtCode?: string;
        year?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: {
              id: string;
              budgetId: string;
              programmeId: string;
              districtCode: string;
              year: number;
              amountFen: number;
              availableFen: number;
              reservedFen: number;
              paidFen: number;
            }[];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  checkFunds: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            ok: boolean;
            accounts: number;
            claims: number;
            funds: {
              fundingSource: string;
              accounts: number;
              amountFen: number;
              availableFen: number;
              reservedFen: number;
              paidFen: number;
              bookedFen: number;
              ok: boolean;
            }[];
            problems: {
              /** @enum {string} */
              kind: 'account' | 'claim' | 'fund';
              id: string;
              message: string;
            }[];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listDebtorAccounts: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: {
              fundingSource: string;
              accountName: string;
              accountNumber: string;
              bankName: string;
              updatedAt: string;
              updatedBy: string | null;
            }[];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  setDebtorAccount: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        fundingSource: 'employment_subsidy_fund' | 'unemployment_insurance_fund' | 'local_education_surcharge';
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          accountName: string;
          accountNumber: string;
          bankName: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            fundingSource: string;
            accountName: string;
            accountNumber: string;
            bankName: string;
            updatedAt: string;
            updatedBy: string | null;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listDisbursementBatches: {
    parameters: {
      query?: {
        status?: 'building' | 'draft' | 'approved' | 'generating' | 'file_ready' | 'reconciling' | 'reconciled' | 'cancelled';
        /** @description the batch number, by its start */
        q?: string;
        programmeId?: string;
        districtCode?: string;
        limit?: number;
        offset?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: components['schemas']['DisbursementBatch'][];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  createDisbursementBatch: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** Format: uuid */
          programmeId?: string;
          districtCode?: string;
          maxPayments?: number;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DisbursementBatch'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  exportDisbursementBatches: {
    parameters: {
      query?: {
        status?: 'building' | 'draft' | 'approved' | 'generating' | 'file_ready' | 'reconciling' | 'reconciled' | 'cancelled';
        /** @description the batch number, by its start */
        q?: string;
        programmeId?: string;
        districtCode?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description an .xlsx file */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': unknown;
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  getDisbursementBatch: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            number: string;
            /** @enum {string} */
            status: 'building' | 'draft' | 'approved' | 'generating' | 'file_ready' | 'reconciling' | 'reconciled' | 'cancelled';
            programmeId: string | null;
            districtCode: string | null;
            makerId: string;
            checkerId: string | null;
            /** @description the maker by display name */
            makerName: string | null;
            /** @description the checker by display name */
            checkerName: string | null;
            paymentCount: number;
            totalFen: number;
            bookedCount: number;
            rejectedCount: number;
            fileSha256: string | null;
            csvSha256: string | null;
            requestedDate: string | null;
            createdAt: string;
            approvedAt: string | null;
            programmeName: string | null;
            payees: {
              payeeKey: string;
              count: number;
              amountFen: number;
            }[];
            /** @description the payments by the payee’s kind (a person, a training provider, an enterprise) */
            payeeKinds: {
              /** @enum {string} */
              kind: 'person' | 'provider' | 'enterprise';
              count: number;
              amountFen: number;
            }[];
            /** @description the accounts the batch pays from, per funding source (null account: none set; approval refuses) */
            debtors: {
              fundingSource: string | null;
              accountName: string | null;
              accountNumber: string | null;
              bankName: string | null;
              /** @description fixed at approval; false: the fund’s current account, which approval will fix */
              fixed: boolean;
              count: number;
              amountFen: number;
            }[];
            /** @description the first 50 payments; more from …/payments */
            payments: {
              total: number;
              items: components['schemas']['BatchPayment'][];
            };
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listBatchPayments: {
    parameters: {
      query?: {
        /** @description a claim number or EndToEndId, by its start */
        q?: string;
        limit?: number;
        offset?: number;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: components['schemas']['BatchPayment'][];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  previewDisbursementBatch: {
    parameters: {
      query?: {
        programmeId?: string;
        districtCode?: string;
        maxPayments?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BatchPreview'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  getPayableSummary: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PayableSummary'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  approveDisbursementBatch: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DisbursementBatch'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  cancelDisbursementBatch: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DisbursementBatch'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  generateDisbursementFiles: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DisbursementBatch'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  downloadPain001: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': string;
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  downloadDisbursementCsv: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': string;
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  simulateBankAnswer: {
    parameters: {
      query?: {
        /** @description comma-separated creditor accounts the simulator rejects */
        fail?: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': string;
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  importBankResults: {
    parameters: {
      query?: {
        format?: 'camt054' | 'csv';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            importId: string;
            fileSha256: string;
            /** @enum {string} */
            format: 'camt054' | 'csv';
            msgId: string | null;
            alreadyImported: boolean;
            entries: number;
            applied: number;
            booked: number;
            rejected: number;
            duplicates: number;
            unknown: number;
            mismatched: number;
            issues: {
              position: number;
              message: string;
            }[];
            samples: {
              endToEndId: string;
              outcome: string;
              position: number;
            }[];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  precheckSubsidy: {
    parameters: {
      query?: {
        /** @description a course (its programme, occupation, level and fee) */
        courseId?: string;
        /** @description an occupation, with level (instead of a course) */
        occupationCode?: string;
        /** @description 职业技能等级 1 (highest) … 5; 0 = a certificate without levels */
        level?: number;
        /** @description the programme, when several could pay (default: every open programme a worker applies for) */
        programmeId?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Precheck'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listEnterpriseClaims: {
    parameters: {
      query?: {
        status?: 'in_review' | 'approved' | 'held' | 'rejected' | 'in_batch' | 'paid' | 'failed';
        year?: number;
        limit?: number;
        offset?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            /** @description the sum of the listed claims (all pages) that were paid, to anyone */
            paidFen: number;
            /** @description of which paid to the enterprise itself */
            paidToEnterpriseFen: number;
            items: components['schemas']['EnterpriseClaim'][];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  getEnterpriseClaim: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EnterpriseClaimDetail'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listMyRatableClasses: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: components['schemas']['RatableClass'][];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  rateClass: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        classId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description 教学质量 1–5 */
          teaching: number;
          /** @description 实用性 1–5 */
          practical: number;
          /** @description 场地设施 1–5 */
          venue: number;
          /** @description 组织管理 1–5 */
          organisation: number;
          /** @description optional comment; public only after an officer’s moderation */
          comment?: string | null;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ClassRating'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  getCourseRatings: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        courseId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            courseId: string;
            score: components['schemas']['RatingScore'];
            provider: {
              id: string;
              name: string;
              score: components['schemas']['RatingScore'];
            };
            comments: {
              rater: string;
              overall: number;
              comment: string;
              reply: string | null;
              changedAt: string;
            }[];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listRatingComments: {
    parameters: {
      query?: {
        status?: 'pending' | 'published' | 'rejected';
        limit?: number;
        offset?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: {
              id: string;
              classId: string;
              className: string;
              providerName: string;
              districtCode: string;
              rater: string;
              overall: number;
              comment: string;
              /** @enum {string} */
              commentStatus: 'none' | 'pending' | 'published' | 'rejected';
              moderationReason: string | null;
              reply: string | null;
              changedAt: string;
            }[];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  moderateRatingComment: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @enum {string} */
          decision: 'publish' | 'reject';
          /** @description why a comment is not published (required to reject) */
          reason?: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            classId: string;
            className: string;
            providerName: string;
            districtCode: string;
            rater: string;
            overall: number;
            comment: string;
            /** @enum {string} */
            commentStatus: 'none' | 'pending' | 'published' | 'rejected';
            moderationReason: string | null;
            reply: string | null;
            changedAt: string;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listProviderRatings: {
    parameters: {
      query?: {
        classId?: string;
        limit?: number;
        offset?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: components['schemas']['ProviderClassRating'][];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  replyToRating: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          text: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            classId: string;
            className: string;
            providerName: string;
            districtCode: string;
            rater: string;
            overall: number;
            comment: string;
            /** @enum {string} */
            commentStatus: 'none' | 'pending' | 'published' | 'rejected';
            moderationReason: string | null;
            reply: string | null;
            changedAt: string;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  getRatingCoverage: {
    parameters: {
      query?: {
        districtCode?: string;
        /** @description classes that ended on or after this date (Shanghai) */
        from?: string;
        /** @description classes that ended on or before this date (Shanghai) */
        to?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RatingCoverage'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listRehabConditions: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: components['schemas']['RehabCondition'][];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listRehabHospitals: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: components['schemas']['RehabHospital'][];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  rehabStats: {
    parameters: {
      query?: {
        from?: string;
        to?: string;
        districtCode?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RehabStats'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listInjuryRecognitions: {
    parameters: {
      query?: {
        districtCode?: string;
        /** @description part of the decision number */
        q?: string;
        limit?: number;
        offset?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: components['schemas']['InjuryRecognition'][];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  createInjuryRecognition: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          decisionNumber: string;
          idNumber: string;
          name: string;
          employerUscc?: string | null;
          employerName: string;
          districtCode: string;
          /** Format: date */
          injuryDate: string;
          /** Format: date */
          decisionDate: string;
          /** @enum {string} */
          kind: 'recognised' | 'deemed';
          /**
           * @default final
           * @enum {string}
           */
          status?: 'final' | 'under_review';
          diagnosis: string;
          icd10?: string | null;
          /** @description one of the nine; absent → from the ICD-10 code */
          conditionCode?: string | null;
          /** Format: date */
          leaveStart: string;
          /** Format: date */
          leaveEnd: string;
          /** @default [] */
          leaveExtensions?: {
            /** Format: date */
            until: string;
            reason: string;
          }[];
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['InjuryRecognition'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  rehabRecognitionTemplate: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': string;
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  getInjuryRecognition: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['InjuryRecognition'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  extendInjuryLeave: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** Format: date */
          until: string;
          reason: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['InjuryRecognition'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  importInjuryRecognitions: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RecognitionImportReport'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  syncInjuryRecognitions: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          districtCode?: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RecognitionImportReport'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listRehabCases: {
    parameters: {
      query?: {
        status?: 'awaiting_worker' | 'submitted' | 'material_requested' | 'placed' | 'refused' | 'withdrawn' | 'admitted' | 'discharged';
        districtCode?: string;
        hospitalId?: string;
        /** @description what the case waits for: 'extension' the committee's answer to a hospital's extension request, 'voucher' the district officer's retraining voucher after a discharge recommending retraining */
        pending?: 'extension' | 'voucher';
        limit?: number;
        offset?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: components['schemas']['RehabCaseListItem'][];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  applyForRehab: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** Format: uuid */
          recognitionId: string;
          conditionCode: string;
          /** @description the treating hospital’s summary */
          treatmentSummary: string;
          homeAddress: string;
          /** @description GCJ-02 */
          homeLocation: {
            lat: number;
            lng: number;
          };
          preferences: {
            /** Format: uuid */
            hospitalId: string;
            reason: string;
          }[];
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RehabCase'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  getRehabCase: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RehabCase'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  confirmRehabApplication: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': Record<string, never>;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RehabCase'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  withdrawRehabApplication: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          reason: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RehabCase'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  resubmitRehabApplication: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          note: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RehabCase'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  uploadRehabAttachment: {
    parameters: {
      query?: {
        name?: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RehabAttachment'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  downloadRehabAttachment: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        attachmentId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': string;
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  reviewRehabCase: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RehabCaseReview'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  decideRehabCase: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @enum {string} */
          outcome: 'place' | 'request_material' | 'refuse' | 'extend' | 'refuse_extension';
          /**
           * Format: uuid
           * @description place: the hospital
           */
          hospitalId?: string;
          /** @description place: planned length of stay */
          plannedDays?: number;
          /** @description extend: days added */
          extraDays?: number;
          /**
           * @description refuse: the reason’s code
           * @enum {string}
           */
          refusalReason?: 'not_eligible' | 'not_needed' | 'medically_unstable' | 'material_insufficient' | 'other';
          reason: string;
          /**
           * Format: uuid
           * @description a new place/refuse on a decided case names the decision it supersedes
           */
          supersedesDecisionId?: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RehabCase'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  issueRehabRetrainingVoucher: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** Format: uuid */
          programmeId: string;
          occupationCode: string;
          level: number;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RehabCase'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  admitRehabPatient: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': Record<string, never>;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RehabCase'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  recordRehabProgress: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          note: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RehabCase'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  requestRehabExtension: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          days: number;
          reason: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RehabCase'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  dischargeRehabPatient: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @enum {string} */
          outcome: 'returned_to_work' | 'retraining_recommended' | 'further_treatment' | 'other';
          summary: string;
          /** @description retraining_recommended: an occupation fitting the remaining capacity */
          recommendedOccupationCode?: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RehabCase'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  getMyRecord: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LifelongRecord'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  getPersonRecord: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        personId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LifelongRecord'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  downloadMyRecordPdf: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description a PDF file */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': unknown;
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  downloadPersonRecordPdf: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        personId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description a PDF file */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': unknown;
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  downloadMyCertificatePdf: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description a PDF file */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': unknown;
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  checkIssuedDocument: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DocumentCheck'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  verifyUploadedDocument: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UploadCheck'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  getDocumentSigningKey: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            kid: string;
            /** @enum {string} */
            alg: 'Ed25519' | 'SM2';
            publicKey: string;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listJobPostings: {
    parameters: {
      query?: {
        status?: 'open' | 'taken_down' | 'closed';
        limit?: number;
        offset?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: {
              id: string;
              /** @enum {string} */
              source: 'enterprise' | 'officer' | 'feed';
              employerName: string;
              title: string;
              occupationCode: string;
              occupationName: string | null;
              level: number | null;
              districtCode: string;
              address: string;
              lat: number;
              lng: number;
              payMinFen: number;
              payMaxFen: number;
              headcount: number;
              validFrom: string;
              validUntil: string;
              description: string | null;
              /** @enum {string} */
              status: 'open' | 'taken_down' | 'closed';
              statusReason: string | null;
              distanceM: number | null;
              createdAt: string;
              interested: number;
              consented: number;
              contacted: number;
            }[];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  createJobPosting: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          title: string;
          /** @description officers: the employer; an enterprise posts under its own name */
          employerName?: string;
          occupationCode: string;
          /** @description the skill level wanted (1 高级技师 … 5 初级工); none: any */
          level?: number | null;
          /** @description an enterprise: default its own district */
          districtCode?: string;
          address: string;
          lat: number;
          lng: number;
          /**
           * @default gcj02
           * @enum {string}
           */
          coordSystem?: 'wgs84' | 'gcj02';
          /** @description monthly pay, lowest, fen */
          payMinFen: number;
          /** @description monthly pay, highest, fen */
          payMaxFen: number;
          headcount: number;
          /**
           * Format: date
           * @description default: today (Shanghai)
           */
          validFrom?: string;
          /** Format: date */
          validUntil: string;
          description?: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['JobPosting'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  takeDownJobPosting: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          reason: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['JobPosting'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  closeJobPosting: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['JobPosting'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  importJobPostings: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            imported: number;
            errors: {
              field: string;
              code: string;
              message: string;
            }[];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  syncJobFeed: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            source: string;
            received: number;
            created: number;
            unchanged: number;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  searchJobs: {
    parameters: {
      query?: {
        occupationCode?: string;
        districtCode?: string;
        /** @description postings a holder of this level qualifies for */
        level?: number;
        /** @description the posting pays at least this (its highest) */
        payMinFen?: number;
        q?: string;
        lat?: number;
        lng?: number;
        coordSystem?: 'wgs84' | 'gcj02';
        maxDistanceKm?: number;
        sort?: 'newest' | 'pay' | 'distance';
        limit?: number;
        offset?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: components['schemas']['JobPosting'][];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  recommendJobs: {
    parameters: {
      query?: {
        lat?: number;
        lng?: number;
        coordSystem?: 'wgs84' | 'gcj02';
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: components['schemas']['JobRecommendation'][];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  expressJobInterest: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description let the employer see my name and phone */
          consent: boolean;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            postingId: string;
            /** @enum {string} */
            status: 'interested' | 'withdrawn';
            consented: boolean;
            contacted: boolean;
            createdAt: string;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  withdrawJobInterest: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            postingId: string;
            /** @enum {string} */
            status: 'interested' | 'withdrawn';
            consented: boolean;
            contacted: boolean;
            createdAt: string;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listJobCandidates: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: {
              interestId: string;
              /** @description masked until the worker consents */
              name: string;
              /** @description only once the worker consents */
              phone: string | null;
              consented: boolean;
              contacted: boolean;
              certificates: {
                occupationCode: string;
                occupationName: string | null;
                level: number;
              }[];
              interestedAt: string;
            }[];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  markJobCandidateContacted: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            postingId: string;
            /** @enum {string} */
            status: 'interested' | 'withdrawn';
            consented: boolean;
            contacted: boolean;
            createdAt: string;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  getJobStats: {
    parameters: {
      query?: {
        districtCode?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              districtCode: string;
              openPostings: number;
              recommended: number;
              interested: number;
              consented: number;
              contacted: number;
            }[];
            total: number;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  jobPostingTemplate: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': unknown;
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  analyticsSummary: {
    parameters: {
      query?: {
        /** @description first month (Asia/Shanghai), inclusive */
        from?: string;
        /** @description last month (Asia/Shanghai), inclusive */
        to?: string;
        /** @description the person's district (户籍/参保地) */
        districtCode?: string;
        /** @description the training's district (the class's) */
        trainingDistrictCode?: string;
        programmeId?: string;
        occupationCode?: string;
        level?: number;
        providerId?: string;
        category?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AnalyticsSummary'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  exportAnalyticsSummaryXlsx: {
    parameters: {
      query?: {
        /** @description first month (Asia/Shanghai), inclusive */
        from?: string;
        /** @description last month (Asia/Shanghai), inclusive */
        to?: string;
        /** @description the person's district (户籍/参保地) */
        districtCode?: string;
        /** @description the training's district (the class's) */
        trainingDistrictCode?: string;
        programmeId?: string;
        occupationCode?: string;
        level?: number;
        providerId?: string;
        category?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description a .xlsx file */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': unknown;
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  exportAnalyticsSummaryCsv: {
    parameters: {
      query?: {
        /** @description first month (Asia/Shanghai), inclusive */
        from?: string;
        /** @description last month (Asia/Shanghai), inclusive */
        to?: string;
        /** @description the person's district (户籍/参保地) */
        districtCode?: string;
        /** @description the training's district (the class's) */
        trainingDistrictCode?: string;
        programmeId?: string;
        occupationCode?: string;
        level?: number;
        providerId?: string;
        category?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description a .csv file */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': unknown;
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  analyticsTable: {
    parameters: {
      query: {
        /** @description first month (Asia/Shanghai), inclusive */
        from?: string;
        /** @description last month (Asia/Shanghai), inclusive */
        to?: string;
        /** @description the person's district (户籍/参保地) */
        districtCode?: string;
        /** @description the training's district (the class's) */
        trainingDistrictCode?: string;
        programmeId?: string;
        occupationCode?: string;
        level?: number;
        providerId?: string;
        category?: string;
        groupBy: 'district' | 'trainingDistrict' | 'programme' | 'occupation' | 'level' | 'provider' | 'month' | 'category' | 'class';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AnalyticsTable'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  exportAnalyticsTableXlsx: {
    parameters: {
      query: {
        /** @description first month (Asia/Shanghai), inclusive */
        from?: string;
        /** @description last month (Asia/Shanghai), inclusive */
        to?: string;
        /** @description the person's district (户籍/参保地) */
        districtCode?: string;
        /** @description the training's district (the class's) */
        trainingDistrictCode?: string;
        programmeId?: string;
        occupationCode?: string;
        level?: number;
        providerId?: string;
        category?: string;
        groupBy: 'district' | 'trainingDistrict' | 'programme' | 'occupation' | 'level' | 'provider' | 'month' | 'category' | 'class';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description a .xlsx file */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': unknown;
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  exportAnalyticsTableCsv: {
    parameters: {
      query: {
        /** @description first month (Asia/Shanghai), inclusive */
        from?: string;
        /** @description last month (Asia/Shanghai), inclusive */
        to?: string;
        /** @description the person's district (户籍/参保地) */
        districtCode?: string;
        /** @description the training's district (the class's) */
        trainingDistrictCode?: string;
        programmeId?: string;
        occupationCode?: string;
        level?: number;
        providerId?: string;
        category?: string;
        groupBy: 'district' | 'trainingDistrict' | 'programme' | 'occupation' | 'level' | 'provider' | 'month' | 'category' | 'class';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description a .csv file */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': unknown;
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  analyticsFunnel: {
    parameters: {
      query?: {
        /** @description first month (Asia/Shanghai), inclusive */
        from?: string;
        /** @description last month (Asia/Shanghai), inclusive */
        to?: string;
        /** @description the person's district (户籍/参保地) */
        districtCode?: string;
        /** @description the training's district (the class's) */
        trainingDistrictCode?: string;
        programmeId?: string;
        occupationCode?: string;
        level?: number;
        providerId?: string;
        category?: string;
        groupBy?: 'district' | 'trainingDistrict' | 'programme' | 'occupation' | 'level' | 'provider' | 'month' | 'category' | 'class';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AnalyticsFunnel'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  exportAnalyticsFunnelXlsx: {
    parameters: {
      query?: {
        /** @description first month (Asia/Shanghai), inclusive */
        from?: string;
        /** @description last month (Asia/Shanghai), inclusive */
        to?: string;
        /** @description the person's district (户籍/参保地) */
        districtCode?: string;
        /** @description the training's district (the class's) */
        trainingDistrictCode?: string;
        programmeId?: string;
        occupationCode?: string;
        level?: number;
        providerId?: string;
        category?: string;
        groupBy?: 'district' | 'trainingDistrict' | 'programme' | 'occupation' | 'level' | 'provider' | 'month' | 'category' | 'class';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description a .xlsx file */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': unknown;
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  exportAnalyticsFunnelCsv: {
    parameters: {
      query?: {
        /** @description first month (Asia/Shanghai), inclusive */
        from?: string;
        /** @description last month (Asia/Shanghai), inclusive */
        to?: string;
        /** @description the person's district (户籍/参保地) */
        districtCode?: string;
        /** @description the training's district (the class's) */
        trainingDistrictCode?: string;
        programmeId?: string;
        occupationCode?: string;
        level?: number;
        providerId?: string;
        category?: string;
        groupBy?: 'district' | 'trainingDistrict' | 'programme' | 'occupation' | 'level' | 'provider' | 'month' | 'category' | 'class';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description a .csv file */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': unknown;
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  analyticsLeague: {
    parameters: {
      query?: {
        /** @description first month (Asia/Shanghai), inclusive */
        from?: string;
        /** @description last month (Asia/Shanghai), inclusive */
        to?: string;
        /** @description the person's district (户籍/参保地) */
        districtCode?: string;
        /** @description the training's district (the class's) */
        trainingDistrictCode?: string;
        programmeId?: string;
        occupationCode?: string;
        level?: number;
        providerId?: string;
        category?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AnalyticsLeague'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  exportAnalyticsLeagueXlsx: {
    parameters: {
      query?: {
        /** @description first month (Asia/Shanghai), inclusive */
        from?: string;
        /** @description last month (Asia/Shanghai), inclusive */
        to?: string;
        /** @description the person's district (户籍/参保地) */
        districtCode?: string;
        /** @description the training's district (the class's) */
        trainingDistrictCode?: string;
        programmeId?: string;
        occupationCode?: string;
        level?: number;
        providerId?: string;
        category?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description a .xlsx file */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': unknown;
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  exportAnalyticsLeagueCsv: {
    parameters: {
      query?: {
        /** @description first month (Asia/Shanghai), inclusive */
        from?: string;
        /** @description last month (Asia/Shanghai), inclusive */
        to?: string;
        /** @description the person's district (户籍/参保地) */
        districtCode?: string;
        /** @description the training's district (the class's) */
        trainingDistrictCode?: string;
        programmeId?: string;
        occupationCode?: string;
        level?: number;
        providerId?: string;
        category?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description a .csv file */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': unknown;
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  analyticsDrill: {
    parameters: {
      query?: {
        /** @description first month (Asia/Shanghai), inclusive */
        from?: string;
        /** @description last month (Asia/Shanghai), inclusive */
        to?: string;
        /** @description the person's district (户籍/参保地) */
        districtCode?: string;
        /** @description the training's district (the class's) */
        trainingDistrictCode?: string;
        programmeId?: string;
        occupationCode?: string;
        level?: number;
        providerId?: string;
        category?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AnalyticsDrill'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  exportAnalyticsDrillXlsx: {
    parameters: {
      query?: {
        /** @description first month (Asia/Shanghai), inclusive */
        from?: string;
        /** @description last month (Asia/Shanghai), inclusive */
        to?: string;
        /** @description the person's district (户籍/参保地) */
        districtCode?: string;
        /** @description the training's district (the class's) */
        trainingDistrictCode?: string;
        programmeId?: string;
        occupationCode?: string;
        level?: number;
        providerId?: string;
        category?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description a .xlsx file */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': unknown;
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  exportAnalyticsDrillCsv: {
    parameters: {
      query?: {
        /** @description first month (Asia/Shanghai), inclusive */
        from?: string;
        /** @description last month (Asia/Shanghai), inclusive */
        to?: string;
        /** @description the person's district (户籍/参保地) */
        districtCode?: string;
        /** @description the training's district (the class's) */
        trainingDistrictCode?: string;
        programmeId?: string;
        occupationCode?: string;
        level?: number;
        providerId?: string;
        category?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description a .csv file */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': unknown;
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  analyticsBudget: {
    parameters: {
      query?: {
        year?: number;
        districtCode?: string;
        programmeId?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AnalyticsBudget'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  exportAnalyticsBudgetXlsx: {
    parameters: {
      query?: {
        year?: number;
        districtCode?: string;
        programmeId?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description a .xlsx file */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': unknown;
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  exportAnalyticsBudgetCsv: {
    parameters: {
      query?: {
        year?: number;
        districtCode?: string;
        programmeId?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description a .csv file */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': unknown;
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listAppeals: {
    parameters: {
      query?: {
        state?: 'submitted' | 'in_progress' | 'answered' | 'closed';
        kind?: 'claim' | 'check_in' | 'voucher_application' | 'rehab_refusal';
        /** @description true: waiting for an officer past the due date */
        overdue?: 'true' | 'false';
        /** @description soon: waiting for an officer, due within 3 working days or overdue (the workbench to-do) */
        due?: 'soon';
        limit?: number;
        offset?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: components['schemas']['Appeal'][];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  submitAppeal: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /**
           * @description what is appealed: claim, check_in, voucher_application, rehab_refusal
           * @enum {string}
           */
          kind: 'claim' | 'check_in' | 'voucher_application' | 'rehab_refusal';
          /**
           * Format: uuid
           * @description the claim, check-in, voucher (of the application) or rehabilitation case
           */
          objectId: string;
          /** @description why the decision is wrong (5–2000 characters) */
          text: string;
          /** @default [] */
          attachments?: {
            /** @description the file name as the appellant knows it */
            name: string;
            /** @description the file, base64; PDF, JPEG or PNG by its first bytes, at most 5 MB */
            content: string;
          }[];
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Appeal'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listMyAppeals: {
    parameters: {
      query?: {
        limit?: number;
        offset?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: components['schemas']['Appeal'][];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  getAppeal: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Appeal'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  downloadAppealAttachment: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        attachmentId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': string;
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  takeAppeal: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': Record<string, never>;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Appeal'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  answerAppeal: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /**
           * @description 维持原决定 (uphold) or 撤销原决定 (overturn: the effect is applied by the owning service)
           * @enum {string}
           */
          outcome: 'uphold' | 'overturn';
          /** @description the written reason, shown to the appellant */
          reason: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Appeal'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  closeAppeal: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': Record<string, never>;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Appeal'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  getWorkbench: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Workbench'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  rateService: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /**
           * @description claim: a paid subsidy claim · rehab_case: a closed rehabilitation case · appeal: a closed appeal
           * @enum {string}
           */
          kind: 'claim' | 'rehab_case' | 'appeal';
          /**
           * Format: uuid
           * @description the claim, case or appeal rated
           */
          objectId: string;
          /** @description 1 (very dissatisfied) … 5 (very satisfied) */
          stars: number;
          /** @description optional comment, at most 300 characters */
          comment?: string | null;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ServiceRating'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listMyServiceRatings: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: components['schemas']['ServiceRating'][];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  getServiceRatingStats: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: components['schemas']['ServiceRatingCounts'][];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listInbox: {
    parameters: {
      query?: {
        unread?: 'true' | 'false';
        limit?: number;
        offset?: number;
        lang?: 'zh-CN' | 'en';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Inbox'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  unreadMessageCount: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            unread: number;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  markMessageRead: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            readAt: string;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  markAllMessagesRead: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            updated: number;
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  getMessagePreferences: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MessagePreferences'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  setMessagePreferences: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          sms?: boolean;
          reminders?: boolean;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MessagePreferences'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listSimulatedSms: {
    parameters: {
      query?: {
        limit?: number;
        offset?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            /**
             * @description the SMS gateway configured now: the built-in simulator, or a real gateway
             * @enum {string}
             */
            gateway: 'simulator' | 'gateway';
            items: components['schemas']['SimulatedSms'][];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  listDeadLetters: {
    parameters: {
      query?: {
        limit?: number;
        offset?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            total: number;
            items: components['schemas']['DeadLetter'][];
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  retryDeadLetter: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            state: 'queued';
          };
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  getVoucherTimeline: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Timeline'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  getClaimTimeline: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Timeline'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
  getRehabCaseTimeline: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Timeline'];
        };
      };
      /** @description Default Response */
      '4XX': {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Problem'];
        };
      };
    };
  };
}
