"use client";

import { buttonStyles } from "@/components/button-styles";
import { LiveAnnouncement, useAnnouncement } from "@/components/live-announcement";
import { SectionCard } from "@/components/section-card";
import { TimeAgo } from "@/components/time-ago";
import { CreateOrganizationForm } from "./create-organization-form";
import { useCurrentOrganization } from "./current-organization";
import { OrganizationGate } from "./organization-gate";
import { organizationRoleLabel } from "./organization-role-label";

/** The Organizations page: the ones I belong to with my role (one is current), and a form for a new one. */
export function OrganizationsOverview() {
  const { select } = useCurrentOrganization();
  const { announcement, announce, ref } = useAnnouncement();

  return (
    <OrganizationGate>
      {(current, organizations) => (
        <div className="space-y-8">
          <LiveAnnouncement announcement={announcement} announcementRef={ref} />
          <SectionCard id="my-organizations" title="Your organizations" description="Organizations you belong to and your role in each. The current one is what the rest of the console shows.">
            <div role="region" aria-label="Your organizations" tabIndex={0} className="relative overflow-x-auto focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600">
              <table className="min-w-full divide-y divide-slate-200 text-sm">
                <caption className="sr-only">Your organizations, by name</caption>
                <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
                  <tr>
                    <th scope="col" className="px-6 py-3">Name</th>
                    <th scope="col" className="px-3 py-3">Your role</th>
                    <th scope="col" className="px-3 py-3">Created</th>
                    <th scope="col" className="px-3 py-3 pr-6">
                      <span className="sr-only">Current organization</span>
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-200">
                  {organizations.map((organization) => (
                    <tr key={organization.id}>
                      <th scope="row" className="px-6 py-3 text-left font-medium text-slate-900">
                        {organization.name}
                        <span className="block text-xs font-normal text-slate-600">{organization.slug}</span>
                      </th>
                      <td className="px-3 py-3 text-slate-700">{organizationRoleLabel(organization.myRole)}</td>
                      <td className="px-3 py-3 whitespace-nowrap text-slate-600">
                        <TimeAgo iso={organization.createdAt} />
                      </td>
                      <td className="px-3 py-3 pr-6 text-right">
                        {organization.id === current.id ? (
                          <span className="inline-flex rounded-full bg-indigo-50 px-2 py-0.5 text-xs font-semibold text-indigo-800 ring-1 ring-indigo-200 ring-inset">Current</span>
                        ) : (
                          <button
                            type="button"
                            onClick={() => {
                              select(organization.id);
                              announce("success", `${organization.name} is now your current organization.`);
                            }}
                            className={buttonStyles.secondary}
                          >
                            Switch to<span className="sr-only"> {organization.name}</span>
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </SectionCard>
          <SectionCard id="new-organization" title="Create an organization" description="You become its owner. The new organization becomes your current one.">
            <div className="px-6 py-5">
              <CreateOrganizationForm onCreated={(organization) => announce("success", `Created ${organization.name}. It is now your current organization.`)} />
            </div>
          </SectionCard>
        </div>
      )}
    </OrganizationGate>
  );
}
