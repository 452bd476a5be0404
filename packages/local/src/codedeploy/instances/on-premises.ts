import { randomBytes } from 'node:crypto';
import type { OnPremisesInstanceRecord, Tag } from '../../engine/region-state.js';
import { ApiError } from '../../errors.js';
import type { OperationContext, OperationTable } from '../context.js';
import { paginate } from '../pagination.js';
import { compact, list, obj, seconds, str } from '../values.js';

/** Tags per on-premises instance (AWS's limit). */
export const MAX_INSTANCE_TAGS = 10;
/** Instances per Add/RemoveTags call. */
const MAX_TAGGED_INSTANCES = 10;
/** Names per BatchGetOnPremisesInstances call. */
const BATCH_LIMIT = 25;

const USER_ARN = /^arn:aws[a-z-]*:iam::[^:]*:user\/.+/;
const SESSION_ARN = /^arn:aws[a-z-]*:sts::[^:]*:assumed-role\/.+\/.+/;

function instanceInfo(instance: OnPremisesInstanceRecord): Record<string, unknown> {
  return compact({
    instanceName: instance.instanceName,
    iamSessionArn: instance.iamSessionArn,
    iamUserArn: instance.iamUserArn,
    instanceArn: instance.instanceArn,
    registerTime: seconds(instance.registerTime),
    deregisterTime: seconds(instance.deregisterTime),
    tags: instance.tags,
  });
}

function requireRegistered(ctx: OperationContext, name: string): OnPremisesInstanceRecord {
  const instance = ctx.regional.instances.get(name);
  if (!instance || instance.deregisterTime !== undefined) {
    throw new ApiError(
      'InstanceNotRegisteredException',
      `The on-premises instance ${name} is not registered.`,
    );
  }
  return instance;
}

/** The instances and tags of AddTagsToOnPremisesInstances and RemoveTagsFromOnPremisesInstances, checked. */
function tagging(
  input: Record<string, unknown>,
  ctx: OperationContext,
): { instances: OnPremisesInstanceRecord[]; tags: Tag[] } {
  const names = list<string>(input.instanceNames);
  if (names.length === 0)
    throw new ApiError('InstanceNameRequiredException', 'An instance name is required.');
  if (names.length > MAX_TAGGED_INSTANCES) {
    throw new ApiError(
      'InstanceLimitExceededException',
      `At most ${MAX_TAGGED_INSTANCES} instances per call.`,
    );
  }
  const tags = list(input.tags).map((raw) => {
    const tag = obj(raw);
    if (!str(tag.Key)) throw new ApiError('InvalidTagException', 'A tag needs a Key.');
    return tag.Value === undefined
      ? { Key: tag.Key as string }
      : { Key: tag.Key as string, Value: String(tag.Value) };
  });
  if (tags.length === 0) throw new ApiError('TagRequiredException', 'A tag was not specified.');
  return { instances: names.map((name) => requireRegistered(ctx, name)), tags };
}

function matches(instance: OnPremisesInstanceRecord, filter: Record<string, unknown>): boolean {
  return instance.tags.some((tag) => {
    if (filter.Type === 'KEY_ONLY') return tag.Key === filter.Key;
    if (filter.Type === 'VALUE_ONLY') return tag.Value === filter.Value;
    return tag.Key === filter.Key && tag.Value === filter.Value;
  });
}

