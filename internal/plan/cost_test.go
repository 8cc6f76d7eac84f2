package plan_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/internal/plan"
)

// TestCostMatchesHandComputation prices the crafted web app and checks the total against the
// sum worked out here from the price table, line by line.
func TestCostMatchesHandComputation(t *testing.T) {
	pr, err := plan.LoadPrices("us-east-1")
	require.NoError(t, err)
	h := pr.HoursPerMonth
	require.Equal(t, 730.0, h, "AWS prices a month as 730 hours")

	db := pr.RDS["postgres"]["db.r7g.large"]
	gp3 := pr.RDSStorageGbMonth["gp3"]
	want := map[string]float64{
		// 3 NAT gateways (one per AZ) and their Elastic IPs.
		"app-vpc": 3 * (pr.NATGatewayHour + pr.PublicIPv4Hour) * h,
		// ALB hours, one LCU and a public IPv4 address in each of its 3 subnets.
		"app-web-alb": (pr.ALBHour + pr.ALBLCUHour + 3*pr.PublicIPv4Hour) * h,
		// Desired capacity 3 of m7g.large, each with a 20 GiB gp3 root volume.
		"app-web-asg": 3*pr.EC2["m7g.large"]*h + 3*20*pr.EBSGbMonth["gp3"],
		// Multi-AZ doubles both the instance and its 100 GiB of storage.
		"app-db-primary": 2*db*h + 2*100*gp3,
		// Replicas inherit the primary's engine and storage size, single-AZ.
		"app-db-replica-0": db*h + 100*gp3,
		"app-db-replica-1": db*h + 100*gp3,
		"app-cache-rg":     3 * pr.ElastiCache["valkey"]["cache.r7g.large"] * h,
		"alarms":           4 * pr.CloudWatchAlarmMonth,
		"secrets":          2 * pr.SecretMonth,
	}
	total := 0.0
	for _, v := range want {
		total += v
	}

	p := webApp().build(t)
	got := map[string]float64{}
	for _, l := range p.Cost.Lines {
		switch l.Type {
		case "aws:cloudwatch/metricAlarm:MetricAlarm":
			got["alarms"] += l.Monthly
		case "aws:secretsmanager/secret:Secret":
			got["secrets"] += l.Monthly
		default:
			got[l.Resource] += l.Monthly
		}
	}
	for k, v := range want {
		assert.InDelta(t, v, got[k], 0.011, k)
	}
	assert.Len(t, got, len(want), "no other billable line: %v", got)
	assert.InDelta(t, total, p.Cost.Total, 0.05)
	// A figure a reviewer can check on paper: 3 NAT gateways × ($0.045 + $0.005) × 730 h.
	assert.InDelta(t, 109.50, got["app-vpc"], 0.001)

	require.Len(t, p.Cost.UsageBased, 1)
	assert.Equal(t, "app-sessions-table", p.Cost.UsageBased[0].Resource, "on-demand DynamoDB is usage-based")
	assert.Contains(t, p.Cost.Assumptions[len(p.Cost.Assumptions)-1]+joined(p.Cost.Assumptions), "natGateways.strategy × availabilityZoneNames")
	assert.Contains(t, joined(p.Cost.LeftOut), "data transfer")
	assert.Contains(t, joined(p.Cost.LeftOut), "storage growth")
	assert.Contains(t, joined(p.Cost.LeftOut), "requests")
}

// TestStackNATCostFromVpcInputs runs the real stacks: the NAT gateways the remote awsx Vpc would
// create are priced from its inputs (one in dev, one per AZ in prod).
func TestStackNATCostFromVpcInputs(t *testing.T) {
	pr, err := plan.LoadPrices("us-east-1")
	require.NoError(t, err)
	for stack, nats := range map[string]float64{"dev": 1, "prod": 3} {
		t.Run(stack, func(t *testing.T) {
			p, err := plan.FromStack(plan.Options{Root: "../..", Stack: stack})
			require.NoError(t, err)
			sum := 0.0
			for _, l := range p.Cost.Lines {
				if l.Type == "awsx:ec2:Vpc" {
					sum += l.Monthly
				}
			}
			assert.InDelta(t, nats*(pr.NATGatewayHour+pr.PublicIPv4Hour)*pr.HoursPerMonth, sum, 0.011)
			assert.GreaterOrEqual(t, p.Cost.Total, sum)
		})
	}
}

func TestUnknownRegionFails(t *testing.T) {
	_, err := plan.FromStack(plan.Options{Root: "../..", Stack: "prod", Overrides: map[string]string{"aws:region": "eu-west-3"}})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `no price table for region "eu-west-3"`)
	assert.Contains(t, err.Error(), "add internal/plan/prices/eu-west-3.json")

	_, err = plan.FromStack(plan.Options{Root: "../..", Stack: "prod", Overrides: map[string]string{"aws:region": ""}})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "has no aws:region: set it in Pulumi.prod.yaml")
}

