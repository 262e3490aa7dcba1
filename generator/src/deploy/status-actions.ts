/**
 * What each command does with a stack in each CloudFormation status: one table, used by deploy,
 * destroy, status and diff --deployed, and printed into docs/deploy.md (a test keeps them equal).
 */

/** deploy: change-set type to use, or why it stops before touching the stack. */
export type DeployAction = 'create' | 'update' | 'recreate' | 'wait' | 'refuse';
/** destroy: delete (reading the template for the database check), delete an empty stack, or wait. */
export type DestroyAction = 'skip' | 'delete' | 'delete-empty' | 'wait';
/** diff --deployed: compare with the deployed template, treat as not deployed, or compare but warn. */
export type DiffAction = 'compare' | 'not-deployed' | 'compare-busy';

/** The actions for one status and the sentence `status` prints beside it. */
export interface StatusActions {
  deploy: DeployAction;
  destroy: DestroyAction;
  diff: DiffAction;
  /** What the status means and what to do, shown by `strata status` and in refusals. */
  advice: string;
}

const done = (advice: string): StatusActions => ({
  deploy: 'update',
  destroy: 'delete',
  diff: 'compare',
  advice,
});
const busy = (advice: string): StatusActions => ({
  deploy: 'wait',
  destroy: 'wait',
  diff: 'compare-busy',
  advice,
});
const stuck = (advice: string): StatusActions => ({
  deploy: 'refuse',
  destroy: 'delete',
  diff: 'compare',
  advice,
});

/** Every stack status of the CloudFormation API (and `NOT_DEPLOYED` for a stack that does not exist). */
export const STATUS_ACTIONS: Record<string, StatusActions> = {
  NOT_DEPLOYED: {
    deploy: 'create',
    destroy: 'skip',
    diff: 'not-deployed',
    advice: 'not created yet; `strata deploy` creates it',
  },
  REVIEW_IN_PROGRESS: {
    deploy: 'create',
    destroy: 'delete-empty',
    diff: 'not-deployed',
    advice:
      'a create change set was made but never run (an interrupted dry run); it holds no resources, deploy creates it and destroy deletes it',
  },
  CREATE_IN_PROGRESS: busy('being created; wait for it to finish'),
  CREATE_COMPLETE: done('deployed'),
  CREATE_FAILED: stuck(
    'the create failed with rollback disabled; `strata rollback` rolls it back (or `strata destroy` deletes it), then deploy again',
  ),
  ROLLBACK_IN_PROGRESS: busy('a failed create is being rolled back; wait for it to finish'),
  ROLLBACK_COMPLETE: {
    deploy: 'recreate',
    destroy: 'delete-empty',
    diff: 'not-deployed',
    advice:
      'a failed create was rolled back; CloudFormation cannot update it, so deploy deletes it (when empty) and creates it again',
  },
  ROLLBACK_FAILED: stuck(
    'a failed create could not be rolled back; `strata destroy` deletes it (check the resources it names), then deploy again',
  ),
  UPDATE_IN_PROGRESS: busy('being updated; wait for it to finish'),
  UPDATE_COMPLETE_CLEANUP_IN_PROGRESS: busy(
    'updated; CloudFormation is removing replaced resources; wait a moment',
  ),
  UPDATE_COMPLETE: done('deployed'),
  UPDATE_FAILED: stuck(
    'an update failed with rollback disabled; roll it back with `strata rollback`, then deploy again',
  ),
  UPDATE_ROLLBACK_IN_PROGRESS: busy('a failed update is being rolled back; wait for it to finish'),
  UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS: busy(
    'a failed update was rolled back; CloudFormation is removing new resources; wait a moment',
  ),
  UPDATE_ROLLBACK_COMPLETE: done(
    'the last update failed and was rolled back to the previous template; fix the cause and deploy again',
  ),
  UPDATE_ROLLBACK_FAILED: stuck(
    'a failed update could not be rolled back; continue it with `strata rollback` (`--orphan` skips the resources that cannot roll back), then deploy again',
  ),
  DELETE_IN_PROGRESS: busy('being deleted; wait for it to finish'),
  DELETE_FAILED: stuck(
    'a delete failed; `strata destroy` tries again (empty or remove what it names first, e.g. a non-empty bucket)',
  ),
  DELETE_COMPLETE: {
    deploy: 'create',
    destroy: 'skip',
    diff: 'not-deployed',
    advice: 'deleted; `strata deploy` creates it again',
  },
  IMPORT_IN_PROGRESS: busy('resources are being imported; wait for it to finish'),
  IMPORT_COMPLETE: done('deployed (with imported resources)'),
  IMPORT_ROLLBACK_IN_PROGRESS: busy('a failed import is being rolled back; wait for it to finish'),
  IMPORT_ROLLBACK_COMPLETE: done(
    'a failed import was rolled back to the previous template; deploy updates it',
  ),
  IMPORT_ROLLBACK_FAILED: stuck(
    'a failed import could not be rolled back; fix or delete the stack in the CloudFormation console, then deploy again',
  ),
};

/** The actions for a status; a status this table does not know is treated as mid-operation. */
export function actionsFor(status: string): StatusActions {
  return (
    STATUS_ACTIONS[status] ?? {
      ...busy(`an unknown status; wait, or check the stack in the CloudFormation console`),
    }
  );
}

const WORDS: Record<DeployAction | DestroyAction | DiffAction, string> = {
  create: 'creates it',
  update: 'updates it (a change set)',
  recreate: 'deletes it if empty, creates it again',
  wait: 'stops before starting: wait until it settles',
  refuse: 'stops, with the fix',
  skip: 'nothing to delete',
  delete: 'deletes it',
  'delete-empty': 'deletes it (no template to read)',
  'not-deployed': 'shows every resource as new',
  compare: 'compares with the deployed template',
  'compare-busy': 'compares, warning that it is mid-operation',
};

/** The table as Markdown, for docs/deploy.md. */
export function statusTableMarkdown(): string {
  const rows = Object.entries(STATUS_ACTIONS).map(
    ([status, a]) =>
      `| \`${status}\` | ${WORDS[a.deploy]} | ${WORDS[a.destroy]} | ${WORDS[a.diff]} | ${a.advice} |`,
  );
  return [
    '| Status | `deploy` | `destroy` | `diff --deployed` | `status` says |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}
