import type { ReactNode } from 'react';
import { UserOutlined } from '@ant-design/icons';
import { MyProfilePage } from '../pages/worker/Profile';

export interface WorkerRoute {
  path: string;
  name: string;
  icon: ReactNode;
  ops: string[];
  tab?: string;
  match?: (path: string) => boolean;
  render: (path: string) => ReactNode;
}

export const workerRoutes: WorkerRoute[] = [
  { path: '/me', name: 'menu.me', icon: <UserOutlined />, ops: ['getMyPerson'], tab: 'me', render: () => <MyProfilePage /> },
];

export function workerRoutesFor(ops: Set<string>): WorkerRoute[] {
  const list = workerRoutes.filter((r) => r.ops.every((o) => ops.has(o)));
  // the first available page doubles as the worker's home ('/')
  return list.length ? [{ ...list[0]!, match: (p: string) => p === '/' || p === list[0]!.path }, ...list.slice(1)] : list;
}
