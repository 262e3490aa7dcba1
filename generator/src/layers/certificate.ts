import { ref } from '../cfn/intrinsics';
import { withName, type Layer, type LayerBase } from './types';

/** Template data of the certificate layer. */
export interface CertificateData extends LayerBase {
  domain: string;
  /** With a hosted zone, ACM writes its own validation record there and the deploy needs nobody. */
  hostedZoneId?: string;
  certTags: Array<{ key: string; value: string }>;
}

/**
 * The site's ACM certificate, validated by DNS. Its own stack, ahead of the load balancer: without a
 * hosted zone it waits for a record the user creates, and only this stack waits (see deploy's
 * certificate notice), not the listeners.
 */
export const certificateLayer: Layer<CertificateData> = {
  name: 'certificate',
  partials: ['certificate'],
  applies: (model) =>
    model.loadBalancer?.https !== undefined &&
    model.loadBalancer.https.certificateArn === undefined,
  toTemplateData(model) {
    const https = model.loadBalancer!.https!;
    return {
      layer: 'certificate',
      description: `${model.name} certificate: ACM, DNS-validated, for ${https.domain}`,
      parameters: [],
      outputs: [
        {
          name: 'CertificateArn',
          value: ref('Certificate'),
          description: `Certificate for ${https.domain}`,
        },
      ],
      resources: { Certificate: https.source },
      tags: model.tags,
      domain: https.domain,
      hostedZoneId: https.hostedZoneId,
      certTags: withName(model, https.domain),
    };
  },
};
