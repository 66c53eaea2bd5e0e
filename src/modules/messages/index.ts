/** The messages module's public face (站内信 + 短信): what other modules, the CLI and the platform may use. Import only this file from outside the module. */
import type { JobDef } from '../../jobs/scheduler.js';
import { deliverDue } from './deliver.js';
import { runReminders } from './reminders.js';
import { assertTemplates, EVENTS, TEMPLATES } from './rules.js';

// start-up: every template uses exactly its event's declared variables, or the module (and the app) does not load
assertTemplates(EVENTS, TEMPLATES);

export { registerRoutes } from './routes.js';
export { deliverDue, notify, notifyAtCommit, notifyMany } from './service.js';
export type { DeliveryTally, NotifyInput } from './service.js';
export { configureSmsGateway, HttpSmsGateway, signSms, SimulatorGateway, SmsSendError } from './gateway.js';
export type { SmsGateway, SmsGatewayChoice } from './gateway.js';
export { EVENTS, yuan, type MessageEvent } from './rules.js';
export { runReminders } from './reminders.js';

export const jobs: readonly JobDef[] = [
  // the outbox's delivery: every minute, on one node at a time (the scheduler's lock); rows are taken FOR UPDATE SKIP LOCKED
  { name: 'messages.deliver', schedule: '* * * * *', run: async (db) => ({ ...(await deliverDue(db)) }) },
  // the daily reminders at 09:00 Shanghai (outside the quiet hours): expiring vouchers, classes tomorrow, reports due
  { name: 'messages.reminders', schedule: '0 9 * * *', run: async (db) => runReminders(db) },
];
