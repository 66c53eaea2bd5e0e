/** Opens the database, applies migrations and configures the process-wide pieces (crypto, sessions, audit). */
import { esscSimulatorRefused, nationalCertLookup, smsGatewaySettings, type Config } from './config.js';
import { openDb, type Db } from './db/index.js';
import { migrate } from './db/migrate.js';
import { configureCrypto, loadGm } from './lib/crypto.js';
import { configureSessions } from './modules/identity/index.js';
import { configureOrgCache } from './modules/orgs/index.js';
import { setAuditChains } from './modules/audit/index.js';
import { configureEssc } from './modules/identity/index.js';
import { configureSocialInsurance } from './modules/subsidy/index.js';
import { configureNationalLookup } from './modules/assessment/index.js';
import { loadRecordKeys } from './modules/records/index.js';
import { configureSmsGateway } from './modules/messages/index.js';

export async function configureProcess(config: Config): Promise<void> {
  configureCrypto({ dataKey: config.dataKey, indexKey: config.indexKey, suite: config.cryptoSuite });
  if (config.cryptoSuite === 'gm') await loadGm();
  configureSessions(config.sessionIdleMinutes, config.sessionAbsoluteHours, config.sessionCacheMs);
  configureOrgCache(config.sessionCacheMs);
  setAuditChains(config.auditChains);
  if (config.esscAdapter === 'simulator' && esscSimulatorRefused()) {
    throw new Error('ESSC_ADAPTER=simulator is refused in production: configure ESSC_ADAPTER=jwt');
  }
  await configureEssc(config.esscAdapter);
  configureSocialInsurance(config.socialInsuranceAdapter);
  configureNationalLookup(nationalCertLookup());
  await loadRecordKeys();
  configureSmsGateway(smsGatewaySettings());
}

export async function openPlatformDb(config: Config, opts: { migrate?: boolean; onMigration?: (name: string) => void } = {}): Promise<Db> {
  await configureProcess(config);
  const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, failoverWaitMs: config.dbFailoverWaitMs });
  if (opts.migrate !== false) await migrate(db, opts.onMigration);
  return db;
}
