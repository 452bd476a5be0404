import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument, type ScalarTag } from 'yaml';
import { exampleEntry } from '../lib/examples.js';
import { bundleSamHooks, SAM_HOOKS, samCodeUri } from '../lib/sam-hooks.js';
import { FIXTURE_HOOK } from './helpers.js';

// CloudFormation's short-form intrinsics, in the scalar forms the template uses.
const CFN_TAGS: ScalarTag[] = [
  { tag: '!Ref', resolve: (value) => ({ Ref: value }) },
  { tag: '!Sub', resolve: (value) => ({ 'Fn::Sub': value }) },
  {
    tag: '!GetAtt',
    resolve: (value) => {
      const dot = value.indexOf('.');
      return { 'Fn::GetAtt': [value.slice(0, dot), value.slice(dot + 1)] };
    },
  },
];

interface Resource {
  Type: string;
  Properties: Record<string, unknown>;
}
interface SamTemplate {
  Transform: string;
  Globals: { Function: Record<string, unknown> };
  Resources: Record<string, Resource>;
}
interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

const TEMPLATE_PATH = join(__dirname, '..', 'sam', 'template.yaml');
// Resources the SAM transform creates from OrdersFunction (AutoPublishAlias + DeploymentPreference).
const SAM_GENERATED = [
  'ServerlessDeploymentApplication',
  'OrdersFunctionDeploymentGroup',
  'OrdersFunctionAliaslive',
];
const GROUP_ARN_SUB =
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation Fn::Sub string, not a JS template
  'arn:${AWS::Partition}:codedeploy:${AWS::Region}:${AWS::AccountId}:deploymentgroup:${ServerlessDeploymentApplication}/${OrdersFunctionDeploymentGroup}';
const GROUP_ARN = { 'Fn::Sub': GROUP_ARN_SUB };

function parse() {
  return parseDocument(readFileSync(TEMPLATE_PATH, 'utf8'), { customTags: CFN_TAGS });
}

function statementsOf(resource: Resource): Statement[] {
  const policies = resource.Properties.Policies as { Statement: Statement[] }[];
  return policies.flatMap((p) => p.Statement);
}

function actions(statement: Statement): string[] {
  return Array.isArray(statement.Action) ? statement.Action : [statement.Action];
}

/** Every `Ref`, `Fn::GetAtt` and `${Name}` / `${Name.Attr}` in a value, as the logical IDs they name. */
function referencedIds(value: unknown, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) for (const v of value) referencedIds(v, out);
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.Ref === 'string') out.add(o.Ref);
    if (Array.isArray(o['Fn::GetAtt'])) out.add(String(o['Fn::GetAtt'][0]));
    if (typeof o['Fn::Sub'] === 'string') {
      for (const m of o['Fn::Sub'].matchAll(/\$\{([^}!]+)\}/g))
        out.add((m[1] as string).split('.')[0] as string);
    }
    for (const v of Object.values(o)) referencedIds(v, out);
  }
  return out;
}

