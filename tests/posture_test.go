package tests_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/internal/offline/providers"
	"github.com/tenkstack/tenk/internal/stateful"
	"github.com/tenkstack/tenk/internal/testkit"
	"github.com/tenkstack/tenk/stacks"
)

// The security posture of both stacks, asserted over every registered resource rather than per
// component, so that wiring mistakes (a rule added in stacks/, a forgotten flag) fail here too.

const (
	rdsInstance     = "aws:rds/instance:Instance"
	rdsCluster      = "aws:rds/cluster:Cluster"
	replicationGrp  = "aws:elasticache/replicationGroup:ReplicationGroup"
	memcachedCl     = "aws:elasticache/cluster:Cluster"
	dynamoTable     = "aws:dynamodb/table:Table"
	bucketV2        = "aws:s3/bucketV2:BucketV2"
	bucketSSE       = "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2"
	bucketBPA       = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"
	bucketPolicy    = "aws:s3/bucketPolicy:BucketPolicy"
	distribution    = "aws:cloudfront/distribution:Distribution"
	launchTemplate  = "aws:ec2/launchTemplate:LaunchTemplate"
	ingressRule     = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"
	securityGroup   = "aws:ec2/securityGroup:SecurityGroup"
	metricAlarm     = "aws:cloudwatch/metricAlarm:MetricAlarm"
	rdsParamGroup   = "aws:rds/parameterGroup:ParameterGroup"
	clusterParamGrp = "aws:rds/clusterParameterGroup:ClusterParameterGroup"
)

func eachStack(t *testing.T, fn func(t *testing.T, m *testkit.Mocks)) {
	for _, stack := range []string{"dev", "prod"} {
		t.Run(stack, func(t *testing.T) { fn(t, runStack(t, stack, nil)) })
	}
}

func TestEveryDataStoreIsEncryptedAtRest(t *testing.T) {
	eachStack(t, func(t *testing.T, m *testkit.Mocks) {
		dbs := m.ByType(rdsInstance)
		require.NotEmpty(t, dbs)
		for _, db := range dbs {
			if db.Has("replicateSourceDb") {
				continue // a replica of an encrypted source is encrypted (and takes no flag)
			}
			assert.True(t, db.Bool("storageEncrypted"), db.Name)
		}
		for _, c := range m.ByType(rdsCluster) {
			assert.True(t, c.Bool("storageEncrypted"), c.Name)
		}
		for _, rg := range m.ByType(replicationGrp) {
			assert.True(t, rg.Bool("atRestEncryptionEnabled"), rg.Name)
		}
		tables := m.ByType(dynamoTable)
		require.NotEmpty(t, tables)
		for _, tb := range tables {
			assert.True(t, tb.Bool("serverSideEncryption.enabled"), tb.Name)
		}
		encrypted := map[string]string{}
		for _, sse := range m.ByType(bucketSSE) {
			encrypted[sse.String("bucket")] = sse.String("rules.0.applyServerSideEncryptionByDefault.sseAlgorithm")
		}
		buckets := m.ByType(bucketV2)
		require.NotEmpty(t, buckets)
		for _, b := range buckets {
			assert.NotEmpty(t, encrypted[b.Name+"-id"], "bucket %s has no default encryption", b.Name)
		}
	})
}

func TestTLSInTransitToViewersCacheAndDatabase(t *testing.T) {
	eachStack(t, func(t *testing.T, m *testkit.Mocks) {
		for _, d := range m.ByType(distribution) {
			assert.Equal(t, "redirect-to-https", d.String("defaultCacheBehavior.viewerProtocolPolicy"))
			behaviors, _ := d.Get("orderedCacheBehaviors")
			list, _ := behaviors.([]any)
			for i := range list {
				assert.Contains(t, []string{"redirect-to-https", "https-only"}, d.String(fmt.Sprintf("orderedCacheBehaviors.%d.viewerProtocolPolicy", i)))
			}
		}
		for _, rg := range m.ByType(replicationGrp) {
			assert.True(t, rg.Bool("transitEncryptionEnabled"), rg.Name)
		}
		for _, c := range m.ByType(memcachedCl) {
			assert.True(t, c.Bool("transitEncryptionEnabled"), c.Name)
		}
		forced := 0
		for _, g := range append(m.ByType(rdsParamGroup), m.ByType(clusterParamGrp)...) {
			list, _ := g.Get("parameters")
			params, _ := list.([]any)
			for _, p := range params {
				kv, _ := p.(map[string]any)
				if (kv["name"] == "rds.force_ssl" && kv["value"] == "1") || (kv["name"] == "require_secure_transport" && (kv["value"] == "1" || kv["value"] == "ON")) {
					forced++
				}
			}
		}
		assert.Positive(t, forced, "the database parameter group must force TLS")
	})
}

