/** The appeal's row and its one view mapper (masked person, the deadline's standing). */
import { maskName } from '../../lib/identifiers.js';
import { businessDate } from '../../lib/time.js';
import { deadlineStatus, type AppealKind, type AppealState } from './rules.js';
import type { AppealView } from './schemas.js';

export interface AppealRow {
  id: string;
  number: string;
  kind: AppealKind;
  object_id: string;
  object_label: string;
  person_id: string;
  district_code: string | null;
  provider_id: string | null;
  appellant_id: string;
  appellant_role: 'worker' | 'provider';
  text: string;
  decision_reason: string | null;
  decision_at: Date | null;
  decision_ref: string | null;
  state: AppealState;
  outcome: 'upheld' | 'overturned' | null;
  answer: string | null;
  effect: Record<string, string | boolean> | null;
  submitted_at: Date;
  due_on: string;
  due_provisional: boolean;
  taken_by: string | null;
  taken_at: Date | null;
  answered_by: string | null;
  answered_at: Date | null;
  closed_by: string | null;
  closed_at: Date | null;
}

export interface AttachmentRow {
  id: string;
  appeal_id: string;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function toAppealView(
  r: AppealRow,
  extra: { personName: string; objectStatus: string | null; attachments: AttachmentRow[]; today: string; nearLimit: string },
): AppealView {
  return {
    id: r.id,
    number: r.number,
    kind: r.kind,
    objectId: r.object_id,
    objectLabel: r.object_label,
    objectStatus: extra.objectStatus,
    person: maskName(extra.personName),
    appellantRole: r.appellant_role,
    text: r.text,
    decision: { reason: r.decision_reason, at: iso(r.decision_at), ref: r.decision_ref },
    state: r.state,
    outcome: r.outcome,
    answer: r.answer,
    effect: r.effect,
    submittedAt: r.submitted_at.toISOString(),
    dueOn: r.due_on,
    dueProvisional: r.due_provisional,
    deadline: deadlineStatus({ state: r.state, dueOn: r.due_on, answeredOn: r.answered_at ? businessDate(r.answered_at) : null }, extra.today, extra.nearLimit),
    takenAt: iso(r.taken_at),
    answeredAt: iso(r.answered_at),
    closedAt: iso(r.closed_at),
    attachments: extra.attachments.map((a) => ({ id: a.id, fileName: a.file_name, mediaType: a.media_type, sizeBytes: Number(a.size_bytes) })),
  };
}
