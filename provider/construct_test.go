package main

import (
	"maps"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/components/alerts"
	"github.com/tenkstack/tenk/components/appconfig"
	"github.com/tenkstack/tenk/components/cache"
	"github.com/tenkstack/tenk/components/cdn"
	"github.com/tenkstack/tenk/components/dashboard"
	"github.com/tenkstack/tenk/components/database"
	"github.com/tenkstack/tenk/components/network"
	"github.com/tenkstack/tenk/components/sessions"
	"github.com/tenkstack/tenk/components/waf"
	"github.com/tenkstack/tenk/components/webtier"
	"github.com/tenkstack/tenk/internal/testkit"
)

var (
	azs        = []string{"eu-west-1a", "eu-west-1b", "eu-west-1c"}
	private    = []string{"subnet-private-a", "subnet-private-b", "subnet-private-c"}
	public     = []string{"subnet-public-a", "subnet-public-b", "subnet-public-c"}
	isolated   = []string{"subnet-isolated-a", "subnet-isolated-b", "subnet-isolated-c"}
	alarmTopic = "arn:aws:sns:eu-west-1:123456789012:oncall"
)

func strs(values []string) []pulumi.StringInput {
	out := make([]pulumi.StringInput, len(values))
	for i, v := range values {
		out[i] = pulumi.String(v)
	}
	return out
}

// constructCase is one component built twice: through the provider from wire inputs, and with
// the Go constructor from the Args those inputs mean.
type constructCase struct {
	token, name string
	inputs      map[string]any
	goBuild     func(ctx *pulumi.Context, name string) (pulumi.ComponentResource, error)
}

