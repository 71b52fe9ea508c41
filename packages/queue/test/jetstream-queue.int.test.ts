import { createJetStreamQueue } from "../src";
import { describeQueueContract } from "./queue-contract";

describeQueueContract("NATS JetStream", async (prefix) => {
  const url = process.env.NATS_URL;
  if (!url) throw new Error("NATS_URL is not set: run integration tests through `npm test`");
  // A namespace (and so a stream) per run keeps runs independent; destroy() removes it after.
  const queue = await createJetStreamQueue({ url, namespace: `test-${prefix}` });
  return { ...queue, close: () => queue.destroy() };
});
