/** Opens the database, applies migrations and configures the process-wide pieces (crypto, sessions, audit). */
import type { Config } from './config.js';
import { openDb, type Db } from './db/index.js';
import { migrate } from './db/migrate.js';
import { configureCrypto, loadGm } from './lib/crypto.js';
import { configureSessions } from './modules/identity/sessions.js';
import { configureOrgCache } from './modules/orgs/service.js';
import { setAuditChains } from './modules/audit/service.js';
import { configureEssc } from './modules/identity/essc.js';

export async function configureProcess(config: Config): Promise<void> {
  configureCrypto({ dataKey: config.dataKey, indexKey: config.indexKey, suite: config.cryptoSuite });
  if (config.cryptoSuite === 'gm') await loadGm();
  configureSessions(config.sessionIdleMinutes, config.sessionAbsoluteHours, config.sessionCacheMs);
  configureOrgCache(config.sessionCacheMs);
  setAuditChains(config.auditChains);
  if (config.esscAdapter === 'simulator' && process.env.NODE_ENV === 'production' && process.env.ESSC_SIMULATOR_IN_PRODUCTION !== 'true') {
    throw new Error('ESSC_ADAPTER=simulator is refused in production: configure ESSC_ADAPTER=jwt');
  }
  await configureEssc(config.esscAdapter);
}

export async function openPlatformDb(config: Config, opts: { migrate?: boolean; onMigration?: (name: string) => void } = {}): Promise<Db> {
  await configureProcess(config);
  const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  if (opts.migrate !== false) await migrate(db, opts.onMigration);
  return db;
}
