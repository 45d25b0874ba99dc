/**
 * The job queues by name: what ingress enqueues into and a worker of the same name takes from.
 * BullMQ's settings of the queues are queue/queues.ts's.
 */
export const QUEUE = {
  diagnose: 'diagnose',
  denyLogs: 'deny-logs',
  bundle: 'bundle',
  export: 'export',
} as const;
export type QueueName = (typeof QUEUE)[keyof typeof QUEUE];
export const QUEUE_NAMES: readonly QueueName[] = Object.values(QUEUE);
