export { startControlPlane, HOST_ETCD_PREFIX } from "./control-plane";
export type { ClientIdentity, ControlPlane, ControlPlaneOptions } from "./control-plane";
export { startVirtualClusterRuntime } from "./virtual-cluster-runtime";
export type {
  RunningVirtualCluster,
  VirtualClusterRuntime,
  VirtualClusterRuntimeOptions,
} from "./virtual-cluster-runtime";
export {
  COMPONENT_LABEL,
  MANAGED_BY_LABEL,
  MANAGED_BY_VALUE,
  VCLUSTER_COMPONENT,
  VIRTUAL_CLUSTER_SELECTOR,
  kubeconfigSecretName,
} from "./virtual-cluster-contract";
export { virtualClusterEtcdPrefix } from "./etcd-key-range";
export { ensureKubeBinaries, kubeBinaryDir } from "./kube-binaries";
export type { KubeBinaries } from "./kube-binaries";
export { DEFAULT_CONTROLLERS } from "./kube-controller-manager";
export { renderKubeconfig } from "./kubeconfig";
export { runKubectl } from "./kubectl";
export type { KubectlResult } from "./kubectl";
export { ensureCertificate, ensureCertificateAuthority } from "./certificates";
export type { CertificateFiles, CertificateRequest } from "./certificates";
