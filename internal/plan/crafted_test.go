package plan_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/internal/plan"
	"github.com/tenkstack/tenk/internal/testkit"
)

// stackURN is the parent of top-level components in crafted plans.
const stackURN = "urn:pulumi:test::tenk::pulumi:pulumi:Stack::tenk-test"

// crafted builds registrations by hand, as the mock monitor records them, for plans whose
// contents a test controls.
type crafted struct{ regs []testkit.Resource }

// component registers a local component at the stack root and returns its URN.
func (c *crafted) component(typ, name string) string {
	urn := "urn:pulumi:test::tenk::" + typ + "::" + name
	c.regs = append(c.regs, testkit.Resource{URN: urn, Type: typ, Name: name, Parent: stackURN})
	return urn
}

// custom registers a custom resource under parent; inputs go through JSON so numbers are float64
// as the monitor gives them.
func (c *crafted) custom(parent, typ, name string, inputs map[string]any) {
	raw, _ := json.Marshal(inputs)
	var plain map[string]any
	_ = json.Unmarshal(raw, &plain)
	c.regs = append(c.regs, testkit.Resource{
		URN: childURN(parent, typ, name), Type: typ, Name: name, Parent: parent, Custom: true,
		ID: name + "-id", Inputs: plain,
	})
}

// remote registers a remote component (awsx's Vpc) under parent.
func (c *crafted) remote(parent, typ, name string, inputs map[string]any) {
	c.custom(parent, typ, name, inputs)
	last := &c.regs[len(c.regs)-1]
	last.Custom, last.Remote, last.ID = false, true, ""
}

// childURN follows the mock monitor's scheme: the parent's type, "$", the child's type.
func childURN(parent, typ, name string) string {
	const prefix = "urn:pulumi:test::tenk::"
	rest := parent[len(prefix):]
	parentType := rest[:strings.Index(rest, "::")]
	return prefix + parentType + "$" + typ + "::" + name
}

// set changes one input of the named resource in a copy.
func (c *crafted) set(name, key string, value any) *crafted {
	out := &crafted{regs: make([]testkit.Resource, len(c.regs))}
	for i, r := range c.regs {
		if r.Name == name {
			inputs := map[string]any{}
			for k, v := range r.Inputs {
				inputs[k] = v
			}
			inputs[key] = value
			r.Inputs = inputs
		}
		out.regs[i] = r
	}
	return out
}

func (c *crafted) build(t *testing.T) *plan.Plan {
	t.Helper()
	p, err := c.tryBuild()
	require.NoError(t, err)
	return p
}

func (c *crafted) tryBuild() (*plan.Plan, error) {
	prices, err := plan.LoadPrices("us-east-1")
	if err != nil {
		return nil, err
	}
	return plan.Build(plan.Meta{Project: "tenk", Stack: "test", Region: "us-east-1"}, c.regs, prices)
}

// viaJSON writes p with --format json and reads it back, as --diff does with a base plan.
func viaJSON(t *testing.T, p *plan.Plan) *plan.Plan {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, plan.RenderJSON(&buf, p, nil))
	path := filepath.Join(t.TempDir(), "old.json")
	require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o600))
	old, err := plan.LoadPlan(path)
	require.NoError(t, err)
	return old
}

