import { env } from "../env";
import { openQueues, redisConnection, type Queues } from "./queues";

let queues: Queues | undefined;

/** The queues the portal enqueues into (the same Redis and prefix as the workers). */
export function getQueues(): Queues {
  queues ??= openQueues({ connection: redisConnection(env.REDIS_URL), prefix: env.QUEUE_PREFIX });
  return queues;
}
