/** The messages module's public face (站内信 + 短信): what other modules, the CLI and the platform may use. Import only this file from outside the module. */
import type { JobDef } from '../../jobs/scheduler.js';
import { relayDue } from './deliver.js';
import { runReminders } from './reminders.js';
import { assertTemplates, EVENTS, TEMPLATES } from './rules.js';

// start-up: every template uses exactly its event's declared variables, or the module (and the app) does not load
assertTemplates(EVENTS, TEMPLATES);

export { registerRoutes } from './routes.js';
export { deliverDue, notify, notifyAtCommit, notifyFromQuery, notifyMany } from './service.js';
export type { DeliveryTally, NotifyInput } from './service.js';
export { configureSmsGateway, HttpSmsGateway, signSms, SimulatorGateway, SmsSendError } from './gateway.js';
export type { SmsGateway, SmsGatewayChoice } from './gateway.js';
export { EVENTS, WORKER_EVENT_FOR_PAYEE, yuan, type MessageEvent, type PayeeKind } from './rules.js';
export { runReminders } from './reminders.js';
export { messageQueues as queues, relayDue } from './deliver.js';

export const jobs: readonly JobDef[] = [
  // the outbox's relay into the pg-boss queue (also every 3 s in the running app, src/jobs/queue.ts): due rows not yet
  // enqueued are taken FOR UPDATE SKIP LOCKED; the queue's workers deliver them
  { name: 'messages.deliver', schedule: '* * * * *', run: async (db) => ({ enqueued: await relayDue(db) }) },
  // the daily reminders at 09:00 Shanghai (outside the quiet hours): expiring vouchers, classes tomorrow, reports due
  { name: 'messages.reminders', schedule: '0 9 * * *', run: async (db) => runReminders(db) },
];
