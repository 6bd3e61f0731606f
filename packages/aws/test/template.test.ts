import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLambdaConfig } from '../src/config.js';
import { PEER_INDEX, TTL_ATTRIBUTE } from '../src/rows.js';
import { TEMPLATE_PATH, loadTemplate, resource, resourcesOfType, type Template } from './template.js';

let template: Template;
beforeAll(async () => {
  template = await loadTemplate();
});

const PSEUDO = new Set(['AWS::Region', 'AWS::AccountId', 'AWS::Partition', 'AWS::StackName', 'AWS::URLSuffix', 'AWS::NoValue']);

/** Every Ref, Fn::GetAtt, Fn::Sub variable and Fn::If condition in a value, as [kind, name]. */
function references(value: unknown, found: Array<[string, string]> = []): Array<[string, string]> {
  if (Array.isArray(value)) {
    for (const v of value) references(v, found);
  } else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'Ref' && typeof v === 'string') found.push(['ref', v]);
      else if (key === 'Fn::GetAtt' && Array.isArray(v)) found.push(['ref', String(v[0])]);
      else if (key === 'Fn::If' && Array.isArray(v)) found.push(['condition', String(v[0])]);
      if (key === 'Fn::Sub') {
        const text = Array.isArray(v) ? v[0] : v;
        for (const [, name] of String(text).matchAll(/\$\{([^}!]+)\}/g)) found.push(['ref', name!.split('.')[0]!]);
      }
      references(v, found);
    }
  }
  return found;
}

type Statement = { Effect: string; Action: string[]; Resource: unknown[] };

function functionStatements(): Statement[] {
  const fn = resource(template, 'SignalingFunction');
  const policies = fn.Properties!.Policies as Array<{ Statement: Statement[] }>;
  return policies.flatMap((p) => p.Statement);
}

