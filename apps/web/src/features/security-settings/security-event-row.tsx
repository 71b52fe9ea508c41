import type { z } from "zod";
import type { securityEventSchema } from "@hks/contracts";
import { describeUserAgent } from "./describe-user-agent";
import { EventResultBadge } from "./event-result-badge";
import { securityEventLabel } from "./security-event-labels";
import { TimeAgo } from "@/components/time-ago";

export type SecurityEvent = z.infer<typeof securityEventSchema>;

/** One row of the security activity table. */
export function SecurityEventRow({ event }: { event: SecurityEvent }) {
  return (
    <tr>
      <th scope="row" className="min-w-52 px-6 py-3 text-left font-medium text-slate-900">
        {securityEventLabel(event.type)}
      </th>
      <td className="px-3 py-3">
        <EventResultBadge success={event.success} errorCode={event.errorCode} />
      </td>
      <td className="px-3 py-3 whitespace-nowrap text-slate-600">
        <TimeAgo iso={event.occurredAt} />
      </td>
      <td className="px-3 py-3 whitespace-nowrap text-slate-600">{event.ipAddress ?? "—"}</td>
      <td className="px-3 py-3 pr-6 whitespace-nowrap text-slate-600">{event.userAgent ? describeUserAgent(event.userAgent) : "—"}</td>
    </tr>
  );
}