// TestUnknownTypeFails: a type missing from the table fails, naming the type, the resource and
// the file to add it to, and never prices it by a guess.
func TestUnknownTypeFails(t *testing.T) {
	for _, tc := range []struct {
		resource, key string
		value         any
		want          string
	}{
		{"app-web-lt", "instanceType", "m8g.large", `no price for EC2 instance type "m8g.large" (aws:ec2/launchTemplate:LaunchTemplate app-web-lt) in us-east-1: add it under "ec2" in internal/plan/prices/us-east-1.json`},
		{"app-db-primary", "instanceClass", "db.x2g.large", `no price for RDS postgres instance class "db.x2g.large" (aws:rds/instance:Instance app-db-primary) in us-east-1: add it under "rds"."postgres" in internal/plan/prices/us-east-1.json`},
		{"app-db-primary", "engine", "mariadb", `no RDS prices for engine "mariadb"`},
		{"app-cache-rg", "nodeType", "cache.r6gd.xlarge", `no price for ElastiCache valkey node type "cache.r6gd.xlarge"`},
		{"app-web-alb", "loadBalancerType", "network", `no price for load balancer type "network"`},
	} {
		t.Run(tc.want[:30], func(t *testing.T) {
			_, err := webApp().set(tc.resource, tc.key, tc.value).tryBuild()
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
	t.Run("every problem at once", func(t *testing.T) {
		_, err := webApp().set("app-web-lt", "instanceType", "m8g.large").set("app-cache-rg", "nodeType", "cache.x").tryBuild()
		require.Error(t, err)
		assert.Contains(t, err.Error(), "m8g.large")
		assert.Contains(t, err.Error(), "cache.x")
	})
}

func TestPriceTableIsDatedAndComplete(t *testing.T) {
	pr, err := plan.LoadPrices("us-east-1")
	require.NoError(t, err)
	assert.Regexp(t, `^\d{4}-\d{2}-\d{2}$`, pr.Date)
	assert.NotEmpty(t, pr.Source)
	// Every baseline size of the stacks has a price.
	for _, typ := range []string{"t4g.small", "m7g.large"} {
		assert.Contains(t, pr.EC2, typ)
	}
	for _, class := range []string{"db.t4g.micro", "db.r7g.large"} {
		assert.Contains(t, pr.RDS["postgres"], class)
		assert.Contains(t, pr.RDS["mysql"], class)
	}
	for _, node := range []string{"cache.t4g.micro", "cache.r7g.large"} {
		for _, engine := range []string{"valkey", "redis", "memcached"} {
			assert.Contains(t, pr.ElastiCache[engine], node)
		}
	}
	_, err = plan.ParsePrices("us-east-1", []byte(`{"region":"us-east-1","currency":"USD","date":"2026-01-01","source":"x","hoursPerMonth":730}`))
	require.Error(t, err, "a table without a price fails rather than reading it as 0")
	assert.Contains(t, err.Error(), "is missing or not positive")
}

func joined(lines []string) string {
	out := ""
	for _, l := range lines {
		out += l + "\n"
	}
	return out
}

// TestInterfaceEndpointsArePricedPerAZ: without NAT, prod's five interface endpoints are priced
// per endpoint per AZ-hour (3 AZs) and their data processing is listed as usage; the S3 and
// DynamoDB gateway endpoints are free.
func TestInterfaceEndpointsArePricedPerAZ(t *testing.T) {
	pr, err := plan.LoadPrices("us-east-1")
	require.NoError(t, err)
	p, err := plan.FromStack(plan.Options{Root: "../..", Stack: "prod", Overrides: map[string]string{"tenk:network": `{"natGateways":"none"}`}})
	require.NoError(t, err)
	var items []string
	total := 0.0
	for _, l := range p.Cost.Lines {
		if l.Type == "aws:ec2/vpcEndpoint:VpcEndpoint" {
			items = append(items, l.Item)
			assert.Equal(t, 3.0, l.Quantity, l.Item)
			assert.Equal(t, plan.PerHour, l.Unit)
			total += l.Monthly
		}
	}
	assert.ElementsMatch(t, []string{"ssm interface endpoint in 3 AZs", "ssmmessages interface endpoint in 3 AZs",
		"ec2messages interface endpoint in 3 AZs", "secretsmanager interface endpoint in 3 AZs", "logs interface endpoint in 3 AZs"}, items)
	assert.InDelta(t, 5*3*pr.InterfaceEndpointAZHour*pr.HoursPerMonth, total, 0.05)
	usage := 0
	for _, u := range p.Cost.UsageBased {
		if u.Type == "aws:ec2/vpcEndpoint:VpcEndpoint" {
			usage++
			assert.Equal(t, "data processed: $0.01 per GB", u.Reason)
		}
	}
	assert.Equal(t, 5, usage)
}
