import { createMemoryQueue } from "../src";
import { describeQueueContract } from "./queue-contract";

describeQueueContract("in-process memory", async () => createMemoryQueue());