var constructCases = []constructCase{
	{
		token: network.Token, name: "net",
		inputs: map[string]any{"cidrBlock": "10.20.0.0/16", "availabilityZoneNames": azs, "natGateways": "Single", "tags": map[string]string{"team": "shop"}},
		goBuild: func(ctx *pulumi.Context, name string) (pulumi.ComponentResource, error) {
			return network.NewNetwork(ctx, name, &network.NetworkArgs{CidrBlock: "10.20.0.0/16", AvailabilityZoneNames: azs, NatGateways: network.NatSingle, Tags: map[string]string{"team": "shop"}})
		},
	},
	{
		token: webtier.Token, name: "web",
		inputs: map[string]any{
			"vpcId": "vpc-1", "instanceSubnetIds": private, "loadBalancerSubnetIds": public, "vpcCidrBlock": "10.20.0.0/16",
			"certificateArn": "arn:aws:acm:eu-west-1:123456789012:certificate/abc", "instanceType": "c7g.large",
			"scaling": map[string]any{"metric": "RequestCountPerTarget", "target": 800.0, "maxSize": 6}, "stickySessions": true,
			"healthCheck":        map[string]any{"path": "/healthz"},
			"instancePolicyArns": map[string]string{"read-config": "arn:aws:iam::123456789012:policy/read-config"},
			"alarmTopicArn":      alarmTopic, "alarmThresholds": map[string]any{"errorsPerMinute": 25},
		},
		goBuild: func(ctx *pulumi.Context, name string) (pulumi.ComponentResource, error) {
			return webtier.NewMultiAZWebTier(ctx, name, &webtier.MultiAZWebTierArgs{
				VpcID: pulumi.String("vpc-1"), InstanceSubnetIDs: strs(private), LoadBalancerSubnetIDs: strs(public),
				VpcCidrBlock: pulumi.String("10.20.0.0/16"), CertificateArn: pulumi.String("arn:aws:acm:eu-west-1:123456789012:certificate/abc"),
				InstanceType: "c7g.large", StickySessions: true,
				Scaling:            webtier.Scaling{Metric: webtier.ScalingMetric("RequestCountPerTarget"), Target: 800, MaxSize: 6},
				HealthCheck:        webtier.HealthCheck{Path: "/healthz"},
				AlarmTopicArn:      pulumi.String(alarmTopic),
				AlarmThresholds:    webtier.AlarmThresholds{ErrorsPerMinute: 25},
				InstancePolicyArns: map[string]pulumi.StringInput{"read-config": pulumi.String("arn:aws:iam::123456789012:policy/read-config")},
			})
		},
	},
	{
		token: database.Token, name: "db",
		inputs: map[string]any{"vpcId": "vpc-1", "subnetIds": isolated, "availabilityZones": azs, "allowedSecurityGroupIds": []string{"sg-web"}, "readReplicas": 2, "alarmTopicArn": alarmTopic},
		goBuild: func(ctx *pulumi.Context, name string) (pulumi.ComponentResource, error) {
			return database.NewRdsWithReplicas(ctx, name, &database.RdsWithReplicasArgs{
				VpcID: pulumi.String("vpc-1"), SubnetIDs: strs(isolated), AvailabilityZones: azs,
				AllowedSecurityGroupIDs: strs([]string{"sg-web"}), ReadReplicas: 2, AlarmTopicArn: pulumi.String(alarmTopic),
			})
		},
	},
	{
		token: cdn.Token, name: "site",
		inputs: map[string]any{
			"dynamicOrigin": map[string]any{"domainName": "web-alb.eu-west-1.elb.amazonaws.com", "staticPathPatterns": []string{"/static/*"}},
			"corsRules":     []any{map[string]any{"allowedOrigins": []string{"https://example.com"}}},
			"tags":          map[string]string{"app": "shop"},
		},
		goBuild: func(ctx *pulumi.Context, name string) (pulumi.ComponentResource, error) {
			return cdn.NewStaticAssetsCdn(ctx, name, &cdn.StaticAssetsCdnArgs{
				DynamicOrigin: &cdn.DynamicOrigin{DomainName: pulumi.String("web-alb.eu-west-1.elb.amazonaws.com"), StaticPathPatterns: []string{"/static/*"}},
				CorsRules:     []cdn.CorsRule{{AllowedOrigins: []string{"https://example.com"}}},
				Tags:          map[string]string{"app": "shop"},
			})
		},
	},
	{
		token: sessions.Token, name: "sessions",
		inputs: map[string]any{"maxReadRequestUnits": 200, "alarmTopicArn": alarmTopic},
		goBuild: func(ctx *pulumi.Context, name string) (pulumi.ComponentResource, error) {
			return sessions.NewSessionTable(ctx, name, &sessions.SessionTableArgs{
				MaxReadRequestUnits: 200, AlarmTopicArn: pulumi.String(alarmTopic),
			})
		},
	},
	{
		token: cache.Token, name: "cache",
		inputs: map[string]any{"vpcId": "vpc-1", "subnetIds": isolated, "availabilityZones": azs, "allowedSecurityGroupIds": []string{"sg-web"}, "nodeCount": 3},
		goBuild: func(ctx *pulumi.Context, name string) (pulumi.ComponentResource, error) {
			return cache.NewCacheCluster(ctx, name, &cache.CacheClusterArgs{
				VpcID: pulumi.String("vpc-1"), SubnetIDs: strs(isolated), AvailabilityZones: azs,
				AllowedSecurityGroupIDs: strs([]string{"sg-web"}), NodeCount: 3,
			})
		},
	},
	{
		token: alerts.Token, name: "alarms",
		inputs: map[string]any{"emails": []string{"oncall@example.com"}},
		goBuild: func(ctx *pulumi.Context, name string) (pulumi.ComponentResource, error) {
			return alerts.NewAlarmTopic(ctx, name, &alerts.AlarmTopicArgs{Emails: []string{"oncall@example.com"}})
		},
	},
	{
		token: appconfig.Token, name: "app",
		inputs: map[string]any{"prefix": "/shop/", "settings": map[string]string{"DB_HOST": "db.internal"}, "roles": []string{"web-role"}},
		goBuild: func(ctx *pulumi.Context, name string) (pulumi.ComponentResource, error) {
			return appconfig.NewAppConfig(ctx, name, &appconfig.AppConfigArgs{
				Prefix: "/shop/", Settings: map[string]pulumi.StringInput{"DB_HOST": pulumi.String("db.internal")},
				Roles: strs([]string{"web-role"}),
			})
		},
	},
	{
		token: dashboard.Token, name: "ops",
		inputs: map[string]any{
			"region":    "eu-west-1",
			"web":       map[string]any{"loadBalancerArnSuffix": "app/web/1", "targetGroupArnSuffix": "targetgroup/web/2", "autoScalingGroupName": "web-asg"},
			"database":  map[string]any{"writerIdentifier": "db-primary", "replicaIdentifiers": []string{"db-replica-0"}},
			"alarmArns": []any{[]string{"arn:aws:cloudwatch:eu-west-1:123456789012:alarm:a"}, []string{"arn:aws:cloudwatch:eu-west-1:123456789012:alarm:b"}},
		},
		goBuild: func(ctx *pulumi.Context, name string) (pulumi.ComponentResource, error) {
			return dashboard.NewDashboard(ctx, name, &dashboard.DashboardArgs{
				Region:   "eu-west-1",
				Web:      &dashboard.WebMetrics{LoadBalancerArnSuffix: pulumi.String("app/web/1"), TargetGroupArnSuffix: pulumi.String("targetgroup/web/2"), AutoScalingGroupName: pulumi.String("web-asg")},
				Database: &dashboard.DatabaseMetrics{WriterIdentifier: pulumi.String("db-primary"), ReplicaIdentifiers: pulumi.ToStringArray([]string{"db-replica-0"})},
				AlarmArns: []pulumi.StringArrayInput{
					pulumi.ToStringArray([]string{"arn:aws:cloudwatch:eu-west-1:123456789012:alarm:a"}),
					pulumi.ToStringArray([]string{"arn:aws:cloudwatch:eu-west-1:123456789012:alarm:b"}),
				},
			})
		},
	},
	{
		token: waf.Token, name: "edge",
		inputs: map[string]any{"managedRuleGroups": []string{"AWSManagedRulesCommonRuleSet"}, "rateLimit": 500, "alarmThresholds": map[string]any{"blockedRequests": 0}},
		goBuild: func(ctx *pulumi.Context, name string) (pulumi.ComponentResource, error) {
			zero := 0
			return waf.NewWebAcl(ctx, name, &waf.WebAclArgs{ManagedRuleGroups: []string{"AWSManagedRulesCommonRuleSet"}, RateLimit: 500, AlarmThresholds: waf.AlarmThresholds{BlockedRequests: &zero}})
		},
	},
}

