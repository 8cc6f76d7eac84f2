package plan_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/internal/plan"
)

func TestDiff(t *testing.T) {
	pr, err := plan.LoadPrices("us-east-1")
	require.NoError(t, err)
	h := pr.HoursPerMonth
	base := webApp()
	old := viaJSON(t, base.build(t))

	t.Run("no change", func(t *testing.T) {
		d := plan.Compare(old, base.build(t))
		assert.Empty(t, d.Added)
		assert.Empty(t, d.Removed)
		assert.Empty(t, d.Changed)
		assert.Empty(t, d.Flags)
		assert.Zero(t, d.Cost.Delta)
	})

	t.Run("replica added", func(t *testing.T) {
		c := webApp()
		c.custom("urn:pulumi:test::tenk::tenk:database:RdsWithReplicas::app-db", "aws:rds/instance:Instance", "app-db-replica-2", map[string]any{
			"replicateSourceDb": "app-db-primary-id", "instanceClass": "db.r7g.large",
		})
		d := plan.Compare(old, c.build(t))
		require.Len(t, d.Added, 1)
		assert.Equal(t, "app-db-replica-2", d.Added[0].Name)
		assert.True(t, d.Added[0].Stateful)
		assert.Empty(t, d.Removed)
		assert.Empty(t, d.Flags, "adding a replica replaces nothing")
		want := pr.RDS["postgres"]["db.r7g.large"]*h + 100*pr.RDSStorageGbMonth["gp3"]
		assert.InDelta(t, want, d.Cost.Delta, 0.011)
	})

	t.Run("instance type changed", func(t *testing.T) {
		d := plan.Compare(old, base.set("app-web-lt", "instanceType", "m7g.xlarge").build(t))
		require.Len(t, d.Changed, 1)
		assert.Equal(t, "app-web-lt", d.Changed[0].Name)
		assert.Equal(t, []plan.InputChange{{Path: "instanceType", Old: "m7g.large", New: "m7g.xlarge"}}, d.Changed[0].Inputs)
		assert.Empty(t, d.Flags, "a launch template holds no data")
		assert.InDelta(t, 3*(pr.EC2["m7g.xlarge"]-pr.EC2["m7g.large"])*h, d.Cost.Delta, 0.011)
		require.Len(t, d.Cost.Resources, 1)
		assert.Equal(t, "app-web-asg", d.Cost.Resources[0].Resource)
	})

	t.Run("DB instance class changed is in place", func(t *testing.T) {
		d := plan.Compare(old, base.set("app-db-primary", "instanceClass", "db.r7g.xlarge").build(t))
		require.Len(t, d.Changed, 1)
		assert.Empty(t, d.Changed[0].Replace)
		assert.Empty(t, d.Flags)
	})

	t.Run("stateful resource renamed", func(t *testing.T) {
		c := webApp()
		for i := range c.regs {
			if c.regs[i].Name == "app-db-primary" {
				c.regs[i].Name = "app-db-main"
				c.regs[i].URN = strings.Replace(c.regs[i].URN, "::app-db-primary", "::app-db-main", 1)
			}
		}
		d := plan.Compare(old, c.build(t))
		require.Len(t, d.Removed, 1)
		require.Len(t, d.Added, 1)
		require.Len(t, d.Flags, 1)
		f := d.Flags[0]
		assert.Equal(t, "delete", f.Action)
		assert.Equal(t, "app-db-primary", f.Name)
		assert.Contains(t, f.Message, "would be DELETED with its data while app-db-main is created")
		assert.Contains(t, f.Message, "pulumi.Aliases")
	})

	t.Run("replace-forcing input", func(t *testing.T) {
		d := plan.Compare(old, base.set("app-db-primary", "storageEncrypted", false).set("app-sessions-table", "hashKey", "pk").build(t))
		require.Len(t, d.Flags, 2)
		for _, f := range d.Flags {
			assert.Equal(t, "replace", f.Action)
			assert.Contains(t, f.Message, "would be REPLACED")
		}
		assert.Contains(t, d.Flags[0].Message+d.Flags[1].Message, "storageEncrypted: encryption at rest is fixed at creation")
		assert.Contains(t, d.Flags[0].Message+d.Flags[1].Message, "hashKey: the partition key is fixed at creation")
	})

	t.Run("cache engine redis to valkey is in place, transit encryption on valkey too", func(t *testing.T) {
		redis := viaJSON(t, base.set("app-cache-rg", "engine", "redis").set("app-cache-rg", "transitEncryptionEnabled", false).build(t))
		d := plan.Compare(redis, base.set("app-cache-rg", "transitEncryptionEnabled", true).build(t))
		assert.Empty(t, d.Flags)
		d = plan.Compare(viaJSON(t, base.set("app-cache-rg", "engine", "redis").set("app-cache-rg", "engineVersion", "6.2").build(t)),
			base.set("app-cache-rg", "engine", "redis").set("app-cache-rg", "engineVersion", "6.2").set("app-cache-rg", "transitEncryptionEnabled", true).build(t))
		require.Len(t, d.Flags, 1, "Redis OSS 6 cannot turn on TLS in place")
	})
}

// TestStackDiffWithConfigOverride diffs the real prod stack against itself with one AZ fewer:
// the VPC's inputs change and the NAT gateway of the third AZ leaves the cost (other
// components may shrink too: an ALB has one public address per AZ).
func TestStackDiffWithConfigOverride(t *testing.T) {
	pr, err := plan.LoadPrices("us-east-1")
	require.NoError(t, err)
	old, err := plan.FromStack(plan.Options{Root: "../..", Stack: "prod"})
	require.NoError(t, err)
	next, err := plan.FromStack(plan.Options{Root: "../..", Stack: "prod", Overrides: map[string]string{"tenk:network": `{"availabilityZoneCount": 2}`}})
	require.NoError(t, err)
	d := plan.Compare(viaJSON(t, old), next)
	var vpc *plan.Change
	for i := range d.Changed {
		if d.Changed[i].Type == "awsx:ec2:Vpc" {
			vpc = &d.Changed[i]
		}
	}
	require.NotNil(t, vpc, "the VPC changes")
	assert.Contains(t, vpc.Inputs, plan.InputChange{Path: "availabilityZoneNames.2", Old: "us-east-1c", New: ""})
	var vpcCost *plan.ResourceDelta
	for i := range d.Cost.Resources {
		if d.Cost.Resources[i].Type == "awsx:ec2:Vpc" {
			vpcCost = &d.Cost.Resources[i]
		}
	}
	require.NotNil(t, vpcCost)
	assert.InDelta(t, -(pr.NATGatewayHour+pr.PublicIPv4Hour)*pr.HoursPerMonth, vpcCost.Delta, 0.011)
	assert.LessOrEqual(t, d.Cost.Delta, vpcCost.Delta, "nothing else grows with fewer AZs")
}
