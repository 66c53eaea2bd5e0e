import { describe, expect, it } from 'vitest';
import { luhnCheckDigit } from '../lib/identifiers.js';
import { redactLogLine } from './log-redaction.js';

const ID = '11010519491231002X';
const PHONE = '13812345678';
const CARD = '622202020000123' + luhnCheckDigit('622202020000123');

describe('log line redaction (pure)', () => {
  const card = CARD;

  it.each([
    [`{"req":{"url":"/api/v1/persons?q=${ID}"}}`, ID],
    [`{"req":{"url":"/api/v1/persons?q=${ID.toLowerCase()}"}}`, ID.toLowerCase()],
    [`{"req":{"url":"/api/v1/persons?phone=${PHONE}&x=1"}}`, PHONE],
    [`{"req":{"url":"/api/v1/persons?phone=%2B86${PHONE}"}}`, PHONE],
    [`{"req":{"url":"/api/v1/persons?phone=86${PHONE}"}}`, PHONE],
    [`{"req":{"url":"/api/v1/x?a=%20${PHONE}"}}`, PHONE],
    [`{"req":{"url":"/api/v1/persons/by-card/${card}"}}`, card],
    [`{"msg":"person ${ID} has card ${card}, phone ${PHONE}"}`, ID],
    [`{"msg":"person ${ID} has card ${card}, phone ${PHONE}"}`, card],
    [`{"msg":"person ${ID} has card ${card}, phone ${PHONE}"}`, PHONE],
    [`{"msg":"quoted \\":${PHONE}"}`, PHONE],
  ])('%s loses %s', (line, secret) => {
    const out = redactLogLine(line);
    expect(out).not.toContain(secret);
    expect(() => JSON.parse(out)).not.toThrow();
  });

  it.each([
    '{"level":30,"time":1765012345678,"pid":12345,"msg":"request completed","responseTime":126.06329999990009}',
    '{"msg":"voucher 261131011500000001 admitted"}', // a voucher number: not a birth date, not a card
    '{"msg":"request 0190f3b2-8c1e-7d2a-9b1c-123456789012"}',
    '{"msg":"count 12345678901234567890123"}', // longer than any card
  ])('leaves %s alone', (line) => {
    expect(redactLogLine(line)).toBe(line);
  });
});