// webApp is a small stack with one of every billable kind tenk builds: a VPC with a NAT per
// AZ, an internet-facing ALB and an Auto Scaling group, a Multi-AZ Postgres primary with two read
// replicas, a Valkey replication group, an on-demand DynamoDB table, four alarms and two secrets.
func webApp() *crafted {
	c := &crafted{}
	net := c.component("tenk:network:Network", "app")
	c.remote(net, "awsx:ec2:Vpc", "app-vpc", map[string]any{
		"availabilityZoneNames": []string{"us-east-1a", "us-east-1b", "us-east-1c"},
		"natGateways":           map[string]any{"strategy": "OnePerAz"},
	})
	web := c.component("tenk:web:MultiAZWebTier", "app-web")
	c.custom(web, "aws:ec2/securityGroup:SecurityGroup", "app-web-alb-sg", map[string]any{"description": "alb"})
	c.custom(web, "aws:ec2/securityGroup:SecurityGroup", "app-web-instance-sg", map[string]any{"description": "instances"})
	c.custom(web, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "app-web-alb-in-443", map[string]any{
		"securityGroupId": "app-web-alb-sg-id", "cidrIpv4": "0.0.0.0/0", "ipProtocol": "tcp", "fromPort": 443, "toPort": 443,
	})
	c.custom(web, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "app-web-instance-in", map[string]any{
		"securityGroupId": "app-web-instance-sg-id", "referencedSecurityGroupId": "app-web-alb-sg-id", "ipProtocol": "tcp", "fromPort": 8080, "toPort": 8080,
	})
	c.custom(web, "aws:lb/loadBalancer:LoadBalancer", "app-web-alb", map[string]any{
		"loadBalancerType": "application", "internal": false, "subnets": []string{"s1", "s2", "s3"},
		"securityGroups": []string{"app-web-alb-sg-id"},
	})
	c.custom(web, "aws:ec2/launchTemplate:LaunchTemplate", "app-web-lt", map[string]any{
		"instanceType": "m7g.large", "vpcSecurityGroupIds": []string{"app-web-instance-sg-id"},
		"blockDeviceMappings": []any{map[string]any{"ebs": map[string]any{"volumeSize": 20, "volumeType": "gp3"}}},
	})
	c.custom(web, "aws:autoscaling/group:Group", "app-web-asg", map[string]any{
		"minSize": 3, "maxSize": 12, "desiredCapacity": 3, "launchTemplate": map[string]any{"id": "app-web-lt-id"},
	})
	c.custom(web, "aws:cloudwatch/metricAlarm:MetricAlarm", "app-web-alarm-5xx", map[string]any{"period": 60})
	c.custom(web, "aws:cloudwatch/metricAlarm:MetricAlarm", "app-web-alarm-latency", map[string]any{"period": 60})
	db := c.component("tenk:database:RdsWithReplicas", "app-db")
	c.custom(db, "aws:ec2/securityGroup:SecurityGroup", "app-db-sg", map[string]any{"description": "db"})
	c.custom(db, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "app-db-from-sg-0", map[string]any{
		"securityGroupId": "app-db-sg-id", "referencedSecurityGroupId": "app-web-instance-sg-id", "ipProtocol": "tcp", "fromPort": 5432, "toPort": 5432,
	})
	c.custom(db, "aws:rds/instance:Instance", "app-db-primary", map[string]any{
		"engine": "postgres", "instanceClass": "db.r7g.large", "multiAz": true, "allocatedStorage": 100,
		"storageType": "gp3", "storageEncrypted": true, "vpcSecurityGroupIds": []string{"app-db-sg-id"},
	})
	for _, name := range []string{"app-db-replica-0", "app-db-replica-1"} {
		c.custom(db, "aws:rds/instance:Instance", name, map[string]any{
			"replicateSourceDb": "app-db-primary-id", "instanceClass": "db.r7g.large", "multiAz": false,
			"vpcSecurityGroupIds": []string{"app-db-sg-id"},
		})
	}
	c.custom(db, "aws:secretsmanager/secret:Secret", "app-db-credentials", map[string]any{})
	c.custom(db, "aws:cloudwatch/metricAlarm:MetricAlarm", "app-db-alarm-cpu", map[string]any{"period": 300})
	cache := c.component("tenk:cache:CacheCluster", "app-cache")
	c.custom(cache, "aws:elasticache/replicationGroup:ReplicationGroup", "app-cache-rg", map[string]any{
		"engine": "valkey", "nodeType": "cache.r7g.large", "numCacheClusters": 3, "multiAzEnabled": true,
		"automaticFailoverEnabled": true,
	})
	c.custom(cache, "aws:secretsmanager/secret:Secret", "app-cache-auth", map[string]any{})
	c.custom(cache, "aws:cloudwatch/metricAlarm:MetricAlarm", "app-cache-alarm-memory", map[string]any{"period": 60})
	sessions := c.component("tenk:sessions:SessionTable", "app-sessions")
	c.custom(sessions, "aws:dynamodb/table:Table", "app-sessions-table", map[string]any{"billingMode": "PAY_PER_REQUEST", "hashKey": "id"})
	return c
}
