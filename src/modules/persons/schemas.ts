/** Request and response schemas of the person registry (zod 4). Identifier refinements carry their code. */
import { z } from 'zod';
import { checkBankCard, checkIdNumber, checkMobile, checkUscc } from '../../lib/identifiers.js';
import { BANK_NAME_MAX, EMPLOYER_NAME_MAX, HUKOU, NAME_MAX, PERSON_CATEGORIES } from './rules.js';

const coded = (check: (v: string) => string | null, code: string, what: string) =>
  z
    .string()
    .max(40)
    .refine((v) => check(v) === null, { message: `${what} is not valid`, params: { code } });

export const IdNumber = coded((v) => checkIdNumber(v), 'INVALID_ID_NUMBER', 'the resident ID number');
export const Mobile = coded(checkMobile, 'INVALID_MOBILE', 'the mobile number');
export const BankCard = coded(checkBankCard, 'INVALID_BANK_CARD', 'the bank card number');
export const Uscc = coded(checkUscc, 'INVALID_USCC', 'the unified social credit code');
export const DistrictCode = z
  .string()
  .max(6)
  .refine((v) => /^\d{6}$/.test(v), { message: 'the district code must be 6 digits', params: { code: 'DISTRICT_UNKNOWN' } });
const Name = z.string().trim().min(1).max(NAME_MAX);

const editable = {
  name: Name,
  phone: Mobile.nullable().optional(),
  bankAccount: BankCard.nullable().optional(),
  bankName: z.string().trim().max(BANK_NAME_MAX).nullable().optional(),
  districtCode: DistrictCode.nullable().optional(),
  hukou: z.enum(HUKOU).optional(),
  categories: z.array(z.enum(PERSON_CATEGORIES)).max(PERSON_CATEGORIES.length).optional(),
  employerUscc: Uscc.nullable().optional(),
  employerName: z.string().trim().max(EMPLOYER_NAME_MAX).nullable().optional(),
};

export const CreatePersonBody = z.strictObject({ idNumber: IdNumber, ...editable });
export const UpdatePersonBody = z.strictObject({ ...editable, name: Name.optional() });

export const SearchPersonsQuery = z.strictObject({
  name: z.string().trim().min(1).max(NAME_MAX).optional(),
  idNumber: IdNumber.optional(),
  phone: Mobile.optional(),
  districtCode: DistrictCode.optional(),
  category: z.enum(PERSON_CATEGORIES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

export const PersonViewSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    idNumberMasked: z.string().describe('e.g. 310***********123X'),
    birthDate: z.string(),
    sex: z.enum(['M', 'F']),
    phoneMasked: z.string().nullable().describe('e.g. 138****5678'),
    bankAccountMasked: z.string().nullable().describe('e.g. 6222 **** **** 1234'),
    bankName: z.string().nullable(),
    districtCode: z.string().nullable(),
    hukou: z.enum(HUKOU),
    categories: z.array(z.string()),
    employerUscc: z.string().nullable(),
    employerName: z.string().nullable(),
    isDemo: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'PersonView' });

export const SensitivePersonSchema = z.object({
  id: z.string(),
  name: z.string(),
  idNumber: z.string(),
  phone: z.string().nullable(),
  bankAccount: z.string().nullable(),
});

export const SensitiveQuery = z.strictObject({ reason: z.string().trim().min(2).max(200) });

export const ImportReportSchema = z.object({
  total: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  failed: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), field: z.string(), code: z.string(), message: z.string() })),
  errorsTruncated: z.boolean(),
});
