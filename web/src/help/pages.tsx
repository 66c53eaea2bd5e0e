/** Where the help pages are mounted: the worker's 我的 → 帮助, the staff header's 帮助 and the public /public/help/<role>. */
import { navigate } from '../lib/router';
import { useSession } from '../lib/session';
import { HelpPage } from './HelpPage';
import { helpFor, helpRoleOf, type HelpRoleKey } from './content';

export function WorkerHelpPage() {
  return <HelpPage role="worker" />;
}

/** A staff account reads its own role's help first, and may open the others (a district officer answering a provider). */
export function StaffHelpPage({ path }: { path: string }) {
  const { me } = useSession();
  const asked = /^\/help\/([a-z]+)$/.exec(path)?.[1];
  const role: HelpRoleKey = helpFor(asked)?.key ?? helpRoleOf[me.role] ?? 'officer';
  return <HelpPage role={role} roleHref={(k) => `/help/${k}`} onPick={(k) => navigate(`/help/${k}`)} />;
}

export const PUBLIC_HELP = /^\/public\/help(?:\/([a-z]+))?$/;

export function PublicHelpPage({ path }: { path: string }) {
  const asked = PUBLIC_HELP.exec(path)?.[1];
  const role: HelpRoleKey = helpFor(asked)?.key ?? 'worker';
  return <HelpPage role={role} roleHref={(k) => `/public/help/${k}`} onPick={(k) => navigate(`/public/help/${k}`)} />;
}
