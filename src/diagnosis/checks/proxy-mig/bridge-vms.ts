/**
 * The bridge VMs themselves: the MIG's size, its VMs' status and stability, and whether the boot
 * image of its template is past its end of life.
 */
import { shortName } from '../../../gcp/names.js';
import type { CheckContext } from '../../model.js';
import type { BridgeMig } from '../../topology/bridges.js';
import { migLocationFlag } from '../support/gcloud.js';
import { resourceName } from '../support/names.js';
import type { ResultBuilder } from '../support/result.js';
import { referenceTime } from '../support/scope.js';
import { imageEndOfLife } from './end-of-life-images.js';
import { newTemplateRemediation } from './endpoint.js';

/** Step 5, the MIG itself: not empty, its VMs RUNNING, and stable. */
export function judgeMigState(
  ctx: CheckContext,
  result: ResultBuilder<string, 'target-size-zero' | 'vms-not-running' | 'mig-not-stable'>,
  bridge: BridgeMig,
): void {
  const mig = bridge.mig;
  const name = mig.name ?? '';
  const resource = mig.selfLink ?? name;
  const project = ctx.estate.project;
  const describe = `gcloud compute instance-groups managed list-instances ${name} --project=${project} ${migLocationFlag(mig)}`;
  if (mig.targetSize === 0) {
    result.fail(
      'target-size-zero',
      `Bridge MIG ${name} has a target size of 0: there is no VM to forward traffic.`,
      [{ resource, detail: 'targetSize = 0' }],
      [
        {
          step: `Give MIG ${name} at least one VM (or set its autoscaler's minimum above 0).`,
          commands: [
            `gcloud compute instance-groups managed resize ${name} --project=${project} ${migLocationFlag(mig)} --size=2`,
          ],
        },
      ],
    );
  }
  const loaded = mig.selfLink ? ctx.estate.managedInstances[mig.selfLink] : undefined;
  if (loaded && !loaded.ok) result.loadError(loaded.error, `the VMs of ${name}`);
  if (loaded?.ok) {
    const notRunning = loaded.value.filter((i) => i.instanceStatus !== 'RUNNING');
    if (notRunning.length > 0) {
      const list = notRunning.map(
        (i) =>
          `${shortName(i.instance ?? '?')} ${i.instanceStatus ?? 'UNKNOWN'}${i.currentAction && i.currentAction !== 'NONE' ? ` (${i.currentAction})` : ''}`,
      );
      const allDown = notRunning.length === loaded.value.length;
      const say = allDown ? result.fail : result.warn;
      say(
        'vms-not-running',
        `${notRunning.length} of ${loaded.value.length} VMs of bridge MIG ${name} are not RUNNING (${list.join(', ')}).`,
        [{ resource, detail: `not RUNNING: ${list.join(', ')}` }],
        [{ step: `See what MIG ${name} is doing with its VMs.`, commands: [describe] }],
      );
    }
  }
  if (mig.status?.isStable === false) {
    result.warn(
      'mig-not-stable',
      `Bridge MIG ${name} is not stable (VMs are being created, recreated or deleted).`,
      [{ resource, detail: 'status.isStable = false' }],
      [{ step: `Watch MIG ${name} until it is stable.`, commands: [describe] }],
    );
  }
}

/** Step 6: a boot image past its end of life, from which new VMs (autoscaling, autohealing) may not start. */
export function judgeBootImage(
  ctx: CheckContext,
  result: ResultBuilder<string, 'boot-image-end-of-life'>,
  bridge: BridgeMig,
): void {
  const source = bridge.template?.properties?.disks?.find((d) => d.boot)?.initializeParams?.sourceImage;
  const now = referenceTime(ctx);
  if (!source || !now) return;
  const eol = imageEndOfLife(shortName(source));
  if (!eol || now.toISOString().slice(0, 10) < eol.endOfLife) return;
  result.warn(
    'boot-image-end-of-life',
    `Bridge MIG ${bridge.mig.name} boots ${eol.name} (${shortName(source)}), past its end of life on ${eol.endOfLife}: new VMs from autoscaling or autohealing may fail and end in 502s.`,
    [
      {
        resource: bridge.template?.selfLink ?? bridge.template?.name ?? '',
        detail: `boot image ${resourceName(source)}`,
      },
    ],
    [
      {
        step: `Build a new template for ${bridge.mig.name} on a supported image (e.g. debian-12) and roll the MIG onto it.`,
        commands: bridge.endpoint
          ? newTemplateRemediation(bridge, bridge.endpoint, ctx.estate.project).commands
          : [],
      },
    ],
  );
}
