package ingress_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/components/internal/ingress"
	"github.com/tenkstack/tenk/internal/testkit"
)

func TestOneRulePerPeer(t *testing.T) {
	m := testkit.MustRun(t, func(ctx *pulumi.Context) error {
		_, err := ingress.FromSecurityGroups(ctx, "db", pulumi.String("sg-db"),
			[]pulumi.StringInput{pulumi.String("sg-web"), pulumi.String("sg-worker")}, 5432, "postgres from the app")
		return err
	}, testkit.RunOptions{})
	rules := m.ByType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
	require.Len(t, rules, 2)
	for i, peer := range []string{"sg-web", "sg-worker"} {
		r := rules[i]
		assert.Equal(t, "db-from-sg-"+string(rune('0'+i)), r.Name)
		assert.Equal(t, "sg-db", r.String("securityGroupId"))
		assert.Equal(t, peer, r.String("referencedSecurityGroupId"))
		assert.Equal(t, "tcp", r.String("ipProtocol"))
		assert.Equal(t, float64(5432), r.Number("fromPort"))
		assert.Equal(t, float64(5432), r.Number("toPort"))
		assert.False(t, r.Has("cidrIpv4"), "peers are groups, never address ranges")
	}
}

func TestNoPeersNoRules(t *testing.T) {
	m := testkit.MustRun(t, func(ctx *pulumi.Context) error {
		_, err := ingress.FromSecurityGroups(ctx, "db", pulumi.String("sg-db"), nil, 5432, "none")
		return err
	}, testkit.RunOptions{})
	assert.Empty(t, m.Resources())
}
