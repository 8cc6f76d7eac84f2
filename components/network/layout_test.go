package network

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLayoutFor(t *testing.T) {
	for _, tc := range []struct {
		cidr string
		want Layout
	}{
		{"10.0.0.0/16", Layout{AvailabilityZoneMask: 18, PrivateMask: 19, PublicMask: 21, IsolatedMask: 21}},
		{"172.16.0.0/20", Layout{AvailabilityZoneMask: 22, PrivateMask: 23, PublicMask: 25, IsolatedMask: 25}},
	} {
		got, err := LayoutFor(tc.cidr)
		require.NoError(t, err)
		assert.Equal(t, tc.want, got, tc.cidr)
		// Per AZ: half private, an eighth public, an eighth isolated: never more than the AZ's range.
		azSize := 1 << (32 - got.AvailabilityZoneMask)
		used := 1<<(32-got.PrivateMask) + 1<<(32-got.PublicMask) + 1<<(32-got.IsolatedMask)
		assert.LessOrEqual(t, used, azSize)
	}
}

func TestRegionFromAvailabilityZone(t *testing.T) {
	assert.Equal(t, "us-east-1", region("us-east-1a"))
	assert.Equal(t, "ap-southeast-2", region("ap-southeast-2c"))
}
