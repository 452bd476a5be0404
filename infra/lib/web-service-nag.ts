import { acknowledgeNag } from '@greenlight/cdk';
import type { WebService } from './web-service.js';

/**
 * The cdk-nag AwsSolutions findings the demo web service accepts, each with its reason. They are the
 * price of a cheap, public, throw-away demo; a production service would fix them instead.
 *
 * @param web the web service
 * @example
 * acknowledgeWebServiceFindings(web);
 */
export function acknowledgeWebServiceFindings(web: WebService): void {
  acknowledgeNag(
    web.vpc,
    'AwsSolutions-VPC7',
    'Demo VPC with one public task: VPC flow logs would add CloudWatch Logs ingestion cost at rest and ' +
      'record nothing the demo needs.',
  );
  acknowledgeNag(
    web.cluster,
    'AwsSolutions-ECS4',
    'Container Insights is billed per metric; the demo reads task-set and target health through the hooks.',
  );
  acknowledgeNag(
    web.loadBalancer,
    'AwsSolutions-ELB2',
    'ALB access logs need an S3 bucket with its own logging and lifecycle; the demo serves no real traffic.',
  );
  acknowledgeNag(
    web.loadBalancerSecurityGroup,
    'AwsSolutions-EC23',
    'The demo ALB is public on purpose: the production (80) and test (8080) listeners are what the hooks ' +
      'and the user call over the internet. Tasks accept traffic from the ALB only.',
  );
}
