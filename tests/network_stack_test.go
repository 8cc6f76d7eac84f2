package tests_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/components/network"
	"github.com/tenkstack/tenk/internal/offline/providers"
	"github.com/tenkstack/tenk/internal/testkit"
	"github.com/tenkstack/tenk/stacks"
)

// Each stack's awsx Vpc inputs pass awsx v2.21.0's own allocation and validation (the mocks'
// validator already fails the run otherwise) and create exactly the documented layout.
func TestStackSubnetsAreTheDocumentedLayout(t *testing.T) {
	for stack, azCount := range map[string]int{"dev": 2, "prod": 3} {
		t.Run(stack, func(t *testing.T) {
			m := runStack(t, stack, nil)
			vpc := m.One(t, "awsx:ec2:Vpc")
			created, err := providers.ReplayAwsxVpc(vpc)
			require.NoError(t, err)
			azs := vpc.Strings("availabilityZoneNames")
			require.Len(t, azs, azCount)
			want, err := network.SubnetLayout(vpc.String("cidrBlock"), azs)
			require.NoError(t, err)
			require.Len(t, created, len(want))
			for i, s := range want {
				assert.Equal(t, s.CidrBlock, created[i].CidrBlock, created[i].Name)
				assert.Equal(t, s.AvailabilityZone, created[i].AvailabilityZone, created[i].Name)
			}
		})
	}
}

// The stacks choose AZs that offer the web tier's instance type.
func TestStackAzsOfferTheWebInstanceType(t *testing.T) {
	for stack, instanceType := range map[string]string{"dev": "t4g.small", "prod": "m7g.large"} {
		t.Run(stack, func(t *testing.T) {
			m := runStack(t, stack, nil)
			var asked []string
			for _, inv := range m.Invokes() {
				if inv.Token == "aws:ec2/getInstanceTypeOfferings:getInstanceTypeOfferings" {
					asked = append(asked, testkit.Resource{Inputs: inv.Args}.Strings("filters.0.values")...)
				}
			}
			assert.Equal(t, []string{instanceType}, asked)
			for _, az := range m.One(t, "awsx:ec2:Vpc").Strings("availabilityZoneNames") {
				assert.NotEqual(t, "us-east-1e", az, "us-east-1e does not offer %s", instanceType)
			}
		})
	}
}

// Too few AZs offer the configured type: the error names the config keys to change, never the
// component's fields.
func TestStackAzShortageNamesConfigKeys(t *testing.T) {
	m, err := testkit.Run(stacks.Run, testkit.RunOptions{Stack: "prod", Config: stackConfig(t, "prod", map[string]string{
		"tenk:web": `{"instanceType": "p5.48xlarge"}`,
	})})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "tenk:network.availabilityZoneCount is 3 but only 2 AZs of us-east-1 offer tenk:web.instanceType p5.48xlarge (offered in us-east-1a, us-east-1c; not in us-east-1b, us-east-1d, us-east-1e, us-east-1f): set tenk:network.availabilityZoneCount to 2, or set tenk:web.instanceType to a type offered in 3 AZs")
	assert.NotContains(t, err.Error(), "AvailabilityZoneCount")
	assert.NotContains(t, err.Error(), "RequiredInstanceTypes")
	assert.Empty(t, m.ByType("awsx:ec2:Vpc"))

	_, err = testkit.Run(stacks.Run, testkit.RunOptions{Stack: "prod", Config: stackConfig(t, "prod", map[string]string{
		"tenk:network": `{"availabilityZoneCount": 2}`, "tenk:web": `{"instanceType": "p5.48xlarge"}`,
	})})
	require.NoError(t, err, "two AZs offer it: lowering tenk:network.availabilityZoneCount is enough")
}