/** The on-premises instance operations: registration and tags, kept as state. */
export const onPremisesOperations: OperationTable = {
  RegisterOnPremisesInstance: (input, ctx) => {
    const name = input.instanceName as string;
    const userArn = str(input.iamUserArn);
    const sessionArn = str(input.iamSessionArn);
    if (userArn && sessionArn) {
      throw new ApiError(
        'MultipleIamArnsProvidedException',
        'Both an IAM user ARN and an IAM session ARN were given; give one.',
      );
    }
    if (!userArn && !sessionArn)
      throw new ApiError('IamArnRequiredException', 'An IAM ARN (user or session) is required.');
    if (userArn && !USER_ARN.test(userArn))
      throw new ApiError('InvalidIamUserArnException', 'The IAM user ARN is not valid.');
    if (sessionArn && !SESSION_ARN.test(sessionArn)) {
      throw new ApiError('InvalidIamSessionArnException', 'The IAM session ARN is not valid.');
    }
    const existing = ctx.regional.instances.get(name);
    if (existing && existing.deregisterTime === undefined) {
      throw new ApiError(
        'InstanceNameAlreadyRegisteredException',
        `The on-premises instance name ${name} is already registered.`,
      );
    }
    for (const other of ctx.regional.instances.values()) {
      if (other.deregisterTime !== undefined) continue;
      if (userArn && other.iamUserArn === userArn) {
        throw new ApiError(
          'IamUserArnAlreadyRegisteredException',
          `The IAM user ARN is already registered with ${other.instanceName}.`,
        );
      }
      if (sessionArn && other.iamSessionArn === sessionArn) {
        throw new ApiError(
          'IamSessionArnAlreadyRegisteredException',
          `The IAM session ARN is already registered with ${other.instanceName}.`,
        );
      }
    }
    const suffix = randomBytes(8).toString('base64url').slice(0, 10);
    ctx.regional.instances.set(name, {
      instanceName: name,
      instanceArn: `arn:aws:codedeploy:${ctx.region}:${ctx.accountId}:instance/${name}_${suffix}`,
      ...(userArn ? { iamUserArn: userArn } : { iamSessionArn: sessionArn }),
      registerTime: ctx.now(),
      tags: [],
    });
    return {};
  },

  DeregisterOnPremisesInstance: (input, ctx) => {
    const instance = ctx.regional.instances.get(input.instanceName as string);
    if (instance && instance.deregisterTime === undefined) instance.deregisterTime = ctx.now();
    return {};
  },

  GetOnPremisesInstance: (input, ctx) => {
    const name = input.instanceName as string;
    const instance = ctx.regional.instances.get(name);
    if (!instance)
      throw new ApiError(
        'InstanceNotRegisteredException',
        `The on-premises instance ${name} is not registered.`,
      );
    return { instanceInfo: instanceInfo(instance) };
  },

  BatchGetOnPremisesInstances: (input, ctx) => {
    const names = list<string>(input.instanceNames);
    if (names.length > BATCH_LIMIT) {
      throw new ApiError(
        'BatchLimitExceededException',
        `The maximum number of instance names is ${BATCH_LIMIT}.`,
      );
    }
    return {
      instanceInfos: names
        .map((name) => ctx.regional.instances.get(name))
        .filter((i) => i !== undefined)
        .map(instanceInfo),
    };
  },

  ListOnPremisesInstances: (input, ctx) => {
    const status = input.registrationStatus as 'Registered' | 'Deregistered' | undefined;
    const filters = list(input.tagFilters).map(obj);
    const names = [...ctx.regional.instances.values()]
      .filter((i) => status === undefined || (status === 'Registered') === (i.deregisterTime === undefined))
      .filter((i) => filters.every((f) => matches(i, f)))
      .map((i) => i.instanceName)
      .sort();
    const scope = ['ListOnPremisesInstances', status, JSON.stringify(filters)].join('\u0000');
    const { page, nextToken } = paginate(names, input.nextToken, scope);
    return nextToken ? { instanceNames: page, nextToken } : { instanceNames: page };
  },

  AddTagsToOnPremisesInstances: (input, ctx) => {
    const { instances, tags } = tagging(input, ctx);
    for (const instance of instances) {
      const merged = new Map(instance.tags.map((t) => [t.Key, t]));
      for (const tag of tags) merged.set(tag.Key, tag);
      if (merged.size > MAX_INSTANCE_TAGS) {
        throw new ApiError(
          'TagLimitExceededException',
          `An on-premises instance can have at most ${MAX_INSTANCE_TAGS} tags.`,
        );
      }
    }
    for (const instance of instances) {
      const merged = new Map(instance.tags.map((t) => [t.Key, t]));
      for (const tag of tags) merged.set(tag.Key, tag);
      instance.tags = [...merged.values()];
    }
    return {};
  },

  RemoveTagsFromOnPremisesInstances: (input, ctx) => {
    const { instances, tags } = tagging(input, ctx);
    for (const instance of instances) {
      instance.tags = instance.tags.filter(
        (t) => !tags.some((r) => r.Key === t.Key && (r.Value === undefined || r.Value === t.Value)),
      );
    }
    return {};
  },
};