func TestNoSecurityGroupIsOpenToTheInternet(t *testing.T) {
	eachStack(t, func(t *testing.T, m *testkit.Mocks) {
		rules := m.ByType(ingressRule)
		require.NotEmpty(t, rules)
		for _, r := range rules {
			// The stacks put CloudFront in front: not even the load balancer admits the internet.
			assert.NotEqual(t, "0.0.0.0/0", r.String("cidrIpv4"), r.Name)
			assert.NotEqual(t, "::/0", r.String("cidrIpv6"), r.Name)
			assert.True(t, r.Has("referencedSecurityGroupId") || r.Has("prefixListId"), "%s admits a peer group or CloudFront only", r.Name)
		}
		for _, sg := range m.ByType(securityGroup) {
			assert.False(t, sg.Has("ingress"), "%s: rules are separate resources, never inline", sg.Name)
		}
		assert.Empty(t, m.ByType("aws:ec2/securityGroupRule:SecurityGroupRule"))
	})
}

func TestDataTiersAdmitOnlyTheWebInstances(t *testing.T) {
	eachStack(t, func(t *testing.T, m *testkit.Mocks) {
		webSG := ""
		for _, sg := range m.ByType(securityGroup) {
			if sg.ParentType() == "tenk:web:MultiAZWebTier" && strings.Contains(sg.Name, "instance") {
				webSG = sg.Name + "-id"
			}
		}
		require.NotEmpty(t, webSG, "the web tier's instance security group")
		for _, r := range m.ByType(ingressRule) {
			switch r.ParentType() {
			case "tenk:database:RdsWithReplicas", "tenk:cache:CacheCluster":
				assert.Equal(t, webSG, r.String("referencedSecurityGroupId"), r.Name)
			}
		}
	})
}

func TestNoDataStoreIsPubliclyReachable(t *testing.T) {
	eachStack(t, func(t *testing.T, m *testkit.Mocks) {
		for _, db := range m.ByType(rdsInstance) {
			assert.False(t, db.Bool("publiclyAccessible"), db.Name)
		}
		blocked := map[string]bool{}
		for _, b := range m.ByType(bucketBPA) {
			all := b.Bool("blockPublicAcls") && b.Bool("blockPublicPolicy") && b.Bool("ignorePublicAcls") && b.Bool("restrictPublicBuckets")
			blocked[b.String("bucket")] = all
		}
		tlsOnly := map[string]bool{}
		for _, p := range m.ByType(bucketPolicy) {
			tlsOnly[p.String("bucket")] = deniesInsecureTransport(t, p.String("policy"))
		}
		for _, b := range m.ByType(bucketV2) {
			assert.True(t, blocked[b.Name+"-id"], "bucket %s: all four Block Public Access flags", b.Name)
			assert.True(t, tlsOnly[b.Name+"-id"], "bucket %s: a policy denying non-TLS access", b.Name)
		}
		for _, g := range m.ByType("aws:elasticache/subnetGroup:SubnetGroup") {
			for _, id := range g.Strings("subnetIds") {
				assert.Contains(t, id, "isolated", "caches live in isolated subnets")
			}
		}
		for _, g := range m.ByType("aws:rds/subnetGroup:SubnetGroup") {
			for _, id := range g.Strings("subnetIds") {
				assert.Contains(t, id, "isolated", "databases live in isolated subnets")
			}
		}
	})
}

