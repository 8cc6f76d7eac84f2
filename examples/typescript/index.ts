// The dev architecture from tenk's components, in TypeScript.
// Setup (Go 1.26+ installed): pulumi new aws-typescript
//   pulumi package add https://github.com/tenkstack/tenk/provider@v0.1.0
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import * as tenk from "@tenkstack/tenk";

const alarms = new tenk.alerts.AlarmTopic("shop-alarms", { emails: ["oncall@example.com"] });

const net = new tenk.network.Network("shop", { availabilityZoneCount: 2, natGateways: "Single" });

// The session table's access policy goes onto the web tier's instance role.
const sessions = new tenk.sessions.SessionTable("shop-sessions", {
    deletionProtection: false,
    pointInTimeRecovery: false,
    alarmTopicArn: alarms.topicArn,
});

// An internal load balancer in the private subnets: CloudFront reaches it through a VPC origin.
const web = new tenk.web.MultiAZWebTier("shop-web", {
    vpcId: net.vpcId,
    vpcCidrBlock: net.cidrBlock,
    instanceSubnetIds: net.privateSubnetIds,
    availabilityZoneCount: 2, // sizes the subnet list while it is unknown (the first preview)
    ingress: "internal",
    instanceType: "t4g.small",
    scaling: { maxSize: 4 },
    deletionProtection: false,
    accessLogs: { forceDestroy: true },
    instancePolicyArns: { sessions: sessions.policyArn },
    alarmTopicArn: alarms.topicArn,
});

const site = new tenk.cdn.StaticAssetsCdn("shop-cdn", {
    dynamicOrigin: { domainName: web.dnsName, vpcOrigin: true, loadBalancerArn: web.loadBalancerArn },
    priceClass: "PriceClass_100",
    forceDestroy: true,
});

// CloudFront creates its VPC-origin security group with the VPC origin: admit it on the ALB.
const originGroup = aws.ec2.getSecurityGroupOutput(
    { name: "CloudFront-VPCOrigins-Service-SG", vpcId: net.vpcId },
    { dependsOn: [site] },
);
new aws.vpc.SecurityGroupIngressRule("shop-web-from-cloudfront", {
    securityGroupId: web.loadBalancerSecurityGroupId,
    referencedSecurityGroupId: originGroup.id,
    ipProtocol: "tcp",
    fromPort: 80,
    toPort: 80,
    description: "CloudFront VPC origin",
});

const db = new tenk.database.RdsWithReplicas("shop-db", {
    vpcId: net.vpcId,
    subnetIds: net.isolatedSubnetIds,
    availabilityZones: net.availabilityZoneNames,
    allowedSecurityGroupIds: [web.instanceSecurityGroupId],
    instanceClass: "db.t4g.micro",
    multiAz: false,
    deletionProtection: false,
    skipFinalSnapshot: true,
    alarmTopicArn: alarms.topicArn,
});

const cache = new tenk.cache.CacheCluster("shop-cache", {
    vpcId: net.vpcId,
    subnetIds: net.isolatedSubnetIds,
    availabilityZones: net.availabilityZoneNames,
    allowedSecurityGroupIds: [web.instanceSecurityGroupId],
    nodeType: "cache.t4g.micro",
    nodeCount: 1,
    finalSnapshot: false,
    alarmTopicArn: alarms.topicArn,
});

new tenk.app.AppConfig("shop-app", {
    prefix: `/shop/${pulumi.getStack()}/`,
    settings: {
        DB_HOST: db.writerEndpoint,
        CACHE_HOST: cache.primaryEndpoint,
        SESSION_TABLE: sessions.tableName,
        ASSETS_BUCKET: site.bucketName,
    },
    roles: [web.instanceRoleName],
});

// The instances read the database password and the cache's AUTH token from Secrets Manager.
new aws.iam.RolePolicy("shop-web-secrets", {
    role: web.instanceRoleName,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: [db.secretArn, cache.authSecretArn] }],
    }),
});

// One CloudWatch dashboard: a row per tier and the status of every component's alarms.
const ops = new tenk.ops.Dashboard("shop-ops", {
    region: new pulumi.Config("aws").require("region"),
    cdn: { distributionId: site.distributionId },
    web: {
        loadBalancerArnSuffix: web.loadBalancerArnSuffix,
        targetGroupArnSuffix: web.targetGroupArnSuffix,
        autoScalingGroupName: web.autoScalingGroupName,
    },
    cache: { clusterIds: cache.cacheClusterIds },
    sessions: { tableName: sessions.tableName },
    alarmArns: [web.alarmArns, db.alarmArns, cache.alarmArns, sessions.alarmArns],
});

export const url = site.url;
export const dashboardUrl = ops.url;