// TestConstructMatchesGo builds every component through the provider and with the Go
// constructor from the same inputs: the same children, names, parents and inputs.
func TestConstructMatchesGo(t *testing.T) {
	require.Len(t, constructCases, len(tokens(t)), "every component of the schema has a construct case")
	for _, tc := range constructCases {
		t.Run(tc.token, func(t *testing.T) {
			goMocks, _ := testkit.Build(t, func(ctx *pulumi.Context) (pulumi.ComponentResource, error) { return tc.goBuild(ctx, tc.name) })
			// A generated SDK sends every schema default the program leaves unset: the documented
			// defaults must be the Go library's real ones, or the two builds differ.
			wireMocks, resp, err := construct(t, tc.token, tc.name, withSchemaDefaults(t, tc.token, tc.inputs))
			require.NoError(t, err)
			require.Equal(t, tc.token, string(resp.Urn.Type()))

			want, got := byURN(goMocks.Resources()), byURN(wireMocks.Resources())
			require.Equal(t, keys(want), keys(got), "children registered through the provider")
			for urn, w := range want {
				g := got[urn]
				if urn != tc.token+"::"+tc.name { // the component's own parent is the caller's
					assert.Equal(t, stackless(w.Parent), stackless(g.Parent), urn)
				}
				assert.Equal(t, w.Inputs, g.Inputs, "inputs of %s", urn)
				assert.Equal(t, w.Protect, g.Protect, urn)
			}
			require.Greater(t, len(want), 1, "the component registers children")
		})
	}
}

// byURN keys resources by their stackless URN: the provider's engine and the Go test name the
// stack and project differently, and the resource is the same.
func byURN(rs []testkit.Resource) map[string]testkit.Resource {
	m := make(map[string]testkit.Resource, len(rs))
	for _, r := range rs {
		m[stackless(r.URN)] = r
	}
	return m
}

// stackless drops a URN's stack and project: urn:pulumi:<stack>::<project>::<type>::<name> →
// <type>::<name>.
func stackless(urn string) string { return urnPrefix.ReplaceAllString(urn, "") }

var urnPrefix = regexp.MustCompile(`^urn:pulumi:[^:]*::[^:]*::`)

