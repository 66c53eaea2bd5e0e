/**
 * Run against a STOPPED demo server's data folder (DATA_DIR) by appeals-more.e2e.ts: demo.worker5 missed the third
 * session of the demo provider's open class (第二期); here they check in to it after all, five minutes before its
 * start, inside the venue's geofence but with a poor location accuracy (150 m) — through the attendance service, as
 * the demo seed's own check-ins are made — so the check-in is taken and flagged for review. The district officer then
 * rejects it in the browser test and the provider appeals. Prints the check-in's id and status and the trainee's name.
 */
import { loadConfig } from '../../src/config.js';
import { openPlatformDb } from '../../src/platform.js';
import { DEMO_VENUE } from '../../src/demo/classes.js';
import * as attendance from '../../src/modules/attendance/index.js';
import * as identity from '../../src/modules/identity/index.js';
import * as persons from '../../src/modules/persons/index.js';
import * as training from '../../src/modules/training/index.js';

const db = await openPlatformDb(loadConfig(process.env));
try {
  const accounts = new Map((await identity.listDemoAccounts(db)).map((a) => [a.username, a]));
  const provider = identity.actorOfAccount(accounts.get('demo.provider')!);
  const trainee = identity.actorOfAccount(accounts.get('demo.worker5')!);
  const classes = await training.listClasses(provider, db, { limit: 20, offset: 0 });
  const open = classes.items.find((c) => c.name.includes('第二期'));
  if (!open) throw new Error('the demo provider’s open class (第二期) is missing');
  // demo.worker5 skipped the open class's session index 2 (src/demo/classes.ts), a session before the seed's day
  const session = (await training.listSessions(db, open.id))[2]!;
  const at = new Date(session.startsAt.getTime() - 5 * 60_000);
  const view = await db.tx((tx) =>
    attendance.checkIn(
      trainee,
      tx,
      session.id,
      { lat: DEMO_VENUE.lat + 0.0002, lng: DEMO_VENUE.lng, accuracyM: 150, coordSystem: 'gcj02', deviceId: 'demo-phone-demo.worker5' },
      at,
    ),
  );
  const person = await persons.getPerson(db, trainee.personId!);
  process.stdout.write(`${JSON.stringify({ checkInId: view.id, status: view.status, classId: open.id, trainee: person?.name ?? '' })}\n`);
} finally {
  await db.close();
}
