"""Drives the local CodeDeploy with boto3, a client nobody here wrote. Prints one JSON document of findings.

The endpoint and credentials come from the environment (AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, ...).
"""
import json
import sys

import boto3
from botocore.exceptions import ClientError

client = boto3.client('codedeploy')
out = {}


def error_code(call):
    try:
        call()
    except ClientError as err:
        return err.response['Error']['Code']
    return None


LAMBDA_YAML = """version: 0.0
Resources:
  - checkout:
      Type: AWS::Lambda::Function
      Properties:
        Name: checkout
        Alias: live
        CurrentVersion: "1"
        TargetVersion: "2"
Hooks:
  - BeforeAllowTraffic: CodeDeployHook_boto3
"""

client.create_application(applicationName='py-app', computePlatform='Lambda', tags=[{'Key': 'owner', 'Value': 'py'}])
client.create_deployment_config(
    deploymentConfigName='Canary20Percent1Minute',
    computePlatform='Lambda',
    trafficRoutingConfig={'type': 'TimeBasedCanary', 'timeBasedCanary': {'canaryPercentage': 20, 'canaryInterval': 1}},
)
client.create_deployment_group(
    applicationName='py-app',
    deploymentGroupName='py-group',
    serviceRoleArn='arn:aws:iam::123456789012:role/CodeDeployServiceRole',
    deploymentConfigName='Canary20Percent1Minute',
    deploymentStyle={'deploymentType': 'BLUE_GREEN', 'deploymentOption': 'WITH_TRAFFIC_CONTROL'},
)
deployment_id = client.create_deployment(
    applicationName='py-app',
    deploymentGroupName='py-group',
    revision={'revisionType': 'AppSpecContent', 'appSpecContent': {'content': LAMBDA_YAML}},
)['deploymentId']
out['limit'] = error_code(
    lambda: client.create_deployment(
        applicationName='py-app',
        deploymentGroupName='py-group',
        revision={'revisionType': 'AppSpecContent', 'appSpecContent': {'content': LAMBDA_YAML}},
    )
)
client.get_waiter('deployment_successful').wait(deploymentId=deployment_id, WaiterConfig={'Delay': 1, 'MaxAttempts': 60})
info = client.get_deployment(deploymentId=deployment_id)['deploymentInfo']
out['deployment'] = {
    'id': deployment_id,
    'status': info['status'],
    'config': info['deploymentConfigName'],
    'createTime': info['createTime'].isoformat(),
}
target = client.get_deployment_target(deploymentId=deployment_id, targetId='checkout')['deploymentTarget']
out['events'] = [[e['lifecycleEventName'], e['status']] for e in target['lambdaTarget']['lifecycleEvents']]
out['weight'] = target['lambdaTarget']['lambdaFunctionInfo']['targetVersionWeight']

for i in range(101):
    client.create_application(applicationName=f'py-many-{i:03d}')
apps = []
pages = 0
for page in client.get_paginator('list_applications').paginate():
    pages += 1
    apps += page['applications']
out['applications'] = {'count': len(apps), 'pages': pages}
configs = [c for page in client.get_paginator('list_deployment_configs').paginate() for c in page['deploymentConfigsList']]
out['configs'] = {'count': len(configs), 'custom': 'Canary20Percent1Minute' in configs}
arn = 'arn:aws:codedeploy:us-east-1:123456789012:application:py-app'
client.tag_resource(ResourceArn=arn, Tags=[{'Key': 'stage', 'Value': 'test'}])
out['tags'] = client.list_tags_for_resource(ResourceArn=arn)['Tags']
out['errors'] = {
    'missing_app': error_code(lambda: client.get_application(applicationName='nope')),
    'list_without_group': error_code(lambda: client.list_deployments(applicationName='py-app')),
    'predefined_delete': error_code(
        lambda: client.delete_deployment_config(deploymentConfigName='CodeDeployDefault.LambdaAllAtOnce')
    ),
    'bad_deployment_id': error_code(lambda: client.get_deployment(deploymentId='not-an-id')),
}
json.dump(out, sys.stdout)
