// The dev architecture from tenk's components, in TypeScript.
// Setup: pulumi new typescript; pulumi package add https://github.com/tenkstack/tenk/provider@v0.1.0
import * as pulumi from "@pulumi/pulumi";
import * as tenk from "@pulumi/tenk";

const alarms = new tenk.alerts.AlarmTopic("shop-alarms", { emails: ["oncall@example.com"] });

const net = new tenk.network.Network("shop", { availabilityZoneCount: 2, natGateways: "Single" });

const web = new tenk.web.MultiAZWebTier("shop-web", {
    vpcId: net.vpcId,
    vpcCidrBlock: net.cidrBlock,
    instanceSubnetIds: net.privateSubnetIds,
    loadBalancerSubnetIds: net.publicSubnetIds,
    availabilityZoneCount: 2, // the AZ count above: sizes the subnet lists during the first preview
    ingress: "CloudFront",
    instanceType: "t4g.small",
    maxSize: 4,
    alarmTopicArn: alarms.topicArn,
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
    nodeCount: 1,
    alarmTopicArn: alarms.topicArn,
});

const sessions = new tenk.sessions.SessionTable("shop-sessions", {
    attachToRoles: [web.instanceRoleName],
    deletionProtection: false,
    alarmTopicArn: alarms.topicArn,
});

const site = new tenk.cdn.StaticAssetsCdn("shop-cdn", {
    dynamicOrigin: { domainName: web.dnsName, staticPathPatterns: ["/static/*"] },
    forceDestroy: true,
});

new tenk.app.AppConfig("shop-app", {
    prefix: `/shop/${pulumi.getStack()}/`,
    settings: {
        DB_HOST: db.writerEndpoint,
        CACHE_HOST: cache.primaryEndpoint,
        SESSION_TABLE: sessions.tableName,
        ASSETS_BUCKET: site.bucketName,
    },
    secretArns: [db.secretArn, cache.authSecretArn],
    roles: [web.instanceRoleName],
});

export const url = site.url;
