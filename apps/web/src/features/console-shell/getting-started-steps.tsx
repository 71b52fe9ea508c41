const steps = [
  { title: "Join or create an organization", text: "Organizations hold members, billing and workspaces." },
  { title: "Create a workspace", text: "Pick a plan; a virtual Kubernetes cluster is provisioned for it." },
  { title: "Connect with kubectl", text: "Download a kubeconfig and use your usual tools; access follows your groups." },
];

/** How a new tenant gets from sign-in to a working cluster; shown while the dashboard is empty. */
export function GettingStartedSteps() {
  return (
    <section aria-labelledby="getting-started-heading" className="rounded-xl border border-slate-200 bg-white p-6">
      <h2 id="getting-started-heading" className="text-base font-semibold text-slate-900">
        Getting started
      </h2>
      <ol className="mt-4 grid gap-6 md:grid-cols-3">
        {steps.map((step, index) => (
          <li key={step.title} className="flex gap-3">
            <span aria-hidden="true" className="flex size-7 shrink-0 items-center justify-center rounded-full bg-indigo-50 text-sm font-semibold text-indigo-700">
              {index + 1}
            </span>
            <div>
              <p className="text-sm font-medium text-slate-900">{step.title}</p>
              <p className="mt-1 text-sm text-slate-600">{step.text}</p>
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
