package main

import (
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/e2e"
	"github.com/tenkstack/tenk/internal/offline/stackconfig"
	"github.com/tenkstack/tenk/internal/testkit"
	"github.com/tenkstack/tenk/stacks"
)

// refreshReads are, per resource type and per lookup the stacks make, the calls a preview or a
// refresh makes with the read roles: the AWS provider's Read (terraform-provider-aws, the
// resource's read function) and the program's invokes. A type the stacks start to register
// without a row here fails TestReadRolesCoverEveryResourceTypeTheStacksRegister: add its row,
// and the action to configReads when the policy lacks it.
var refreshReads = map[string][]string{
	"aws:acm/certificate:Certificate":                              {"acm:DescribeCertificate", "acm:ListTagsForCertificate"},
	"aws:acm/certificateValidation:CertificateValidation":          {"acm:DescribeCertificate"},
	"aws:appautoscaling/policy:Policy":                             {"application-autoscaling:DescribeScalingPolicies"},
	"aws:appautoscaling/target:Target":                             {"application-autoscaling:DescribeScalableTargets", "application-autoscaling:ListTagsForResource"},
	"aws:autoscaling/group:Group":                                  {"autoscaling:DescribeAutoScalingGroups", "autoscaling:DescribeLifecycleHooks", "autoscaling:DescribeWarmPool"},
	"aws:autoscaling/policy:Policy":                                {"autoscaling:DescribePolicies"},
	"aws:cloudfront/cachePolicy:CachePolicy":                       {"cloudfront:GetCachePolicy"},
	"aws:cloudfront/distribution:Distribution":                     {"cloudfront:GetDistribution", "cloudfront:ListTagsForResource"},
	"aws:cloudfront/originAccessControl:OriginAccessControl":       {"cloudfront:GetOriginAccessControl"},
	"aws:cloudfront/vpcOrigin:VpcOrigin":                           {"cloudfront:GetVpcOrigin"},
	"aws:cloudwatch/dashboard:Dashboard":                           {"cloudwatch:GetDashboard"},
	"aws:cloudwatch/logDelivery:LogDelivery":                       {"logs:GetDelivery"},
	"aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination": {"logs:GetDeliveryDestination", "logs:ListTagsForResource"},
	"aws:cloudwatch/logDeliverySource:LogDeliverySource":           {"logs:GetDeliverySource"},
	"aws:cloudwatch/logGroup:LogGroup":                             {"logs:DescribeLogGroups", "logs:ListTagsForResource"},
	"aws:cloudwatch/metricAlarm:MetricAlarm":                       {"cloudwatch:DescribeAlarms", "cloudwatch:ListTagsForResource"},
	"aws:dynamodb/table:Table":                                     {"dynamodb:DescribeTable", "dynamodb:DescribeContinuousBackups", "dynamodb:DescribeTimeToLive", "dynamodb:ListTagsOfResource"},
	"aws:ec2/defaultSecurityGroup:DefaultSecurityGroup":            {"ec2:DescribeSecurityGroups"},
	"aws:ec2/eip:Eip":                                              {"ec2:DescribeAddresses"},
	"aws:ec2/flowLog:FlowLog":                                      {"ec2:DescribeFlowLogs"},
	"aws:ec2/internetGateway:InternetGateway":                      {"ec2:DescribeInternetGateways"},
	"aws:ec2/launchTemplate:LaunchTemplate":                        {"ec2:DescribeLaunchTemplates", "ec2:DescribeLaunchTemplateVersions"},
	"aws:ec2/natGateway:NatGateway":                                {"ec2:DescribeNatGateways"},
	"aws:ec2/route:Route":                                          {"ec2:DescribeRouteTables"},
	"aws:ec2/routeTable:RouteTable":                                {"ec2:DescribeRouteTables"},
	"aws:ec2/routeTableAssociation:RouteTableAssociation":          {"ec2:DescribeRouteTables"},
	"aws:ec2/securityGroup:SecurityGroup":                          {"ec2:DescribeSecurityGroups", "ec2:DescribeSecurityGroupRules"},
	"aws:ec2/subnet:Subnet":                                        {"ec2:DescribeSubnets"},
	"aws:ec2/vpc:Vpc":                                              {"ec2:DescribeVpcs", "ec2:DescribeVpcAttribute"},
	"aws:ec2/vpcEndpoint:VpcEndpoint":                              {"ec2:DescribeVpcEndpoints", "ec2:DescribePrefixLists"},
	"aws:elasticache/cluster:Cluster":                              {"elasticache:DescribeCacheClusters", "elasticache:ListTagsForResource"},
	"aws:elasticache/parameterGroup:ParameterGroup":                {"elasticache:DescribeCacheParameterGroups", "elasticache:DescribeCacheParameters"},
	"aws:elasticache/replicationGroup:ReplicationGroup":            {"elasticache:DescribeReplicationGroups", "elasticache:DescribeCacheClusters"},
	"aws:elasticache/subnetGroup:SubnetGroup":                      {"elasticache:DescribeCacheSubnetGroups"},
	"aws:iam/instanceProfile:InstanceProfile":                      {"iam:GetInstanceProfile"},
	"aws:iam/policy:Policy":                                        {"iam:GetPolicy", "iam:GetPolicyVersion"},
	"aws:iam/role:Role":                                            {"iam:GetRole", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies"},
	"aws:iam/rolePolicy:RolePolicy":                                {"iam:GetRolePolicy"},
	"aws:iam/rolePolicyAttachment:RolePolicyAttachment":            {"iam:ListAttachedRolePolicies"},
	"aws:kms/key:Key":                                              {"kms:DescribeKey", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus", "kms:ListResourceTags"},
	"aws:lambda/function:Function":                                 {"lambda:GetFunction", "lambda:GetFunctionCodeSigningConfig", "lambda:ListVersionsByFunction", "lambda:ListTags"},
	// Its Read is a no-op (terraform-provider-aws lambda/invocation.go: ReadWithoutTimeout is
	// schema.NoopContext): a refresh never invokes the function.
	"aws:lambda/invocation:Invocation":                                                           {},
	"aws:lb/listener:Listener":                                                                   {"elasticloadbalancing:DescribeListeners", "elasticloadbalancing:DescribeTags"},
	"aws:lb/loadBalancer:LoadBalancer":                                                           {"elasticloadbalancing:DescribeLoadBalancers", "elasticloadbalancing:DescribeLoadBalancerAttributes"},
	"aws:lb/targetGroup:TargetGroup":                                                             {"elasticloadbalancing:DescribeTargetGroups", "elasticloadbalancing:DescribeTargetGroupAttributes"},
	"aws:rds/cluster:Cluster":                                                                    {"rds:DescribeDBClusters", "rds:ListTagsForResource"},
	"aws:rds/clusterInstance:ClusterInstance":                                                    {"rds:DescribeDBInstances"},
	"aws:rds/clusterParameterGroup:ClusterParameterGroup":                                        {"rds:DescribeDBClusterParameterGroups", "rds:DescribeDBClusterParameters"},
	"aws:rds/instance:Instance":                                                                  {"rds:DescribeDBInstances", "rds:ListTagsForResource"},
	"aws:rds/parameterGroup:ParameterGroup":                                                      {"rds:DescribeDBParameterGroups", "rds:DescribeDBParameters"},
	"aws:rds/subnetGroup:SubnetGroup":                                                            {"rds:DescribeDBSubnetGroups"},
	"aws:route53/record:Record":                                                                  {"route53:ListResourceRecordSets", "route53:GetChange"},
	"aws:s3/bucketCorsConfigurationV2:BucketCorsConfigurationV2":                                 {"s3:GetBucketCORS"},
	"aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2":                       {"s3:GetLifecycleConfiguration"},
	"aws:s3/bucketObjectv2:BucketObjectv2":                                                       {"s3:GetObject", "s3:GetObjectTagging"},
	"aws:s3/bucketOwnershipControls:BucketOwnershipControls":                                     {"s3:GetBucketOwnershipControls"},
	"aws:s3/bucketPolicy:BucketPolicy":                                                           {"s3:GetBucketPolicy"},
	"aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock":                                     {"s3:GetBucketPublicAccessBlock"},
	"aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2": {"s3:GetEncryptionConfiguration"},
	"aws:s3/bucketV2:BucketV2":                                                                   {"s3:ListBucket", "s3:GetBucketTagging", "s3:GetBucketPolicy", "s3:GetBucketAcl", "s3:GetBucketVersioning", "s3:GetBucketLogging", "s3:GetAccelerateConfiguration", "s3:GetReplicationConfiguration"},
	"aws:s3/bucketVersioningV2:BucketVersioningV2":                                               {"s3:GetBucketVersioning"},
	"aws:secretsmanager/secret:Secret":                                                           {"secretsmanager:DescribeSecret", "secretsmanager:GetResourcePolicy"},
	"aws:secretsmanager/secretVersion:SecretVersion":                                             {"secretsmanager:GetSecretValue"},
	"aws:sns/topic:Topic":                                                                        {"sns:GetTopicAttributes", "sns:ListTagsForResource"},
	"aws:sns/topicPolicy:TopicPolicy":                                                            {"sns:GetTopicAttributes"},
	"aws:sns/topicSubscription:TopicSubscription":                                                {"sns:GetSubscriptionAttributes"},
	"aws:ssm/parameter:Parameter":                                                                {"ssm:GetParameter", "ssm:DescribeParameters", "ssm:ListTagsForResource"},
	"aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule":                                    {"ec2:DescribeSecurityGroupRules"},
	"aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule":                                  {"ec2:DescribeSecurityGroupRules"},
	"aws:wafv2/webAcl:WebAcl":                                                                    {"wafv2:GetWebACL", "wafv2:ListTagsForResource"},
	"aws:ecr/repository:Repository":                                                              {"ecr:DescribeRepositories", "ecr:ListTagsForResource"},
	"aws:ecr/lifecyclePolicy:LifecyclePolicy":                                                    {"ecr:GetLifecyclePolicy"},
	// Invokes: the program's lookups run in every preview.
	"aws:ecr/getAuthorizationToken:getAuthorizationToken":       {"ecr:GetAuthorizationToken"},
	"aws:ec2/getInstanceTypeOfferings:getInstanceTypeOfferings": {"ec2:DescribeInstanceTypeOfferings"},
	"aws:ec2/getManagedPrefixList:getManagedPrefixList":         {"ec2:DescribeManagedPrefixLists", "ec2:GetManagedPrefixListEntries"},
	"aws:ec2/getRouteTables:getRouteTables":                     {"ec2:DescribeRouteTables"},
	"aws:ec2/getSecurityGroup:getSecurityGroup":                 {"ec2:DescribeSecurityGroups"},
	"aws:index/getAvailabilityZones:getAvailabilityZones":       {"ec2:DescribeAvailabilityZones"},
	"aws:index/getCallerIdentity:getCallerIdentity":             {"sts:GetCallerIdentity"},
	"aws:index/getRegion:getRegion":                             {},
	"aws:rds/getEngineVersion:getEngineVersion":                 {"rds:DescribeDBEngineVersions"},
	// The web tier's AMI, resolved from AWS's public parameter at every preview (then pinned).
	"aws:ssm/getParameter:getParameter": {"ssm:GetParameter"},
}

// stackRuns runs the program under mocks for the repository's stack files and every e2e
// variant, so the types of every engine and option are seen.
func stackRuns(t *testing.T) map[string]*testkit.Mocks {
	t.Helper()
	runs := map[string]*testkit.Mocks{}
	for _, stack := range []string{"dev", "prod"} {
		cfg, err := stackconfig.Load("..", stack)
		require.NoError(t, err)
		runs[stack] = testkit.MustRun(t, stacks.Run, testkit.RunOptions{Stack: stack, Config: cfg})
	}
	t.Chdir("..") // the e2e variants run where Pulumi runs the program: their tenk:app.build is relative to the project
	for _, v := range e2e.VariantNames() {
		entries, _ := e2e.StackConfig(e2e.Settings{Variant: e2e.Variant(v), Region: "eu-west-1", Stack: "e2e-abc123", Domain: "www.example.com", HostedZoneID: "Z0123456789"})
		cfg, err := e2e.ProgramConfig(entries)
		require.NoError(t, err)
		runs["e2e "+v] = testkit.MustRun(t, stacks.Run, testkit.RunOptions{Stack: "e2e-abc123", Config: cfg})
	}
	return runs
}

// A read role lacking one of these fails the nightly drift check or the pull-request preview on
// the first real run: every resource type of every stack shape has its refresh reads allowed to
// the drift role (ConfigReadPolicy and RefreshValuesPolicy), and every lookup, which a preview
// runs too, to the preview role (ConfigReadPolicy alone).
func TestReadRolesCoverEveryResourceTypeTheStacksRegister(t *testing.T) {
	preview, err := testkit.ParsePolicy(ConfigReadPolicy())
	require.NoError(t, err)
	values, err := testkit.ParsePolicy(RefreshValuesPolicy(account))
	require.NoError(t, err)
	drift := append(slices.Clone(preview), values...)
	seen := map[string]bool{} // type or invoke token: true for an invoke
	for _, m := range stackRuns(t) {
		for _, r := range m.Resources() {
			if strings.HasPrefix(r.Type, "aws:") {
				seen[r.Type] = false
			}
		}
		for _, inv := range m.Invokes() {
			if strings.HasPrefix(inv.Token, "aws:") {
				seen[inv.Token] = true
			}
		}
	}
	types := make([]string, 0, len(seen))
	for typ := range seen {
		types = append(types, typ)
	}
	sort.Strings(types)
	require.NotEmpty(t, types)
	for _, typ := range types {
		actions, ok := refreshReads[typ]
		if !assert.True(t, ok, "the stacks register %s: add the calls its refresh makes to refreshReads (and configReads)", typ) {
			continue
		}
		role, statements := "drift", drift
		if seen[typ] {
			role, statements = "preview", preview
		}
		for _, action := range actions {
			resource := "*"
			switch action {
			case "secretsmanager:GetSecretValue":
				resource = "arn:aws:secretsmanager:eu-west-1:" + account + ":secret:tenk-db-credentials-1a2b3c4-AbCdEf"
			case "ssm:GetParameter":
				resource = "arn:aws:ssm:eu-west-1:" + account + ":parameter/tenk/e2e-abc123/DB_HOST"
				if typ == "aws:ssm/getParameter:getParameter" {
					resource = "arn:aws:ssm:eu-west-1::parameter/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64"
				}
			case "s3:GetObject", "s3:GetObjectTagging":
				resource = "arn:aws:s3:::" + AssetsBucketPrefix + "1a2b3c4/index.html"
			}
			assert.True(t, decide(t, statements, action, resource), "%s: %s calls %s, which the %s role lacks", typ, map[bool]string{true: "a preview", false: "a refresh"}[seen[typ]], action, role)
		}
	}
}
