/** The messages module's service: a thin list of re-exports of its sub-areas. */
export { notify, notifyAtCommit, notifyFromQuery, notifyMany, type NotifyInput } from './outbox.js';
export { deliverDue, type DeliveryOptions, type DeliveryTally } from './deliver.js';
export { getPreferences, preferencesOf, setPreferences } from './preferences.js';
export { listInbox, markAllRead, markRead, unreadCount } from './inbox.js';
export { listDeadLetters, listSimulatedSms, retryDeadLetter } from './admin.js';
