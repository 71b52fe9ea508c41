import { jetstreamManager } from "@nats-io/jetstream";
import { connect } from "@nats-io/transport-node";
import { createJetStreamQueue } from "../src";
import { describeQueueContract } from "./queue-contract";

describeQueueContract("NATS JetStream", async (prefix) => {
  const url = process.env.NATS_URL;
  if (!url) throw new Error("NATS_URL is not set: run integration tests through `npm test`");
  const stream = `TEST_${prefix}`;
  const queue = await createJetStreamQueue({ url, stream, subjects: [`${prefix}.>`] });
  return {
    ...queue,
    // A stream per run keeps runs independent; delete it so runs leave nothing behind.
    async close() {
      await queue.close();
      const nc = await connect({ servers: url });
      await (await jetstreamManager(nc)).streams.delete(stream);
      await nc.close();
    },
  };
});