func TestInstancesRequireIMDSv2(t *testing.T) {
	eachStack(t, func(t *testing.T, m *testkit.Mocks) {
		templates := m.ByType(launchTemplate)
		require.NotEmpty(t, templates)
		for _, lt := range templates {
			assert.Equal(t, "required", lt.String("metadataOptions.httpTokens"), lt.Name)
			assert.Equal(t, float64(1), lt.Number("metadataOptions.httpPutResponseHopLimit"), lt.Name)
		}
	})
}

// dataActions are the services whose actions read or write user data.
var dataActions = []string{"s3:", "dynamodb:", "secretsmanager:", "ssm:Get", "kms:", "rds-db:", "elasticache:Connect"}

func TestIAMPoliciesNameTheirResources(t *testing.T) {
	eachStack(t, func(t *testing.T, m *testkit.Mocks) {
		docs := 0
		for _, typ := range []string{"aws:iam/policy:Policy", "aws:iam/rolePolicy:RolePolicy"} {
			for _, p := range m.ByType(typ) {
				docs++
				for _, s := range statements(t, p.String("policy")) {
					if s.Effect != "Allow" || !containsStar(s.Resource) {
						continue
					}
					for _, action := range stringsOf(s.Action) {
						for _, prefix := range dataActions {
							assert.False(t, strings.HasPrefix(action, prefix), "%s allows %s on *", p.Name, action)
						}
					}
				}
			}
		}
		assert.Positive(t, docs)
	})
}

func TestStatefulResourcesAreProtectedInProd(t *testing.T) {
	m := runStack(t, "prod", nil)
	// tenk:protect protects exactly the types of the one stateful list, and prod has each kind.
	for _, typ := range []string{rdsInstance, replicationGrp, dynamoTable, bucketV2, "aws:secretsmanager/secret:Secret"} {
		require.True(t, stateful.Is(typ), typ)
		require.NotEmpty(t, m.ByType(typ), typ)
	}
	for _, r := range m.Resources() {
		assert.Equal(t, stateful.Is(r.Type), r.Protect, "%s %s: tenk:protect protects the stateful types (internal/stateful), nothing else", r.Type, r.Name)
	}
	assets := 0
	for _, b := range m.ByType(bucketV2) {
		if b.ParentType() == "tenk:cdn:StaticAssetsCdn" && strings.HasSuffix(b.Name, "-bucket") {
			assets++
			assert.True(t, b.Protect, "the assets bucket %s is protected", b.Name)
			assert.False(t, b.Bool("forceDestroy"))
		}
	}
	assert.Equal(t, 1, assets, "one assets bucket")
	for _, db := range m.ByType(rdsInstance) {
		if db.Has("replicateSourceDb") {
			assert.True(t, db.Bool("skipFinalSnapshot"), "replicas cannot take final snapshots")
			continue
		}
		assert.True(t, db.Bool("deletionProtection"), db.Name)
		assert.False(t, db.Bool("skipFinalSnapshot"), db.Name)
		assert.NotEmpty(t, db.String("finalSnapshotIdentifier"), db.Name)
	}
	for _, tb := range m.ByType(dynamoTable) {
		assert.True(t, tb.Bool("deletionProtectionEnabled"), tb.Name)
		assert.True(t, tb.Bool("pointInTimeRecovery.enabled"), tb.Name)
	}
	for _, rg := range m.ByType(replicationGrp) {
		assert.NotEmpty(t, rg.String("finalSnapshotIdentifier"), rg.Name)
	}
	for _, lb := range m.ByType("aws:lb/loadBalancer:LoadBalancer") {
		assert.True(t, lb.Bool("enableDeletionProtection"), lb.Name)
	}

	dev := runStack(t, "dev", nil)
	for _, r := range dev.Resources() {
		assert.False(t, r.Protect, "dev protects nothing: %s %s", r.Type, r.Name)
	}
}

func TestEveryProdAlarmNotifiesTheAlarmTopic(t *testing.T) {
	m := runStack(t, "prod", nil)
	// Two topics: the encrypted alarm topic, and the cache's event topic (events_test.go).
	require.Len(t, m.ByType("aws:sns/topic:Topic"), 2)
	topic, ok := m.Named("aws:sns/topic:Topic", "tenk-alarms-topic")
	require.True(t, ok)
	topicArn := "arn:aws:sns:us-east-1:123456789012:" + topic.Name
	var subscribed []string
	for _, s := range m.ByType("aws:sns/topicSubscription:TopicSubscription") {
		if s.String("topic") == topicArn {
			subscribed = append(subscribed, s.String("endpoint"))
		}
	}
	assert.Equal(t, []string{"ops@example.com"}, subscribed, "Pulumi.prod.yaml subscribes one address")
	alarms := m.ByType(metricAlarm)
	require.NotEmpty(t, alarms)
	for _, a := range alarms {
		assert.Equal(t, []string{topicArn}, a.Strings("alarmActions"), a.Name)
	}
}