describe('the SAM template', () => {
  const template = parse().toJS() as SamTemplate;
  const resources = template.Resources;
  const fn = (id: string) => resources[id] as Resource;

  it('parses as YAML with CloudFormation short-form tags, without errors or warnings', () => {
    const doc = parse();
    expect(doc.errors).toEqual([]);
    expect(doc.warnings).toEqual([]);
  });

  it('is a SAM template', () => {
    expect(template.Transform).toBe('AWS::Serverless-2016-10-31');
    expect(template.Globals.Function).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'] });
  });

  it('deploys the function through a canary with the greenlight hooks as PreTraffic and PostTraffic', () => {
    expect(fn('OrdersFunction').Properties).toMatchObject({
      AutoPublishAlias: 'live',
      DeploymentPreference: {
        Type: 'Canary10Percent5Minutes',
        Role: { 'Fn::GetAtt': ['CodeDeployServiceRole', 'Arn'] },
        Alarms: [{ Ref: 'OrdersErrorsAlarm' }],
        Hooks: { PreTraffic: { Ref: 'PreTrafficHook' }, PostTraffic: { Ref: 'PostTrafficHook' } },
      },
    });
  });

  it('names the hooks without the CodeDeployHook_ prefix', () => {
    for (const id of Object.keys(SAM_HOOKS)) {
      const name = fn(id).Properties.FunctionName as { 'Fn::Sub': string };
      expect(name['Fn::Sub']).not.toMatch(/CodeDeployHook_/);
    }
  });

  it('gives each hook a timeout with room to report, explicit async retries, and the bundle CodeUri', () => {
    for (const [id, example] of Object.entries(SAM_HOOKS)) {
      const props = fn(id).Properties;
      expect(props.Timeout).toBeGreaterThanOrEqual(60);
      expect(props.Timeout).toBeLessThanOrEqual(900);
      expect(props.EventInvokeConfig).toEqual({ MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 });
      expect(props.CodeUri).toBe(samCodeUri(example));
      expect(props.Handler).toBe('index.handler');
    }
  });

  it('lets the pre-traffic hook report and look up on the deployment group ARN, invoke the target versions, read the alarm', () => {
    expect(statementsOf(fn('PreTrafficHook'))).toEqual([
      {
        Sid: 'ReportToThisDeploymentGroup',
        Effect: 'Allow',
        Action: 'codedeploy:PutLifecycleEventHookExecutionStatus',
        Resource: GROUP_ARN,
      },
      {
        Sid: 'LookUpThisDeploymentGroup',
        Effect: 'Allow',
        Action: [
          'codedeploy:GetDeployment',
          'codedeploy:ListDeploymentTargets',
          'codedeploy:GetDeploymentTarget',
        ],
        Resource: GROUP_ARN,
      },
      {
        Sid: 'InvokeTheVersionUnderTest',
        Effect: 'Allow',
        Action: 'lambda:InvokeFunction',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation Fn::Sub string
        Resource: { 'Fn::Sub': '${OrdersFunction.Arn}:*' },
      },
      {
        Sid: 'ReadTheAlarms',
        Effect: 'Allow',
        Action: 'cloudwatch:DescribeAlarms',
        Resource: { 'Fn::GetAtt': ['OrdersErrorsAlarm', 'Arn'] },
      },
    ]);
  });

  it('lets the post-traffic hook report and look up on the deployment group ARN, read the alarm and metrics', () => {
    const statements = statementsOf(fn('PostTrafficHook'));
    expect(statements.map((s) => [actions(s), s.Resource])).toEqual([
      [['codedeploy:PutLifecycleEventHookExecutionStatus'], GROUP_ARN],
      [
        ['codedeploy:GetDeployment', 'codedeploy:ListDeploymentTargets', 'codedeploy:GetDeploymentTarget'],
        GROUP_ARN,
      ],
      [['cloudwatch:DescribeAlarms'], { 'Fn::GetAtt': ['OrdersErrorsAlarm', 'Arn'] }],
      [['cloudwatch:GetMetricData'], '*'],
    ]);
  });

  it('grants no wildcard action, and "*" only to GetMetricData', () => {
    const all = Object.values(resources).flatMap((r) =>
      r.Properties.Policies
        ? statementsOf(r)
        : r.Type === 'AWS::IAM::Policy'
          ? (r.Properties.PolicyDocument as { Statement: Statement[] }).Statement
          : [],
    );
    expect(all.length).toBeGreaterThan(8);
    for (const statement of all) {
      for (const action of actions(statement)) expect(action).not.toContain('*');
      if (statement.Resource === '*') expect(actions(statement)).toEqual(['cloudwatch:GetMetricData']);
    }
  });

  it('gives CodeDeploy an explicit service role that may invoke exactly the two hooks', () => {
    expect(fn('CodeDeployServiceRole').Properties.AssumeRolePolicyDocument).toMatchObject({
      Statement: [
        { Effect: 'Allow', Principal: { Service: 'codedeploy.amazonaws.com' }, Action: 'sts:AssumeRole' },
      ],
    });
    expect(fn('CodeDeployInvokeHooksPolicy').Properties).toMatchObject({
      Roles: [{ Ref: 'CodeDeployServiceRole' }],
      PolicyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            Action: 'lambda:InvokeFunction',
            Resource: [
              { 'Fn::GetAtt': ['PreTrafficHook', 'Arn'] },
              { 'Fn::GetAtt': ['PostTrafficHook', 'Arn'] },
            ],
          },
        ],
      },
    });
  });

  it('references only resources it declares, SAM-generated ones, or pseudo parameters', () => {
    const known = new Set([...Object.keys(resources), ...SAM_GENERATED]);
    for (const id of referencedIds(resources)) {
      if (id.startsWith('AWS::')) continue;
      expect(known).toContain(id);
    }
  });

  it('gets its hook bundles from sam:bundle, in the directories the CodeUris name', () => {
    const root = mkdtempSync(join(tmpdir(), 'greenlight-sam-'));
    try {
      for (const example of Object.values(SAM_HOOKS)) {
        mkdirSync(join(root, 'examples', example, 'src'), { recursive: true });
        copyFileSync(FIXTURE_HOOK, exampleEntry(root, example));
      }
      const dirs = bundleSamHooks(root);
      expect(dirs).toEqual(Object.values(SAM_HOOKS).map((e) => join(root, 'infra', 'sam', samCodeUri(e))));
      for (const [id, example] of Object.entries(SAM_HOOKS)) {
        const codeUri = fn(id).Properties.CodeUri as string;
        expect(existsSync(join(root, 'infra', 'sam', codeUri, 'index.js'))).toBe(true);
        expect(codeUri).toBe(samCodeUri(example));
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