describe('template.yaml', () => {
  it('is plain YAML: long-form intrinsics only, so any parser reads it', async () => {
    const text = await readFile(TEMPLATE_PATH, 'utf8');
    expect(text).not.toMatch(/!(Ref|Sub|GetAtt|If|Join|Select|Split|Equals|Not|And|Or|FindInMap|ImportValue|Base64)\b/);
    expect(template).toMatchObject({ AWSTemplateFormatVersion: '2010-09-09', Transform: 'AWS::Serverless-2016-10-31' });
  });

  it('every reference names a parameter, a resource, a pseudo parameter or a condition', () => {
    const names = new Set([...Object.keys(template.Parameters ?? {}), ...Object.keys(template.Resources), ...PSEUDO]);
    const conditions = new Set(Object.keys(template.Conditions ?? {}));
    const refs = references({ resources: template.Resources, outputs: template.Outputs, conditions: template.Conditions });
    expect(refs.length).toBeGreaterThan(20);
    for (const [kind, name] of refs) {
      expect(kind === 'condition' ? conditions.has(name) : names.has(name), `${kind} ${name}`).toBe(true);
    }
    for (const [id, r] of Object.entries(template.Resources)) {
      for (const dep of [r.DependsOn ?? []].flat()) expect(template.Resources[dep], `${id} depends on ${dep}`).toBeDefined();
    }
  });

  it('every table is on demand with TTL on expiresAt, keyed as the store expects', () => {
    const tables = Object.fromEntries(resourcesOfType(template, 'AWS::DynamoDB::Table').map(([id, r]) => [id, r.Properties!]));
    expect(Object.keys(tables).sort()).toEqual(['ConnectionsTable', 'DirectoryTable', 'RoomsTable']);
    for (const props of Object.values(tables)) {
      expect(props.BillingMode).toBe('PAY_PER_REQUEST');
      expect(props.TimeToLiveSpecification).toEqual({ AttributeName: TTL_ATTRIBUTE, Enabled: true });
    }
    expect(tables.ConnectionsTable!.KeySchema).toEqual([{ AttributeName: 'connId', KeyType: 'HASH' }]);
    expect(tables.ConnectionsTable!.GlobalSecondaryIndexes).toEqual([
      { IndexName: PEER_INDEX, KeySchema: [{ AttributeName: 'peerId', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } },
    ]);
    expect(tables.RoomsTable!.KeySchema).toEqual([{ AttributeName: 'room', KeyType: 'HASH' }]);
    expect(tables.DirectoryTable!.KeySchema).toEqual([{ AttributeName: 'key', KeyType: 'HASH' }]);
  });

  it('the function is the Node 20 ESM bundle with the environment the Lambda reads', () => {
    const props = resource(template, 'SignalingFunction').Properties!;
    expect(props).toMatchObject({ Runtime: 'nodejs20.x', Handler: 'index.handler', CodeUri: 'dist-lambda/' });
    const variables = (props.Environment as { Variables: Record<string, unknown> }).Variables;
    // Stand-in values for the intrinsics; loadLambdaConfig must accept what the template sets.
    const env = Object.fromEntries(
      Object.entries(variables).map(([k, v]) => {
        if (typeof v === 'string') return [k, v];
        const ref = (v as { Ref?: string }).Ref;
        const param = ref ? template.Parameters?.[ref] : undefined;
        return [k, param ? String(param.Default) : (ref ?? `${k.toLowerCase()}-value`)];
      }),
    );
    const config = loadLambdaConfig(env);
    expect(config.tables).toEqual({ connections: 'ConnectionsTable', rooms: 'RoomsTable', directory: 'DirectoryTable' });
    expect(config.heartbeatMs).toBe(60_000);
    expect(config.prejoin).toBe(true);
    expect(Object.keys(variables)).toEqual(
      expect.arrayContaining(['CONNECTIONS_TABLE', 'ROOMS_TABLE', 'DIRECTORY_TABLE', 'CALLBACK_URL', 'ALLOWED_ORIGINS', 'HEARTBEAT_MS', 'MAX_PEERS', 'PREJOIN']),
    );
    expect(variables.CALLBACK_URL).toEqual({ 'Fn::Sub': 'https://${WebSocketApi}.execute-api.${AWS::Region}.amazonaws.com/${StageName}' });
  });

  it('the function may only post to this API stage’s connections and use its own tables (no Scan)', () => {
    const statements = functionStatements();
    expect(statements.every((s) => s.Effect === 'Allow')).toBe(true);
    const actions = statements.flatMap((s) => s.Action).sort();
    expect(actions).toEqual([
      'dynamodb:DeleteItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
      'execute-api:ManageConnections',
    ]);
    const post = statements.find((s) => s.Action.includes('execute-api:ManageConnections'))!;
    expect(post.Action).toEqual(['execute-api:ManageConnections']);
    expect(post.Resource).toEqual([
      { 'Fn::Sub': 'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${WebSocketApi}/${StageName}/POST/@connections/*' },
    ]);
    const query = statements.find((s) => s.Action.includes('dynamodb:Query'))!;
    expect(query.Resource).toEqual([{ 'Fn::Sub': `\${ConnectionsTable.Arn}/index/${PEER_INDEX}` }]);
    for (const s of statements) for (const r of s.Resource) expect(r).not.toBe('*');
  });

  it('routes $connect, $disconnect and $default to the Lambda through one proxy integration', () => {
    const routes = resourcesOfType(template, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties!);
    expect(routes.map((r) => r.RouteKey).sort()).toEqual(['$connect', '$default', '$disconnect']);
    for (const r of routes) expect(r.Target).toEqual({ 'Fn::Sub': 'integrations/${SignalingIntegration}' });
    expect(resource(template, 'WebSocketApi').Properties).toMatchObject({ ProtocolType: 'WEBSOCKET' });
    expect(resource(template, 'SignalingIntegration').Properties).toMatchObject({ IntegrationType: 'AWS_PROXY' });
    const stage = resource(template, 'Stage');
    expect([stage.DependsOn].flat().sort()).toEqual(['ConnectRoute', 'DefaultRoute', 'DisconnectRoute']);
    expect(resource(template, 'SignalingInvokePermission').Properties).toMatchObject({ Principal: 'apigateway.amazonaws.com' });
  });

  it('serves the web app from a private bucket through CloudFront with origin access control', () => {
    const bucket = resource(template, 'WebBucket').Properties!;
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    const config = (resource(template, 'WebDistribution').Properties!.DistributionConfig ?? {}) as Record<string, unknown>;
    const [origin] = config.Origins as Array<Record<string, unknown>>;
    expect(origin).toMatchObject({ OriginAccessControlId: { 'Fn::GetAtt': ['WebOriginAccessControl', 'Id'] }, S3OriginConfig: { OriginAccessIdentity: '' } });
    expect((config.CustomErrorResponses as Array<Record<string, unknown>>).map((e) => [e.ErrorCode, e.ResponsePagePath])).toEqual([
      [403, '/index.html'],
      [404, '/index.html'],
    ]);
    expect((config.CacheBehaviors as Array<Record<string, unknown>>)[0]).toMatchObject({ PathPattern: '/config.json' });
    const policy = resource(template, 'WebBucketPolicy').Properties!.PolicyDocument as { Statement: Array<Record<string, unknown>> };
    expect(policy.Statement).toEqual([
      expect.objectContaining({
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Action: 's3:GetObject',
        Condition: {
          StringEquals: { 'AWS:SourceArn': { 'Fn::Sub': 'arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${WebDistribution}' } },
        },
      }),
    ]);
  });

  it('outputs what the deploy steps need', () => {
    expect(Object.keys(template.Outputs ?? {})).toEqual(
      expect.arrayContaining(['WebSocketUrl', 'WebUrl', 'WebBucketName', 'DistributionId']),
    );
  });
});