type policyStatement struct {
	Effect    string
	Action    any
	Resource  any
	Condition map[string]map[string]any
}

func statements(t *testing.T, doc string) []policyStatement {
	t.Helper()
	var parsed struct{ Statement []policyStatement }
	require.NoError(t, json.Unmarshal([]byte(doc), &parsed), doc)
	return parsed.Statement
}

func deniesInsecureTransport(t *testing.T, doc string) bool {
	for _, s := range statements(t, doc) {
		if s.Effect == "Deny" && fmt.Sprint(s.Condition["Bool"]["aws:SecureTransport"]) == "false" {
			return true
		}
	}
	return false
}

func stringsOf(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		var out []string
		for _, item := range x {
			out = append(out, fmt.Sprint(item))
		}
		return out
	}
	return nil
}

func containsStar(v any) bool {
	for _, s := range stringsOf(v) {
		if s == "*" {
			return true
		}
	}
	return false
}

// The private origin (issue 12): an internal load balancer that admits only CloudFront's VPC-origin
// security group, over HTTP inside the VPC origin without a domain and HTTPS with one.

const (
	loadBalancer = "aws:lb/loadBalancer:LoadBalancer"
	listener     = "aws:lb/listener:Listener"
	vpcOrigin    = "aws:cloudfront/vpcOrigin:VpcOrigin"
	certificate  = "aws:acm/certificate:Certificate"
)

var withDomain = map[string]string{"tenk:domain": "www.example.com", "tenk:hostedZoneId": "Z0123456789"}

// eachStackAndDomain runs both stacks without and with tenk:domain.
func eachStackAndDomain(t *testing.T, fn func(t *testing.T, m *testkit.Mocks, domain bool)) {
	for _, stack := range []string{"dev", "prod"} {
		for _, domain := range []bool{false, true} {
			var overrides map[string]string
			if domain {
				overrides = withDomain
			}
			t.Run(fmt.Sprintf("%s/domain=%v", stack, domain), func(t *testing.T) { fn(t, runStack(t, stack, overrides), domain) })
		}
	}
}

func TestNoInternetFacingLoadBalancer(t *testing.T) {
	eachStackAndDomain(t, func(t *testing.T, m *testkit.Mocks, _ bool) {
		lbs := m.ByType(loadBalancer)
		require.NotEmpty(t, lbs)
		for _, lb := range lbs {
			assert.True(t, lb.Bool("internal"), "%s: internal unless a caller asks for Ingress internet", lb.Name)
			subnets := lb.Strings("subnets")
			require.NotEmpty(t, subnets)
			for _, s := range subnets {
				assert.Contains(t, s, "-private-", "%s sits in the private subnets", lb.Name)
			}
		}
	})
}

