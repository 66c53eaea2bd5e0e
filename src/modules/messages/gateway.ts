/**
 * SMS gateways behind one interface. The built-in simulator (短信模拟器, the default) stores what it "sent" in
 * `sms_simulator_sent`, in the delivering transaction, visible through GET /api/v1/messages/sms-simulator; no
 * message leaves the machine. The HTTP adapter posts JSON to a gateway (SMS_GATEWAY_URL) signed with
 * HMAC-SHA256 over `timestamp \n nonce \n body` (headers X-Sms-Key, X-Sms-Timestamp, X-Sms-Nonce,
 * X-Sms-Signature) and sends the outbox row's id as Idempotency-Key, so a gateway that saw a send before answers
 * it again without sending twice. 5xx, a timeout or a refused connection: try again later; 4xx: never (dead letter).
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { Queryable } from '../../db/index.js';
import { now as clockNow } from '../../lib/clock.js';
import { encrypt } from '../../lib/crypto.js';

export interface SmsGateway {
  readonly name: string;
  /** Sends one text; resolves when the gateway accepted it; throws SmsSendError otherwise. */
  send(to: string, text: string, idempotencyKey: string): Promise<void>;
}

/** A refused or failed send; `permanent`: sending it again cannot succeed (the gateway refused the request). */
export class SmsSendError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'SmsSendError';
  }
}

/** The built-in simulator, writing through the delivering transaction. */
export class SimulatorGateway implements SmsGateway {
  readonly name = 'simulator';
  constructor(private readonly q: Queryable) {}
  async send(to: string, text: string, idempotencyKey: string): Promise<void> {
    await this.q.query(
      'INSERT INTO sms_simulator_sent (idempotency_key, phone_enc, text, sent_at) VALUES ($1, $2, $3, $4) ON CONFLICT (idempotency_key) DO NOTHING',
      [idempotencyKey, encrypt(to), text, clockNow()],
    );
  }
}

export interface HttpGatewaySettings {
  url: string;
  key: string;
  secret: string;
  timeoutMs?: number;
}

/** The signature of a request: hex HMAC-SHA256 of `timestamp \n nonce \n body` under the secret. */
export const signSms = (secret: string, timestamp: string, nonce: string, body: string): string =>
  createHmac('sha256', secret).update(`${timestamp}\n${nonce}\n${body}`).digest('hex');

/** A generic JSON SMS gateway with signed requests. */
export class HttpSmsGateway implements SmsGateway {
  readonly name = 'http';
  constructor(private readonly s: HttpGatewaySettings) {}
  async send(to: string, text: string, idempotencyKey: string): Promise<void> {
    const body = JSON.stringify({ to, text, idempotencyKey });
    const timestamp = String(Math.floor(clockNow().getTime() / 1000));
    const nonce = randomUUID();
    let res: Response;
    try {
      res = await fetch(this.s.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': idempotencyKey,
          'x-sms-key': this.s.key,
          'x-sms-timestamp': timestamp,
          'x-sms-nonce': nonce,
          'x-sms-signature': signSms(this.s.secret, timestamp, nonce, body),
        },
        body,
        signal: AbortSignal.timeout(this.s.timeoutMs ?? 10_000),
      });
    } catch (e) {
      throw new SmsSendError(`gateway unreachable: ${e instanceof Error ? e.message : String(e)}`, false);
    }
    if (res.ok) {
      await res.body?.cancel();
      return;
    }
    const detail = (await res.text().catch(() => '')).slice(0, 200);
    throw new SmsSendError(`gateway answered ${res.status}${detail ? `: ${detail}` : ''}`, res.status >= 400 && res.status < 500 && res.status !== 429);
  }
}

/** Which gateway delivers SMS: the simulator (default) or the HTTP adapter (SMS_GATEWAY_URL set). */
export type SmsGatewayChoice = { kind: 'simulator' } | ({ kind: 'http' } & HttpGatewaySettings);

let choice: SmsGatewayChoice = { kind: 'simulator' };

export function configureSmsGateway(c: SmsGatewayChoice): void {
  choice = c;
}

export const smsGatewayChoice = (): SmsGatewayChoice => choice;

/** The gateway for a delivery in transaction `q`. */
export function gatewayFor(q: Queryable, c: SmsGatewayChoice = choice): SmsGateway {
  return c.kind === 'http' ? new HttpSmsGateway(c) : new SimulatorGateway(q);
}
