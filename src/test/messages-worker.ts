/**
 * Test support: the messages delivery worker as a process of its own (the kill -9 test spawns it with tsx and
 * kills it mid-delivery). Environment: DATABASE_URL or DATA_DIR (a PGlite folder), SMS_GATEWAY_URL/KEY/SECRET
 * (the fake gateway), SV_TEST_CLOCK_AT (the test's pinned instant). Delivers until nothing is due, prints its tally.
 */
import { loadConfig, smsGatewaySettings } from '../config.js';
import { openDb } from '../db/index.js';
import { setClock } from '../lib/clock.js';
import { configureProcess } from '../platform.js';
import { deliverDue } from '../modules/messages/index.js';

const config = loadConfig(process.env, { logLevel: 'silent' });
await configureProcess(config);
if (process.env.SV_TEST_CLOCK_AT) setClock({ at: new Date(process.env.SV_TEST_CLOCK_AT) });
if (smsGatewaySettings().kind !== 'http') throw new Error('set SMS_GATEWAY_URL');
const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
const tally = await deliverDue(db);
await db.close();
process.stdout.write(`${JSON.stringify(tally)}\n`);
