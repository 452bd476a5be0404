import { App, CfnResource, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * An app for tests: CDK's built-in CloudFormation schema validation (a WASM engine that costs about 3 s of
 * CPU per synth) is off here; the real app's `cdk synth` test keeps it on.
 */
export function testApp(): App {
  return new App({ builtinCloudFormationValidation: false });
}

/** The logical ID of a construct's CloudFormation resource. */
export function logicalId(construct: IConstruct): string {
  const cfn = construct instanceof CfnResource ? construct : construct.node.defaultChild;
  if (!(cfn instanceof CfnResource)) throw new Error(`${construct.node.path} has no CloudFormation resource`);
  return Stack.of(cfn).resolve(cfn.logicalId) as string;
}
