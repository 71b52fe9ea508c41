import type { BenchSuite } from "../bench-suite";
import { httpBaseline } from "./http-baseline";
import { identity } from "./identity";
import { kubeControlPlane } from "./kube-control-plane";
import { permissionEvaluation, tenancy } from "./tenancy";
import { workspaceProvisioning } from "./workspace-provisioning";

/** Every benchmark suite, in the order `npm run bench` runs them. Later issues add theirs here. */
export const suites: BenchSuite[] = [httpBaseline, identity, tenancy, permissionEvaluation, kubeControlPlane, workspaceProvisioning];
