/** Where `deploy` gets a parameter's value. */
export type ParamSource =
  | { from: 'output'; layer: string; output: string }
  | { from: 'artifact-bucket' }
  | { from: 'artifact-key'; app: string }
  /** Given with `strata deploy --parameter Key=Value`; kept from the last deploy when not given. */
  | { from: 'deploy-parameter' };

/** One stack of the manifest: what `deploy` needs to create it and feed it. */
export interface ManifestStack {
  layer: string;
  stackName: string;
  template: string;
  dependsOn: string[];
  terminationProtection: boolean;
  parameters: Record<string, ParamSource>;
  outputs: string[];
  resources: Record<string, string>;
}

/** `out/manifest.json`: the stacks in deploy order and where each parameter's value comes from. */
export interface Manifest {
  version: 1;
  project: string;
  /** The environment these stacks belong to; absent for the base topology. */
  environment?: string;
  /** AWS account the stacks must deploy to, when the topology pins one. */
  account?: string;
  region: string;
  spec: string;
  /** The topology's tags (the environment's included), also set on every stack. */
  tags?: Record<string, string>;
  stacks: ManifestStack[];
  apps: Record<string, { source: string; entry: string }>;
  outputs: Record<string, { layer: string; output: string }>;
}