func keys(m map[string]testkit.Resource) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestConstructReportsBadInputByProperty: a Go validation error reaches the caller naming the
// property they set, not the Go field.
func TestConstructReportsBadInputByProperty(t *testing.T) {
	_, _, err := construct(t, webtier.Token, "web", map[string]any{"vpcId": "vpc-1", "instanceSubnetIds": []string{"subnet-a"}})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "instanceSubnetIds has 1 subnet(s)")
	assert.NotContains(t, err.Error(), "InstanceSubnetIDs")

	_, _, err = construct(t, webtier.Token, "web", map[string]any{"vpcId": "vpc-1", "instanceSubnetIds": private,
		"healthCheck": map[string]any{"intervalSeconds": 10, "timeoutSeconds": 20}})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "healthCheck.timeoutSeconds ", "a nested field is named by its property path")
	assert.Contains(t, err.Error(), "healthCheck.intervalSeconds", "and so is the field it is compared with")
	assert.NotContains(t, err.Error(), "HealthCheck")

	_, _, err = construct(t, waf.Token, "edge", map[string]any{"tags": map[string]string{"Name": strings.Repeat("x", 300)}})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `tags["Name"]`, "a map key is data: it keeps its spelling")

	_, _, err = construct(t, database.Token, "db", map[string]any{"vpcId": "vpc-1", "subnetIds": isolated, "availabilityZones": azs, "readReplicas": 16})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "readReplicas")
	assert.NotContains(t, err.Error(), "ReadReplicas")
}

// TestConstructWithUnknownSubnets is a preview before the network exists: the subnet lists are
// unknown; the AZ count (or the AZ names) sizes them.
func TestConstructWithUnknownSubnets(t *testing.T) {
	mocks, _, err := construct(t, webtier.Token, "web", map[string]any{"vpcId": unknown, "instanceSubnetIds": unknown, "availabilityZoneCount": 3})
	require.NoError(t, err)
	asg := mocks.One(t, "aws:autoscaling/group:Group")
	assert.Equal(t, 3.0, asg.Number("minSize"), "one instance per AZ by default")

	_, _, err = construct(t, webtier.Token, "web", map[string]any{"vpcId": unknown, "instanceSubnetIds": unknown})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "instanceSubnetIds is not known yet")
	assert.Contains(t, err.Error(), "availabilityZoneCount")

	mocks, _, err = construct(t, database.Token, "db", map[string]any{"vpcId": unknown, "subnetIds": unknown, "availabilityZones": azs})
	require.NoError(t, err)
	require.Len(t, mocks.ByType("aws:rds/subnetGroup:SubnetGroup"), 1)

	_, _, err = construct(t, database.Token, "db", map[string]any{"vpcId": "vpc-1", "subnetIds": isolated, "availabilityZones": unknown})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "availabilityZones must be known")
}

// withSchemaDefaults returns inputs plus every schema default of the resource, and of the object
// types among its inputs, that inputs leave unset: what a generated SDK sends.
func withSchemaDefaults(t *testing.T, token string, inputs map[string]any) map[string]any {
	t.Helper()
	spec := schemaOf(t)
	out := maps.Clone(inputs)
	for prop, ps := range spec.Resources[token].InputProperties {
		if _, set := out[prop]; !set && ps.Default != nil {
			out[prop] = ps.Default
		}
		nested, ok := out[prop].(map[string]any)
		if ps.Ref == "" || !ok {
			continue
		}
		nested = maps.Clone(nested)
		for np, nps := range spec.Types[strings.TrimPrefix(ps.Ref, "#/types/")].Properties {
			if _, set := nested[np]; !set && nps.Default != nil {
				nested[np] = nps.Default
			}
		}
		out[prop] = nested
	}
	return out
}

// TestConstructWithUnknownEntries is a preview where list and map literals hold other
// resources' outputs, not known yet: the lengths and keys are, so each entry still creates its
// own rule, grant or parameter.
func TestConstructWithUnknownEntries(t *testing.T) {
	mocks, _, err := construct(t, database.Token, "db", map[string]any{
		"vpcId": unknown, "subnetIds": unknown, "availabilityZones": azs,
		"allowedSecurityGroupIds": []any{unknown, "sg-admin"},
	})
	require.NoError(t, err)
	assert.Len(t, mocks.ByType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"), 2, "one rule per listed group")

	mocks, _, err = construct(t, appconfig.Token, "app", map[string]any{
		"prefix":   "/shop/",
		"settings": map[string]any{"DB_HOST": unknown, "REGION": "eu-west-1"},
		"roles":    []any{unknown},
	})
	require.NoError(t, err)
	_, ok := mocks.Named("aws:ssm/parameter:Parameter", "app-DB_HOST")
	assert.True(t, ok, "a parameter for the unknown setting")
	assert.Len(t, mocks.ByType("aws:iam/rolePolicyAttachment:RolePolicyAttachment"), 1, "one grant per listed role")
}
