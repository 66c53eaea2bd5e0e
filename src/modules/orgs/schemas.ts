/** Zod schemas of the organisations API (requests strict: unknown fields refused). */
import { z } from 'zod';
import { Paging } from '../../http/route.js';
import { ORG_KINDS, ORG_STATUSES, PROVIDER_KINDS } from './rules.js';

const District = z.string().regex(/^\d{6}$/, '6-digit district code');
const Name = z.string().trim().min(1).max(200);
// Identifier formats are checked by the service (stable codes INVALID_USCC / INVALID_MOBILE / INVALID_BANK_CARD).
const Uscc = z.string().min(1).max(40);
const Phone = z.string().min(1).max(20);
const BankAccount = z.string().min(1).max(40);
const Text = (max: number) => z.string().trim().min(1).max(max);

export const OrgView = z
  .object({
    id: z.string(),
    kind: z.enum(ORG_KINDS),
    name: z.string(),
    uscc: z.string(),
    districtCode: z.string(),
    providerKind: z.enum(PROVIDER_KINDS).nullable(),
    address: z.string().nullable(),
    status: z.enum(ORG_STATUSES),
    suspendedReason: z.string().nullable(),
    suspendedAt: z.string().nullable(),
    contactName: z.string().nullable(),
    contactPhone: z.string().nullable().describe('masked'),
    bankAccount: z.string().nullable().describe('masked'),
    bankName: z.string().nullable(),
    isDemo: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Organisation' });

export const CreateOrgBody = z.strictObject({
  kind: z.enum(ORG_KINDS),
  name: Name,
  uscc: Uscc,
  districtCode: District,
  providerKind: z.enum(PROVIDER_KINDS).nullish(),
  address: Text(300).nullish(),
  contactName: Text(100).nullish(),
  contactPhone: Phone.nullish(),
  bankAccount: BankAccount.nullish(),
  bankName: Text(100).nullish(),
});

export const UpdateOrgBody = z.strictObject({
  name: Name.optional(),
  districtCode: District.optional(),
  providerKind: z.enum(PROVIDER_KINDS).optional(),
  address: Text(300).nullish(),
  contactName: Text(100).nullish(),
  contactPhone: Phone.nullish(),
  bankAccount: BankAccount.nullish(),
  bankName: Text(100).nullish(),
});

export const ReasonBody = z.strictObject({ reason: z.string().trim().min(1).max(500) });

export const ListOrgsQuery = z.strictObject({
  kind: z.enum(ORG_KINDS).optional(),
  districtCode: District.optional(),
  status: z.enum(ORG_STATUSES).optional(),
  providerKind: z.enum(PROVIDER_KINDS).optional(),
  name: z.string().trim().min(1).max(100).optional(),
  ...Paging,
});

export const CreateOrgAccountBody = z.strictObject({
  username: z
    .string()
    .min(3)
    .max(64)
    .regex(/^[a-z0-9_.@-]+$/i, 'letters, digits and _ . @ - only'),
  displayName: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});
