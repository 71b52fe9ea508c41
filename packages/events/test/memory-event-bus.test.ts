import { createMemoryEventBus } from "../src";
import { describeEventBusContract } from "./event-bus-contract";

describeEventBusContract("in-process memory", async () => createMemoryEventBus());