func TestLoadBalancerAdmitsOnlyTheVpcOriginGroup(t *testing.T) {
	eachStackAndDomain(t, func(t *testing.T, m *testkit.Mocks, domain bool) {
		albSG, vpcID := "", ""
		for _, sg := range m.ByType(securityGroup) {
			if strings.HasSuffix(sg.Name, "-alb-sg") {
				albSG, vpcID = sg.Name+"-id", sg.String("vpcId")
			}
		}
		require.NotEmpty(t, albSG)
		port := float64(80)
		if domain {
			port = 443
		}
		var admitted []testkit.Resource
		for _, r := range m.ByType(ingressRule) {
			if r.String("securityGroupId") == albSG {
				admitted = append(admitted, r)
			}
		}
		require.Len(t, admitted, 1, "one peer: CloudFront's VPC-origin group (not the VPC CIDR, not the prefix list)")
		rule := admitted[0]
		assert.Equal(t, providers.VpcOriginSecurityGroupID, rule.String("referencedSecurityGroupId"))
		assert.Equal(t, port, rule.Number("fromPort"))
		assert.Equal(t, port, rule.Number("toPort"))
		assert.Contains(t, rule.Dependencies, m.One(t, vpcOrigin).URN, "looked up after the VPC origin exists")

		var lookups int
		for _, inv := range m.Invokes() {
			if inv.Token == "aws:ec2/getSecurityGroup:getSecurityGroup" {
				lookups++
				assert.Equal(t, providers.VpcOriginSecurityGroupName, inv.Args["name"])
				assert.Equal(t, vpcID, inv.Args["vpcId"], "in the load balancer's VPC")
			}
		}
		assert.Equal(t, 1, lookups)
		for _, inv := range m.Invokes() {
			assert.NotEqual(t, "aws:ec2/getManagedPrefixList:getManagedPrefixList", inv.Token, "the shared prefix list is not used")
		}
	})
}

func TestOriginListenerAndTLSProtocols(t *testing.T) {
	eachStackAndDomain(t, func(t *testing.T, m *testkit.Mocks, domain bool) {
		vo := m.One(t, vpcOrigin)
		d := m.One(t, distribution)
		listeners := m.ByType(listener)
		require.Len(t, listeners, 1, "one listener, on the one admitted port")
		l := listeners[0]
		assert.Equal(t, []string{"TLSv1.2"}, vo.Strings("vpcOriginEndpointConfig.originSslProtocols.items"))
		if !domain {
			// HTTP inside the VPC origin: CloudFront → ALB never crosses the internet.
			assert.Equal(t, "http-only", vo.String("vpcOriginEndpointConfig.originProtocolPolicy"))
			assert.Equal(t, float64(80), vo.Number("vpcOriginEndpointConfig.httpPort"))
			assert.Equal(t, "HTTP", l.String("protocol"))
			assert.Equal(t, float64(80), l.Number("port"))
			assert.Equal(t, "forward", l.String("defaultActions.0.type"))
			return
		}
		assert.Equal(t, "https-only", vo.String("vpcOriginEndpointConfig.originProtocolPolicy"))
		assert.Equal(t, float64(443), vo.Number("vpcOriginEndpointConfig.httpsPort"))
		assert.Equal(t, "HTTPS", l.String("protocol"))
		assert.Equal(t, float64(443), l.Number("port"))
		assert.Equal(t, "ELBSecurityPolicy-TLS13-1-2-2021-06", l.String("sslPolicy"))
		// AWS rule 25: CloudFront checks the ALB's certificate against the origin's domain name.
		var origin map[string]any
		list, _ := d.Get("origins")
		for _, o := range list.([]any) {
			if _, ok := o.(map[string]any)["vpcOriginConfig"]; ok {
				origin = o.(map[string]any)
			}
		}
		require.NotNil(t, origin)
		assert.Equal(t, "origin.www.example.com", origin["domainName"])
		var albCert testkit.Resource
		for _, c := range m.ByType(certificate) {
			if c.ParentType() == "tenk:web:MultiAZWebTier" {
				albCert = c
			}
		}
		require.NotEmpty(t, albCert.Name, "the web tier issues the origin certificate")
		assert.Equal(t, "origin.www.example.com", albCert.String("domainName"))
		assert.Empty(t, albCert.Provider, "in the stack's region (the default provider), where the ALB is")
		assert.Equal(t, "DNS", albCert.String("validationMethod"))
	})
}

func TestFirstPreviewDoesNotLookUpTheVpcOriginGroup(t *testing.T) {
	for _, stack := range []string{"dev", "prod"} {
		t.Run(stack, func(t *testing.T) {
			m := testkit.NewMocks()
			m.NotYetCreated = map[string]bool{vpcOrigin: true}
			testkit.MustRun(t, stacks.Run, testkit.RunOptions{Stack: stack, Config: stackConfig(t, stack, nil), Mocks: m, Preview: true})
			for _, inv := range m.Invokes() {
				assert.NotEqual(t, "aws:ec2/getSecurityGroup:getSecurityGroup", inv.Token, "the group does not exist before the VPC origin")
			}
		})
	}
}
