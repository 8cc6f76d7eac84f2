package database_test

import (
	"fmt"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/components/database"
	"github.com/tenkstack/tenk/internal/offline/monitor"
	"github.com/tenkstack/tenk/internal/offline/providers"
	"github.com/tenkstack/tenk/internal/testkit"
)

// memberAZs returns the AZ input of the primary and of each replica, and checks every member
// ignores later changes of it (a changed AZ replaces an RDS instance).
func memberAZs(t *testing.T, m *testkit.Mocks, replicas int) (string, []string) {
	t.Helper()
	primary, ok := m.Named(instanceType, "db-primary")
	require.True(t, ok)
	assert.Contains(t, primary.IgnoreChanges, "availabilityZone")
	out := make([]string, replicas)
	for i := range out {
		r, ok := m.Named(instanceType, fmt.Sprintf("db-replica-%d", i))
		require.True(t, ok)
		assert.Contains(t, r.IgnoreChanges, "availabilityZone", r.Name)
		out[i] = r.String("availabilityZone")
	}
	return primary.String("availabilityZone"), out
}

// TestSingleAZPrimaryKeepsItsReplicasInOtherAZs is the defect of issue 24: beside a single-AZ
// primary, replica 0 was placed in the first AZ, where RDS could put the primary too.
func TestSingleAZPrimaryKeepsItsReplicasInOtherAZs(t *testing.T) {
	args := prodArgs(3)
	args.MultiAZ = pulumi.BoolRef(false)
	m, _ := build(t, args)
	primary, replicas := memberAZs(t, m, 3)
	assert.Equal(t, "us-east-1a", primary)
	assert.Equal(t, []string{"us-east-1b", "us-east-1c", "us-east-1b"}, replicas)
	assert.Equal(t, database.PlaceReplicas(threeAZs, false, 3), database.Placement{Primary: primary, Replicas: replicas})
}

// TestMultiAZPrimaryIsNotPinned: RDS refuses an AZ for a Multi-AZ instance; its replicas spread
// over every AZ.
func TestMultiAZPrimaryIsNotPinned(t *testing.T) {
	m, _ := build(t, prodArgs(4))
	primary, replicas := memberAZs(t, m, 4)
	assert.Empty(t, primary)
	assert.Equal(t, []string{"us-east-1a", "us-east-1b", "us-east-1c", "us-east-1a"}, replicas)
}

// TestReplicasAvoidThePrimarysActualAZ: a single-AZ primary created before tenk pinned it runs
// where RDS put it (here the second AZ) and is not moved (its AZ change is ignored); new
// replicas avoid that AZ, not the pinned one.
func TestReplicasAvoidThePrimarysActualAZ(t *testing.T) {
	var rdsOutputs monitor.OutputStub
	for _, s := range providers.All() {
		if s.Token == instanceType {
			rdsOutputs = s.Outputs
		}
	}
	require.NotNil(t, rdsOutputs)
	existing := monitor.Stub{Token: instanceType, Outputs: func(r monitor.Resource) resource.PropertyMap {
		out := rdsOutputs(r)
		if r.Name == "db-primary" {
			out["availabilityZone"] = resource.NewProperty("us-east-1b")
		}
		return out
	}}
	args := prodArgs(3)
	args.MultiAZ = pulumi.BoolRef(false)
	m := testkit.MustRun(t, func(ctx *pulumi.Context) error {
		_, err := database.NewRdsWithReplicas(ctx, "db", args)
		return err
	}, testkit.RunOptions{Mocks: testkit.NewMocks(existing)})
	_, replicas := memberAZs(t, m, 3)
	assert.Equal(t, []string{"us-east-1a", "us-east-1c", "us-east-1a"}, replicas)
}
